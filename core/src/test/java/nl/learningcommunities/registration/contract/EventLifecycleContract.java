package nl.learningcommunities.registration.contract;

import static nl.learningcommunities.registration.testing.TestEvents.NOW;
import static nl.learningcommunities.registration.testing.TestEvents.at;
import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static nl.learningcommunities.registration.testing.TestEvents.session;
import static nl.learningcommunities.registration.testing.TestParticipants.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.StorageException;
import nl.learningcommunities.registration.application.ActionOutcome;
import nl.learningcommunities.registration.application.CapacityOutcome;
import nl.learningcommunities.registration.application.ChangePreview;
import nl.learningcommunities.registration.application.EventOutcome;
import nl.learningcommunities.registration.application.ImportReport;
import nl.learningcommunities.registration.application.MessageOutcome;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.ParticipantMessage;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.booking.Admission;
import nl.learningcommunities.registration.booking.NotificationPlan;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.booking.SeatCounts;
import nl.learningcommunities.registration.booking.SeatPlan;
import nl.learningcommunities.registration.booking.SessionChoice;
import nl.learningcommunities.registration.booking.StatusChange;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.eligibility.InvitationCode;
import nl.learningcommunities.registration.eligibility.Invitations;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventCatalogue;
import nl.learningcommunities.registration.event.EventRevision;
import nl.learningcommunities.registration.event.EventStatus;
import nl.learningcommunities.registration.event.FieldChange;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.event.OrganiserAccess;
import nl.learningcommunities.registration.event.RegistrationWindow;
import nl.learningcommunities.registration.event.Session;
import nl.learningcommunities.registration.event.StoredEvent;
import nl.learningcommunities.registration.json.EventDefinitions;
import nl.learningcommunities.registration.notification.NotificationOutbox;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.notification.OutboxEntry;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.rule.Reason;
import nl.learningcommunities.registration.testing.ForwardingEventCatalogue;
import nl.learningcommunities.registration.testing.Mailbox;
import nl.learningcommunities.registration.testing.MutableClock;

/**
 * What every store adapter must do for the life of an event once the store owns it: its {@link EventCatalogue}
 * keeps numbered revisions as a compare-and-set, and with its {@link RegistrationStore} and
 * {@link NotificationOutbox} it carries organisers' creations, edits, capacity changes, seats given, copies,
 * closing, reopening and cancelling, imports of definition files merged three ways, and organisers' messages. An
 * adapter's tests extend this class and say how to make a fresh, empty {@link Node}, and how to build new adapter
 * objects on the same data ({@link #restartedNode}), so that the suite can restart the application as a portal
 * does: a fresh engine on fresh adapters, importing its definition files again. The suite drives the engine, as a
 * host would. Published in the core's test-jar.
 */
public abstract class EventLifecycleContract {

    /**
     * One application node's adapters: the store, the outbox it writes into, and the event catalogue.
     *
     * @param store     the registration store
     * @param outbox    its outbox
     * @param catalogue the event catalogue
     */
    public record Node(RegistrationStore store, NotificationOutbox outbox, EventCatalogue catalogue) {
        /** Checks the components. */
        public Node {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(outbox, "outbox");
            Objects.requireNonNull(catalogue, "catalogue");
        }
    }

    /** @return a node on fresh, empty storage */
    protected abstract Node newNode();

    /**
     * The same storage after the application restarted, or as a second application node sees it: new adapter
     * objects (new connections, nothing cached) on the same data. Stores that live in memory return the same
     * objects, which is the default.
     *
     * @param first the node the test started with
     * @return new adapters on the same data
     */
    protected Node restartedNode(Node first) {
        return first;
    }

    private static final EventDefinitions FILES = EventDefinitions.create();
    private static final String MELINA = "Melina Groen";
    private static final String JOOST = "Joost de Wit";
    private static final String ORGANISERS_GROUP = "urn:collab:group:surfconext.nl:nl:surfnet:diensten:lc-organisers";

    /** The node the test started with. */
    protected Node node;
    /** The clock of every engine the test builds. */
    protected MutableClock clock;
    /** The engine on {@link #node}. */
    protected RegistrationEngine engine;
    /** What {@link #node}'s outbox holds per registration. */
    protected Mailbox mailbox;

    @BeforeEach
    void startTheFirstNode() {
        node = newNode();
        clock = MutableClock.at(NOW);
        engine = engineOn(node);
        mailbox = new Mailbox(node.outbox());
    }

    /**
     * @param on a node
     * @return an engine on its adapters, with the test's clock
     */
    protected RegistrationEngine engineOn(Node on) {
        return RegistrationEngine.builder().eventCatalogue(on.catalogue()).registrationStore(on.store())
                .notificationOutbox(on.outbox()).clock(clock).build();
    }

    // ---------------------------------------------------------------- the catalogue's compare-and-set

    @Test
    void the_first_revision_is_stored_only_for_an_event_the_catalogue_does_not_know() {
        Event first = meeting("eerste", 10).build();
        Event other = meeting("eerste", 20).build();

        boolean stored = node.catalogue().save(revision(1, first, "import", "imported"), Optional.of(first));
        boolean again = node.catalogue().save(revision(1, other, MELINA, "created"), Optional.empty());

        assertThat(stored).isTrue();
        assertThat(again).isFalse();
        assertThat(node.catalogue().stored("eerste")).contains(new StoredEvent(first, 1, Optional.of(first)));
        assertThat(node.catalogue().history("eerste")).extracting(EventRevision::actor).containsExactly("import");
        assertThat(node.catalogue().stored("onbekend")).isEmpty();
        assertThat(node.catalogue().find("onbekend")).isEmpty();
        assertThat(node.catalogue().history("onbekend")).isEmpty();
    }

    @Test
    void revision_n_plus_one_is_stored_only_on_revision_n() {
        node.catalogue().save(revision(1, meeting("volgorde", 10).build(), "import", "imported"), Optional.empty());

        boolean skipping = node.catalogue().save(revision(3, meeting("volgorde", 30).build(), MELINA, "updated"),
                Optional.empty());
        boolean next = node.catalogue().save(revision(2, meeting("volgorde", 20).build(), MELINA, "updated"),
                Optional.empty());
        boolean sameAgain = node.catalogue().save(revision(2, meeting("volgorde", 25).build(), JOOST, "updated"),
                Optional.empty());

        assertThat(skipping).isFalse();
        assertThat(next).isTrue();
        assertThat(sameAgain).isFalse();
        assertThat(node.catalogue().stored("volgorde").orElseThrow().revision()).isEqualTo(2);
        assertThat(node.catalogue().find("volgorde").orElseThrow().capacity()).hasValue(20);
        assertThat(node.catalogue().history("volgorde")).extracting(EventRevision::number).containsExactly(1L, 2L);
    }

