package nl.learningcommunities.registration.application;

import static nl.learningcommunities.registration.testing.TestEvents.NOW;
import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static nl.learningcommunities.registration.testing.TestParticipants.number;
import static nl.learningcommunities.registration.testing.TestParticipants.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import nl.learningcommunities.registration.EventNotFoundException;
import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.StorageException;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.eligibility.EligibilityRule;
import nl.learningcommunities.registration.event.ApprovalMode;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.inmemory.InMemoryEventCatalogue;
import nl.learningcommunities.registration.inmemory.InMemoryStorage;
import nl.learningcommunities.registration.testing.MutableClock;

/** What the engine tells a host's {@link Instrumentation}: every outcome by its name, and every seat claim. */
class InstrumentationTest {

    private final InMemoryStorage storage = InMemoryStorage.create();
    private final Recording recording = new Recording(storage);
    private final RegistrationEngine engine = engineWith(recording);

    private RegistrationEngine engineWith(Instrumentation instrumentation) {
        return RegistrationEngine.builder().eventCatalogue(InMemoryEventCatalogue.create()).registrationStore(storage)
                .notificationOutbox(storage).clock(MutableClock.at(NOW)).instrumentation(instrumentation).build();
    }

    private Event publish(RegistrationEngine on, Event event) {
        on.events().publish(event);
        return event;
    }

    @Test
    void every_kind_of_outcome_reaches_the_instrumentation_by_its_name_with_its_event() {
        Event open = publish(engine, meeting("open", 1).build());
        Event noList = publish(engine, meeting("no-list", 0).waitingList(false).build());
        Event mboOnly = publish(engine, meeting("mbo-only", 10)
                .eligibility(new EligibilityRule.SectorIn(Set.of("mbo"))).build());
        Event approval = publish(engine, meeting("approval", 10).approval(ApprovalMode.ORGANISER).build());
        Event verified = publish(engine, meeting("verified", 10).emailVerification(true).build());

        List<RegistrationOutcome> returned = List.of(
                engine.registrations().register(registration(open.id(), 1)),
                engine.registrations().register(registration(open.id(), 2)),
                engine.registrations().register(registration(noList.id(), 3)),
                engine.registrations().register(registration(mboOnly.id(), 4)),
                engine.registrations().register(registration(approval.id(), 5)),
                engine.registrations().register(registration(verified.id(), 6)),
                engine.registrations().register(RegisterCommand.of(open.id(), blankGivenName(7))));

        assertThat(recording.attempts).containsExactly(
                new Attempt("open", "confirmed"),
                new Attempt("open", "waitlisted"),
                new Attempt("no-list", "refused"),
                new Attempt("mbo-only", "refused"),
                new Attempt("approval", "pending-approval"),
                new Attempt("verified", "pending-verification"),
                new Attempt("open", "invalid"));
        assertThat(recording.outcomes).as("the outcome told is the outcome returned")
                .containsExactlyElementsOf(returned);
    }

    @Test
    void a_refusal_the_store_decides_follows_a_seat_claim_and_one_decided_before_it_makes_none() {
        Event full = publish(engine, meeting("full", 0).waitingList(false).build());
        Event mboOnly = publish(engine, meeting("mbo-only", 10)
                .eligibility(new EligibilityRule.SectorIn(Set.of("mbo"))).build());

        engine.registrations().register(RegisterCommand.of(full.id(), blankGivenName(1)));
        engine.registrations().register(registration(full.id(), 2).withSessions(List.of("no-such-session")));
        engine.registrations().register(registration(mboOnly.id(), 3));
        assertThat(recording.claims).as("invalid input and an ineligible participant reach no store").isEmpty();

        engine.registrations().register(registration(full.id(), 4));

        assertThat(recording.claims).containsExactly(new Claim("full", 1, "Refused", 0));
        assertThat(recording.attempts).extracting(Attempt::outcome)
                .containsExactly("invalid", "invalid", "refused", "refused");
    }

    @Test
    void a_seat_claim_wraps_the_stores_admission_of_the_registrant() {
        Event event = publish(engine, meeting("claimed", 5).build());

        engine.registrations().register(registration(event.id(), 1));

        assertThat(recording.claims).as("the registration was stored inside the claim")
                .containsExactly(new Claim("claimed", 1, "Done", 1));
    }

