package nl.learningcommunities.registration.booking;

import java.util.UUID;

import nl.learningcommunities.registration.participant.EmailAddress;

/** The placeholder address an erased registration keeps: unique, undeliverable ({@code .invalid}, RFC 2606). */
public final class ErasedAddresses {

    /** The domain of placeholder addresses. */
    public static final String DOMAIN = "erased.invalid";

    private ErasedAddresses() {
    }

    /**
     * @param registrationId the erased registration
     * @return its placeholder address
     */
    public static EmailAddress forRegistration(UUID registrationId) {
        return EmailAddress.of("erased-" + registrationId + "@" + DOMAIN);
    }

    /**
     * @param notificationId an outbox entry about no registration (an invitation)
     * @return its placeholder address
     */
    public static EmailAddress forNotification(UUID notificationId) {
        return EmailAddress.of("erased-" + notificationId + "@" + DOMAIN);
    }
}
