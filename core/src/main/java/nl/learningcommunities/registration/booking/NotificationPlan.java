package nl.learningcommunities.registration.booking;

import java.util.List;

import nl.learningcommunities.registration.notification.Notification;

/**
 * What to announce for a change, decided by the core and called by the store inside its unit of work, so
 * that a change and its notifications are stored together or not at all. The tokens the notifications carry
 * are added (hashed) to the changed registration by the store.
 *
 * <p>Implementations must be side-effect free apart from making tokens, and fast: the store may hold a
 * lock or a transaction while it runs.
 */
@FunctionalInterface
public interface NotificationPlan {

    /** Announces nothing. */
    NotificationPlan NONE = change -> List.of();

    /**
     * @param change the change, before tokens are added
     * @return the notifications to queue
     */
    List<Notification> notificationsFor(Change change);
}
