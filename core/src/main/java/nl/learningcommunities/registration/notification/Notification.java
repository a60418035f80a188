package nl.learningcommunities.registration.notification;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.token.IssuedToken;

/**
 * A message to send, as the outbox holds it: what kind, about which registration, to whom, in which language,
 * and the personal-link token it carries. The mail adapter renders it from the event and registration when it
 * sends, so the outbox holds no copy of the participant's data beyond the address.
 *
 * <p>Immutable and thread-safe. Its {@code toString} never shows the token.
 *
 * @param id             stable id; the mail adapter derives the {@code Message-ID} from it
 * @param type           the kind of message
 * @param eventId        the event
 * @param registrationId the registration it is about, if any
 * @param recipient      the address
 * @param recipientName  the name to address the recipient by
 * @param locale         the language to write in
 * @param createdAt      when it was queued
 * @param token          the personal-link token the message carries, if any; never log it
 * @param data           extra values for the message (for example an offer's deadline), as text
 */
public record Notification(UUID id, NotificationType type, String eventId, Optional<UUID> registrationId,
                           EmailAddress recipient, String recipientName, Locale locale, Instant createdAt,
                           Optional<IssuedToken> token, Map<String, String> data) {

    /** Checks and copies the components. */
    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(recipientName, "recipientName");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(token, "token");
        data = Map.copyOf(Objects.requireNonNull(data, "data"));
    }

    @Override
    public String toString() {
        return "Notification[" + id + ", " + type + ", event=" + eventId + ", registration="
                + registrationId.map(UUID::toString).orElse("-") + "]";
    }
}
