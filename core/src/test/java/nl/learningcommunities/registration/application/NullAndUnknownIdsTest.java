package nl.learningcommunities.registration.application;

import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static nl.learningcommunities.registration.testing.TestParticipants.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import nl.learningcommunities.registration.EventNotFoundException;
import nl.learningcommunities.registration.booking.Attendance;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.participant.EmailAddress;

/**
 * Every use case answers a null registration id as it answers an unknown one: "not found", never a
 * {@link NullPointerException}; and every use case on an event answers a null event id as an unknown one.
 */
class NullAndUnknownIdsTest {

    private static final String TOKEN = "a".repeat(43);

    private final EngineFixture f = new EngineFixture();

    static List<UUID> ids() {
        return java.util.Arrays.asList(null, UUID.randomUUID());
    }

    static List<String> eventIds() {
        return java.util.Arrays.asList(null, "no-such-event");
    }

    @ParameterizedTest
    @MethodSource("ids")
    void every_action_on_a_registration_answers_not_found(UUID id) {
        f.publish(meeting("known", 5).build());
        List<Function<UUID, ActionOutcome>> actions = List.of(
                r -> f.engine.registrations().verifyEmail(r, TOKEN),
                r -> f.engine.registrations().changeSessions(r, TOKEN, List.of()),
                r -> f.engine.registrations().cancel(r, TOKEN),
                r -> f.engine.registrations().acceptOffer(r, TOKEN),
                r -> f.engine.organising().approve(r, "organiser"),
                r -> f.engine.organising().reject(r, "organiser", Optional.empty()),
                r -> f.engine.organising().moveToConfirmed(r, "organiser"),
                r -> f.engine.organising().moveToWaitingList(r, "organiser"),
                r -> f.engine.organising().resend(r, "organiser"),
                r -> f.engine.organising().cancel(r, "organiser", Optional.empty()),
                r -> f.engine.organising().recordAttendance(r, Attendance.ATTENDED, "organiser"),
                r -> f.engine.organising().erase(r, "organiser"));

        for (Function<UUID, ActionOutcome> action : actions) {
            assertThat(action.apply(id)).isEqualTo(new ActionOutcome.NotFound());
        }
        assertThat(f.engine.registrations().view(id, TOKEN)).isEmpty();
        assertThat(f.engine.registrations().exportPersonalData(id, TOKEN)).isEmpty();
        ActionOutcome changed = f.engine.registrations().changeDetails(new ChangeDetailsCommand(id, TOKEN,
                registration("known", 1).participant(), java.util.Map.of()));
        if (id == null) {
            assertThat(changed).isInstanceOfSatisfying(ActionOutcome.Invalid.class, invalid -> assertThat(
                    invalid.reasons()).extracting(r -> r.field().orElse("")).contains("registrationId"));
        } else {
            assertThat(changed).isEqualTo(new ActionOutcome.NotFound());
        }
        assertThat(queued()).isZero();
    }

    @ParameterizedTest
    @MethodSource("eventIds")
    void every_query_and_action_on_an_event_answers_as_for_an_unknown_event(String eventId) {
        assertThat(f.engine.events().find(eventId)).isEmpty();
        assertThat(f.engine.events().stored(eventId)).isEmpty();
        assertThat(f.engine.events().history(eventId)).isEmpty();
        assertThat(f.engine.events().update(eventId, 1, meeting("other", 1).build(), "organiser"))
                .isEqualTo(new EventOutcome.NotFound());
        assertThat(f.engine.events().close(eventId, "organiser")).isEqualTo(new EventOutcome.NotFound());
        assertThat(f.engine.events().reopen(eventId, "organiser")).isEqualTo(new EventOutcome.NotFound());
        assertThat(f.engine.events().cancel(eventId, "reden", "organiser")).isEqualTo(new EventOutcome.NotFound());
        assertThat(f.engine.events().copy(eventId, "copy", ZonedDateTime.parse("2027-06-09T13:00:00+02:00"),
                "organiser")).isEqualTo(new EventOutcome.NotFound());
        List<Runnable> unknown = List.of(
                () -> f.engine.events().counts(eventId),
                () -> f.engine.events().isRegistrationOpen(eventId),
                () -> f.engine.events().preview(eventId, meeting("other", 1).build()),
                () -> f.engine.organising().counts(eventId),
                () -> f.engine.organising().changeCapacity(eventId, Optional.empty(), OptionalInt.of(3), "organiser"),
                () -> f.engine.organising().eraseEvent(eventId, "organiser"),
                () -> f.engine.organising().failedNotifications(eventId),
                () -> f.engine.organising().audienceSize(eventId, ParticipantMessage.Audience.CONFIRMED),
                () -> f.engine.organising().invite(eventId, List.of(EmailAddress.of("a@hu.example.org")),
                        Locale.forLanguageTag("nl"), "organiser"),
                () -> f.engine.organising().list(new RegistrationQuery(eventId == null ? "no-such-event" : eventId,
                        java.util.Set.of(), Optional.empty(), 0, 10)));
        for (Runnable call : unknown) {
            assertThatThrownBy(call::run).isInstanceOf(EventNotFoundException.class);
        }
        if (eventId == null) {
            assertThat(f.engine.registrations().register(registration(null, 1)))
                    .isInstanceOfSatisfying(RegistrationOutcome.Invalid.class, invalid -> assertThat(invalid.reasons())
                            .extracting(r -> r.field().orElse("")).contains("eventId"));
        } else {
            assertThatThrownBy(() -> f.engine.registrations().register(registration(eventId, 1)))
                    .isInstanceOf(EventNotFoundException.class);
        }
        assertThat(queued()).isZero();
    }

    private int queued() {
        return f.storage.claimDue("probe", 1000, java.time.Instant.MAX.minusSeconds(86_400),
                java.time.Duration.ofSeconds(1)).size();
    }
}
