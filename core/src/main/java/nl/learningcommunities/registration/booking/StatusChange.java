package nl.learningcommunities.registration.booking;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a registration's history: who changed its status, when, and why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param from   the status before; empty for the first line
 * @param to     the status after
 * @param at     when
 * @param actor  who: {@code participant}, {@code system}, or {@code organiser:<name>}
 * @param reason a stable code, for example {@code registered}, {@code promoted}, {@code offer-expired}
 * @param note   an organiser's free text, if any (erased with the personal data)
 */
public record StatusChange(Optional<RegistrationStatus> from, RegistrationStatus to, Instant at, String actor,
                           String reason, Optional<String> note) {

    /** The actor of changes the library makes by itself. */
    public static final String SYSTEM = "system";
    /** The actor of changes the participant makes. */
    public static final String PARTICIPANT = "participant";

    /** Checks the components. */
    public StatusChange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(note, "note");
    }

    /**
     * @param name the organiser's name as the host knows it
     * @return the actor string for an organiser
     */
    public static String organiser(String name) {
        return "organiser:" + name;
    }
}
