package nl.learningcommunities.registration.eligibility;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import nl.learningcommunities.registration.participant.Participant;

/**
 * What eligibility rules look at.
 *
 * <p>Immutable; thread-safe when {@code history} is.
 *
 * @param participant    the participant (with the host's trusted attributes when it vouched for them)
 * @param invitationCode the invitation code given, if any
 * @param invitations    the event's invitation list and codes
 * @param now            the current moment, from the engine's clock
 * @param history        the participant's history in programmes
 */
public record EligibilityContext(Participant participant, Optional<String> invitationCode, Invitations invitations,
                                 Instant now, ProgrammeHistory history) {
    /** Checks the components. */
    public EligibilityContext {
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(invitationCode, "invitationCode");
        Objects.requireNonNull(invitations, "invitations");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(history, "history");
    }
}
