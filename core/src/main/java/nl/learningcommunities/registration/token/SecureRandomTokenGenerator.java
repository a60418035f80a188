package nl.learningcommunities.registration.token;

import java.security.SecureRandom;
import java.util.Base64;

final class SecureRandomTokenGenerator implements TokenGenerator {

    private static final int BYTES = 32;
    private final SecureRandom random = new SecureRandom();

    @Override
    public String newToken() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
