package nl.learningcommunities.registration.contract;

import static nl.learningcommunities.registration.testing.TestEvents.NOW;
import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static nl.learningcommunities.registration.testing.TestEvents.session;
import static nl.learningcommunities.registration.testing.TestParticipants.number;
import static nl.learningcommunities.registration.testing.TestParticipants.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ActionOutcome;
import nl.learningcommunities.registration.application.CapacityOutcome;
import nl.learningcommunities.registration.application.ChangeDetailsCommand;
import nl.learningcommunities.registration.application.GroupOutcome;
import nl.learningcommunities.registration.application.GroupRegisterCommand;
import nl.learningcommunities.registration.application.ManagedRegistration;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.booking.PendingEmail;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.booking.SeatCounts;
import nl.learningcommunities.registration.booking.SessionChoice;
import nl.learningcommunities.registration.eligibility.EligibilityRule;
import nl.learningcommunities.registration.eligibility.InvitationCode;
import nl.learningcommunities.registration.eligibility.Invitations;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventCatalogue;
import nl.learningcommunities.registration.event.Promotion;
import nl.learningcommunities.registration.inmemory.InMemoryEventCatalogue;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.notification.NotificationOutbox;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.notification.OutboxBacklog;
import nl.learningcommunities.registration.notification.OutboxEntry;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.participant.TrustedIdentity;
import nl.learningcommunities.registration.testing.Mailbox;
import nl.learningcommunities.registration.testing.MutableClock;
import nl.learningcommunities.registration.token.TokenPurpose;

/**
 * What every {@link RegistrationStore} (with its {@link NotificationOutbox}) must do. A store adapter's tests
 * extend this class and say how to make a fresh, empty store; the suite drives it through the engine, as a
 * host would. Published in the core's test-jar.
 */
public abstract class RegistrationStoreContract {

    /**
     * A store and the outbox it writes into.
     *
     * @param store  the registration store
     * @param outbox its outbox
     */
    public record Storage(RegistrationStore store, NotificationOutbox outbox) {
    }

    /** @return a fresh, empty store */
    protected abstract Storage newStorage();

    /**
     * A second application node on the same store, with its own connections where the store has them.
     *
     * @param first the first node's storage
     * @return the second node's storage; by default the same objects
     */
    protected Storage secondNode(Storage first) {
        return first;
    }

    protected Storage storage;
    protected MutableClock clock;
    protected EventCatalogue catalogue;
    protected RegistrationEngine engine;
    protected Mailbox mailbox;

    @BeforeEach
    void setUpStorage() {
        storage = newStorage();
        clock = MutableClock.at(NOW);
        catalogue = InMemoryEventCatalogue.create();
        engine = engineOn(storage);
        mailbox = new Mailbox(storage.outbox());
    }

    protected RegistrationEngine engineOn(Storage node) {
        return RegistrationEngine.builder().eventCatalogue(catalogue).registrationStore(node.store())
                .notificationOutbox(node.outbox()).clock(clock).build();
    }

    private Registration register(Event event, int n) {
        RegistrationOutcome outcome = engine.registrations().register(registration(event.id(), n));
        if (outcome instanceof RegistrationOutcome.Confirmed c) {
            return c.registration();
        }
        if (outcome instanceof RegistrationOutcome.Waitlisted w) {
            return w.registration();
        }
        throw new AssertionError("expected a seat or a waiting-list place, got " + outcome);
    }

    private Event publish(Event event) {
        engine.events().publish(event);
        return event;
    }

    @Test
    public void an_outbox_claim_is_extended_only_for_its_holder_while_pending() {
        Event event = publish(meeting("extended", 5).build());
        register(event, 1);
        register(event, 2);
        List<nl.learningcommunities.registration.notification.OutboxEntry> claimed = storage.outbox().claimDue(
                "node-a", 10, NOW, java.time.Duration.ofSeconds(30));
        java.util.UUID sent = claimed.get(0).notification().id();
        java.util.UUID kept = claimed.get(1).notification().id();
        storage.outbox().markSent(sent, "node-a", NOW);

        java.util.Set<java.util.UUID> byOther = storage.outbox().extendClaims(List.of(kept), "node-b",
                NOW.plusSeconds(60));
        java.util.Set<java.util.UUID> byHolder = storage.outbox().extendClaims(List.of(sent, kept), "node-a",
                NOW.plusSeconds(60));

        assertThat(byOther).isEmpty();
        assertThat(byHolder).containsExactly(kept);
        assertThat(storage.outbox().claimDue("node-b", 10, NOW.plusSeconds(45), java.time.Duration.ofSeconds(30)))
                .extracting(e -> e.notification().id()).doesNotContain(kept);
        assertThat(storage.outbox().claimDue("node-b", 10, NOW.plusSeconds(61), java.time.Duration.ofSeconds(30)))
                .extracting(e -> e.notification().id()).contains(kept);
    }

