package nl.learningcommunities.registration.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** Hashing and comparing secret tokens. Thread-safe. */
public final class Tokens {

    private Tokens() {
    }

    /**
     * @param raw a token
     * @return its SHA-256 hash, base64url without padding
     */
    public static String hash(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest(raw));
    }

    /**
     * Compares a presented token with a stored hash in constant time.
     *
     * @param raw  the presented token; null never matches
     * @param hash the stored hash
     * @return whether they match
     */
    public static boolean matches(String raw, String hash) {
        if (raw == null || hash == null) {
            return false;
        }
        byte[] expected = hash.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hash(raw).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }

    /**
     * Makes a token with the generator and its stored form.
     *
     * @param generator the generator
     * @param purpose   what it will allow
     * @param expiresAt when it expires, if ever
     * @return the token and what to store
     */
    public static IssuedToken issue(TokenGenerator generator, TokenPurpose purpose, Optional<Instant> expiresAt) {
        String secret = generator.newToken();
        if (secret == null || secret.length() < 22) {
            throw new IllegalStateException("token generator gave fewer than 128 bits");
        }
        return new IssuedToken(secret, new AccessToken(purpose, hash(secret), expiresAt));
    }

    private static byte[] digest(String raw) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
