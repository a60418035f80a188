package nl.learningcommunities.registration.application;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.eligibility.ProgrammeHistory;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.Session;
import nl.learningcommunities.registration.participant.Participant;

/**
 * What the registration rules look at.
 *
 * @param event          the event
 * @param participant    the participant, with the host's attributes when it vouched for them
 * @param vouched        whether the host vouched for the participant (a trusted identity)
 * @param invitationCode the invitation code given
 * @param now            the current moment
 * @param existing       the participant's active registration for the event, if any
 * @param history        the participant's part in programmes
 * @param sessions       the sessions picked (all of them sessions of the event)
 */
public record RegistrationContext(Event event, Participant participant, boolean vouched,
                                  Optional<String> invitationCode, Instant now, Optional<Registration> existing,
                                  ProgrammeHistory history, List<Session> sessions) {
    /** Checks the components. */
    public RegistrationContext {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(invitationCode, "invitationCode");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(existing, "existing");
        Objects.requireNonNull(history, "history");
        sessions = List.copyOf(sessions);
    }
}
