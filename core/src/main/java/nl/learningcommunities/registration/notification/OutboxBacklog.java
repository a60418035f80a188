package nl.learningcommunities.registration.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How far behind the outbox is, for health checks and metrics: how many messages wait to be sent, how many were
 * given up on, and since when the oldest waiting message has been waiting. A message waits from the moment it
 * was queued, also while it is being retried, so the age of the oldest keeps growing while the mail server is
 * down.
 *
 * <p>Immutable and thread-safe.
 *
 * @param pending            messages not yet sent and not given up on (retries included)
 * @param failed             messages given up on, which organisers see with the mail server's answer
 * @param oldestPendingSince when the oldest pending message was queued, if any is pending
 */
public record OutboxBacklog(long pending, long failed, Optional<Instant> oldestPendingSince) {

    /** Checks the components. */
    public OutboxBacklog {
        if (pending < 0 || failed < 0) {
            throw new IllegalArgumentException("counts cannot be negative: " + pending + ", " + failed);
        }
        Objects.requireNonNull(oldestPendingSince, "oldestPendingSince");
        if (pending == 0 && oldestPendingSince.isPresent()) {
            throw new IllegalArgumentException("an empty backlog has no oldest message");
        }
    }

    /** @return an outbox with nothing waiting and nothing failed */
    public static OutboxBacklog empty() {
        return new OutboxBacklog(0, 0, Optional.empty());
    }

    /**
     * @param now the current moment
     * @return how long the oldest pending message has been waiting at {@code now} (zero if it was queued later),
     *         or empty when nothing is pending
     */
    public Optional<Duration> oldestPendingAge(Instant now) {
        Objects.requireNonNull(now, "now");
        return oldestPendingSince.map(since -> since.isAfter(now) ? Duration.ZERO : Duration.between(since, now));
    }
}
