package nl.learningcommunities.registration.token;

import java.security.SecureRandom;
import java.util.Base64;

final class SecureRandomTokenGenerator implements TokenGenerator {

    private static final int BYTES = 32;

    /**
     * One generator per thread: the platform's default shares one lock among all threads, which made minting
     * tokens the point where concurrent registrations queued.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandomTokenGenerator::drbg);

    @Override
    public String newToken() {
        byte[] bytes = new byte[BYTES];
        RANDOM.get().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
