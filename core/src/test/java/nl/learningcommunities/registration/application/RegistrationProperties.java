package nl.learningcommunities.registration.application;

import static nl.learningcommunities.registration.testing.TestEvents.NOW;
import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static nl.learningcommunities.registration.testing.TestEvents.session;
import static nl.learningcommunities.registration.testing.TestParticipants.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.quicktheories.api.AsString;
import org.quicktheories.api.Pair;
import org.quicktheories.api.Tuple3;
import org.quicktheories.core.ExceptionReporter;
import org.quicktheories.core.Gen;
import org.quicktheories.core.Reporter;
import org.quicktheories.generators.Generate;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.SessionChoice;
import nl.learningcommunities.registration.event.ApprovalMode;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.Promotion;
import nl.learningcommunities.registration.inmemory.InMemoryEventCatalogue;
import nl.learningcommunities.registration.inmemory.InMemoryStorage;
import nl.learningcommunities.registration.testing.Mailbox;
import nl.learningcommunities.registration.testing.MutableClock;

/**
 * Whatever participants and organisers do, in whatever order: confirmed never exceeds capacity (event and every
 * session), promotion is first-come, no two active registrations share an address, and a freed seat is given
 * exactly once (never left empty while someone waits, never given twice).
 *
 * <p>A plain JUnit 5 test driving QuickTheories: each run checks at least {@value #EXAMPLES} generated cases, from a
 * seed QuickTheories picks afresh; a failure is shrunk to a smallest falsifying example and reported with its seed
 * ({@code Seed was ...}), which {@code -DQT_SEED=<seed>} replays. QuickTheories' shrinking is finished by dropping the
 * actions the failure does not need ({@link DroppingActions}). {@link RegistrationPropertiesBiteTest} shows the
 * property failing, with a shrunk example, against stores with planted bugs.
 */
class RegistrationProperties {

    /** Distinct generated cases checked per run (the jqwik property had {@code tries = 300}). */
    static final int EXAMPLES = 300;

    /**
     * QuickTheories skips a generated case it has already tried, and each skip uses up one of the examples asked
     * for; asking for this many more keeps at least {@link #EXAMPLES} distinct cases checked.
     */
    private static final int EXAMPLES_ASKED = EXAMPLES + EXAMPLES / 10;

    sealed interface Action {
    }

    record Register(int participant, int sessionPick) implements Action {
    }

    record Cancel(int participant) implements Action {
    }

    record Approve(int participant) implements Action {
    }

    record AcceptOffer(int participant) implements Action {
    }

    record ChangeCapacity(int capacity) implements Action {
    }

    record ChangeSessionCapacity(int session, int capacity) implements Action {
    }

    record TimePasses(int hours) implements Action {
    }

    /** @return up to 40 actions by twelve participants and the organiser, registering twice as often as the rest */
    static Gen<List<Action>> actions() {
        Gen<Integer> participant = integers().between(0, 11);
        Gen<Action> register = integers().between(0, 3).zip(participant, (pick, p) -> new Register(p, pick));
        Gen<Action> action = Generate.frequency(List.of(
                Pair.of(2, register),
                Pair.of(1, participant.<Action>map(Cancel::new)),
                Pair.of(1, participant.<Action>map(Approve::new)),
                Pair.of(1, participant.<Action>map(AcceptOffer::new)),
                Pair.of(1, integers().between(0, 6).<Action>map(ChangeCapacity::new)),
                Pair.of(1, integers().between(0, 1).zip(integers().between(0, 3),
                        (s, c) -> (Action) new ChangeSessionCapacity(s, c))),
                Pair.of(1, integers().between(1, 60).<Action>map(TimePasses::new))));
        return lists().of(action).ofSizeBetween(0, 40);
    }

    @Test
    void seats_are_never_overbooked_and_go_first_come() {
        AtomicInteger checked = new AtomicInteger();
        seatInvariants(storage -> storage, new ExceptionReporter(), checked);
        assertThat(checked.get()).as("distinct generated cases checked").isGreaterThanOrEqualTo(EXAMPLES);
    }

    /**
     * Checks the seat invariants for generated action sequences, approval modes and promotion modes: at least
     * {@value #EXAMPLES} distinct cases from a fresh seed (or {@code -DQT_SEED}). A failure is shrunk by
     * QuickTheories, then by {@link DroppingActions}, and reported.
     *
     * @param store    the store under test, made over a fresh in-memory storage (which stays the outbox)
     * @param reporter reports the smallest falsifying example found, with the seed
     * @param checked  counts the cases checked
     */
    static void seatInvariants(Function<InMemoryStorage, RegistrationStore> store, Reporter reporter,
                               AtomicInteger checked) {
        qt().withExamples(EXAMPLES_ASKED).withReporter(new DroppingActions(store, reporter))
                .forAll(actions(), booleans().all(), booleans().all()).checkAssert((actions, approval, offers) -> {
                    checked.incrementAndGet();
                    run(store, actions, approval, offers);
                });
    }

