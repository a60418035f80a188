package nl.learningcommunities.registration.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.learningcommunities.registration.notification.NotificationOutbox;
import nl.learningcommunities.registration.notification.OutboxEntry;

/**
 * How a dispatcher settles each claimed outbox entry, and tells its {@link DeliveryListener}: sent; retried with
 * exponential back-off after a temporary failure; failed after a permanent failure, too many attempts, or when it
 * cannot be composed; handed back unsent. The listener hears of an entry only when this dispatcher's settlement
 * took effect (its claim still held). Thread-safe; called on the dispatcher's thread.
 */
final class Settlement {

    private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);

    private final NotificationOutbox outbox;
    private final String claimant;
    private final Duration firstRetry;
    private final Duration maxRetryDelay;
    private final int maxAttempts;
    private final int permanentAttempts;
    private final DeliveryListener listener;

    Settlement(NotificationOutbox outbox, String claimant, Duration firstRetry, Duration maxRetryDelay,
               int maxAttempts, int permanentAttempts, DeliveryListener listener) {
        this.outbox = outbox;
        this.claimant = claimant;
        this.firstRetry = firstRetry;
        this.maxRetryDelay = maxRetryDelay;
        this.maxAttempts = maxAttempts;
        this.permanentAttempts = permanentAttempts;
        this.listener = listener;
    }

    /** Fails an entry whose message cannot be composed (its event or registration is gone), with the reason. */
    void cannotBeComposed(OutboxEntry entry, Exception why) {
        LOG.warn("notification {} ({}) cannot be composed: {}", entry.notification().id(),
                entry.notification().type(), why.getMessage());
        if (outbox.markFailed(entry.notification().id(), claimant, "cannot be composed: " + why.getMessage())) {
            tell(l -> l.failed(entry.notification(), entry.attempts()));
        }
    }

    /** Hands an entry back unsent, due again at once; the listener hears nothing of it. */
    void handBack(OutboxEntry entry, String why, Instant now) {
        outbox.markRetry(entry.notification().id(), claimant, why, now);
    }

    /** Settles an entry by the server's answer. */
    void settle(OutboxEntry entry, DeliveryResult result, Instant now) {
        UUID id = entry.notification().id();
        if (result instanceof DeliveryResult.Delivered) {
            if (outbox.markSent(id, claimant, now)) {
                tell(l -> l.sent(entry.notification()));
            }
        } else if (result instanceof DeliveryResult.PermanentFailure permanent
                && entry.attempts() >= permanentAttempts) {
            LOG.warn("notification {} ({}) failed for good after {} attempts: {}", id, entry.notification().type(),
                    entry.attempts(), permanent.answer());
            if (outbox.markFailed(id, claimant, permanent.answer())) {
                tell(l -> l.failed(entry.notification(), entry.attempts()));
            }
        } else {
            String answer = result instanceof DeliveryResult.TemporaryFailure t ? t.answer()
                    : ((DeliveryResult.PermanentFailure) result).answer();
            if (entry.attempts() >= maxAttempts) {
                LOG.warn("notification {} ({}) failed after {} attempts: {}", id, entry.notification().type(),
                        entry.attempts(), answer);
                if (outbox.markFailed(id, claimant, answer)) {
                    tell(l -> l.failed(entry.notification(), entry.attempts()));
                }
            } else if (outbox.markRetry(id, claimant, answer, now.plus(backoff(entry.attempts())))) {
                tell(l -> l.retried(entry.notification(), entry.attempts()));
            }
        }
    }

    /**
     * @param attempts attempts made so far (at least 1)
     * @return how long to wait before the next attempt
     */
    Duration backoff(int attempts) {
        Duration delay = firstRetry;
        for (int i = 1; i < attempts && delay.compareTo(maxRetryDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }

    private void tell(Consumer<DeliveryListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            LOG.warn("delivery listener {} failed", listener.getClass().getName(), e);
        }
    }
}
