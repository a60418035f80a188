package nl.learningcommunities.registration.testing;

import java.util.List;
import java.util.UUID;

import nl.learningcommunities.registration.notification.NotificationOutbox;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.notification.OutboxEntry;
import nl.learningcommunities.registration.token.TokenPurpose;

/** Reads what the outbox holds for a registration, as a participant would read their mailbox. */
public final class Mailbox {

    private final NotificationOutbox outbox;

    /**
     * @param outbox the outbox
     */
    public Mailbox(NotificationOutbox outbox) {
        this.outbox = outbox;
    }

    /**
     * @param registrationId a registration
     * @return the types of the messages queued to the participant about it, oldest first
     */
    public List<NotificationType> types(UUID registrationId) {
        return outbox.about(registrationId).stream().map(e -> e.notification().type())
                .filter(type -> !type.toOrganiser()).toList();
    }

    /**
     * @param registrationId a registration
     * @param type           a message type
     * @return the token of the newest such message
     */
    public String token(UUID registrationId, NotificationType type) {
        List<OutboxEntry> entries = outbox.about(registrationId).stream()
                .filter(e -> e.notification().type() == type).toList();
        if (entries.isEmpty()) {
            throw new AssertionError("no " + type + " message for " + registrationId + "; there are "
                    + types(registrationId));
        }
        return entries.get(entries.size() - 1).notification().token().orElseThrow().secret();
    }

    /**
     * @param registrationId a registration
     * @return the manage token of the newest message that carries one
     */
    public String manageToken(UUID registrationId) {
        List<OutboxEntry> entries = outbox.about(registrationId).stream()
                .filter(e -> e.notification().token().filter(t -> t.stored().purpose() == TokenPurpose.MANAGE)
                        .isPresent()).toList();
        if (entries.isEmpty()) {
            throw new AssertionError("no message with a manage link for " + registrationId);
        }
        return entries.get(entries.size() - 1).notification().token().orElseThrow().secret();
    }

    /**
     * @param registrationId a registration
     * @param type           a message type
     * @return the newest such message queued about it
     */
    public Notification newest(UUID registrationId, NotificationType type) {
        List<OutboxEntry> entries = outbox.about(registrationId).stream()
                .filter(e -> e.notification().type() == type).toList();
        if (entries.isEmpty()) {
            throw new AssertionError("no " + type + " message for " + registrationId + "; there are "
                    + types(registrationId));
        }
        return entries.get(entries.size() - 1).notification();
    }
}