    /**
     * The rest of the shrinking. QuickTheories shrinks a list by shortening it at the end and shrinking its
     * elements, so actions that do nothing can stay in the middle (jqwik also dropped elements anywhere). Before
     * reporting, this drops single actions, and switches approval and offers off, for as long as the example still
     * fails; then it reports that example as the smallest, with QuickTheories' own first among the others.
     */
    static final class DroppingActions implements Reporter {

        private final Function<InMemoryStorage, RegistrationStore> store;
        private final Reporter next;

        DroppingActions(Function<InMemoryStorage, RegistrationStore> store, Reporter next) {
            this.store = store;
            this.next = next;
        }

        @Override
        public void falisification(long seed, int examplesUsed, Object smallest, Throwable cause,
                                   List<Object> examples, AsString<Object> toString) {
            Tuple3<List<Action>, Boolean, Boolean> found = example(smallest);
            Tuple3<List<Action>, Boolean, Boolean> shrunk = shrink(found);
            if (shrunk.equals(found)) {
                next.falisification(seed, examplesUsed, smallest, cause, examples, toString);
            } else {
                next.falisification(seed, examplesUsed, shrunk, failure(shrunk).orElse(cause),
                        others(found, examples), toString);
            }
        }

        @Override
        public void falisification(long seed, int examplesUsed, Object smallest, List<Object> examples,
                                   AsString<Object> toString) {
            Tuple3<List<Action>, Boolean, Boolean> found = example(smallest);
            Tuple3<List<Action>, Boolean, Boolean> shrunk = shrink(found);
            next.falisification(seed, examplesUsed, shrunk,
                    shrunk.equals(found) ? examples : others(found, examples), toString);
        }

        @Override
        public void valuesExhausted(int completedExamples) {
            next.valuesExhausted(completedExamples);
        }

        @SuppressWarnings("unchecked")
        private static Tuple3<List<Action>, Boolean, Boolean> example(Object value) {
            return (Tuple3<List<Action>, Boolean, Boolean>) value;
        }

        private static List<Object> others(Object found, List<Object> examples) {
            List<Object> others = new ArrayList<>(List.of(found));
            others.addAll(examples);
            return others;
        }

        private Tuple3<List<Action>, Boolean, Boolean> shrink(Tuple3<List<Action>, Boolean, Boolean> found) {
            List<Action> actions = new ArrayList<>(found._1);
            boolean approval = found._2;
            boolean offers = found._3;
            boolean dropped = true;
            while (dropped) {
                dropped = false;
                if (approval && fails(actions, false, offers)) {
                    approval = false;
                    dropped = true;
                }
                if (offers && fails(actions, approval, false)) {
                    offers = false;
                    dropped = true;
                }
                for (int i = actions.size() - 1; i >= 0; i--) {
                    List<Action> fewer = new ArrayList<>(actions);
                    fewer.remove(i);
                    if (fails(fewer, approval, offers)) {
                        actions = fewer;
                        dropped = true;
                    }
                }
            }
            return Tuple3.of(List.copyOf(actions), approval, offers);
        }

        private boolean fails(List<Action> actions, boolean approval, boolean offers) {
            return failure(Tuple3.of(actions, approval, offers)).isPresent();
        }

        private Optional<Throwable> failure(Tuple3<List<Action>, Boolean, Boolean> example) {
            try {
                run(store, example._1, example._2, example._3);
                return Optional.empty();
            } catch (AssertionError | RuntimeException e) {
                return Optional.of(e);
            }
        }
    }

    /**
     * Publishes an event and applies the actions one by one, checking the invariants after each.
     *
     * @param store    the store under test, over the storage
     * @param actions  what participants and organisers do
     * @param approval whether the organiser approves each registration
     * @param offers   whether a freed seat is offered (for 24 hours) rather than given
     */
    static void run(Function<InMemoryStorage, RegistrationStore> store, List<Action> actions, boolean approval,
                    boolean offers) {
        MutableClock clock = MutableClock.at(NOW);
        InMemoryStorage storage = InMemoryStorage.create();
        RegistrationEngine engine = RegistrationEngine.builder().eventCatalogue(InMemoryEventCatalogue.create())
                .registrationStore(store.apply(storage)).notificationOutbox(storage).clock(clock).build();
        Mailbox mailbox = new Mailbox(storage);
        Event event = meeting("property", 2)
                .approval(approval ? ApprovalMode.ORGANISER : ApprovalMode.AUTOMATIC)
                .promotion(offers ? Promotion.offer(Duration.ofHours(24)) : Promotion.AUTOMATIC)
                .sessions(List.of(session("s0", 13, 14, 1), session("s1", 14, 15, 1)))
                .build();
        engine.events().publish(event);
        Map<Integer, UUID> ids = new HashMap<>();
        Map<UUID, Long> positions = new HashMap<>();

        for (Action action : actions) {
            apply(engine, mailbox, clock, event, ids, action);
            List<Registration> all = storage.list(RegistrationQuery.all(event.id()));
            all.forEach(r -> r.waitlistPosition().ifPresent(p -> positions.put(r.id(), p)));
            checkInvariants(engine, event, all, positions);
        }
    }

