package nl.learningcommunities.registration.booking;

import java.util.Objects;
import java.util.Optional;

/**
 * One registration changed by a store operation: its state before (empty when it was created) and after.
 *
 * <p>Immutable and thread-safe.
 *
 * @param before the state before
 * @param after  the state after, as stored
 */
public record Change(Optional<Registration> before, Registration after) {
    /** Checks the components. */
    public Change {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** @return whether the status changed (or the registration was created) */
    public boolean statusChanged() {
        return before.map(b -> b.status() != after.status()
                || b.offerExpiresAt().isPresent() != after.offerExpiresAt().isPresent()).orElse(true);
    }
}
