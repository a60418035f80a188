package nl.learningcommunities.registration.jdbc;

import static nl.learningcommunities.registration.testing.TestEvents.NOW;
import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static nl.learningcommunities.registration.testing.TestParticipants.number;
import static nl.learningcommunities.registration.testing.TestParticipants.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ActionOutcome;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.eligibility.EligibilityRule;
import nl.learningcommunities.registration.eligibility.InvitationCode;
import nl.learningcommunities.registration.eligibility.Invitations;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.inmemory.InMemoryEventCatalogue;
import nl.learningcommunities.registration.jdbc.GatedNodes.Node;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.testing.MutableClock;

/**
 * Group commit on a hot event: registrations for one event that arrive on a node while a transaction for that
 * event runs there are admitted together by the next one. Every rush here is 64 registrants at once on two nodes
 * with pools of their own; each node holds its statements on the event's ledger at a gate until everyone has
 * arrived, so that each node's batches are the same on every run: its first registrant alone, then the 31 who
 * queued behind it together.
 */
abstract class JdbcBatchingTests {

    private static final int THREADS = GatedNodes.THREADS;

    private final String prefix = "g" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
    private GatedNodes nodes;
    private JdbcStorage storage;
    private RegistrationEngine engine;

    abstract TestDatabase database();

    @BeforeEach
    void migrate() {
        nodes = new GatedNodes(database(), prefix, InMemoryEventCatalogue.create(), MutableClock.at(NOW));
        storage = nodes.storage();
        engine = nodes.engineOn(storage);
    }

