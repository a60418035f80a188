package nl.learningcommunities.registration.spring;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import nl.learningcommunities.registration.application.HousekeepingReport;
import nl.learningcommunities.registration.application.Instrumentation;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.mail.DeliveryListener;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.notification.NotificationOutbox;
import nl.learningcommunities.registration.notification.OutboxBacklog;

/**
 * The library's Micrometer meters:
 * <ul>
 *   <li>{@code registration.registrations} (counter; tags {@code event}, {@code outcome}): each registrant's
 *       outcome, as {@link Instrumentation#nameOf} names it;</li>
 *   <li>{@code registration.seat.claim} (timer; tag {@code event}): how long the store's seat claim takes;</li>
 *   <li>{@code registration.outbox.pending}, {@code registration.outbox.failed} and
 *       {@code registration.outbox.oldest.age} (gauges; the last in seconds): the outbox backlog, read at most
 *       once a second;</li>
 *   <li>{@code registration.mail.sent}, {@code registration.mail.retried} and {@code registration.mail.failed}
 *       (counters; tag {@code type}): what the dispatcher did with each message;</li>
 *   <li>{@code registration.housekeeping} (timer; tag {@code outcome} = {@code completed} or {@code failed}):
 *       housekeeping runs.</li>
 * </ul>
 * Thread-safe.
 */
public final class MicrometerRegistrationMetrics implements Instrumentation, DeliveryListener, HousekeepingListener {

    private static final Duration BACKLOG_CACHE = Duration.ofSeconds(1);

    private final MeterRegistry registry;
    private final NotificationOutbox outbox;
    private final Clock clock;
    /** The per-event meters, built once and looked up by tags: a registration passes here once or twice. */
    private final Meter.MeterProvider<Timer> seatClaims;
    private final Meter.MeterProvider<Counter> registrations;
    private volatile CachedBacklog backlog;

    /**
     * Registers the outbox gauges at once; the other meters appear when first used.
     *
     * @param registry where the meters go
     * @param outbox   the outbox whose backlog the gauges show
     * @param clock    the clock the oldest message's age is measured with
     */
    public MicrometerRegistrationMetrics(MeterRegistry registry, NotificationOutbox outbox, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.seatClaims = Timer.builder("registration.seat.claim")
                .description("How long the store takes to claim seats").withRegistry(registry);
        this.registrations = Counter.builder("registration.registrations")
                .description("Registration attempts, by outcome").withRegistry(registry);
        gauge("registration.outbox.pending", "Messages waiting to be sent, retries included", null,
                b -> b.pending());
        gauge("registration.outbox.failed", "Messages given up on", null, b -> b.failed());
        gauge("registration.outbox.oldest.age", "How long the oldest pending message has waited", "seconds",
                b -> b.oldestPendingAge(clock.instant()).map(d -> d.toMillis() / 1000.0).orElse(0.0));
    }

    private void gauge(String name, String description, String unit, ToDoubleFunction<OutboxBacklog> value) {
        Gauge.builder(name, this, metrics -> {
                    OutboxBacklog current = metrics.currentBacklog();
                    return current == null ? Double.NaN : value.applyAsDouble(current);
                })
                .description(description).baseUnit(unit).strongReference(true).register(registry);
    }

    private OutboxBacklog currentBacklog() {
        long now = System.nanoTime();
        CachedBacklog cached = backlog;
        if (cached != null && now - cached.readAt() < BACKLOG_CACHE.toNanos()) {
            return cached.backlog();
        }
        try {
            OutboxBacklog read = outbox.backlog();
            backlog = new CachedBacklog(read, now);
            return read;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public <T> T seatClaim(String eventId, int people, Supplier<T> claim) {
        return seatClaims.withTags("event", eventId).record(claim);
    }

    @Override
    public void registrationAttempted(String eventId, RegistrationOutcome outcome) {
        registrations.withTags("event", eventId, "outcome", Instrumentation.nameOf(outcome)).increment();
    }

    @Override
    public void sent(Notification notification) {
        mail("registration.mail.sent", "Messages the mail server accepted", notification);
    }

    @Override
    public void retried(Notification notification, int attempts) {
        mail("registration.mail.retried", "Messages that failed for now and are tried again", notification);
    }

    @Override
    public void failed(Notification notification, int attempts) {
        mail("registration.mail.failed", "Messages given up on", notification);
    }

    private void mail(String name, String description, Notification notification) {
        Counter.builder(name).description(description).tag("type", notification.type().name().toLowerCase(java.util.Locale.ROOT))
                .register(registry).increment();
    }

    @Override
    public void completed(HousekeepingReport report, Duration took) {
        housekeeping("completed", took);
    }

    @Override
    public void failed(RuntimeException failure, Duration took) {
        housekeeping("failed", took);
    }

    private void housekeeping(String outcome, Duration took) {
        Timer.builder("registration.housekeeping").description("Housekeeping runs").tag("outcome", outcome)
                .register(registry).record(took);
    }

    private record CachedBacklog(OutboxBacklog backlog, long readAt) {
    }
}