    @Test
    void a_group_of_three_is_one_seat_claim_for_three_people_and_three_outcomes() {
        Event event = publish(engine, meeting("group", 10).build());

        GroupOutcome outcome = engine.registrations().registerGroup(group(event.id(), 1, 2, 3));

        assertThat(outcome).isInstanceOf(GroupOutcome.Registered.class);
        assertThat(recording.claims).containsExactly(new Claim("group", 3, "Done", 3));
        assertThat(recording.attempts).containsExactly(new Attempt("group", "confirmed"),
                new Attempt("group", "confirmed"), new Attempt("group", "confirmed"));
        assertThat(recording.outcomes).containsExactlyElementsOf(((GroupOutcome.Registered) outcome).members());
    }

    @Test
    void a_group_that_waits_together_counts_each_member_as_waitlisted() {
        Event event = publish(engine, meeting("small", 2).build());

        engine.registrations().registerGroup(group(event.id(), 1, 2, 3));

        assertThat(recording.claims).containsExactly(new Claim("small", 3, "Done", 3));
        assertThat(recording.attempts).extracting(Attempt::outcome)
                .containsExactly("waitlisted", "waitlisted", "waitlisted");
    }

    @Test
    void a_refused_or_invalid_group_counts_one_outcome_and_the_refused_one_only_the_stores_claim() {
        Event tooFull = publish(engine, meeting("too-full", 2).waitingList(false).build());
        Event mboOnly = publish(engine, meeting("mbo-only", 10)
                .eligibility(new EligibilityRule.SectorIn(Set.of("mbo"))).build());

        GroupOutcome full = engine.registrations().registerGroup(group(tooFull.id(), 1, 2, 3));
        GroupOutcome ineligible = engine.registrations().registerGroup(group(mboOnly.id(), 4, 5, 6));
        GroupOutcome invalid = engine.registrations().registerGroup(new GroupRegisterCommand(mboOnly.id(),
                Optional.empty(), List.of(GroupRegisterCommand.Member.of(number(7)),
                GroupRegisterCommand.Member.of(blankGivenName(8))), Optional.empty(), true));

        assertThat(full).isInstanceOf(GroupOutcome.Refused.class);
        assertThat(ineligible).isInstanceOf(GroupOutcome.Refused.class);
        assertThat(invalid).isInstanceOf(GroupOutcome.Invalid.class);
        assertThat(recording.attempts).containsExactly(new Attempt("too-full", "refused"),
                new Attempt("mbo-only", "refused"), new Attempt("mbo-only", "invalid"));
        assertThat(recording.claims).containsExactly(new Claim("too-full", 3, "Refused", 0));
        assertThat(((RegistrationOutcome.Refused) recording.outcomes.get(0)).reasons())
                .isEqualTo(((GroupOutcome.Refused) full).reasons());
    }

    @Test
    void an_unknown_event_is_no_outcome_for_the_instrumentation() {
        assertThatThrownBy(() -> engine.registrations().register(registration("no-such-event", 1)))
                .isInstanceOf(EventNotFoundException.class);

        assertThat(recording.attempts).isEmpty();
        assertThat(recording.claims).isEmpty();
    }

    @Test
    void invalid_input_for_a_made_up_or_missing_event_id_makes_no_outcome_so_it_cannot_grow_the_metrics() {
        RegistrationOutcome madeUp = engine.registrations().register(
                RegisterCommand.of("no-such-event-4711", blankGivenName(1)));
        RegistrationOutcome missing = engine.registrations().register(RegisterCommand.of(null, blankGivenName(2)));

        assertThat(madeUp).isInstanceOf(RegistrationOutcome.Invalid.class);
        assertThat(missing).isInstanceOf(RegistrationOutcome.Invalid.class);
        assertThat(recording.attempts).isEmpty();
    }

    @Test
    void an_instrumentation_that_throws_on_an_outcome_does_not_fail_the_registration() {
        AtomicInteger told = new AtomicInteger();
        RegistrationEngine broken = engineWith(new Instrumentation() {
            @Override
            public void registrationAttempted(String eventId, RegistrationOutcome outcome) {
                told.incrementAndGet();
                throw new IllegalStateException("the metrics registry is gone");
            }
        });
        Event event = publish(broken, meeting("broken-metrics", 10).build());

        RegistrationOutcome single = broken.registrations().register(registration(event.id(), 1));
        GroupOutcome group = broken.registrations().registerGroup(group(event.id(), 2, 3));

        assertThat(single).isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(group).isInstanceOf(GroupOutcome.Registered.class);
        assertThat(((GroupOutcome.Registered) group).members())
                .allMatch(member -> member instanceof RegistrationOutcome.Confirmed);
        assertThat(told).as("every member was still told, despite the first throwing").hasValue(3);
        assertThat(storage.list(RegistrationQuery.all(event.id()))).hasSize(3);
    }

