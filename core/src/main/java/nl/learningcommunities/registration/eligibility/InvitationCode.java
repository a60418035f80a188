package nl.learningcommunities.registration.eligibility;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A code that lets its holders register for an invitation-only event, a limited number of times and until
 * it expires. Codes are compared trimmed and without regard to case.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code      the code as handed out
 * @param maxUses   how many registrations it admits; empty means unlimited
 * @param expiresAt when it stops working; empty means never
 */
public record InvitationCode(String code, OptionalInt maxUses, Optional<ZonedDateTime> expiresAt) {

    /** Checks the components. */
    public InvitationCode {
        Objects.requireNonNull(code, "code");
        if (normalise(code).length() < 4) {
            throw new IllegalArgumentException("an invitation code needs at least 4 characters");
        }
        maxUses = maxUses == null ? OptionalInt.empty() : maxUses;
        expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
        if (maxUses.isPresent() && maxUses.getAsInt() < 1) {
            throw new IllegalArgumentException("maxUses must be at least 1");
        }
    }

    /**
     * @param now a moment
     * @return whether the code has expired at that moment
     */
    public boolean isExpiredAt(Instant now) {
        return expiresAt.map(e -> !now.isBefore(e.toInstant())).orElse(false);
    }

    /** @return the code as compared */
    public String normalised() {
        return normalise(code);
    }

    static String normalise(String code) {
        return code.strip().toUpperCase(Locale.ROOT);
    }
}
