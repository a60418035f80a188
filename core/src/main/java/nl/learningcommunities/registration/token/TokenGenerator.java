package nl.learningcommunities.registration.token;

/**
 * Port: makes the secret tokens of personal links. Implementations must be thread-safe and give at least
 * 128 bits of entropy from a cryptographically strong source.
 */
@FunctionalInterface
public interface TokenGenerator {

    /** @return a new token, URL-safe */
    String newToken();

    /** @return the default generator: 256 bits from {@link java.security.SecureRandom}, base64url */
    static TokenGenerator secureRandom() {
        return new SecureRandomTokenGenerator();
    }
}
