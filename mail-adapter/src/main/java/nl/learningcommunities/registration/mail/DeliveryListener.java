package nl.learningcommunities.registration.mail;

import nl.learningcommunities.registration.notification.Notification;

/**
 * Told how each message the {@link MailDispatcher} handled ended, for metrics and alerts: sent, to be retried, or
 * given up on. The Spring Boot starter counts these with Micrometer.
 *
 * <p>Every method has a default that does nothing. Calls come on the dispatcher's thread after the outbox entry
 * is settled; implementations must be thread-safe and quick. An exception thrown here is logged and ignored. A
 * message handed back unsent because the dispatcher stops is none of these.
 */
public interface DeliveryListener {

    /** @return a listener that does nothing */
    static DeliveryListener none() {
        return new DeliveryListener() {
        };
    }

    /**
     * The mail server accepted the message.
     *
     * @param notification the message (its {@code toString} shows no token or address)
     */
    default void sent(Notification notification) {
    }

    /**
     * Sending failed for now; the message is due again later.
     *
     * @param notification the message
     * @param attempts     the attempts made so far
     */
    default void retried(Notification notification, int attempts) {
    }

    /**
     * The dispatcher gave up on the message; organisers see it among the failed messages.
     *
     * @param notification the message
     * @param attempts     the attempts made
     */
    default void failed(Notification notification, int attempts) {
    }
}
