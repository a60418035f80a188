package nl.learningcommunities.registration.application;

import static nl.learningcommunities.registration.testing.TestEvents.NOW;
import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static nl.learningcommunities.registration.testing.TestEvents.session;
import static nl.learningcommunities.registration.testing.TestParticipants.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
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
 */
class RegistrationProperties {

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

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Integer> participant = Arbitraries.integers().between(0, 11);
        Arbitrary<Action> action = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 3).flatMap(pick -> participant.map(p -> new Register(p, pick))),
                Arbitraries.integers().between(0, 3).flatMap(pick -> participant.map(p -> new Register(p, pick))),
                participant.map(Cancel::new),
                participant.map(Approve::new),
                participant.map(AcceptOffer::new),
                Arbitraries.integers().between(0, 6).map(ChangeCapacity::new),
                Arbitraries.integers().between(0, 1).flatMap(s -> Arbitraries.integers().between(0, 3)
                        .map(c -> new ChangeSessionCapacity(s, c))),
                Arbitraries.integers().between(1, 60).map(TimePasses::new));
        return action.list().ofMaxSize(40);
    }

    @Property(tries = 300)
    void seats_are_never_overbooked_and_go_first_come(@ForAll("actions") List<Action> actions,
                                                      @ForAll boolean approval, @ForAll boolean offers) {
        MutableClock clock = MutableClock.at(NOW);
        InMemoryStorage storage = InMemoryStorage.create();
        RegistrationEngine engine = RegistrationEngine.builder().eventCatalogue(InMemoryEventCatalogue.create())
                .registrationStore(storage).notificationOutbox(storage).clock(clock).build();
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