    @Test
    void an_instrumentation_that_throws_around_the_seat_claim_fails_the_registration_and_stores_nothing() {
        RegistrationEngine broken = engineWith(new Instrumentation() {
            @Override
            public <T> T seatClaim(String eventId, int people, Supplier<T> claim) {
                throw new StorageException("the timer failed before the claim", null);
            }
        });
        Event event = publish(broken, meeting("broken-timer", 10).build());

        assertThatThrownBy(() -> broken.registrations().register(registration(event.id(), 1)))
                .isInstanceOf(StorageException.class).hasMessageContaining("timer");

        assertThat(storage.list(RegistrationQuery.all(event.id()))).isEmpty();
        assertThat(storage.backlog().pending()).isZero();
    }

    @Test
    void measuring_nothing_runs_each_claim_once_and_returns_what_it_returns() {
        AtomicInteger runs = new AtomicInteger();

        String result = Instrumentation.none().seatClaim("any", 1, () -> "claimed-" + runs.incrementAndGet());

        assertThat(result).isEqualTo("claimed-1");
        assertThat(runs).hasValue(1);
        assertThatThrownBy(() -> RegistrationEngine.builder().instrumentation(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("instrumentation");
    }

    @Test
    void each_outcome_has_a_short_stable_name() {
        Event event = publish(engine, meeting("names", 10).build());
        var registration = ((RegistrationOutcome.Confirmed) engine.registrations()
                .register(registration(event.id(), 1))).registration();

        assertThat(List.of(new RegistrationOutcome.Confirmed(registration),
                new RegistrationOutcome.Waitlisted(registration, 1),
                new RegistrationOutcome.PendingApproval(registration),
                new RegistrationOutcome.PendingVerification(registration),
                new RegistrationOutcome.Refused(List.of()),
                new RegistrationOutcome.Invalid(List.of())).stream().map(Instrumentation::nameOf))
                .containsExactly("confirmed", "waitlisted", "pending-approval", "pending-verification", "refused",
                        "invalid");
    }

    private static ParticipantDetails blankGivenName(int n) {
        ParticipantDetails valid = number(n);
        return new ParticipantDetails(" ", valid.familyName(), valid.email(), valid.organisation(), valid.role(),
                valid.sector(), Locale.forLanguageTag("nl"));
    }

    private static GroupRegisterCommand group(String eventId, int... numbers) {
        List<GroupRegisterCommand.Member> members = new ArrayList<>();
        for (int n : numbers) {
            members.add(GroupRegisterCommand.Member.of(number(n)));
        }
        return new GroupRegisterCommand(eventId, Optional.empty(), members, Optional.empty(), true);
    }

    /** One outcome told, by its name. */
    record Attempt(String eventId, String outcome) {
    }

    /**
     * One seat claim: its event and people, the kind of store result it returned, and how many registrations the
     * event held more after the claim than before it.
     */
    record Claim(String eventId, int people, String result, int stored) {
    }

    /** Records what it is told; counts the event's registrations around each claim. Thread-safe. */
    private static final class Recording implements Instrumentation {
        private final InMemoryStorage storage;
        final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        final List<RegistrationOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        final List<Claim> claims = Collections.synchronizedList(new ArrayList<>());

        Recording(InMemoryStorage storage) {
            this.storage = storage;
        }

        @Override
        public <T> T seatClaim(String eventId, int people, Supplier<T> claim) {
            int before = storage.list(RegistrationQuery.all(eventId)).size();
            T result = claim.get();
            int after = storage.list(RegistrationQuery.all(eventId)).size();
            String kind = result instanceof StoreResult ? result.getClass().getSimpleName() : String.valueOf(result);
            claims.add(new Claim(eventId, people, kind, after - before));
            return result;
        }

        @Override
        public void registrationAttempted(String eventId, RegistrationOutcome outcome) {
            attempts.add(new Attempt(eventId, Instrumentation.nameOf(outcome)));
            outcomes.add(outcome);
        }
    }
}
