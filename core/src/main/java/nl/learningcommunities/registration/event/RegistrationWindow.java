package nl.learningcommunities.registration.event;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * When registration is open: from {@code opensAt} (inclusive) until {@code closesAt} (exclusive).
 *
 * <p>Immutable and thread-safe.
 *
 * @param opensAt  the moment registration opens
 * @param closesAt the moment registration closes
 */
public record RegistrationWindow(ZonedDateTime opensAt, ZonedDateTime closesAt) {

    /** Checks that the window closes after it opens. */
    public RegistrationWindow {
        Objects.requireNonNull(opensAt, "opensAt");
        Objects.requireNonNull(closesAt, "closesAt");
        if (!closesAt.isAfter(opensAt)) {
            throw new IllegalArgumentException("a registration window must close after it opens");
        }
    }

    /**
     * @param instant a moment
     * @return whether registration is open at that moment
     */
    public boolean isOpenAt(Instant instant) {
        return !instant.isBefore(opensAt.toInstant()) && instant.isBefore(closesAt.toInstant());
    }
}
