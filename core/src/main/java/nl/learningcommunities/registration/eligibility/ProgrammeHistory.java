package nl.learningcommunities.registration.eligibility;

import nl.learningcommunities.registration.participant.EmailAddress;

/**
 * What eligibility needs to know of a participant's part in other events of a programme.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ProgrammeHistory {

    /** A history in which nobody took part in anything. */
    ProgrammeHistory NONE = (email, programme, level) -> false;

    /**
     * @param email     the participant's address
     * @param programme the programme's id
     * @param level     registered or attended
     * @return whether the participant took part at that level in another event of the programme
     */
    boolean participated(EmailAddress email, String programme, EligibilityRule.ProgrammeParticipation.Level level);
}