    @AfterEach
    void dropTablesAndClosePools() throws SQLException {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void registrants_arriving_together_share_transactions_and_get_seats_and_places_in_their_order_of_arrival() {
        Event event = publish(meeting("hot", 20).build());
        Node first = nodes.node("first");
        Node second = nodes.node("second");

        List<RegistrationOutcome> outcomes = nodes.rush(event, t -> registration(event.id(), t), first, second);

        for (Node node : List.of(first, second)) {
            assertThat(node.batches()).as("one transaction: the registrant at the gate took in the 31 behind it")
                    .isEqualTo(new AdmissionQueue.Stats(1, 32, 32));
        }
        assertThat(outcomes).filteredOn(RegistrationOutcome.Confirmed.class::isInstance).hasSize(20);
        assertThat(outcomes).filteredOn(RegistrationOutcome.Waitlisted.class::isInstance)
                .extracting(o -> ((RegistrationOutcome.Waitlisted) o).position())
                .containsExactlyInAnyOrderElementsOf(oneTo(44));
        List<Registration> stored = stored(event);
        assertThat(stored).extracting(Registration::id).containsExactlyInAnyOrderElementsOf(admitted(outcomes));
        assertThat(stored).as("in order of arrival: the seats, then the waiting list in order")
                .extracting(r -> r.waitlistPosition().orElse(0)).isSorted();
        assertThat(stored).filteredOn(Registration::holdsSeat).hasSize(20);
        assertEachIsStoredWhole(stored);
        assertTheNextRegistrantIsNextInLine(event, 45);
    }

    @Test
    void registrants_who_queue_while_a_batch_waits_for_the_events_lock_are_admitted_in_that_batch_in_their_order()
            throws Exception {
        Event event = publish(meeting("late", 4).build());
        TappedDataSource.Gate commit = TappedDataSource.Gate.atCommit();
        TappedDataSource.Gate lock = new TappedDataSource.Gate(sql -> sql.contains("FOR UPDATE")
                && sql.contains(prefix + "seat_ledger"));
        Node node = nodes.node("late", 64, call -> {
            commit.before(call);
            lock.before(call);
        });
        node.gate().open();
        try (Arrivals arrivals = new Arrivals(node)) {
            arrivals.arrive(registration(event.id(), 0), () -> commit.waiting() == 1);
            for (int t = 1; t <= 2; t++) {
                arrivals.queue(registration(event.id(), t), t);
            }
            commit.open();
            await().atMost(Duration.ofMinutes(1)).until(() -> lock.waiting() == 1);
            for (int t = 3; t <= 6; t++) {
                arrivals.queue(registration(event.id(), t), t - 2);
            }
            lock.open();
            List<RegistrationOutcome> outcomes = arrivals.outcomes();

            assertThat(node.batches()).as("the first alone, then two and the four who queued as they waited")
                    .isEqualTo(new AdmissionQueue.Stats(2, 7, 6));
            assertThat(outcomes.subList(0, 4)).allMatch(RegistrationOutcome.Confirmed.class::isInstance);
            assertThat(outcomes.subList(4, 7)).extracting(o -> ((RegistrationOutcome.Waitlisted) o).position())
                    .containsExactly(1L, 2L, 3L);
            assertTheAdmittedAreStoredWhole(event, outcomes);
            assertTheNextRegistrantIsNextInLine(event, 4);
        }
    }

    @Test
    void a_registrant_who_waits_alone_for_the_events_row_takes_in_whoever_queued_meanwhile_in_their_order()
            throws Exception {
        Event event = publish(meeting("lone", 2).build());
        TappedDataSource.Gate claim = new TappedDataSource.Gate(sql -> sql.contains("SET taken = taken + 1"));
        Node node = nodes.node("lone", 64, claim);
        node.gate().open();
        try (Arrivals arrivals = new Arrivals(node)) {
            arrivals.arrive(registration(event.id(), 0), () -> claim.waiting() == 1);
            for (int t = 1; t <= 3; t++) {
                arrivals.queue(registration(event.id(), t), t);
            }
            claim.open();
            List<RegistrationOutcome> outcomes = arrivals.outcomes();

            assertThat(node.batches()).as("one transaction for the four").isEqualTo(new AdmissionQueue.Stats(1, 4, 4));
            assertThat(outcomes.subList(0, 2)).allMatch(RegistrationOutcome.Confirmed.class::isInstance);
            assertThat(outcomes.subList(2, 4)).extracting(o -> ((RegistrationOutcome.Waitlisted) o).position())
                    .containsExactly(1L, 2L);
            assertTheAdmittedAreStoredWhole(event, outcomes);
            assertTheNextRegistrantIsNextInLine(event, 3);
        }
    }

    @Test
    void registrants_taken_in_by_a_lone_registrant_on_an_event_with_an_organisation_limit_are_admitted_each_on_their_own()
            throws Exception {
        Event event = publish(meeting("limited", 10).organisationLimit(OptionalInt.of(2)).build());
        TappedDataSource.Gate claim = new TappedDataSource.Gate(sql -> sql.contains("FOR UPDATE")
                && sql.contains(prefix + "seat_ledger"));
        Node node = nodes.node("limited", 64, claim);
        node.gate().open();
        try (Arrivals arrivals = new Arrivals(node)) {
            arrivals.arrive(fromOrganisation(event, 0, "Hogeschool Zuid"), () -> claim.waiting() == 1);
            for (int t = 1; t <= 3; t++) {
                arrivals.queue(fromOrganisation(event, t, t < 3 ? "Hogeschool Zuid" : "ROC Noord"), t);
            }
            claim.open();
            List<RegistrationOutcome> outcomes = arrivals.outcomes();

            assertThat(node.batches()).as("the three were taken in, then admitted each on their own")
                    .isEqualTo(new AdmissionQueue.Stats(1, 4, 4));
            assertThat(outcomes.get(0)).isInstanceOf(RegistrationOutcome.Confirmed.class);
            assertThat(outcomes.get(1)).isInstanceOf(RegistrationOutcome.Confirmed.class);
            assertThat(refusals(outcomes.subList(2, 3))).containsExactly("organisation.limit on organisation");
            assertThat(outcomes.get(3)).isInstanceOf(RegistrationOutcome.Confirmed.class);
            assertTheAdmittedAreStoredWhole(event, outcomes);
            assertThat(engine.events().counts(event.id()).confirmed()).isEqualTo(3);
        }
    }

    @Test
    void a_repeat_among_those_a_lone_registrant_took_in_is_refused_alone_and_the_others_keep_their_seats()
            throws Exception {
        Event event = publish(meeting("lone-repeat", 3).build());
        assertThat(engine.registrations().register(withAddress(event, 900, "al.bezet@hogeschool.example.org")))
                .isInstanceOf(RegistrationOutcome.Confirmed.class);
        TappedDataSource.Gate claim = new TappedDataSource.Gate(sql -> sql.contains("SET taken = taken + 1"));
        TappedDataSource.Tap blind = blindDuplicateCheck();
        Node node = nodes.node("lone-repeat", 64, call -> {
            claim.before(call);
            blind.before(call);
        });
        node.gate().open();
        try (Arrivals arrivals = new Arrivals(node)) {
            arrivals.arrive(registration(event.id(), 0), () -> claim.waiting() == 1);
            arrivals.queue(withAddress(event, 1, "al.bezet@hogeschool.example.org"), 1);
            arrivals.queue(registration(event.id(), 2), 2);
            claim.open();
            List<RegistrationOutcome> outcomes = arrivals.outcomes();

            assertThat(node.batches()).isEqualTo(new AdmissionQueue.Stats(1, 3, 3));
            assertThat(outcomes.get(0)).isInstanceOf(RegistrationOutcome.Confirmed.class);
            assertThat(refusals(outcomes.subList(1, 2))).containsExactly("registration.duplicate on email");
            assertThat(outcomes.get(2)).as("the last seat, not a place in line: the refused batch left no trace")
                    .isInstanceOf(RegistrationOutcome.Confirmed.class);
            List<Registration> stored = stored(event);
            assertThat(stored).hasSize(3).allMatch(Registration::holdsSeat);
            assertEachIsStoredWhole(stored);
            assertTheNextRegistrantIsNextInLine(event, 1);
        }
    }

    @Test
    void registrants_whose_batch_took_the_last_seats_and_lost_its_commit_reply_are_answered_with_their_seats() {
        Event event = publish(meeting("lost-last-seats", THREADS).waitingList(false).build());
        AtomicBoolean lost = new AtomicBoolean();
        Node lossy = nodes.node("lossy-full", 64, call -> {
            if (call.method.equals("commit") && call.transaction.sentRegistrationBatch
                    && lost.compareAndSet(false, true)) {
                call.connection.commit();
                throw new SQLException("connection reset while reading the reply", "08006");
            }
        });

        List<RegistrationOutcome> outcomes = nodes.rush(event, t -> registration(event.id(), t), lossy);

        assertThat(lost).isTrue();
        assertThat(outcomes).as("each admitted again finds the seat its lost commit gave it, not a full event")
                .allMatch(RegistrationOutcome.Confirmed.class::isInstance);
        assertTheAdmittedAreStoredWhole(event, outcomes);
        assertThat(engine.registrations().register(registration(event.id(), 5_000)))
                .isInstanceOfSatisfying(RegistrationOutcome.Refused.class,
                        r -> assertThat(r.reasons().get(0).code()).isEqualTo("capacity.full"));
    }

    /** Registrants arriving on one node one after another, each on a thread of its own. */
    private static final class Arrivals implements AutoCloseable {
        private final ExecutorService threads = Executors.newFixedThreadPool(8);
        private final List<Future<RegistrationOutcome>> registrants = new ArrayList<>();
        private final Node node;

        Arrivals(Node node) {
            this.node = node;
        }

        /** Starts a registrant and waits until {@code until} holds. */
        void arrive(RegisterCommand command, java.util.concurrent.Callable<Boolean> until) {
            registrants.add(threads.submit(() -> node.engine().registrations().register(command)));
            await().atMost(Duration.ofMinutes(1)).until(until);
        }

        /** Starts a registrant and waits until it is the {@code nth} queued for its event on the node. */
        void queue(RegisterCommand command, int nth) {
            arrive(command, () -> node.storage().admissionsWaiting(command.eventId()) == nth);
        }

        /** @return the outcomes, in the order the registrants arrived */
        List<RegistrationOutcome> outcomes() throws Exception {
            List<RegistrationOutcome> outcomes = new ArrayList<>();
            for (Future<RegistrationOutcome> registrant : registrants) {
                outcomes.add(registrant.get(2, TimeUnit.MINUTES));
            }
            return outcomes;
        }

        @Override
        public void close() {
            threads.shutdownNow();
        }
    }

    @Test
    void a_registrant_who_arrives_alone_has_a_transaction_of_their_own() {
        Event event = publish(meeting("quiet", 20).build());

        RegistrationOutcome outcome = engine.registrations().register(registration(event.id(), 1));

        assertThat(outcome).isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(storage.admissionBatches()).hasValue(new AdmissionQueue.Stats(1, 1, 1));
    }

    @Test
    void with_a_batch_size_of_one_every_registrant_has_a_transaction_of_their_own() {
        Event event = publish(meeting("unbatched", 20).build());
        Node first = nodes.node("first", 1, call -> { });
        Node second = nodes.node("second", 1, call -> { });

        List<RegistrationOutcome> outcomes = nodes.rush(event, t -> registration(event.id(), t), first, second);

        assertThat(first.storage().admissionBatches()).isEmpty();
        assertThat(admitted(outcomes)).hasSize(THREADS);
        assertThat(stored(event)).filteredOn(Registration::isWaiting)
                .extracting(r -> r.waitlistPosition().getAsLong()).containsExactlyInAnyOrderElementsOf(oneTo(44));
        assertThatThrownBy(() -> JdbcStorage.builder(new org.h2.jdbcx.JdbcDataSource()).admissionBatchSize(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void one_address_registered_many_times_at_once_is_stored_once_and_only_its_repeats_are_refused() {
        Event event = publish(meeting("twice", 30).build());
        assertThat(engine.registrations().register(withAddress(event, 900, "al.bezet@hogeschool.example.org")))
                .isInstanceOf(RegistrationOutcome.Confirmed.class);
        IntFunction<RegisterCommand> registrant = t -> t % 4 == 0
                ? withAddress(event, t, t % 8 == 0 ? "dubbel@hogeschool.example.org" : "dubbel@HOGESCHOOL.example.org")
                : t % 8 == 1 ? withAddress(event, t, "al.bezet@hogeschool.example.org") : registration(event.id(), t);
        Node first = nodes.node("first");
        Node second = nodes.node("second");

        List<RegistrationOutcome> outcomes = nodes.rush(event, registrant, first, second);

        for (Node node : List.of(first, second)) {
            assertThat(node.batches().largest()).as("32 when the registrant at the gate was admitted and took the"
                    + " rest in; 31 when it was a repeat, refused, and the rest queued together").isBetween(31, 32);
        }
        List<RegistrationOutcome> repeats = every(outcomes, t -> t % 4 == 0);
        assertThat(admitted(repeats)).hasSize(1);
        assertThat(refusals(repeats)).hasSize(15).containsOnly("registration.duplicate on email");
        assertThat(refusals(every(outcomes, t -> t % 8 == 1))).hasSize(8)
                .containsOnly("registration.duplicate on email");
        assertThat(admitted(every(outcomes, t -> t % 4 != 0 && t % 8 != 1))).hasSize(40);
        List<Registration> stored = stored(event);
        assertThat(stored).hasSize(42).filteredOn(r -> r.participant().email().key().startsWith("dubbel@"))
                .hasSize(1);
        assertThat(stored).filteredOn(Registration::isWaiting).extracting(r -> r.waitlistPosition().getAsLong())
                .containsExactlyInAnyOrderElementsOf(oneTo(12));
        assertTheNextRegistrantIsNextInLine(event, 13);
    }

    @Test
    void a_repeated_address_the_check_before_inserting_misses_is_stopped_by_the_unique_index_and_refused_alone() {
        Event event = publish(meeting("unseen-twice", 30).build());
        TappedDataSource.Tap blind = blindDuplicateCheck();
        Node first = nodes.node("first", 64, blind);
        Node second = nodes.node("second", 64, blind);

        List<RegistrationOutcome> outcomes = nodes.rush(event, t -> t % 4 == 0
                ? withAddress(event, t, "dubbel@hogeschool.example.org") : registration(event.id(), t), first, second);

        assertThat(first.batches().largest()).as("31 when the registrant at the gate was a refused repeat")
                .isBetween(31, 32);
        assertThat(admitted(every(outcomes, t -> t % 4 == 0))).hasSize(1);
        assertThat(refusals(every(outcomes, t -> t % 4 == 0))).hasSize(15)
                .containsOnly("registration.duplicate on email");
        assertThat(admitted(every(outcomes, t -> t % 4 != 0))).hasSize(48);
        List<Registration> stored = stored(event);
        assertThat(stored).hasSize(49);
        assertThat(stored).filteredOn(Registration::isWaiting).extracting(r -> r.waitlistPosition().getAsLong())
                .containsExactlyInAnyOrderElementsOf(oneTo(19));
        assertEachIsStoredWhole(stored);
    }

    @Test
    void an_invitation_code_that_runs_out_during_a_rush_admits_exactly_its_uses() {
        Event event = publish(meeting("codes", 30).eligibility(new EligibilityRule.Invited())
                .invitations(new Invitations(Set.of(), List.of(
                        new InvitationCode("LC-RUSH", OptionalInt.of(10), Optional.empty()),
                        new InvitationCode("LC-OPEN", OptionalInt.empty(), Optional.empty())))).build());
        Node first = nodes.node("first");
        Node second = nodes.node("second");

        List<RegistrationOutcome> outcomes = nodes.rush(event, t -> registration(event.id(), t)
                .withInvitationCode(t / 2 % 2 == 0 ? "LC-RUSH" : "LC-OPEN"), first, second);

        for (Node node : List.of(first, second)) {
            assertThat(node.batches().largest()).as("the open code's registrants in one transaction").isEqualTo(16);
        }
        assertThat(admitted(every(outcomes, t -> t / 2 % 2 == 0))).hasSize(10);
        assertThat(refusals(every(outcomes, t -> t / 2 % 2 == 0))).hasSize(22)
                .containsOnly("eligibility.invitation.exhausted on invitationCode");
        assertThat(admitted(every(outcomes, t -> t / 2 % 2 == 1))).hasSize(32);
        List<Registration> stored = stored(event);
        assertThat(stored).hasSize(42);
        assertThat(stored).filteredOn(r -> r.invitationCode().orElseThrow().equalsIgnoreCase("LC-RUSH")).hasSize(10);
        assertThat(stored).filteredOn(Registration::isWaiting).extracting(r -> r.waitlistPosition().getAsLong())
                .containsExactlyInAnyOrderElementsOf(oneTo(12));
    }

    @Test
    void a_batch_whose_commit_reply_was_lost_answers_each_registrant_with_their_stored_registration_once() {
        Event event = publish(meeting("lost-reply", 20).build());
        AtomicBoolean lost = new AtomicBoolean();
        Node lossy = nodes.node("lossy", 64, call -> {
            if (call.method.equals("commit") && call.transaction.sentRegistrationBatch
                    && lost.compareAndSet(false, true)) {
                call.connection.commit();
                throw new SQLException("connection reset while reading the reply", "08006");
            }
        });
        Node second = nodes.node("second");

        List<RegistrationOutcome> outcomes = nodes.rush(event, t -> registration(event.id(), t), lossy, second);

        assertThat(lost).isTrue();
        assertThat(admitted(outcomes)).hasSize(THREADS).doesNotHaveDuplicates();
        List<Registration> stored = stored(event);
        assertThat(stored).extracting(Registration::id).containsExactlyInAnyOrderElementsOf(admitted(outcomes));
        assertThat(stored).filteredOn(Registration::isWaiting).extracting(r -> r.waitlistPosition().getAsLong())
                .containsExactlyInAnyOrderElementsOf(oneTo(44));
        assertThat(outcomes).filteredOn(RegistrationOutcome.Waitlisted.class::isInstance)
                .extracting(o -> ((RegistrationOutcome.Waitlisted) o).position())
                .containsExactlyInAnyOrderElementsOf(oneTo(44));
        assertEachIsStoredWhole(stored);
        assertTheNextRegistrantIsNextInLine(event, 45);
    }

    @Test
    void a_batch_whose_connection_dies_before_its_commit_is_admitted_one_by_one_and_nobody_is_stored_twice() {
        Event event = publish(meeting("dead-batch", 20).build());
        AtomicInteger deaths = new AtomicInteger();
        Node dying = nodes.node("dying", 64, call -> {
            if (call.method.equals("executeBatch") && call.transaction.sentRegistrationBatch) {
                deaths.incrementAndGet();
                call.connection.close();
                throw new SQLRecoverableException("the server closed the connection", "08006");
            }
        });
        Node second = nodes.node("second");

        List<RegistrationOutcome> outcomes = nodes.rush(event, t -> registration(event.id(), t), dying, second);

        assertThat(deaths.get()).as("every try of the batch died").isPositive();
        assertThat(dying.batches().largest()).isEqualTo(32);
        assertThat(admitted(outcomes)).hasSize(THREADS).doesNotHaveDuplicates();
        List<Registration> stored = stored(event);
        assertThat(stored).extracting(Registration::id).containsExactlyInAnyOrderElementsOf(admitted(outcomes));
        assertThat(stored).filteredOn(Registration::isWaiting).extracting(r -> r.waitlistPosition().getAsLong())
                .containsExactlyInAnyOrderElementsOf(oneTo(44));
        assertEachIsStoredWhole(stored);
        assertTheNextRegistrantIsNextInLine(event, 45);
    }

    @Test
    void cancellations_racing_the_batches_give_every_freed_seat_to_the_first_in_line() throws Exception {
        Event event = publish(meeting("cancel-race", 10).build());
        List<UUID> holders = new ArrayList<>();
        Map<UUID, Long> positions = new ConcurrentHashMap<>();
        for (int n = 900; n < 914; n++) {
            RegistrationOutcome outcome = engine.registrations().register(registration(event.id(), n));
            if (outcome instanceof RegistrationOutcome.Waitlisted w) {
                positions.put(w.registration().id(), w.registration().waitlistPosition().getAsLong());
            } else {
                holders.add(((RegistrationOutcome.Confirmed) outcome).registration().id());
            }
        }
        ExecutorService organisers = Executors.newFixedThreadPool(holders.size());
        List<Future<ActionOutcome>> cancellations = new ArrayList<>();
        Node first = nodes.node("first");
        Node second = nodes.node("second");

        List<RegistrationOutcome> outcomes;
        try {
            outcomes = nodes.rush(event, t -> registration(event.id(), t), () -> { }, () -> holders.forEach(holder ->
                    cancellations.add(organisers.submit(() -> engine.organising().cancel(holder, "melina",
                            Optional.empty())))), first, second);
            for (Future<ActionOutcome> cancellation : cancellations) {
                assertThat(cancellation.get(2, TimeUnit.MINUTES)).isInstanceOf(ActionOutcome.Done.class);
            }
        } finally {
            organisers.shutdownNow();
        }

        outcomes.stream().filter(RegistrationOutcome.Waitlisted.class::isInstance)
                .map(o -> ((RegistrationOutcome.Waitlisted) o).registration())
                .forEach(r -> positions.put(r.id(), r.waitlistPosition().getAsLong()));
        assertThat(admitted(outcomes)).hasSize(THREADS);
        List<Registration> stored = stored(event);
        assertThat(stored).hasSize(14 + THREADS);
        assertThat(stored).filteredOn(Registration::holdsSeat).hasSize(10);
        List<Long> promoted = stored.stream().filter(r -> r.holdsSeat() && positions.containsKey(r.id()))
                .map(r -> positions.get(r.id())).toList();
        List<Long> waiting = stored.stream().filter(Registration::isWaiting)
                .map(r -> r.waitlistPosition().getAsLong()).toList();
        assertThat(waiting).doesNotHaveDuplicates().allSatisfy(position ->
                assertThat(position).as("still waiting behind everyone promoted")
                        .isGreaterThan(promoted.stream().mapToLong(Long::longValue).max().orElse(0)));
        assertThat(stored).filteredOn(Registration::isWaiting)
                .allSatisfy(r -> assertThat(r.waitlistPosition()).hasValue(positions.get(r.id())));
        assertThat(engine.events().counts(event.id()).waiting()).isEqualTo(waiting.size());
        assertTheNextRegistrantIsNextInLine(event, positions.values().stream().mapToLong(Long::longValue).max()
                .orElse(0) + 1);
    }

    @Test
    void registrants_queued_for_an_event_that_closes_meanwhile_are_refused_as_closed_and_nothing_is_stored() {
        Event event = publish(meeting("closing", 30).build());
        Node first = nodes.node("first");
        Node second = nodes.node("second");

        List<RegistrationOutcome> outcomes = nodes.rush(event, t -> registration(event.id(), t),
                () -> engine.events().close(event.id(), "melina"), () -> { }, first, second);

        assertThat(first.batches().largest()).as("the first, refused, took nobody in; the rest queued together")
                .isEqualTo(31);
        assertThat(refusals(outcomes)).hasSize(THREADS).containsOnly("registration.closed");
        assertThat(stored(event)).isEmpty();
    }

    private Event publish(Event event) {
        engine.events().publish(event);
        return event;
    }

    // ---------------------------------------------------------------- reading the outcome

    private List<Registration> stored(Event event) {
        return storage.list(RegistrationQuery.all(event.id()));
    }

    /** Everyone told they have a seat or a place in line is stored, whole, and nobody else is. */
    private void assertTheAdmittedAreStoredWhole(Event event, List<RegistrationOutcome> outcomes) {
        List<Registration> stored = stored(event);
        assertThat(stored).extracting(Registration::id).containsExactlyInAnyOrderElementsOf(admitted(outcomes));
        assertEachIsStoredWhole(stored);
    }

    /**
     * Each registration has its one history line, its token hash, and its notifications once each: the
     * participant's and the organisers'. Written once, and whole.
     */
    private void assertEachIsStoredWhole(List<Registration> stored) {
        assertThat(stored).allSatisfy(r -> {
            assertThat(r.history()).hasSize(1);
            assertThat(r.tokens()).hasSize(1);
            assertThat(storage.about(r.id())).extracting(e -> e.notification().type()).containsExactlyInAnyOrder(
                    r.isWaiting() ? NotificationType.WAITLISTED : NotificationType.CONFIRMATION,
                    NotificationType.ORGANISER_NEW_REGISTRATION);
        });
    }

    /** The ledger's counters moved with every registrant: the next one takes the next place. */
    private void assertTheNextRegistrantIsNextInLine(Event event, long place) {
        RegistrationOutcome next = engine.registrations().register(registration(event.id(), 5_000));
        assertThat(next).isInstanceOfSatisfying(RegistrationOutcome.Waitlisted.class,
                w -> assertThat(w.registration().waitlistPosition()).hasValue(place));
    }

    private static List<RegistrationOutcome> every(List<RegistrationOutcome> outcomes,
                                                   java.util.function.IntPredicate registrant) {
        List<RegistrationOutcome> chosen = new ArrayList<>();
        for (int t = 0; t < outcomes.size(); t++) {
            if (registrant.test(t)) {
                chosen.add(outcomes.get(t));
            }
        }
        return chosen;
    }

    /** @return the ids of those who got a seat or a place on the waiting list */
    private static List<UUID> admitted(List<RegistrationOutcome> outcomes) {
        return outcomes.stream().<UUID>mapMulti((o, ids) -> {
            if (o instanceof RegistrationOutcome.Confirmed c) {
                ids.accept(c.registration().id());
            } else if (o instanceof RegistrationOutcome.Waitlisted w) {
                ids.accept(w.registration().id());
            }
        }).toList();
    }

    /** @return each refusal as its first reason's code, with the field it is on */
    private static List<String> refusals(List<RegistrationOutcome> outcomes) {
        return outcomes.stream().filter(RegistrationOutcome.Refused.class::isInstance)
                .map(o -> ((RegistrationOutcome.Refused) o).reasons().get(0))
                .map(reason -> reason.code() + reason.field().map(f -> " on " + f).orElse(""))
                .collect(Collectors.toList());
    }

    private static List<Long> oneTo(long last) {
        return LongStream.rangeClosed(1, last).boxed().toList();
    }

    /**
     * A tap that makes a batch's duplicate check find nothing (in either of its forms: the event and a list of
     * addresses, or H2's (event, address) pairs), so that only the unique index can stop a repeated address.
     */
    private static TappedDataSource.Tap blindDuplicateCheck() {
        return call -> {
            if (call.method.equals("prepareStatement") && call.sql.startsWith("SELECT active_email_key FROM")) {
                call.args[0] = call.sql.replace(" WHERE ", " WHERE 1 = 0 AND ");
            }
        };
    }

    private static RegisterCommand fromOrganisation(Event event, int n, String organisation) {
        ParticipantDetails details = number(n);
        return RegisterCommand.of(event.id(), new ParticipantDetails(details.givenName(), details.familyName(),
                details.email(), organisation, details.role(), details.sector(), Locale.forLanguageTag("nl")));
    }

    private static RegisterCommand withAddress(Event event, int n, String address) {
        ParticipantDetails details = number(n);
        return RegisterCommand.of(event.id(), new ParticipantDetails(details.givenName(), details.familyName(),
                address, details.organisation(), details.role(), details.sector(), Locale.forLanguageTag("nl")));
    }
}
