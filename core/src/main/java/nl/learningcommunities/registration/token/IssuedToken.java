package nl.learningcommunities.registration.token;

import java.util.Objects;

/**
 * A token just made: the secret value that goes into an e-mail, and what the store keeps of it.
 *
 * <p>Immutable and thread-safe. Its {@code toString} never shows the secret.
 *
 * @param secret the token itself; never log it
 * @param stored what the store keeps
 */
public record IssuedToken(String secret, AccessToken stored) {

    /** Checks the components. */
    public IssuedToken {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(stored, "stored");
    }

    @Override
    public String toString() {
        return "IssuedToken[" + stored.purpose() + ", secret=***]";
    }
}