    private static void apply(RegistrationEngine engine, Mailbox mailbox, MutableClock clock, Event event,
                              Map<Integer, UUID> ids, Action action) {
        if (action instanceof Register r) {
            List<String> sessions = switch (r.sessionPick()) {
                case 1 -> List.of("s0");
                case 2 -> List.of("s1");
                case 3 -> List.of("s0", "s1");
                default -> List.of();
            };
            RegistrationOutcome outcome = engine.registrations()
                    .register(registration(event.id(), r.participant()).withSessions(sessions));
            registrationOf(outcome).ifPresent(reg -> ids.put(r.participant(), reg.id()));
        } else if (action instanceof Cancel c && ids.containsKey(c.participant())) {
            engine.organising().cancel(ids.get(c.participant()), "organiser", Optional.empty());
        } else if (action instanceof Approve a && ids.containsKey(a.participant())) {
            engine.organising().approve(ids.get(a.participant()), "organiser");
        } else if (action instanceof AcceptOffer a && ids.containsKey(a.participant())) {
            UUID id = ids.get(a.participant());
            engine.registrations().acceptOffer(id, mailbox.manageToken(id));
        } else if (action instanceof ChangeCapacity c) {
            engine.organising().changeCapacity(event.id(), Optional.empty(), OptionalInt.of(c.capacity()), "organiser");
        } else if (action instanceof ChangeSessionCapacity c) {
            engine.organising().changeCapacity(event.id(), Optional.of("s" + c.session()),
                    OptionalInt.of(c.capacity()), "organiser");
        } else if (action instanceof TimePasses t) {
            clock.advance(Duration.ofHours(t.hours()));
            engine.housekeeping().run();
        }
    }

    private static Optional<Registration> registrationOf(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationOutcome.Confirmed c) {
            return Optional.of(c.registration());
        }
        if (outcome instanceof RegistrationOutcome.Waitlisted w) {
            return Optional.of(w.registration());
        }
        if (outcome instanceof RegistrationOutcome.PendingApproval p) {
            return Optional.of(p.registration());
        }
        return Optional.empty();
    }

    private static void checkInvariants(RegistrationEngine engine, Event event, List<Registration> all,
                                        Map<UUID, Long> positions) {
        int capacity = engine.events().find(event.id()).orElseThrow().capacity().getAsInt();
        long holding = all.stream().filter(Registration::holdsSeat).count();
        long waiting = all.stream().filter(Registration::isWaiting).count();
        assertThat(holding).as("seats held").isLessThanOrEqualTo(capacity);
        if (waiting > 0) {
            assertThat(holding).as("no seat stays free while someone waits").isEqualTo(capacity);
        }
        var counts = engine.events().counts(event.id());
        assertThat(counts.confirmed() + counts.offered()).isEqualTo(holding);
        assertThat(counts.waiting()).isEqualTo(waiting);

        for (String sessionId : List.of("s0", "s1")) {
            int sessionCapacity = engine.events().find(event.id()).orElseThrow().session(sessionId).orElseThrow()
                    .capacity().getAsInt();
            long seated = all.stream().flatMap(r -> r.sessions().stream())
                    .filter(c -> c.sessionId().equals(sessionId) && c.placement() == SessionChoice.Placement.SEATED)
                    .count();
            long sessionWaiting = all.stream().flatMap(r -> r.sessions().stream())
                    .filter(c -> c.sessionId().equals(sessionId)
                            && c.placement() == SessionChoice.Placement.WAITLISTED).count();
            assertThat(seated).as("seated in %s", sessionId).isLessThanOrEqualTo(sessionCapacity);
            if (sessionWaiting > 0) {
                assertThat(seated).as("no seat in %s stays free while someone waits", sessionId)
                        .isEqualTo(sessionCapacity);
            }
            assertThat(counts.sessions().get(sessionId).seated()).isEqualTo(seated);
        }

        Set<String> activeAddresses = new HashSet<>();
        for (Registration r : all) {
            if (r.status().isActive()) {
                assertThat(activeAddresses.add(r.participant().email().key()))
                        .as("one active registration per address").isTrue();
            }
            if (r.holdsSeat() || r.status() != RegistrationStatus.WAITLISTED) {
                continue;
            }
        }
        long firstWaiting = all.stream().filter(Registration::isWaiting)
                .mapToLong(r -> r.waitlistPosition().getAsLong()).min().orElse(Long.MAX_VALUE);
        all.stream().filter(r -> promoted(r) && positions.containsKey(r.id())).forEach(r ->
                assertThat(positions.get(r.id())).as("promoted before anyone who came earlier and still waits")
                        .isLessThan(firstWaiting));
    }

    private static boolean promoted(Registration r) {
        return r.history().stream().anyMatch(h -> h.reason().equals("promoted") || h.reason().equals("offer-made"));
    }
}