    @Test
    void of_two_nodes_racing_for_the_same_next_revision_exactly_one_wins() throws Exception {
        EventCatalogue here = node.catalogue();
        EventCatalogue there = restartedNode(node).catalogue();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int n = 1; n <= 12; n++) {
                EventRevision mine = revision(n, meeting("wedloop", 100 + n).build(), "node-a", "updated");
                EventRevision theirs = revision(n, meeting("wedloop", 200 + n).build(), "node-b", "updated");
                CountDownLatch start = new CountDownLatch(1);
                Future<Boolean> a = threads.submit(() -> {
                    start.await();
                    return here.save(mine, Optional.empty());
                });
                Future<Boolean> b = threads.submit(() -> {
                    start.await();
                    return there.save(theirs, Optional.empty());
                });
                start.countDown();
                boolean aWon = a.get(1, TimeUnit.MINUTES);
                boolean bWon = b.get(1, TimeUnit.MINUTES);

                assertThat(aWon ^ bWon).as("exactly one of the two saves of revision %d is stored (a: %s, b: %s)",
                        n, aWon, bWon).isTrue();
                EventRevision winner = aWon ? mine : theirs;
                assertThat(there.stored("wedloop").orElseThrow()).isEqualTo(new StoredEvent(winner.event(), n,
                        Optional.empty()));
                assertThat(here.history("wedloop")).hasSize(n).last().isEqualTo(winner);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void a_save_that_passes_no_import_keeps_the_base_of_the_last_import() {
        Event file = meeting("basis", 10).build();
        Event edited = file.toBuilder().capacity(OptionalInt.of(15)).build();
        Event newFile = file.toBuilder().description(LocalizedText.of("Nieuw", "New")).build();

        node.catalogue().save(revision(1, file, "import", "imported"), Optional.of(file));
        node.catalogue().save(revision(2, edited, MELINA, "capacity-changed"), Optional.empty());
        StoredEvent afterEdit = node.catalogue().stored("basis").orElseThrow();
        node.catalogue().save(revision(3, edited.toBuilder().description(newFile.description()).build(), "import",
                "imported"), Optional.of(newFile));

        assertThat(afterEdit).isEqualTo(new StoredEvent(edited, 2, Optional.of(file)));
        assertThat(restartedNode(node).catalogue().stored("basis").orElseThrow().imported()).contains(newFile);
    }

    @Test
    void the_history_keeps_every_revision_in_order_with_its_actor_action_changes_and_event() {
        Event created = meeting("geschiedenis", 10).build();
        Event renamed = created.toBuilder().title(LocalizedText.of("Zoë’s bijeenkomst 🎉", "Zoë’s meeting ✓")).build();
        Event larger = renamed.toBuilder().capacity(OptionalInt.of(12)).build();
        List<EventRevision> revisions = List.of(
                new EventRevision("geschiedenis", 1, NOW, "import", "imported", List.of(), created),
                new EventRevision("geschiedenis", 2, NOW.plusSeconds(60), "Zoë Ørsted-Ünal 😀", "updated",
                        List.of(new FieldChange("title", "nl: Learning Communities in hbo en mbo",
                                "nl: Zoë’s bijeenkomst 🎉 | en: Zoë’s meeting ✓ — שלום")), renamed),
                new EventRevision("geschiedenis", 3, NOW.plusSeconds(120).plusNanos(123_000), MELINA,
                        "capacity-changed", List.of(new FieldChange("capacity", "10", "12")), larger));

        revisions.forEach(r -> assertThat(node.catalogue().save(r, Optional.empty())).isTrue());

        assertThat(restartedNode(node).catalogue().history("geschiedenis")).containsExactlyElementsOf(revisions);
        assertThat(node.catalogue().find("geschiedenis")).contains(larger);
    }

    @Test
    void every_event_is_listed_by_its_start_then_by_its_id() {
        for (Event event : List.of(meeting("b-dag", 10).build(),
                meeting("later", 10).startsAt(at(2027, 6, 14, 9)).endsAt(at(2027, 6, 14, 12)).build(),
                meeting("a1", 10).build(),
                meeting("vroeg", 10).startsAt(at(2027, 6, 1, 9)).endsAt(at(2027, 6, 1, 12)).build(),
                meeting("a-2", 10).build(),
                meeting("zelfde-moment-utc", 10).startsAt(at(2027, 6, 9, 13).withZoneSameInstant(
                        ZoneOffset.UTC)).build())) {
            node.catalogue().save(revision(1, event, "import", "imported"), Optional.empty());
        }

        assertThat(node.catalogue().all()).extracting(Event::id)
                .containsExactly("vroeg", "a-2", "a1", "b-dag", "zelfde-moment-utc", "later");
        assertThat(restartedNode(node).catalogue().all()).extracting(Event::id)
                .containsExactly("vroeg", "a-2", "a1", "b-dag", "zelfde-moment-utc", "later");
    }

    // ---------------------------------------------------------------- organisers create and edit

    @Test
    void a_created_event_is_revision_one_and_creating_another_with_its_id_is_refused() {
        Event event = meeting("nieuw", 10).build();

        EventOutcome created = engine.events().create(event, MELINA);
        EventOutcome again = engine.events().create(meeting("nieuw", 99).build(), JOOST);

        assertThat(created).isEqualTo(new EventOutcome.Saved(new StoredEvent(event, 1, Optional.empty()), List.of(), 0));
        assertThat(again).isInstanceOf(EventOutcome.Refused.class);
        assertThat(((EventOutcome.Refused) again).reasons()).extracting(Reason::code, Reason::field)
                .containsExactly(tuple("event.exists", Optional.of("id")));
        assertThat(engine.events().stored("nieuw")).contains(new StoredEvent(event, 1, Optional.empty()));
        assertThat(engine.events().history("nieuw")).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo("created");
            assertThat(r.actor()).isEqualTo(MELINA);
        });
        assertThat(engine.events().counts("nieuw").capacity()).hasValue(10);
    }

    @Test
    void an_update_on_the_current_revision_makes_the_next_one_with_the_fields_it_changed() {
        Event event = created(meeting("bewerken", 10).build());
        Event changed = event.toBuilder().title(LocalizedText.of("Nieuwe titel", "New title"))
                .venue(Optional.of("Jaarbeurs, Utrecht")).build();
        clock.advance(Duration.ofMinutes(5));

        EventOutcome outcome = engine.events().update("bewerken", 1, changed, MELINA);

        assertThat(outcome).isInstanceOf(EventOutcome.Saved.class);
        EventOutcome.Saved saved = (EventOutcome.Saved) outcome;
        assertThat(saved.event().revision()).isEqualTo(2);
        assertThat(saved.changes()).extracting(FieldChange::field).containsExactly("title", "venue");
        assertThat(saved.changes().get(1)).isEqualTo(new FieldChange("venue", "", "Jaarbeurs, Utrecht"));
        assertThat(engine.events().find("bewerken")).contains(changed);
        assertThat(engine.events().history("bewerken")).hasSize(2).last().satisfies(r -> {
            assertThat(r.number()).isEqualTo(2);
            assertThat(r.actor()).isEqualTo(MELINA);
            assertThat(r.action()).isEqualTo("updated");
            assertThat(r.at()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
            assertThat(r.changes()).isEqualTo(saved.changes());
            assertThat(r.event()).isEqualTo(changed);
        });
    }

    @Test
    void an_organisers_access_list_is_a_revision_field_that_tells_nobody_and_survives_a_restart() {
        Event event = created(meeting("toegang", 10).build());
        register(event, 1);
        OrganiserAccess access = OrganiserAccess.of(List.of("Anna@HU.example.org"), List.of(ORGANISERS_GROUP));
        Event changed = event.toBuilder().organiserAccess(access).build();

        ChangePreview preview = engine.events().preview(event.id(), changed);
        EventOutcome outcome = engine.events().update(event.id(), 1, changed, MELINA);

        assertThat(preview.changes()).extracting(FieldChange::field).containsExactly("organiserAccess");
        assertThat(preview.material()).isFalse();
        assertThat(preview.notified()).isZero();
        assertThat(((EventOutcome.Saved) outcome).changes()).containsExactly(new FieldChange("organiserAccess", "",
                "emails: Anna@hu.example.org | groups: " + ORGANISERS_GROUP));
        Node restarted = restartedNode(node);
        Event stored = restarted.catalogue().find(event.id()).orElseThrow();
        assertThat(stored.organiserAccess()).isEqualTo(access);
        assertThat(stored.organiserAccess().permits(Optional.of(EmailAddress.of("anna@hu.example.org")), Set.of()))
                .isTrue();
        assertThat(restarted.catalogue().history(event.id())).last()
                .satisfies(r -> assertThat(r.event().organiserAccess()).isEqualTo(access));
        assertThat(mailbox.types(node.store().list(RegistrationQuery.all(event.id())).get(0).id()))
                .containsExactly(NotificationType.CONFIRMATION);
    }

    @Test
    void of_two_organisers_editing_the_same_revision_the_second_is_told_it_is_stale_and_no_change_is_lost() {
        Event read = created(meeting("samen", 10).build());
        Event melinas = read.toBuilder().title(LocalizedText.of("Titel van Melina", "Melina's title")).build();
        Event joosts = read.toBuilder().description(LocalizedText.of("Tekst van Joost", "Joost's text")).build();

        EventOutcome first = engine.events().update("samen", 1, melinas, MELINA);
        EventOutcome second = engine.events().update("samen", 1, joosts, JOOST);

        assertThat(first).isInstanceOf(EventOutcome.Saved.class);
        assertThat(second).isEqualTo(new EventOutcome.Stale(new StoredEvent(melinas, 2, Optional.empty())));
        assertThat(engine.events().find("samen")).contains(melinas);
        assertThat(engine.events().history("samen")).extracting(EventRevision::actor).containsExactly(MELINA, MELINA);

        StoredEvent current = ((EventOutcome.Stale) second).current();
        EventOutcome retried = engine.events().update("samen", current.revision(),
                current.event().toBuilder().description(joosts.description()).build(), JOOST);

        assertThat(retried).isInstanceOf(EventOutcome.Saved.class);
        Event both = engine.events().find("samen").orElseThrow();
        assertThat(both.title()).isEqualTo(melinas.title());
        assertThat(both.description()).isEqualTo(joosts.description());
        assertThat(engine.events().history("samen")).extracting(EventRevision::actor)
                .containsExactly(MELINA, MELINA, JOOST);
    }

    @Test
    void a_cancelled_event_cannot_be_updated() {
        Event event = created(meeting("afgelast-bewerken", 10).build());
        engine.events().cancel(event.id(), "De zaal is niet beschikbaar", MELINA);
        long revision = engine.events().stored(event.id()).orElseThrow().revision();

        EventOutcome outcome = engine.events().update(event.id(), revision,
                event.toBuilder().title(LocalizedText.of("Toch", "After all")).build(), MELINA);

        assertThat(outcome).isInstanceOf(EventOutcome.Refused.class);
        assertThat(((EventOutcome.Refused) outcome).reasons()).extracting(Reason::code).containsExactly("event.cancelled");
        assertThat(engine.events().stored(event.id()).orElseThrow().revision()).isEqualTo(revision);
        assertThat(engine.events().find(event.id()).orElseThrow().status()).isEqualTo(EventStatus.CANCELLED);
    }

    @Test
    void every_change_to_an_event_is_the_next_numbered_revision_naming_who_made_it() {
        Event event = created(meeting("levensloop", 10).build());
        engine.events().update(event.id(), 1, event.toBuilder().title(LocalizedText.of("Twee", "Two")).build(), JOOST);
        engine.organising().changeCapacity(event.id(), Optional.empty(), OptionalInt.of(12), MELINA);
        engine.events().close(event.id(), JOOST);
        engine.events().reopen(event.id(), MELINA);
        engine.events().cancel(event.id(), "Te weinig aanmeldingen", JOOST);

        assertThat(engine.events().history(event.id())).extracting(EventRevision::number, EventRevision::action,
                EventRevision::actor).containsExactly(
                tuple(1L, "created", MELINA),
                tuple(2L, "updated", JOOST),
                tuple(3L, "capacity-changed", MELINA),
                tuple(4L, "closed", JOOST),
                tuple(5L, "reopened", MELINA),
                tuple(6L, "cancelled", JOOST));
        assertThat(restartedNode(node).catalogue().history(event.id()).get(5).event().cancellationReason())
                .contains("Te weinig aanmeldingen");
    }

    @Test
    void an_organiser_who_loses_the_race_for_the_next_revision_leaves_the_seats_as_the_winners_revision_says() {
        Event event = created(meeting("gelijktijdig", 10).build());
        for (int n = 1; n <= 4; n++) {
            register(event, n);
        }
        InterleavingCatalogue interleaving = new InterleavingCatalogue(node.catalogue());
        RegistrationEngine organisers = engineOn(new Node(node.store(), node.outbox(), interleaving));
        List<EventOutcome> joosts = new ArrayList<>();
        // Melina's capacity of 5 is in the store; before her revision is stored, Joost edits the same revision to 20,
        // three people register under his seats, and then her revision is stored before his.
        interleaving.beforeNextSave(melinasRevision -> {
            interleaving.beforeNextSave(joostsRevision -> {
                for (int n = 5; n <= 7; n++) {
                    register(event, n);
                }
                assertThat(melinasRevision.getAsBoolean()).isTrue();
            });
            joosts.add(organisers.events().update(event.id(), 1, event.toBuilder().capacity(OptionalInt.of(20))
                    .build(), JOOST));
        });

        EventOutcome melinas = organisers.events().update(event.id(), 1, event.toBuilder()
                .capacity(OptionalInt.of(5)).build(), MELINA);

        assertThat(joosts).singleElement().isInstanceOf(EventOutcome.Stale.class);
        OptionalInt published = engine.events().find(event.id()).orElseThrow().capacity();
        SeatCounts seats = engine.events().counts(event.id());
        assertThat(seats.capacity()).as("the store's capacity against the event's (Melina's outcome: %s)", melinas.getClass().getSimpleName())
                .isEqualTo(published);
        assertThat(seats.confirmed()).as("confirmed participants").isLessThanOrEqualTo(published.orElse(
                Integer.MAX_VALUE));
    }

    @Test
    void a_capacity_the_store_refuses_after_its_revision_was_stored_is_taken_back_even_when_another_revision_followed() {
        Event event = created(meeting("teruggedraaid", 10).build());
        for (int n = 1; n <= 4; n++) {
            register(event, n);
        }
        InterleavingCatalogue interleaving = new InterleavingCatalogue(node.catalogue());
        RegistrationEngine organisers = engineOn(new Node(node.store(), node.outbox(), interleaving));
        List<EventOutcome> joosts = new ArrayList<>();
        // Melina's capacity of 5 is stored as revision 2; before her seats are defined, three people register and
        // Joost retitles revision 2.
        interleaving.beforeNextSave(melinasRevision -> {
            assertThat(melinasRevision.getAsBoolean()).isTrue();
            for (int n = 5; n <= 7; n++) {
                register(event, n);
            }
            StoredEvent read = engine.events().stored(event.id()).orElseThrow();
            joosts.add(engine.events().update(event.id(), read.revision(), read.event().toBuilder()
                    .title(LocalizedText.of("Titel van Joost", "Joost's title")).build(), JOOST));
        });

        EventOutcome melinas = organisers.events().update(event.id(), 1, event.toBuilder()
                .capacity(OptionalInt.of(5)).build(), MELINA);

        assertThat(joosts).singleElement().isInstanceOf(EventOutcome.Saved.class);
        assertThat(melinas).isInstanceOf(EventOutcome.Refused.class);
        OptionalInt published = engine.events().find(event.id()).orElseThrow().capacity();
        SeatCounts seats = engine.events().counts(event.id());
        assertThat(seats.confirmed()).isEqualTo(7);
        assertThat(published).as("the event's capacity, after the store refused 5 for 7 confirmed").hasValue(10);
        assertThat(seats.capacity()).as("the store's capacity").isEqualTo(published);
        assertThat(engine.events().find(event.id()).orElseThrow().title()).as("Joost's title")
                .isEqualTo(LocalizedText.of("Titel van Joost", "Joost's title"));
    }

    @Test
    void a_capacity_change_that_failed_half_way_is_completed_by_trying_again() {
        Event event = imported(meeting("halverwege", 2).build());
        register(event, 1);
        register(event, 2);
        Registration waiting = register(event, 3);
        StoreThatFailsOnce failing = new StoreThatFailsOnce(node.store());
        RegistrationEngine unlucky = engineOn(new Node(failing, node.outbox(), node.catalogue()));

        failing.failNextSeatDefinition();
        Throwable failure = catchThrowable(() ->
                unlucky.organising().changeCapacity(event.id(), Optional.empty(), OptionalInt.of(5), MELINA));
        CapacityOutcome retried = engine.organising().changeCapacity(event.id(), Optional.empty(), OptionalInt.of(5),
                MELINA);

        assertThat(failure).isInstanceOf(StorageException.class).hasMessageContaining("the database went away");
        assertThat(retried).isInstanceOf(CapacityOutcome.Changed.class);
        assertThat(engine.events().counts(event.id()).capacity()).as("the store's capacity").hasValue(5);
        assertThat(engine.events().find(event.id()).orElseThrow().capacity()).as("the event's capacity").hasValue(5);
        assertThat(node.store().find(waiting.id()).orElseThrow().status()).isEqualTo(RegistrationStatus.CONFIRMED);
    }

    // ---------------------------------------------------------------- capacity and seats given are revisions

    @Test
    void a_capacity_change_is_a_revision_made_by_the_organiser() {
        Event event = imported(meeting("capaciteit", 2).build());
        register(event, 1);
        register(event, 2);
        Registration waiting = register(event, 3);

        CapacityOutcome outcome = engine.organising().changeCapacity(event.id(), Optional.empty(), OptionalInt.of(5),
                MELINA);

        assertThat(outcome).isInstanceOf(CapacityOutcome.Changed.class);
        assertThat(engine.events().stored(event.id()).orElseThrow().revision()).isEqualTo(2);
        assertThat(engine.events().find(event.id()).orElseThrow().capacity()).hasValue(5);
        assertThat(engine.events().history(event.id())).last().satisfies(r -> {
            assertThat(r.action()).isEqualTo("capacity-changed");
            assertThat(r.actor()).isEqualTo(MELINA);
            assertThat(r.changes()).containsExactly(new FieldChange("capacity", "2", "5"));
        });
        assertThat(node.store().find(waiting.id()).orElseThrow().status()).isEqualTo(RegistrationStatus.CONFIRMED);
    }

    @Test
    void a_seat_given_to_someone_waiting_for_a_full_event_is_a_revision_made_by_the_organiser() {
        Event event = imported(meeting("plaats-erbij", 1).build());
        register(event, 1);
        register(event, 2);
        Registration third = register(event, 3);

        ActionOutcome moved = engine.organising().moveToConfirmed(third.id(), MELINA);

        assertThat(moved).isInstanceOf(ActionOutcome.Done.class);
        assertThat(engine.events().find(event.id()).orElseThrow().capacity()).hasValue(2);
        assertThat(engine.events().history(event.id())).hasSize(2).last().satisfies(r -> {
            assertThat(r.action()).isEqualTo("seat-given");
            assertThat(r.actor()).isEqualTo(MELINA);
            assertThat(r.changes()).containsExactly(new FieldChange("capacity", "1", "2"));
        });
    }

    // ---------------------------------------------------------------- what an organiser decided survives a restart

    @Test
    void a_capacity_change_survives_a_restart_that_imports_the_original_file_again() {
        Event file = imported(meeting("herstart-capaciteit", 2).build());
        register(file, 1);
        register(file, 2);
        register(file, 3);
        engine.organising().changeCapacity(file.id(), Optional.empty(), OptionalInt.of(5), MELINA);
        Snapshot before = snapshot(node, file.id());

        Restarted restarted = restartAndImport(file);

        assertThat(restarted.report().of(file.id()).orElseThrow().result()).isEqualTo(ImportReport.Result.UNCHANGED);
        assertNothingChanged(before, snapshot(restarted.node(), file.id()));
        assertThat(restarted.engine().events().find(file.id()).orElseThrow().capacity()).hasValue(5);
    }

    @Test
    void a_seat_given_beyond_the_files_capacity_survives_a_restart_that_imports_the_original_file_again() {
        Event file = imported(meeting("herstart-plaats", 1).build());
        register(file, 1);
        register(file, 2);
        Registration third = register(file, 3);
        engine.organising().moveToConfirmed(third.id(), MELINA);
        Snapshot before = snapshot(node, file.id());

        Restarted restarted = restartAndImport(file);

        assertThat(restarted.report().of(file.id()).orElseThrow().result()).isEqualTo(ImportReport.Result.UNCHANGED);
        assertThat(restarted.report().needsAttention()).isFalse();
        assertNothingChanged(before, snapshot(restarted.node(), file.id()));
        assertThat(restarted.engine().events().counts(file.id()).confirmed()).isEqualTo(2);
    }

    @Test
    void a_cancelled_event_stays_cancelled_after_a_restart_that_imports_the_original_file_again() {
        Event file = imported(meeting("herstart-afgelast", 1).build());
        register(file, 1);
        register(file, 2);
        engine.events().cancel(file.id(), "De spreker is ziek", MELINA);
        Snapshot before = snapshot(node, file.id());

        Restarted restarted = restartAndImport(file);

        assertThat(restarted.report().of(file.id()).orElseThrow().result()).isEqualTo(ImportReport.Result.UNCHANGED);
        assertNothingChanged(before, snapshot(restarted.node(), file.id()));
        assertThat(restarted.engine().events().find(file.id()).orElseThrow().status()).isEqualTo(EventStatus.CANCELLED);
        assertThat(refusal(restarted.engine().registrations().register(registration(file.id(), 9))))
                .contains("event.cancelled");
    }

    @Test
    void a_closed_event_stays_closed_after_a_restart_that_imports_the_original_file_again() {
        Event file = imported(meeting("herstart-gesloten", 5).build());
        register(file, 1);
        engine.events().close(file.id(), MELINA);
        Snapshot before = snapshot(node, file.id());

        Restarted restarted = restartAndImport(file);

        assertNothingChanged(before, snapshot(restarted.node(), file.id()));
        assertThat(refusal(restarted.engine().registrations().register(registration(file.id(), 9))))
                .contains("registration.closed");
    }

    @Test
    void an_edited_event_keeps_its_edits_after_a_restart_that_imports_the_original_file_again() {
        Event file = imported(meeting("herstart-bewerkt", 2).build());
        register(file, 1);
        register(file, 2);
        register(file, 3);
        Event edited = file.toBuilder().title(LocalizedText.of("Bewerkt", "Edited"))
                .startsAt(at(2027, 6, 9, 14)).endsAt(at(2027, 6, 9, 18)).build();
        engine.events().update(file.id(), 1, edited, MELINA);
        Snapshot before = snapshot(node, file.id());

        Restarted restarted = restartAndImport(file);

        assertThat(restarted.report().of(file.id()).orElseThrow().result()).isEqualTo(ImportReport.Result.UNCHANGED);
        assertNothingChanged(before, snapshot(restarted.node(), file.id()));
        assertThat(restarted.engine().events().find(file.id())).contains(edited);
    }

    // ---------------------------------------------------------------- imports merge three ways

    @Test
    void importing_an_unchanged_definition_makes_no_revision_and_tells_nobody() {
        Event file = imported(meeting("ongewijzigd", 1).build());
        register(file, 1);
        register(file, 2);
        Snapshot before = snapshot(node, file.id());

        ImportReport report = engine.events().publishAll(List.of(asReadFromFile(file)));

        assertThat(report.of(file.id()).orElseThrow()).isEqualTo(new ImportReport.EventImport(file.id(),
                ImportReport.Result.UNCHANGED, List.of(), List.of(), List.of(), List.of()));
        assertNothingChanged(before, snapshot(node, file.id()));
    }

    @Test
    void a_field_the_file_changed_is_applied() {
        Event file = imported(meeting("bestand-gewijzigd", 10).build());
        Event newFile = file.toBuilder().description(LocalizedText.of("Nieuwe beschrijving", "New description"))
                .build();

        ImportReport report = engine.events().publishAll(List.of(asReadFromFile(newFile)));

        assertThat(report.of(file.id()).orElseThrow()).isEqualTo(new ImportReport.EventImport(file.id(),
                ImportReport.Result.UPDATED, List.of("description"), List.of(), List.of(), List.of()));
        assertThat(engine.events().find(file.id())).contains(newFile);
        assertThat(engine.events().stored(file.id()).orElseThrow().revision()).isEqualTo(2);
        assertThat(engine.events().history(file.id())).last().satisfies(r -> {
            assertThat(r.actor()).isEqualTo(EventRevision.IMPORT);
            assertThat(r.changes()).extracting(FieldChange::field).containsExactly("description");
        });
    }

    @Test
    void a_field_an_organiser_changed_is_kept_when_the_file_changes_another() {
        Event file = imported(meeting("organisator-gewijzigd", 10).build());
        LocalizedText melinasTitle = LocalizedText.of("Titel van Melina", "Melina's title");
        engine.events().update(file.id(), 1, file.toBuilder().title(melinasTitle).build(), MELINA);
        LocalizedText newDescription = LocalizedText.of("Nieuwe beschrijving", "New description");

        ImportReport report = engine.events().publishAll(List.of(asReadFromFile(
                file.toBuilder().description(newDescription).build())));

        assertThat(report.of(file.id()).orElseThrow()).isEqualTo(new ImportReport.EventImport(file.id(),
                ImportReport.Result.UPDATED, List.of("description"), List.of("title"), List.of(), List.of()));
        Event now = engine.events().find(file.id()).orElseThrow();
        assertThat(now.title()).isEqualTo(melinasTitle);
        assertThat(now.description()).isEqualTo(newDescription);
    }

    @Test
    void a_field_both_the_file_and_an_organiser_changed_is_a_conflict_and_the_organisers_value_stays() {
        Event file = imported(meeting("beide-gewijzigd", 2).build());
        engine.organising().changeCapacity(file.id(), Optional.empty(), OptionalInt.of(5), MELINA);

        ImportReport report = engine.events().publishAll(List.of(asReadFromFile(
                file.toBuilder().capacity(OptionalInt.of(3)).build())));

        assertThat(report.of(file.id()).orElseThrow().conflicts()).containsExactly("capacity");
        assertThat(report.of(file.id()).orElseThrow().applied()).isEmpty();
        assertThat(report.needsAttention()).isTrue();
        assertThat(engine.events().find(file.id()).orElseThrow().capacity()).hasValue(5);
        assertThat(engine.events().counts(file.id()).capacity()).hasValue(5);
    }

    @Test
    void a_file_capacity_below_the_seats_taken_is_refused_for_the_capacity_alone_and_the_rest_applies() {
        Event file = imported(meeting("te-klein", 5).build());
        List<Registration> seated = List.of(register(file, 1), register(file, 2), register(file, 3));
        Event smaller = file.toBuilder().capacity(OptionalInt.of(2))
                .description(LocalizedText.of("Kleinere zaal", "Smaller room")).build();

        ImportReport report = engine.events().publishAll(List.of(asReadFromFile(smaller)));

        ImportReport.EventImport entry = report.of(file.id()).orElseThrow();
        assertThat(entry.result()).isEqualTo(ImportReport.Result.UPDATED);
        assertThat(entry.applied()).containsExactly("description");
        assertThat(entry.refused()).extracting(Reason::code, Reason::field).containsExactly(
                tuple("capacity.below-taken", Optional.of("capacity")));
        Event now = engine.events().find(file.id()).orElseThrow();
        assertThat(now.capacity()).hasValue(5);
        assertThat(now.description()).isEqualTo(smaller.description());
        assertThat(seated).allSatisfy(r -> assertThat(node.store().find(r.id()).orElseThrow().status())
                .isEqualTo(RegistrationStatus.CONFIRMED));
    }

    @Test
    void a_file_capacity_below_the_seats_taken_leaves_the_files_other_session_changes_applied() {
        Event file = imported(meeting("te-klein-sessies", 3).sessions(List.of(session("ronde-1", 13, 14, 10)))
                .build());
        register(file, 1);
        register(file, 2);
        register(file, 3);
        LocalizedText newTitle = LocalizedText.of("Ronde 1: werkplaats", "Round 1: workshop");
        Event smaller = file.toBuilder().capacity(OptionalInt.of(2)).sessions(List.of(new Session("ronde-1",
                newTitle, at(2027, 6, 9, 13), at(2027, 6, 9, 14), OptionalInt.of(10)))).build();

        ImportReport report = engine.events().publishAll(List.of(asReadFromFile(smaller)));

        ImportReport.EventImport entry = report.of(file.id()).orElseThrow();
        assertThat(entry.refused()).extracting(Reason::code).containsExactly("capacity.below-taken");
        assertThat(entry.applied()).as("the session's new title refuses nothing and is applied").contains("sessions");
        assertThat(engine.events().find(file.id()).orElseThrow().session("ronde-1").orElseThrow().title())
                .isEqualTo(newTitle);
        assertThat(engine.events().find(file.id()).orElseThrow().capacity()).hasValue(3);
    }

    @Test
    void a_file_session_capacity_below_its_seats_taken_leaves_the_files_larger_event_capacity_applied() {
        Event file = imported(meeting("sessie-te-klein", 3).sessions(List.of(session("ronde-1", 13, 14, 10))).build());
        for (int n = 1; n <= 3; n++) {
            registerFor(file, n, "ronde-1");
        }
        Registration waiting = placed(engine.registrations().register(registration(file.id(), 4)
                .withSessions(List.of("ronde-1"))));
        Event changedFile = file.toBuilder().capacity(OptionalInt.of(6))
                .sessions(List.of(session("ronde-1", 13, 14, 1))).build();

        ImportReport report = engine.events().publishAll(List.of(asReadFromFile(changedFile)));

        ImportReport.EventImport entry = report.of(file.id()).orElseThrow();
        assertThat(entry.refused()).extracting(Reason::code).containsExactly("capacity.below-taken");
        assertThat(entry.applied()).as("the event's capacity refuses nothing and is applied").contains("capacity");
        Event now = engine.events().find(file.id()).orElseThrow();
        assertThat(now.capacity()).hasValue(6);
        assertThat(now.session("ronde-1").orElseThrow().capacity()).hasValue(10);
        assertThat(node.store().find(waiting.id()).orElseThrow().status()).isEqualTo(RegistrationStatus.CONFIRMED);
    }

    // ---------------------------------------------------------------- material changes tell participants

    @Test
    void a_new_start_tells_each_confirmed_and_each_waiting_participant_once_as_the_preview_said() {
        Event event = imported(meeting("nieuwe-tijd", 2).build());
        List<Registration> told = List.of(register(event, 1), register(event, 2), register(event, 3),
                register(event, 4));
        Registration gone = register(event, 5);
        engine.organising().cancel(gone.id(), MELINA, Optional.empty());
        Map<UUID, List<NotificationType>> before = mailboxes(told, gone);
        Event later = event.toBuilder().startsAt(at(2027, 6, 9, 14)).endsAt(at(2027, 6, 9, 18)).build();

        ChangePreview preview = engine.events().preview(event.id(), later);
        EventOutcome outcome = engine.events().update(event.id(), 1, later, MELINA);

        assertThat(preview.material()).isTrue();
        assertThat(preview.changes()).extracting(FieldChange::field).containsExactly("startsAt", "endsAt");
        assertThat(preview.confirmed()).isEqualTo(2);
        assertThat(preview.waiting()).isEqualTo(2);
        assertThat(outcome).isInstanceOf(EventOutcome.Saved.class);
        assertThat(((EventOutcome.Saved) outcome).notified()).isEqualTo(preview.notified());
        for (Registration registration : told) {
            assertThat(mailbox.types(registration.id())).as("messages to participant %s",
                    registration.participant().familyName()).isEqualTo(with(before.get(registration.id()),
                    NotificationType.EVENT_CHANGED));
        }
        assertThat(mailbox.types(gone.id())).isEqualTo(before.get(gone.id()));
        assertThat(node.outbox().about(told.get(0).id())).last().satisfies(e ->
                assertThat(e.notification().data().get("changedFields")).contains("startsAt"));
        long sent = told.stream().flatMap(r -> mailbox.types(r.id()).stream())
                .filter(t -> t == NotificationType.EVENT_CHANGED).count();
        assertThat(sent).isEqualTo(preview.notified());
    }

    @Test
    void a_new_description_tells_nobody() {
        Event event = imported(meeting("nieuwe-tekst", 1).build());
        List<Registration> registered = List.of(register(event, 1), register(event, 2));
        Map<UUID, List<NotificationType>> before = mailboxes(registered);
        Event reworded = event.toBuilder().description(LocalizedText.of("Andere woorden", "Other words")).build();

        ChangePreview preview = engine.events().preview(event.id(), reworded);
        EventOutcome outcome = engine.events().update(event.id(), 1, reworded, MELINA);

        assertThat(preview).isEqualTo(new ChangePreview(List.of(new FieldChange("description",
                "nl: Online brede bijeenkomst | en: Broad online meeting", "nl: Andere woorden | en: Other words")),
                false, 0, 0));
        assertThat(((EventOutcome.Saved) outcome).notified()).isZero();
        assertThat(mailboxes(registered)).isEqualTo(before);
    }

    // ---------------------------------------------------------------- close, reopen, cancel

    @Test
    void a_closed_event_refuses_registrations_until_an_organiser_reopens_it() {
        Event event = imported(meeting("sluiten", 10).build());
        Registration early = register(event, 1);

        EventOutcome closed = engine.events().close(event.id(), MELINA);
        RegistrationOutcome whileClosed = engine.registrations().register(registration(event.id(), 2));
        EventOutcome reopened = engine.events().reopen(event.id(), JOOST);
        RegistrationOutcome afterwards = engine.registrations().register(registration(event.id(), 3));

        assertThat(closed).isInstanceOf(EventOutcome.Saved.class);
        assertThat(refusal(whileClosed)).contains("registration.closed");
        assertThat(reopened).isInstanceOf(EventOutcome.Saved.class);
        assertThat(afterwards).isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(node.store().find(early.id()).orElseThrow().status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(engine.events().history(event.id())).extracting(EventRevision::action)
                .containsExactly("imported", "closed", "reopened");
    }

    @Test
    void cancelling_an_event_cancels_every_registration_and_tells_each_once_without_promoting_anyone() {
        Event event = imported(meeting("afgelast", 2).build());
        List<Registration> registered = List.of(register(event, 1), register(event, 2), register(event, 3),
                register(event, 4));
        Map<UUID, List<NotificationType>> before = mailboxes(registered);

        EventOutcome cancelled = engine.events().cancel(event.id(), "  De spreker is ziek  ", MELINA);

        assertThat(cancelled).isInstanceOf(EventOutcome.Saved.class);
        assertThat(((EventOutcome.Saved) cancelled).notified()).isEqualTo(4);
        for (Registration registration : registered) {
            assertThat(node.store().find(registration.id()).orElseThrow().status())
                    .isEqualTo(RegistrationStatus.CANCELLED);
            assertThat(mailbox.types(registration.id())).as("messages to participant %s",
                    registration.participant().familyName()).isEqualTo(with(before.get(registration.id()),
                    NotificationType.EVENT_CANCELLED));
        }
        Event now = engine.events().find(event.id()).orElseThrow();
        assertThat(now.status()).isEqualTo(EventStatus.CANCELLED);
        assertThat(now.cancellationReason()).contains("De spreker is ziek");
        SeatCounts counts = engine.events().counts(event.id());
        assertThat(counts.confirmed() + counts.offered() + counts.waiting() + counts.pending()).isZero();
        assertThat(refusal(engine.registrations().register(registration(event.id(), 5)))).contains("event.cancelled");
        EventOutcome again = engine.events().cancel(event.id(), "Nogmaals", MELINA);
        assertThat(again).isInstanceOf(EventOutcome.Refused.class);
        assertThat(((EventOutcome.Refused) again).reasons()).extracting(Reason::code).containsExactly("event.cancelled");
        assertThat(engine.events().history(event.id())).extracting(EventRevision::action)
                .containsExactly("imported", "cancelled");
    }

    @Test
    void cancelling_an_event_seats_nobody_in_a_full_session_on_the_way_out() {
        Event event = imported(meeting("afgelast-sessies", 10).sessions(List.of(session("ronde-1", 13, 14, 1)))
                .build());
        Registration seated = registerFor(event, 1, "ronde-1");
        Registration waitingForTheSession = registerFor(event, 2, "ronde-1");
        assertThat(waitingForTheSession.sessions()).extracting(SessionChoice::placement)
                .containsExactly(SessionChoice.Placement.WAITLISTED);
        Map<UUID, List<NotificationType>> before = mailboxes(List.of(seated, waitingForTheSession));

        engine.events().cancel(event.id(), "De spreker is ziek", MELINA);

        assertThat(mailbox.types(seated.id())).isEqualTo(with(before.get(seated.id()),
                NotificationType.EVENT_CANCELLED));
        assertThat(mailbox.types(waitingForTheSession.id())).as("the only message about the cancelled event")
                .isEqualTo(with(before.get(waitingForTheSession.id()), NotificationType.EVENT_CANCELLED));
    }

    // ---------------------------------------------------------------- copies

    @Test
    void a_copy_is_a_new_open_event_without_registrations_with_every_date_moved_by_the_same_wall_clock_amount() {
        Event source = imported(meeting("voorjaar", 10)
                .organiserAccess(OrganiserAccess.of(List.of("anna@hu.example.org"), List.of(ORGANISERS_GROUP)))
                .sessions(List.of(session("ronde-1", 13, 14, 5), session("ronde-2", 15, 17, 5)))
                .invitations(new Invitations(Set.of(), List.of(new InvitationCode("LC-VOORJAAR", OptionalInt.of(20),
                        Optional.of(at(2027, 6, 1, 9))))))
                .build());
        register(source, 1);
        engine.events().close(source.id(), MELINA);

        EventOutcome outcome = engine.events().copy(source.id(), "najaar", at(2027, 11, 10, 13), JOOST);

        assertThat(outcome).isInstanceOf(EventOutcome.Saved.class);
        assertThat(((EventOutcome.Saved) outcome).event().revision()).isEqualTo(1);
        Event copy = engine.events().find("najaar").orElseThrow();
        assertThat(copy.status()).isEqualTo(EventStatus.OPEN);
        assertThat(copy.startsAt()).isEqualTo(at(2027, 11, 10, 13));
        assertThat(copy.startsAt().getOffset()).as("winter time").isNotEqualTo(source.startsAt().getOffset());
        assertThat(copy.endsAt()).as("17:00 in winter time, as 17:00 was in summer time").isEqualTo(at(2027, 11, 10, 17));
        assertThat(copy.sessions()).extracting(Session::id, Session::startsAt, Session::endsAt).containsExactly(
                tuple("ronde-1", at(2027, 11, 10, 13), at(2027, 11, 10, 14)),
                tuple("ronde-2", at(2027, 11, 10, 15), at(2027, 11, 10, 17)));
        assertThat(copy.registrationWindow()).isEqualTo(new RegistrationWindow(at(2027, 9, 2, 9), at(2027, 11, 9, 12)));
        assertThat(copy.invitations().codes()).singleElement().satisfies(c ->
                assertThat(c.expiresAt()).contains(at(2027, 11, 2, 9)));
        assertThat(copy.title()).isEqualTo(source.title());
        assertThat(copy.capacity()).isEqualTo(source.capacity());
        assertThat(copy.organiserAccess()).as("the copy's organisers").isEqualTo(source.organiserAccess());
        assertThat(restartedNode(node).catalogue().find("najaar").orElseThrow().organiserAccess())
                .isEqualTo(source.organiserAccess());
        assertThat(node.store().list(RegistrationQuery.all("najaar"))).isEmpty();
        assertThat(engine.events().counts("najaar").confirmed()).isZero();
        assertThat(engine.events().history("najaar")).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo("copied");
            assertThat(r.actor()).isEqualTo(JOOST);
        });
        assertThat(engine.events().find(source.id()).orElseThrow().status()).isEqualTo(EventStatus.CLOSED);
        assertThat(node.store().list(RegistrationQuery.all(source.id()))).hasSize(1);

        clock.set(at(2027, 9, 10, 12).toInstant());
        assertThat(engine.registrations().register(registration("najaar", 1)))
                .isInstanceOf(RegistrationOutcome.Confirmed.class);
        EventOutcome taken = engine.events().copy(source.id(), "najaar", at(2027, 12, 1, 13), JOOST);
        assertThat(taken).isInstanceOf(EventOutcome.Refused.class);
        assertThat(((EventOutcome.Refused) taken).reasons()).extracting(Reason::code).containsExactly("event.exists");
    }

    // ---------------------------------------------------------------- organisers' messages

    @Test
    void an_organisers_message_reaches_each_participant_of_its_audience_once_in_their_own_language() {
        Event event = imported(meeting("bericht", 2).build());
        Registration anna = register(event, 1);
        Registration bob = registerInEnglish(event, 2);
        Registration carol = registerInEnglish(event, 3);
        Registration daan = register(event, 4);
        Registration gone = register(event, 5);
        engine.organising().cancel(gone.id(), MELINA, Optional.empty());
        ParticipantMessage toConfirmed = new ParticipantMessage(event.id(), ParticipantMessage.Audience.CONFIRMED,
                LocalizedText.of("Routebeschrijving", "Directions"), LocalizedText.of("Neem lijn 12.", "Take line 12."));
        ParticipantMessage toWaiting = new ParticipantMessage(event.id(), ParticipantMessage.Audience.WAITING,
                LocalizedText.of("U staat nog op de wachtlijst", "You are still on the waiting list"),
                LocalizedText.of("Geduld.", "Patience."));

        int confirmed = engine.organising().audienceSize(event.id(), ParticipantMessage.Audience.CONFIRMED);
        int waiting = engine.organising().audienceSize(event.id(), ParticipantMessage.Audience.WAITING);
        int everyone = engine.organising().audienceSize(event.id(), ParticipantMessage.Audience.CONFIRMED_AND_WAITING);
        MessageOutcome first = engine.organising().message(toConfirmed, MELINA);
        MessageOutcome second = engine.organising().message(toWaiting, MELINA);

        assertThat(List.of(confirmed, waiting, everyone)).containsExactly(2, 2, 4);
        assertThat(first).isEqualTo(new MessageOutcome.Queued(confirmed));
        assertThat(second).isEqualTo(new MessageOutcome.Queued(waiting));
        assertThat(organiserMessages(anna)).singleElement().satisfies(e -> {
            assertThat(e.notification().locale().getLanguage()).isEqualTo("nl");
            assertThat(e.notification().data()).containsEntry("subject", "Routebeschrijving")
                    .containsEntry("body", "Neem lijn 12.");
        });
        assertThat(organiserMessages(bob)).singleElement().satisfies(e -> {
            assertThat(e.notification().locale().getLanguage()).isEqualTo("en");
            assertThat(e.notification().data()).containsEntry("subject", "Directions")
                    .containsEntry("body", "Take line 12.");
        });
        assertThat(organiserMessages(carol)).singleElement().satisfies(e ->
                assertThat(e.notification().data()).containsEntry("subject", "You are still on the waiting list"));
        assertThat(organiserMessages(daan)).singleElement().satisfies(e ->
                assertThat(e.notification().data()).containsEntry("subject", "U staat nog op de wachtlijst"));
        assertThat(organiserMessages(gone)).isEmpty();
    }

    @Test
    void a_message_with_a_blank_subject_is_invalid_and_queues_nothing() {
        Event event = imported(meeting("leeg-onderwerp", 5).build());
        Registration anna = register(event, 1);

        MessageOutcome outcome = engine.organising().message(new ParticipantMessage(event.id(),
                ParticipantMessage.Audience.CONFIRMED_AND_WAITING, LocalizedText.of("  ", ""),
                LocalizedText.of("Tekst", "Text")), MELINA);

        assertThat(outcome).isInstanceOf(MessageOutcome.Invalid.class);
        assertThat(((MessageOutcome.Invalid) outcome).reasons()).extracting(Reason::field, Reason::code)
                .containsExactly(tuple(Optional.of("subject"), "field.required"));
        assertThat(organiserMessages(anna)).isEmpty();
    }

    @Test
    void a_subject_left_blank_in_one_language_is_never_sent_blank_to_the_readers_of_that_language() {
        Event event = imported(meeting("half-leeg", 5).build());
        Registration bob = registerInEnglish(event, 1);

        MessageOutcome outcome = engine.organising().message(new ParticipantMessage(event.id(),
                ParticipantMessage.Audience.CONFIRMED, LocalizedText.of("Programma gewijzigd", "  "),
                LocalizedText.of("Zie de website.", "See the website.")), MELINA);

        if (outcome instanceof MessageOutcome.Invalid invalid) {
            assertThat(invalid.reasons()).extracting(Reason::field).contains(Optional.of("subject"));
        } else {
            assertThat(organiserMessages(bob)).singleElement().satisfies(e ->
                    assertThat(e.notification().data().get("subject")).as("the subject Bob reads").isNotBlank());
        }
    }

    // ---------------------------------------------------------------- helpers

    /** What a restart did: the new engine and node, and the report of importing the definition files again. */
    private record Restarted(RegistrationEngine engine, Node node, ImportReport report) {
    }

    /** How an event and its registrations stand, as a node reads them. */
    private record Snapshot(StoredEvent stored, List<EventRevision> history, SeatCounts counts,
                            List<Registration> registrations, Map<UUID, List<UUID>> outbox) {
    }

    /** Restarts the application: a fresh engine on fresh adapters, importing the definitions as read from files. */
    private Restarted restartAndImport(Event... definitions) {
        Node again = restartedNode(node);
        RegistrationEngine restarted = engineOn(again);
        ImportReport report = restarted.events().publishAll(List.of(definitions).stream()
                .map(EventLifecycleContract::asReadFromFile).toList());
        return new Restarted(restarted, again, report);
    }

    private static Snapshot snapshot(Node on, String eventId) {
        List<Registration> registrations = on.store().list(RegistrationQuery.all(eventId));
        Map<UUID, List<UUID>> outbox = new LinkedHashMap<>();
        for (Registration registration : registrations) {
            outbox.put(registration.id(), on.outbox().about(registration.id()).stream()
                    .map(e -> e.notification().id()).toList());
        }
        return new Snapshot(on.catalogue().stored(eventId).orElseThrow(), on.catalogue().history(eventId),
                on.store().counts(eventId), registrations, outbox);
    }

    private static void assertNothingChanged(Snapshot before, Snapshot after) {
        assertThat(after.stored()).as("the event, its revision and its import base").isEqualTo(before.stored());
        assertThat(after.history()).as("the event's revisions").isEqualTo(before.history());
        assertThat(after.counts()).as("the seats").isEqualTo(before.counts());
        assertThat(after.registrations()).as("the registrations").isEqualTo(before.registrations());
        assertThat(after.outbox()).as("the outbox, per registration").isEqualTo(before.outbox());
    }

    /** @return the definition as a portal gets it at every start: read from its JSON file */
    private static Event asReadFromFile(Event definition) {
        return FILES.read(FILES.write(List.of(definition))).get(0);
    }

    /** Publishes a definition file's event, as a portal does at its first start. */
    private Event imported(Event definition) {
        Event file = asReadFromFile(definition);
        ImportReport report = engine.events().publishAll(List.of(file));
        assertThat(report.of(file.id()).orElseThrow().result()).isEqualTo(ImportReport.Result.CREATED);
        return file;
    }

    private Event created(Event event) {
        assertThat(engine.events().create(event, MELINA)).isInstanceOf(EventOutcome.Saved.class);
        return event;
    }

    private Registration register(Event event, int n) {
        return placed(engine.registrations().register(registration(event.id(), n)));
    }

    private Registration registerInEnglish(Event event, int n) {
        return placed(engine.registrations().register(RegisterCommand.of(event.id(), new ParticipantDetails(
                "Participant", "Number " + n, "participant" + n + "@university.example.org", "University " + n,
                "projectleider", "hbo", Locale.ENGLISH))));
    }

    private Registration registerFor(Event event, int n, String... sessionIds) {
        return placed(engine.registrations().register(registration(event.id(), n).withSessions(List.of(sessionIds))));
    }

    private static Registration placed(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationOutcome.Confirmed c) {
            return c.registration();
        }
        if (outcome instanceof RegistrationOutcome.Waitlisted w) {
            return w.registration();
        }
        throw new AssertionError("expected a seat or a waiting-list place, got " + outcome);
    }

    private static List<String> refusal(RegistrationOutcome outcome) {
        assertThat(outcome).isInstanceOf(RegistrationOutcome.Refused.class);
        return ((RegistrationOutcome.Refused) outcome).reasons().stream().map(Reason::code).toList();
    }

    private Map<UUID, List<NotificationType>> mailboxes(List<Registration> registrations, Registration... more) {
        Map<UUID, List<NotificationType>> types = new LinkedHashMap<>();
        for (Registration registration : registrations) {
            types.put(registration.id(), mailbox.types(registration.id()));
        }
        for (Registration registration : more) {
            types.put(registration.id(), mailbox.types(registration.id()));
        }
        return types;
    }

    private List<OutboxEntry> organiserMessages(Registration registration) {
        return node.outbox().about(registration.id()).stream()
                .filter(e -> e.notification().type() == NotificationType.ORGANISER_MESSAGE).toList();
    }

    private static List<NotificationType> with(List<NotificationType> before, NotificationType added) {
        List<NotificationType> after = new ArrayList<>(before);
        after.add(added);
        return after;
    }

    /**
     * The catalogue of a node, through which a test runs something else at the moment a revision is about to be
     * stored, to make an interleaving of two nodes happen in one thread.
     */
    private static final class InterleavingCatalogue extends ForwardingEventCatalogue {
        private final AtomicReference<Consumer<
                BooleanSupplier>> beforeNextSave = new AtomicReference<>();

        InterleavingCatalogue(EventCatalogue catalogue) {
            super(catalogue);
        }

        /** @param meanwhile what happens before the next save is stored; it may store that save itself, once */
        void beforeNextSave(Consumer<BooleanSupplier> meanwhile) {
            beforeNextSave.set(meanwhile);
        }

        @Override
        public boolean save(EventRevision revision, Optional<Event> imported) {
            Consumer<BooleanSupplier> meanwhile = beforeNextSave.getAndSet(null);
            if (meanwhile == null) {
                return super.save(revision, imported);
            }
            Boolean[] saved = {null};
            BooleanSupplier store = () -> {
                if (saved[0] == null) {
                    saved[0] = super.save(revision, imported);
                }
                return saved[0];
            };
            meanwhile.accept(store);
            return store.getAsBoolean();
        }
    }

    /** A node's store whose next seat definition fails, as when the database goes away half-way. */
    private static final class StoreThatFailsOnce implements RegistrationStore {
        private final RegistrationStore store;
        private final AtomicBoolean failNext = new AtomicBoolean();

        StoreThatFailsOnce(RegistrationStore store) {
            this.store = store;
        }

        void failNextSeatDefinition() {
            failNext.set(true);
        }

        @Override
        public StoreResult defineSeats(
                SeatPlan plan, Instant now,
                NotificationPlan notifications) {
            if (failNext.getAndSet(false)) {
                throw new StorageException("defining seats of " + plan.eventId()
                        + " failed: the database went away", null);
            }
            return store.defineSeats(plan, now, notifications);
        }

        @Override
        public Optional<SeatPlan> seatPlan(String eventId) {
            return store.seatPlan(eventId);
        }

        @Override
        public StoreResult admit(
                Admission admission) {
            return store.admit(admission);
        }

        @Override
        public java.util.List<nl.learningcommunities.registration.booking.Registration> admittedWith(String eventId,
                                                                                                   String key) {
            return store.admittedWith(eventId, key);
        }

        @Override
        public StoreResult place(UUID registrationId,
                Set<RegistrationStatus> expected, StatusChange change,
                NotificationPlan notifications) {
            return store.place(registrationId, expected, change, notifications);
        }

        @Override
        public StoreResult transition(UUID registrationId,
                Set<RegistrationStatus> expected, StatusChange change,
                NotificationPlan notifications) {
            return store.transition(registrationId, expected, change, notifications);
        }

        @Override
        public StoreResult move(UUID registrationId,
                StatusChange change,
                NotificationPlan notifications) {
            return store.move(registrationId, change, notifications);
        }

        @Override
        public StoreResult changeSessions(UUID registrationId,
                List<String> sessionIds, Instant now,
                NotificationPlan notifications) {
            return store.changeSessions(registrationId, sessionIds, now, notifications);
        }

        @Override
        public StoreResult update(Registration updated,
                long expectedVersion, NotificationPlan notifications) {
            return store.update(updated, expectedVersion, notifications);
        }

        @Override
        public StoreResult.Done refill(String eventId,
                Instant now, NotificationPlan notifications) {
            return store.refill(eventId, now, notifications);
        }

        @Override
        public Optional<Registration> find(UUID registrationId) {
            return store.find(registrationId);
        }

        @Override
        public Optional<Registration> findActive(String eventId,
                EmailAddress email) {
            return store.findActive(eventId, email);
        }

        @Override
        public List<Registration> findByEmail(EmailAddress email) {
            return store.findByEmail(email);
        }

        @Override
        public List<Registration> list(RegistrationQuery query) {
            return store.list(query);
        }

        @Override
        public void forEach(RegistrationQuery query, Consumer<Registration> action) {
            store.forEach(query, action);
        }

        @Override
        public SeatCounts counts(String eventId) {
            return store.counts(eventId);
        }

        @Override
        public OptionalLong placeInLine(Registration registration) {
            return store.placeInLine(registration);
        }
    }

    private static EventRevision revision(long number, Event event, String actor, String action) {
        return new EventRevision(event.id(), number, NOW.plusSeconds(number), actor, action, List.of(), event);
    }
}
