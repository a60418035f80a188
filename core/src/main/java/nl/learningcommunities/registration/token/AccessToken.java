package nl.learningcommunities.registration.token;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A secret link token as stored: only its hash, what it is for, and when it expires. The token itself
 * exists only in the e-mail (and in the outbox entry until that e-mail is sent).
 *
 * <p>Immutable and thread-safe.
 *
 * @param purpose   what the token allows
 * @param hash      the token's SHA-256 hash, base64url
 * @param expiresAt when it stops working; empty means when the registration's data is erased
 */
public record AccessToken(TokenPurpose purpose, String hash, Optional<Instant> expiresAt) {

    /** Checks the components. */
    public AccessToken {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * @param purpose what the caller wants to do
     * @param raw     the token the caller presents
     * @param now     the current moment
     * @return whether this token allows it, compared in constant time
     */
    public boolean admits(TokenPurpose purpose, String raw, Instant now) {
        boolean matches = Tokens.matches(raw, hash);
        return matches && this.purpose == purpose && expiresAt.map(now::isBefore).orElse(true);
    }
}