    @Test
    public void retries_with_one_idempotency_key_on_two_nodes_at_once_register_once() throws Exception {
        Event event = publish(meeting("idempotent", 5).build());
        RegistrationEngine second = engineOn(secondNode(storage));
        RegisterCommand command = registration(event.id(), 1).withIdempotencyKey("attempt-0001");
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<RegistrationOutcome> a = two.submit(() -> {
                start.await();
                return engine.registrations().register(command);
            });
            java.util.concurrent.Future<RegistrationOutcome> b = two.submit(() -> {
                start.await();
                return second.registrations().register(command);
            });
            start.countDown();

            RegistrationOutcome first = a.get(30, java.util.concurrent.TimeUnit.SECONDS);
            RegistrationOutcome other = b.get(30, java.util.concurrent.TimeUnit.SECONDS);
            RegistrationOutcome later = engine.registrations().register(command);

            assertThat(first).isInstanceOf(RegistrationOutcome.Confirmed.class);
            assertThat(((RegistrationOutcome.Confirmed) other).registration().id())
                    .isEqualTo(((RegistrationOutcome.Confirmed) first).registration().id());
            assertThat(((RegistrationOutcome.Confirmed) later).registration().id())
                    .isEqualTo(((RegistrationOutcome.Confirmed) first).registration().id());
            assertThat(storage.store().list(RegistrationQuery.all(event.id()))).hasSize(1);
            assertThat(mailbox.types(((RegistrationOutcome.Confirmed) first).registration().id()))
                    .containsOnlyOnce(NotificationType.CONFIRMATION);
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    public void an_idempotency_key_used_again_for_another_person_is_refused_and_registers_nobody() {
        Event event = publish(meeting("key-reused", 5).build());
        engine.registrations().register(registration(event.id(), 1).withIdempotencyKey("one-page-load"));

        RegistrationOutcome other = engine.registrations().register(registration(event.id(), 2)
                .withIdempotencyKey("one-page-load"));

        assertThat(other).isEqualTo(new RegistrationOutcome.Refused(List.of(
                nl.learningcommunities.registration.rule.Reason.ofField("idempotencyKey", "idempotency-key.reused"))));
        assertThat(storage.store().list(RegistrationQuery.all(event.id()))).hasSize(1);
    }

    @Test
    public void a_group_retried_with_its_idempotency_key_answers_the_original_members() {
        Event event = publish(meeting("idempotent-group", 2).build());
        register(event, 9);
        GroupRegisterCommand group = group(event, 3, 4, 5).withIdempotencyKey("group-attempt-1");

        GroupOutcome first = engine.registrations().registerGroup(group);
        GroupOutcome again = engine.registrations().registerGroup(group);

        assertThat(first).isInstanceOf(GroupOutcome.Registered.class);
        assertThat(again).isEqualTo(first);
        assertThat(((GroupOutcome.Registered) again).members()).allMatch(m ->
                m instanceof RegistrationOutcome.Waitlisted);
        assertThat(storage.store().list(RegistrationQuery.all(event.id()))).hasSize(4);
    }

    @Test
    public void a_declined_offer_passes_the_seat_to_the_next_in_line_at_once() {
        Event event = publish(meeting("decline", 1).promotion(Promotion.offer(Duration.ofHours(48))).build());
        Registration holder = register(event, 1);
        Registration first = register(event, 2);
        Registration second = register(event, 3);
        ActionOutcome notYet = engine.registrations().declineOffer(first.id(), mailbox.manageToken(first.id()));
        engine.registrations().cancel(holder.id(), mailbox.manageToken(holder.id()));

        ActionOutcome declined = engine.registrations().declineOffer(first.id(), mailbox.manageToken(first.id()));

        assertThat(notYet).isEqualTo(new ActionOutcome.NotAllowed(List.of(
                nl.learningcommunities.registration.rule.Reason.of("offer.not-standing"))));
        assertThat(declined).isInstanceOf(ActionOutcome.Done.class);
        Registration afterDecline = storage.store().find(first.id()).orElseThrow();
        assertThat(afterDecline.status()).isEqualTo(RegistrationStatus.CANCELLED);
        assertThat(afterDecline.history().get(afterDecline.history().size() - 1).reason()).isEqualTo("offer-declined");
        assertThat(storage.store().find(second.id()).orElseThrow().offerExpiresAt()).isPresent();
        assertThat(mailbox.types(second.id())).endsWith(NotificationType.WAITLIST_OFFER);
    }

    @Test
    public void a_waitlisted_outcome_gives_the_place_in_line_not_the_order_of_arrival() {
        Event event = publish(meeting("place-in-line", 1).build());
        Registration holder = register(event, 1);
        Registration leaving = register(event, 2);
        register(event, 3);
        engine.registrations().cancel(leaving.id(), mailbox.manageToken(leaving.id()));

        RegistrationOutcome outcome = engine.registrations().register(registration(event.id(), 4));

        assertThat(outcome).isInstanceOfSatisfying(RegistrationOutcome.Waitlisted.class, waitlisted -> {
            assertThat(waitlisted.registration().waitlistPosition()).hasValue(3);
            assertThat(waitlisted.position()).isEqualTo(2);
        });
        assertThat(holder.status()).isEqualTo(RegistrationStatus.CONFIRMED);
    }

    @Test
    public void erasing_a_participant_erases_their_address_from_the_invitations_too() {
        Event event = publish(meeting("invited-then-erased", 5).build());
        Registration registered = register(event, 1);
        EmailAddress address = registered.participant().email();
        engine.organising().invite(event.id(), List.of(address, EmailAddress.of("someone.else@hu.example.org")),
                java.util.Locale.forLanguageTag("nl"), "organiser");
        List<nl.learningcommunities.registration.notification.OutboxEntry> claimed = storage.outbox().claimDue(
                "probe", 100, NOW.plusSeconds(60), java.time.Duration.ofMinutes(1));
        claimed.stream().filter(e -> e.notification().registrationId().isEmpty()).forEach(e ->
                storage.outbox().markFailed(e.notification().id(), "probe", "mailbox full"));

        engine.organising().erase(registered.id(), "organiser");
        engine.organising().invite(event.id(), List.of(EmailAddress.of("late@hu.example.org")),
                java.util.Locale.forLanguageTag("nl"), "organiser");

        assertThat(storage.outbox().failed(event.id())).extracting(e -> e.notification().recipient().key())
                .doesNotContain(address.key()).contains("someone.else@hu.example.org");

        engine.organising().eraseEvent(event.id(), "organiser");

        assertThat(storage.outbox().failed(event.id())).extracting(e -> e.notification().recipient().key())
                .allMatch(key -> key.endsWith("@" + nl.learningcommunities.registration.booking.ErasedAddresses.DOMAIN));
        assertThat(storage.outbox().claimDue("probe-2", 100, NOW.plusSeconds(120), java.time.Duration.ofMinutes(1)))
                .extracting(e -> e.notification().recipient().key()).doesNotContain("late@hu.example.org");
    }

    @Test
    public void a_registration_gets_a_seat_while_seats_are_left() {
        Event event = publish(meeting("seats-left", 2).build());

        Registration first = register(event, 1);

        assertThat(first.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(storage.store().find(first.id())).contains(first);
        assertThat(engine.events().counts(event.id()).seatsLeft()).hasValue(1);
    }

    @Test
    public void a_full_event_puts_newcomers_on_the_waiting_list_in_order_of_arrival() {
        Event event = publish(meeting("full", 1).build());
        register(event, 1);

        Registration second = register(event, 2);
        Registration third = register(event, 3);

        assertThat(second.status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(second.waitlistPosition()).hasValue(1);
        assertThat(third.waitlistPosition()).hasValue(2);
        assertThat(mailbox.types(second.id())).containsExactly(NotificationType.WAITLISTED);
    }

    @Test
    public void a_full_event_without_a_waiting_list_refuses_and_stores_nothing() {
        Event event = publish(meeting("no-list", 1).waitingList(false).build());
        register(event, 1);

        RegistrationOutcome outcome = engine.registrations().register(registration(event.id(), 2));

        assertThat(outcome).isInstanceOf(RegistrationOutcome.Refused.class);
        assertThat(((RegistrationOutcome.Refused) outcome).reasons()).extracting(r -> r.code())
                .containsExactly("capacity.full");
        assertThat(storage.store().findActive(event.id(), EmailAddress.of(number(2).email()))).isEmpty();
        assertThat(storage.store().list(RegistrationQuery.all(event.id()))).hasSize(1);
    }

    @Test
    public void an_address_has_one_active_registration_per_event_whatever_the_case_of_its_domain() {
        Event event = publish(meeting("once", 10).build());
        register(event, 1);
        ParticipantDetails same = number(1);
        ParticipantDetails shouting = new ParticipantDetails("Ander", "Iemand", "  deelnemer1@HOGESCHOOL.example.ORG ",
                "Elders", "expert", "mbo", Locale.ENGLISH);

        RegistrationOutcome again = engine.registrations().register(RegisterCommand.of(event.id(), same));
        RegistrationOutcome shouted = engine.registrations().register(RegisterCommand.of(event.id(), shouting));

        assertThat(again).isInstanceOf(RegistrationOutcome.Refused.class);
        assertThat(shouted).isInstanceOf(RegistrationOutcome.Refused.class);
        assertThat(((RegistrationOutcome.Refused) shouted).reasons().get(0).code()).isEqualTo("registration.duplicate");
    }

    @Test
    public void a_cancelled_seat_goes_to_the_first_on_the_waiting_list() {
        Event event = publish(meeting("promote", 1).build());
        Registration holder = register(event, 1);
        Registration first = register(event, 2);
        Registration second = register(event, 3);

        ActionOutcome cancelled = engine.registrations().cancel(holder.id(), mailbox.manageToken(holder.id()));

        assertThat(cancelled).isInstanceOf(ActionOutcome.Done.class);
        assertThat(storage.store().find(first.id()).orElseThrow().status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(storage.store().find(second.id()).orElseThrow().status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(mailbox.types(first.id())).containsExactly(NotificationType.WAITLISTED, NotificationType.PROMOTED);
        assertThat(mailbox.types(holder.id())).endsWith(NotificationType.CANCELLATION);
    }

    @Test
    public void the_place_in_line_counts_only_those_still_waiting_ahead() {
        Event event = publish(meeting("in-line", 1).build());
        Registration holder = register(event, 1);
        Registration first = register(event, 2);
        register(event, 3);
        Registration third = register(event, 4);
        engine.registrations().cancel(holder.id(), mailbox.manageToken(holder.id()));
        Registration newcomer = register(event, 5);

        assertThat(engine.registrations().view(third.id(), mailbox.manageToken(third.id())).orElseThrow()
                .placeInLine()).hasValue(2);
        assertThat(newcomer.waitlistPosition()).hasValue(4);
        assertThat(engine.registrations().view(newcomer.id(), mailbox.manageToken(newcomer.id())).orElseThrow()
                .placeInLine()).hasValue(3);
        assertThat(engine.registrations().view(first.id(), mailbox.manageToken(first.id())).orElseThrow()
                .placeInLine()).isEmpty();
    }

    @Test
    public void a_freed_seat_is_offered_and_passes_to_the_next_in_line_when_the_offer_lapses() {
        Event event = publish(meeting("offers", 1).promotion(Promotion.offer(Duration.ofHours(48))).build());
        Registration holder = register(event, 1);
        Registration first = register(event, 2);
        Registration second = register(event, 3);

        engine.registrations().cancel(holder.id(), mailbox.manageToken(holder.id()));
        Registration offered = storage.store().find(first.id()).orElseThrow();
        clock.advance(Duration.ofHours(49));
        engine.housekeeping().run();

        assertThat(offered.offerExpiresAt()).contains(NOW.plus(Duration.ofHours(48)));
        assertThat(mailbox.types(first.id())).contains(NotificationType.WAITLIST_OFFER);
        assertThat(storage.store().find(first.id()).orElseThrow().status()).isEqualTo(RegistrationStatus.CANCELLED);
        assertThat(storage.store().find(second.id()).orElseThrow().offerExpiresAt()).isPresent();
        assertThat(engine.events().counts(event.id()).seatsLeft()).hasValue(0);
    }

    @Test
    public void an_accepted_offer_confirms_the_seat() {
        Event event = publish(meeting("accept", 1).promotion(Promotion.offer(Duration.ofHours(48))).build());
        Registration holder = register(event, 1);
        Registration waiting = register(event, 2);
        engine.registrations().cancel(holder.id(), mailbox.manageToken(holder.id()));

        ActionOutcome accepted = engine.registrations().acceptOffer(waiting.id(), mailbox.manageToken(waiting.id()));

        assertThat(accepted).isInstanceOf(ActionOutcome.Done.class);
        assertThat(((ActionOutcome.Done) accepted).registration().status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(engine.events().counts(event.id()).confirmed()).isEqualTo(1);
    }

    @Test
    public void raising_the_capacity_promotes_in_order_and_lowering_it_below_the_seats_taken_is_refused() {
        Event event = publish(meeting("capacity", 1).build());
        register(event, 1);
        Registration first = register(event, 2);
        Registration second = register(event, 3);

        CapacityOutcome raised = engine.organising().changeCapacity(event.id(), Optional.empty(), OptionalInt.of(2),
                "organiser");
        CapacityOutcome lowered = engine.organising().changeCapacity(event.id(), Optional.empty(), OptionalInt.of(1),
                "organiser");

        assertThat(raised).isInstanceOf(CapacityOutcome.Changed.class);
        assertThat(storage.store().find(first.id()).orElseThrow().status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(storage.store().find(second.id()).orElseThrow().status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(lowered).isInstanceOf(CapacityOutcome.Refused.class);
        assertThat(engine.events().counts(event.id()).capacity()).hasValue(2);
    }

    @Test
    public void an_organiser_seats_someone_from_the_waiting_list_by_adding_a_seat_to_a_full_event() {
        Event event = publish(meeting("move-up", 1).build());
        register(event, 1);
        Registration first = register(event, 2);
        Registration second = register(event, 3);

        ActionOutcome moved = engine.organising().moveToConfirmed(second.id(), "organiser");
        ActionOutcome again = engine.organising().moveToConfirmed(second.id(), "organiser");

        assertThat(moved).isInstanceOf(ActionOutcome.Done.class);
        assertThat(storage.store().find(second.id()).orElseThrow().status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(storage.store().find(first.id()).orElseThrow().status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(engine.events().counts(event.id()).capacity()).hasValue(2);
        assertThat(engine.events().counts(event.id()).confirmed()).isEqualTo(2);
        assertThat(catalogue.find(event.id()).orElseThrow().capacity()).hasValue(2);
        assertThat(mailbox.types(second.id())).endsWith(NotificationType.CONFIRMATION);
        assertThat(again).isEqualTo(new ActionOutcome.NotAllowed(List.of(
                nl.learningcommunities.registration.rule.Reason.of("registration.not-waiting"))));
    }

    @Test
    public void an_organiser_gives_a_confirmed_seat_to_the_first_in_line_and_queues_its_holder_last() {
        Event event = publish(meeting("move-down", 1).build());
        Registration holder = register(event, 1);
        ActionOutcome nobodyWaiting = engine.organising().moveToWaitingList(holder.id(), "organiser");
        Registration first = register(event, 2);

        ActionOutcome moved = engine.organising().moveToWaitingList(holder.id(), "organiser");

        assertThat(moved).isInstanceOf(ActionOutcome.Done.class);
        Registration demoted = storage.store().find(holder.id()).orElseThrow();
        assertThat(demoted.status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(demoted.waitlistPosition().getAsLong()).isGreaterThan(first.waitlistPosition().getAsLong());
        assertThat(storage.store().find(first.id()).orElseThrow().status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(engine.events().counts(event.id()).confirmed()).isEqualTo(1);
        assertThat(mailbox.types(holder.id())).endsWith(NotificationType.WAITLISTED);
        assertThat(mailbox.types(first.id())).endsWith(NotificationType.PROMOTED);
        assertThat(nobodyWaiting).isInstanceOf(ActionOutcome.NotAllowed.class);
        assertThat(((ActionOutcome.NotAllowed) nobodyWaiting).reasons().get(0).code())
                .isEqualTo("waitlist.nobody-waiting");
    }

    @Test
    public void a_resent_message_carries_a_fresh_link_and_the_old_one_stops_working() {
        Event event = publish(meeting("resend", 1).build());
        Registration holder = register(event, 1);
        String oldToken = mailbox.manageToken(holder.id());
        clock.advance(Duration.ofMinutes(1));

        ActionOutcome resent = engine.organising().resend(holder.id(), "organiser");

        assertThat(resent).isInstanceOf(ActionOutcome.Done.class);
        assertThat(mailbox.types(holder.id()))
                .containsExactly(NotificationType.CONFIRMATION, NotificationType.CONFIRMATION);
        String newToken = mailbox.manageToken(holder.id());
        assertThat(newToken).isNotEqualTo(oldToken);
        assertThat(engine.registrations().view(holder.id(), newToken)).isPresent();
        assertThat(engine.registrations().view(holder.id(), oldToken)).isEmpty();
        assertThat(engineOn(secondNode(storage)).registrations().view(holder.id(), oldToken)).isEmpty();
        assertThat(storage.store().find(holder.id()).orElseThrow().tokens())
                .filteredOn(t -> t.purpose() == TokenPurpose.MANAGE).singleElement()
                .satisfies(t -> assertThat(t.expiresAt()).hasValue(event.retentionEndsAt()));
        assertThat(engine.organising().resend(UUID.randomUUID(), "organiser")).isEqualTo(new ActionOutcome.NotFound());
    }

    /** The person behind {@code TestParticipants.number(n)}, logged in at the host. */
    private static TrustedIdentity loggedIn(int n) {
        return new TrustedIdentity("sso-" + n, "Deelnemer", "Nummer " + n,
                EmailAddress.of(number(n).email().toUpperCase(Locale.ROOT)), "Hogeschool " + n, "projectleider", "hbo");
    }

    @Test
    public void a_logged_in_person_finds_their_own_registrations_across_events_on_every_node() {
        Event june = publish(meeting("mijn-juni", 5).build());
        Event july = publish(meeting("mijn-juli", 5).startsAt(june.startsAt().plusMonths(1))
                .endsAt(june.endsAt().plusMonths(1)).build());
        Registration inJune = register(june, 1);
        Registration inJuly = register(july, 1);
        register(july, 2);
        Registration erased = register(publish(meeting("mijn-gewist", 5).build()), 1);
        engine.organising().erase(erased.id(), "organiser");

        List<ManagedRegistration> mine = engineOn(secondNode(storage)).registrations().registrationsOf(loggedIn(1));

        assertThat(mine).extracting(m -> m.registration().id()).containsExactly(inJuly.id(), inJune.id());
        assertThat(mine).allSatisfy(m -> assertThat(m.onlineLink()).isPresent());
    }

    @Test
    public void an_owners_link_is_stored_with_the_registration_and_works_on_another_node_beside_the_emailed_one() {
        Event event = publish(meeting("eigenaar", 5).build());
        Registration r = register(event, 1);
        String emailed = mailbox.manageToken(r.id());
        RegistrationEngine other = engineOn(secondNode(storage));

        String owners = engine.registrations().openAsOwner(r.id(), loggedIn(1)).orElseThrow();

        assertThat(other.registrations().view(r.id(), owners)).isPresent();
        assertThat(other.registrations().view(r.id(), emailed)).isPresent();
        assertThat(other.registrations().openAsOwner(r.id(), loggedIn(2))).isEmpty();
        assertThat(mailbox.types(r.id())).containsExactly(NotificationType.CONFIRMATION);
        assertThat(secondNode(storage).store().find(r.id()).orElseThrow().tokens())
                .filteredOn(t -> t.purpose() == TokenPurpose.MANAGE)
                .extracting(t -> t.expiresAt().orElseThrow())
                .containsExactly(event.retentionEndsAt(), clock.instant().plus(Duration.ofHours(1)));
        clock.advance(Duration.ofHours(1));
        assertThat(other.registrations().view(r.id(), owners)).isEmpty();
        assertThat(other.registrations().cancel(r.id(), emailed)).isInstanceOf(ActionOutcome.Done.class);
    }

    @Test
    public void owners_links_handed_out_on_two_nodes_at_once_all_work_none_lost() throws Exception {
        Event event = publish(meeting("eigenaar-race", 5).build());
        Registration r = register(event, 1);
        String emailed = mailbox.manageToken(r.id());
        RegistrationEngine[] nodes = {engine, engineOn(secondNode(storage))};
        ExecutorService threads = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> links = new ArrayList<>();
        try {
            for (int t = 0; t < 6; t++) {
                RegistrationEngine node = nodes[t % 2];
                links.add(threads.submit(() -> {
                    start.await();
                    return node.registrations().openAsOwner(r.id(), loggedIn(1)).orElseThrow();
                }));
            }
            start.countDown();
            for (Future<String> link : links) {
                String owners = link.get(1, TimeUnit.MINUTES);
                assertThat(engine.registrations().view(r.id(), owners)).as("owner's link").isPresent();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(engine.registrations().view(r.id(), emailed)).isPresent();
        assertThat(storage.store().find(r.id()).orElseThrow().tokens())
                .filteredOn(t -> t.purpose() == TokenPurpose.MANAGE).hasSize(7);
    }

    private ActionOutcome changeAddress(RegistrationEngine on, Registration r, String email) {
        ParticipantDetails details = number(1);
        return on.registrations().changeDetails(new ChangeDetailsCommand(r.id(), mailbox.manageToken(r.id()),
                new ParticipantDetails(details.givenName(), details.familyName(), email, details.organisation(),
                        details.role(), details.sector(), details.locale()), java.util.Map.of()));
    }

    @Test
    public void a_pending_new_address_is_stored_with_its_link_and_the_registration_moves_to_it_once_confirmed() {
        Event event = publish(meeting("pending-address", 5).build());
        Registration r = register(event, 1);
        clock.advance(Duration.ofMinutes(1));

        ActionOutcome asked = changeAddress(engine, r, "Nieuw.Adres@Elders.example.org");
        Registration pending = secondNode(storage).store().find(r.id()).orElseThrow();

        assertThat(asked).isInstanceOf(ActionOutcome.Done.class);
        assertThat(pending).isEqualTo(((ActionOutcome.Done) asked).registration());
        assertThat(pending.participant().email()).isEqualTo(EmailAddress.of(number(1).email()));
        assertThat(pending.pendingEmail()).hasValue(new PendingEmail(
                EmailAddress.of("Nieuw.Adres@elders.example.org"), clock.instant().plus(Duration.ofHours(48))));
        assertThat(pending.tokens()).filteredOn(t -> t.purpose() == TokenPurpose.VERIFY_NEW_EMAIL).singleElement()
                .satisfies(t -> assertThat(t.expiresAt()).hasValue(clock.instant().plus(Duration.ofHours(48))));

        ActionOutcome verified = engineOn(secondNode(storage)).registrations().verifyEmail(r.id(),
                mailbox.token(r.id(), NotificationType.VERIFY_NEW_EMAIL));
        Registration moved = storage.store().find(r.id()).orElseThrow();

        assertThat(verified).isInstanceOf(ActionOutcome.Done.class);
        assertThat(moved.participant().email().value()).isEqualTo("Nieuw.Adres@elders.example.org");
        assertThat(moved.pendingEmail()).isEmpty();
        assertThat(moved.tokens()).extracting(t -> t.purpose()).containsOnly(TokenPurpose.MANAGE).hasSize(1);
        assertThat(storage.store().findActive(event.id(), EmailAddress.of("nieuw.adres@elders.example.org")))
                .map(Registration::id).hasValue(r.id());
        assertThat(engine.registrations().register(RegisterCommand.of(event.id(), new ParticipantDetails("Ander",
                "Iemand", "nieuw.adres@elders.example.org", "Elders", "projectleider", "hbo", Locale.ENGLISH))).reasons())
                .extracting(reason -> reason.code()).containsExactly("registration.duplicate");
        assertThat(engine.registrations().register(registration(event.id(), 1)))
                .isInstanceOf(RegistrationOutcome.Confirmed.class);
    }

    @Test
    public void address_changes_are_counted_from_the_stored_history_on_every_node() {
        Event event = publish(meeting("address-limit", 5).build());
        Registration r = register(event, 1);
        RegistrationEngine other = engineOn(secondNode(storage));

        changeAddress(engine, r, "een@elders.example.org");
        changeAddress(other, r, "twee@elders.example.org");
        changeAddress(engine, r, "drie@elders.example.org");
        ActionOutcome fourth = changeAddress(other, r, "vier@elders.example.org");

        assertThat(fourth).isInstanceOf(ActionOutcome.NotAllowed.class);
        assertThat(((ActionOutcome.NotAllowed) fourth).reasons()).extracting(reason -> reason.code())
                .containsExactly("email.change-limit");
        assertThat(storage.store().find(r.id()).orElseThrow().pendingEmail()).map(p -> p.address().value())
                .hasValue("drie@elders.example.org");
    }

    @Test
    public void erasing_a_participant_erases_a_pending_new_address_and_its_link() {
        Event event = publish(meeting("erase-pending", 5).build());
        Registration r = register(event, 1);
        changeAddress(engine, r, "nieuw.adres@elders.example.org");
        String link = mailbox.token(r.id(), NotificationType.VERIFY_NEW_EMAIL);

        engine.organising().erase(r.id(), "organiser");

        Registration erased = storage.store().find(r.id()).orElseThrow();
        assertThat(erased.pendingEmail()).isEmpty();
        assertThat(erased.tokens()).isEmpty();
        assertThat(engine.registrations().verifyEmail(r.id(), link)).isEqualTo(new ActionOutcome.NotFound());
        assertThat(storage.outbox().about(r.id())).allSatisfy(e ->
                assertThat(e.notification().recipient().value()).doesNotContain("nieuw.adres"));
    }

    @Test
    public void a_group_gets_seats_together_or_waits_together() {
        Event event = publish(meeting("groups", 3).build());
        GroupOutcome fits = engine.registrations().registerGroup(group(event, 1, 2));
        GroupOutcome tooBig = engine.registrations().registerGroup(group(event, 3, 4));

        assertThat(fits).isInstanceOf(GroupOutcome.Registered.class);
        assertThat(((GroupOutcome.Registered) fits).members()).allMatch(o -> o instanceof RegistrationOutcome.Confirmed);
        assertThat(((GroupOutcome.Registered) tooBig).members())
                .allMatch(o -> o instanceof RegistrationOutcome.Waitlisted);
        assertThat(engine.events().counts(event.id()).seatsLeft()).hasValue(1);
    }

    @Test
    public void the_organisation_limit_counts_a_group_as_a_whole_and_refuses_all_of_it() {
        Event event = publish(meeting("per-org", 10).organisationLimit(OptionalInt.of(2)).build());
        GroupRegisterCommand sameOrganisation = new GroupRegisterCommand(event.id(), Optional.empty(), List.of(
                GroupRegisterCommand.Member.of(colleague(1)), GroupRegisterCommand.Member.of(colleague(2)),
                GroupRegisterCommand.Member.of(colleague(3))), Optional.empty(), true);

        GroupOutcome outcome = engine.registrations().registerGroup(sameOrganisation);

        assertThat(outcome).isInstanceOf(GroupOutcome.Refused.class);
        assertThat(((GroupOutcome.Refused) outcome).reasons().get(0).code()).isEqualTo("organisation.limit");
        assertThat(storage.store().list(RegistrationQuery.all(event.id()))).isEmpty();
    }

    @Test
    public void an_invitation_code_admits_no_more_registrations_than_its_uses() {
        Event event = publish(meeting("codes", 10).eligibility(new EligibilityRule.Invited())
                .invitations(new Invitations(Set.of(), List.of(new InvitationCode("LC-TWEE", OptionalInt.of(2),
                        Optional.empty())))).build());

        List<RegistrationOutcome> outcomes = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            outcomes.add(engine.registrations().register(registration(event.id(), n).withInvitationCode(" lc-twee")));
        }

        assertThat(outcomes.subList(0, 2)).allMatch(o -> o instanceof RegistrationOutcome.Confirmed);
        assertThat(((RegistrationOutcome.Refused) outcomes.get(2)).reasons().get(0).code())
                .isEqualTo("eligibility.invitation.exhausted");
    }

    @Test
    public void a_full_session_takes_a_waiting_list_of_its_own_and_seats_it_when_a_seat_frees() {
        Event event = publish(meeting("sessions", 10).sessions(List.of(session("ronde-1a", 13, 14, 1),
                session("ronde-1b", 13, 14, 5))).build());
        Registration first = registerFor(event, 1, "ronde-1a");
        Registration second = registerFor(event, 2, "ronde-1a");

        assertThat(first.sessions().get(0).placement()).isEqualTo(SessionChoice.Placement.SEATED);
        assertThat(second.sessions().get(0).placement()).isEqualTo(SessionChoice.Placement.WAITLISTED);

        engine.registrations().changeSessions(first.id(), mailbox.manageToken(first.id()), List.of("ronde-1b"));

        Registration seated = storage.store().find(second.id()).orElseThrow();
        assertThat(seated.sessions().get(0).placement()).isEqualTo(SessionChoice.Placement.SEATED);
        assertThat(mailbox.types(second.id())).endsWith(NotificationType.SESSION_SEATED);
        SeatCounts counts = engine.events().counts(event.id());
        assertThat(counts.sessions().get("ronde-1a").seated()).isEqualTo(1);
        assertThat(counts.sessions().get("ronde-1b").seated()).isEqualTo(1);
    }

    @Test
    public void every_stored_change_has_its_notification_in_the_outbox() {
        Event event = publish(meeting("outbox", 1).build());
        Registration confirmed = register(event, 1);
        Registration waiting = register(event, 2);

        assertThat(storage.outbox().about(confirmed.id())).hasSize(2);
        assertThat(storage.outbox().about(confirmed.id())).extracting(e -> e.notification().type())
                .containsExactly(NotificationType.CONFIRMATION, NotificationType.ORGANISER_NEW_REGISTRATION);
        assertThat(storage.outbox().about(waiting.id())).extracting(e -> e.notification().type())
                .containsExactly(NotificationType.WAITLISTED, NotificationType.ORGANISER_NEW_REGISTRATION);
        assertThat(storage.store().find(confirmed.id()).orElseThrow().tokens()).hasSize(1);
    }

    @Test
    public void an_outbox_claim_is_exclusive_until_its_lease_lapses() {
        Event event = publish(meeting("claims", 5).build());
        register(event, 1);

        List<OutboxEntry> first = storage.outbox().claimDue("node-a", 10, NOW, Duration.ofMinutes(5));
        List<OutboxEntry> meanwhile = storage.outbox().claimDue("node-b", 10, NOW, Duration.ofMinutes(5));
        List<OutboxEntry> afterLease = storage.outbox().claimDue("node-b", 10, NOW.plus(Duration.ofMinutes(6)),
                Duration.ofMinutes(5));
        boolean lateSettle = storage.outbox().markSent(first.get(0).notification().id(), "node-a", NOW);

        assertThat(first).hasSize(2);
        assertThat(meanwhile).isEmpty();
        assertThat(afterLease).hasSize(2);
        assertThat(lateSettle).isFalse();
        assertThat(storage.outbox().markSent(afterLease.get(0).notification().id(), "node-b", NOW)).isTrue();
        assertThat(storage.outbox().about(afterLease.get(0).notification().registrationId().orElseThrow()).get(0)
                .notification().token()).isEmpty();
    }

    @Test
    public void queueing_the_same_notification_twice_keeps_one() {
        Notification reminder = new Notification(UUID.nameUUIDFromBytes("same".getBytes()), NotificationType.INVITATION,
                "anywhere", Optional.empty(), EmailAddress.of("iemand@example.org"), "", Locale.ENGLISH, NOW,
                Optional.empty(), java.util.Map.of("invitationCode", "LC-1"));

        int first = storage.outbox().enqueue(List.of(reminder));
        int again = storage.outbox().enqueue(List.of(reminder, reminder));
        List<OutboxEntry> claimed = storage.outbox().claimDue("node", 10, NOW, Duration.ofMinutes(1));

        assertThat(first).isEqualTo(1);
        assertThat(again).isZero();
        assertThat(claimed).singleElement().satisfies(e ->
                assertThat(e.notification().data()).containsEntry("invitationCode", "LC-1"));
    }

    @Test
    public void a_failed_message_stays_visible_with_the_servers_answer() {
        Event event = publish(meeting("failures", 5).build());
        register(event, 1);
        OutboxEntry entry = storage.outbox().claimDue("node-a", 1, NOW, Duration.ofMinutes(5)).get(0);

        storage.outbox().markFailed(entry.notification().id(), "node-a", "550 mailbox unavailable");

        assertThat(storage.outbox().failed(event.id())).singleElement()
                .satisfies(failed -> assertThat(failed.lastError()).contains("550 mailbox unavailable"));
    }

    @Test
    public void a_fresh_store_has_no_backlog_and_each_queued_message_waits_from_when_it_was_queued() {
        OutboxBacklog fresh = storage.outbox().backlog();
        Event event = publish(meeting("backlog", 5).build());
        register(event, 1);
        clock.advance(Duration.ofMinutes(5));
        register(event, 2);

        assertThat(fresh).isEqualTo(OutboxBacklog.empty());
        assertThat(fresh.oldestPendingAge(NOW)).isEmpty();
        OutboxBacklog now = storage.outbox().backlog();
        assertThat(now).isEqualTo(new OutboxBacklog(4, 0, Optional.of(NOW)));
        assertThat(now.oldestPendingAge(clock.instant())).contains(Duration.ofMinutes(5));
    }

    @Test
    public void the_backlog_counts_what_waits_and_what_failed_across_events_since_the_earliest_queue_time() {
        Notification later = queuedAt("backlog-a", NOW.plus(Duration.ofMinutes(10)));
        Notification earliest = queuedAt("backlog-b", NOW);
        Notification latest = queuedAt("backlog-a", NOW.plus(Duration.ofMinutes(20)));
        storage.outbox().enqueue(List.of(later, earliest, latest));
        OutboxBacklog queued = storage.outbox().backlog();
        Instant dispatching = NOW.plus(Duration.ofHours(1));

        List<OutboxEntry> claimed = storage.outbox().claimDue("node-a", 10, dispatching, Duration.ofMinutes(5));
        OutboxBacklog whileClaimed = storage.outbox().backlog();
        storage.outbox().markSent(earliest.id(), "node-a", dispatching);
        OutboxBacklog afterSending = storage.outbox().backlog();
        storage.outbox().markRetry(later.id(), "node-a", "451 try again later", NOW.plus(Duration.ofHours(2)));
        OutboxBacklog whileRetrying = storage.outbox().backlog();
        storage.outbox().markFailed(latest.id(), "node-a", "550 no such user");
        OutboxBacklog afterFailing = storage.outbox().backlog();

        assertThat(queued).isEqualTo(new OutboxBacklog(3, 0, Optional.of(NOW)));
        assertThat(claimed).hasSize(3);
        assertThat(whileClaimed).as("a claimed message still waits").isEqualTo(queued);
        assertThat(afterSending).as("a sent message no longer waits")
                .isEqualTo(new OutboxBacklog(2, 0, Optional.of(NOW.plus(Duration.ofMinutes(10)))));
        assertThat(whileRetrying).as("a retried message waits from when it was queued, not from its retry")
                .isEqualTo(new OutboxBacklog(2, 0, Optional.of(NOW.plus(Duration.ofMinutes(10)))));
        assertThat(afterFailing).as("a failed message is counted apart and no longer waits")
                .isEqualTo(new OutboxBacklog(1, 1, Optional.of(NOW.plus(Duration.ofMinutes(10)))));
    }

    @Test
    public void once_nothing_waits_the_backlog_has_no_oldest_message_and_still_counts_the_failed_ones() {
        Notification sent = queuedAt("backlog-done", NOW);
        Notification failedOnce = queuedAt("backlog-done", NOW.plusSeconds(1));
        Notification failedTwice = queuedAt("backlog-elsewhere", NOW.plusSeconds(2));
        storage.outbox().enqueue(List.of(sent, failedOnce, failedTwice));
        storage.outbox().claimDue("node-a", 10, NOW.plusSeconds(60), Duration.ofMinutes(5));

        storage.outbox().markSent(sent.id(), "node-a", NOW.plusSeconds(60));
        storage.outbox().markFailed(failedOnce.id(), "node-a", "550 no such user");
        storage.outbox().markFailed(failedTwice.id(), "node-a", "554 refused");

        OutboxBacklog backlog = storage.outbox().backlog();
        assertThat(backlog).isEqualTo(new OutboxBacklog(0, 2, Optional.empty()));
        assertThat(backlog.oldestPendingAge(NOW.plus(Duration.ofDays(1)))).isEmpty();
    }

    private static Notification queuedAt(String eventId, Instant queued) {
        return new Notification(UUID.randomUUID(), NotificationType.REMINDER, eventId, Optional.empty(),
                EmailAddress.of("wachtend@example.org"), "Wachtend", Locale.ENGLISH, queued, Optional.empty(),
                java.util.Map.of());
    }

    @Test
    public void erasing_a_participant_leaves_no_personal_data_in_store_or_outbox() {
        Event event = publish(meeting("erase", 5).build());
        Registration registration = registerFor(event, 1);

        engine.organising().erase(registration.id(), "organiser");

        Registration erased = storage.store().find(registration.id()).orElseThrow();
        assertThat(erased.erased()).isTrue();
        assertThat(erased.participant().givenName()).isEmpty();
        assertThat(erased.participant().email().value()).doesNotContain("deelnemer1");
        assertThat(erased.tokens()).isEmpty();
        assertThat(storage.store().findByEmail(EmailAddress.of(number(1).email()))).isEmpty();
        assertThat(storage.outbox().about(registration.id())).allSatisfy(e -> {
            assertThat(e.notification().recipient().value()).doesNotContain("deelnemer1");
            assertThat(e.notification().token()).isEmpty();
        });
        assertThat(engine.events().counts(event.id()).confirmed()).isZero();
    }

    @Test
    public void two_nodes_with_64_threads_never_overbook_and_lose_no_registration() throws Exception {
        int capacity = 500;
        int registrants = 5_000;
        Event event = publish(meeting("rush", capacity).build());
        RegistrationEngine[] nodes = {engine, engineOn(secondNode(storage))};
        ExecutorService threads = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<RegistrationOutcome> outcomes = new ConcurrentLinkedQueue<>();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 64; t++) {
            RegistrationEngine node = nodes[t % 2];
            workers.add(threads.submit(() -> {
                start.await();
                for (int n = next.getAndIncrement(); n < registrants; n = next.getAndIncrement()) {
                    outcomes.add(node.registrations().register(registration(event.id(), n)));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> worker : workers) {
            worker.get(5, TimeUnit.MINUTES);
        }
        threads.shutdown();

        List<Registration> stored = storage.store().list(RegistrationQuery.all(event.id()));
        assertThat(outcomes).hasSize(registrants).allMatch(o -> o instanceof RegistrationOutcome.Confirmed
                || o instanceof RegistrationOutcome.Waitlisted);
        assertThat(stored).hasSize(registrants);
        assertThat(stored).filteredOn(r -> r.status() == RegistrationStatus.CONFIRMED).hasSize(capacity);
        List<Long> positions = stored.stream().filter(r -> r.status() == RegistrationStatus.WAITLISTED)
                .map(r -> r.waitlistPosition().getAsLong()).sorted().toList();
        assertThat(positions).hasSize(registrants - capacity);
        assertThat(positions).isEqualTo(java.util.stream.LongStream.rangeClosed(1, registrants - capacity)
                .boxed().toList());
        assertThat(stored.stream().map(Registration::id).distinct()).hasSize(registrants);
    }

    @Test
    public void sessions_and_cancellations_racing_promotions_never_overbook() throws Exception {
        Event event = publish(meeting("race", 60).sessions(List.of(session("ronde-1", 13, 14, 20),
                session("ronde-2", 14, 15, 20))).build());
        RegistrationEngine[] nodes = {engine, engineOn(secondNode(storage))};
        ConcurrentLinkedQueue<UUID> registered = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<UUID> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger cancelled = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(24);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        CountDownLatch registrantsDone = new CountDownLatch(18);
        for (int t = 0; t < 24; t++) {
            RegistrationEngine node = nodes[t % 2];
            if (t % 4 == 3) {
                workers.add(threads.submit(() -> {
                    start.await();
                    while (registrantsDone.getCount() > 0 && cancelled.get() < 120) {
                        UUID victim = registered.poll();
                        if (victim == null) {
                            Thread.onSpinWait();
                        } else if (node.organising().cancel(victim, "organiser", Optional.empty())
                                instanceof ActionOutcome.Done) {
                            cancelled.incrementAndGet();
                        }
                    }
                    return null;
                }));
                continue;
            }
            workers.add(threads.submit(() -> {
                start.await();
                try {
                    for (int n = next.getAndIncrement(); n < 400; n = next.getAndIncrement()) {
                        List<String> picks = n % 3 == 0 ? List.of("ronde-1") : n % 3 == 1 ? List.of("ronde-2")
                                : List.of("ronde-1", "ronde-2");
                        RegistrationOutcome outcome = node.registrations()
                                .register(registration(event.id(), n).withSessions(picks));
                        if (outcome instanceof RegistrationOutcome.Confirmed c) {
                            registered.add(c.registration().id());
                            accepted.add(c.registration().id());
                        } else if (outcome instanceof RegistrationOutcome.Waitlisted w) {
                            registered.add(w.registration().id());
                            accepted.add(w.registration().id());
                        } else {
                            throw new AssertionError("registration " + n + " was not accepted: " + outcome);
                        }
                    }
                } finally {
                    registrantsDone.countDown();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> worker : workers) {
            worker.get(5, TimeUnit.MINUTES);
        }
        threads.shutdown();

        List<Registration> all = storage.store().list(RegistrationQuery.all(event.id()));
        assertThat(accepted).hasSize(400);
        assertThat(cancelled.get()).isPositive();
        assertThat(all.stream().map(Registration::id).toList()).containsExactlyInAnyOrderElementsOf(accepted);
        long holding = all.stream().filter(Registration::holdsSeat).count();
        long waiting = all.stream().filter(Registration::isWaiting).count();
        assertThat(holding).isLessThanOrEqualTo(60);
        if (waiting > 0) {
            assertThat(holding).isEqualTo(60);
        }
        SeatCounts counts = engine.events().counts(event.id());
        assertThat(counts.confirmed() + counts.offered()).isEqualTo(holding);
        assertThat(counts.waiting()).isEqualTo(waiting);
        for (String sessionId : List.of("ronde-1", "ronde-2")) {
            long seated = all.stream().flatMap(r -> r.sessions().stream()).filter(c -> c.sessionId().equals(sessionId)
                    && c.placement() == SessionChoice.Placement.SEATED).count();
            long sessionWaiting = all.stream().flatMap(r -> r.sessions().stream())
                    .filter(c -> c.sessionId().equals(sessionId)
                            && c.placement() == SessionChoice.Placement.WAITLISTED).count();
            assertThat(seated).as(sessionId).isLessThanOrEqualTo(20);
            if (sessionWaiting > 0) {
                assertThat(seated).as(sessionId).isEqualTo(20);
            }
            assertThat(counts.sessions().get(sessionId).seated()).isEqualTo(seated);
        }
        assertThat(all.stream().filter(r -> r.status().isActive()).map(r -> r.participant().email().key()))
                .doesNotHaveDuplicates();
        assertThat(all.stream().filter(Registration::isWaiting).map(r -> r.waitlistPosition().getAsLong()))
                .doesNotHaveDuplicates();
    }

    private Registration registerFor(Event event, int n, String... sessionIds) {
        RegistrationOutcome outcome = engine.registrations()
                .register(registration(event.id(), n).withSessions(List.of(sessionIds)));
        if (outcome instanceof RegistrationOutcome.Confirmed c) {
            return c.registration();
        }
        throw new AssertionError("expected confirmed, got " + outcome);
    }

    private static GroupRegisterCommand group(Event event, int... numbers) {
        List<GroupRegisterCommand.Member> members = new ArrayList<>();
        for (int n : numbers) {
            members.add(GroupRegisterCommand.Member.of(number(n)));
        }
        return new GroupRegisterCommand(event.id(), Optional.empty(), members, Optional.empty(), true);
    }

    private static ParticipantDetails colleague(int n) {
        return new ParticipantDetails("Collega", "Nummer " + n, "collega" + n + "@roc.example.org", "ROC Voorbeeld",
                "beleidsmedewerker", "mbo", Locale.forLanguageTag("nl"));
    }

    /** @return a fresh id, for tests that need one that exists nowhere */
    protected static UUID unknownId() {
        return UUID.randomUUID();
    }
}
