package nl.learningcommunities.registration.spring;

import static nl.learningcommunities.registration.testing.TestEvents.AMSTERDAM;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.OrganiserNotifications;
import nl.learningcommunities.registration.event.RegistrationWindow;
import nl.learningcommunities.registration.testing.TestEvents;
import nl.learningcommunities.registration.testing.TestParticipants;

/** Events published and people registered through the engine the starter wired. */
final class Meetings {

    private Meetings() {
    }

    /**
     * @param engine the engine
     * @param id     the event's id
     * @param mail   how the organiser hears of registrations ({@code NONE}: only the participant gets mail)
     * @return a meeting in two months whose registration is open now, by the system clock
     */
    static Event publishOpenNow(RegistrationEngine engine, String id, OrganiserNotifications mail) {
        ZonedDateTime now = ZonedDateTime.now(AMSTERDAM).truncatedTo(ChronoUnit.HOURS);
        Event event = TestEvents.meeting(id, 100).organiserNotifications(mail)
                .startsAt(now.plusDays(60)).endsAt(now.plusDays(60).plusHours(4))
                .registrationWindow(new RegistrationWindow(now.minusDays(1), now.plusDays(30))).build();
        engine.events().publish(event);
        return event;
    }

    /**
     * @param engine the engine, on a clock at {@link TestEvents#NOW}
     * @param id     the event's id
     * @return the test meeting, whose registration is open at {@link TestEvents#NOW}, with no organiser mail
     */
    static Event publishQuiet(RegistrationEngine engine, String id) {
        Event event = TestEvents.meeting(id, 100).organiserNotifications(OrganiserNotifications.NONE).build();
        engine.events().publish(event);
        return event;
    }

    /**
     * @param engine  the engine
     * @param eventId the event
     * @param n       which test participant
     * @return their confirmed registration
     */
    static Registration register(RegistrationEngine engine, String eventId, int n) {
        RegistrationOutcome outcome = engine.registrations().register(TestParticipants.registration(eventId, n));
        if (outcome instanceof RegistrationOutcome.Confirmed confirmed) {
            return confirmed.registration();
        }
        throw new AssertionError("participant " + n + " was not confirmed: " + outcome);
    }
}
