package nl.learningcommunities.registration.spring;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import nl.learningcommunities.registration.notification.NotificationOutbox;
import nl.learningcommunities.registration.notification.OutboxBacklog;

/**
 * DOWN when more messages wait than {@code registration.health.outbox-max-pending}, or the oldest has waited
 * longer than {@code registration.health.outbox-max-wait} (the mail server has been unreachable that long);
 * details give the counts, failed messages included. Thread-safe.
 */
final class OutboxHealthIndicator extends AbstractHealthIndicator {

    private final NotificationOutbox outbox;
    private final Clock clock;
    private final RegistrationProperties.Health thresholds;

    OutboxHealthIndicator(NotificationOutbox outbox, Clock clock, RegistrationProperties.Health thresholds) {
        super("The notification outbox cannot be read");
        this.outbox = outbox;
        this.clock = clock;
        this.thresholds = thresholds;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        OutboxBacklog backlog = outbox.backlog();
        Optional<Duration> wait = backlog.oldestPendingAge(clock.instant());
        boolean tooMany = backlog.pending() > thresholds.outboxMaxPending();
        boolean tooOld = wait.map(w -> w.compareTo(thresholds.outboxMaxWait()) > 0).orElse(false);
        (tooMany || tooOld ? builder.down() : builder.up())
                .withDetail("pending", backlog.pending())
                .withDetail("failed", backlog.failed())
                .withDetail("oldestPendingWaitSeconds", wait.map(Duration::toSeconds).orElse(0L))
                .withDetail("maxPending", thresholds.outboxMaxPending())
                .withDetail("maxWaitSeconds", thresholds.outboxMaxWait().toSeconds());
    }
}
