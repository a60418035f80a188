package nl.learningcommunities.registration.booking;

import java.time.Instant;
import java.util.Objects;

import nl.learningcommunities.registration.participant.EmailAddress;

/**
 * A new e-mail address a participant asked for from their personal link, waiting for its own verification. Until
 * the link sent to it is used, the registration keeps its address and its status; the new address is personal
 * data of the registration and is erased with it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param address   the new address
 * @param expiresAt when the verification link sent to it stops working
 */
public record PendingEmail(EmailAddress address, Instant expiresAt) {

    /** Checks the components. */
    public PendingEmail {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * @param now the current moment
     * @return whether its verification link no longer works
     */
    public boolean lapsed(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
