package nl.learningcommunities.registration.notification;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A notification in the outbox with its delivery state.
 *
 * <p>Immutable and thread-safe.
 *
 * @param notification  the notification (its token wiped once sent)
 * @param state         pending, sent or failed
 * @param attempts      how many times sending was tried
 * @param nextAttemptAt when a pending entry is due
 * @param lastError     the mail server's last answer, if sending failed
 * @param claimedBy     the dispatcher holding the entry, if any
 * @param claimExpiresAt when that claim lapses, so that another dispatcher may take over
 */
public record OutboxEntry(Notification notification, DeliveryState state, int attempts, Instant nextAttemptAt,
                          Optional<String> lastError, Optional<String> claimedBy, Optional<Instant> claimExpiresAt) {

    /** Checks the components. */
    public OutboxEntry {
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(claimedBy, "claimedBy");
        Objects.requireNonNull(claimExpiresAt, "claimExpiresAt");
    }

    /** The delivery states. */
    public enum DeliveryState {
        /** Waiting to be sent (again). */
        PENDING,
        /** Handed to the mail server. */
        SENT,
        /** Given up on; visible to organisers. */
        FAILED
    }
}
