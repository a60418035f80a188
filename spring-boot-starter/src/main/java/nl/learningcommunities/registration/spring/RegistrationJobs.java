package nl.learningcommunities.registration.spring;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.support.CronExpression;

import nl.learningcommunities.registration.application.Housekeeping;
import nl.learningcommunities.registration.application.HousekeepingReport;
import nl.learningcommunities.registration.mail.MailDispatcher;

/**
 * The library's background work on one node: the outbox dispatcher every {@code registration.mail.interval}, and
 * housekeeping on its cron schedule, on a scheduler of two daemon threads that this object owns.
 *
 * <p>It starts with the application context and stops before any bean is destroyed, after the web server has
 * stopped taking requests: the dispatcher finishes the message in hand and hands its other claims back, a
 * running housekeeping pass completes, and only then may the connection pool close. Thread-safe.
 */
public final class RegistrationJobs implements SmartLifecycle {

    /** Stops after the web server (which stops at {@code DEFAULT_PHASE - 2048}) and before beans are destroyed. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationJobs.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Optional<MailDispatcher> dispatcher;
    private final Duration mailInterval;
    private final Optional<Housekeeping> housekeeping;
    private final CronExpression cron;
    private final ZoneId zone;
    private final Clock clock;
    private final List<HousekeepingListener> listeners;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> nextHousekeeping;
    private volatile boolean running;

    /**
     * @param dispatcher   the dispatcher to run, if this node sends mail
     * @param mailInterval the pause between dispatcher runs
     * @param housekeeping the housekeeping to run, if this node runs it
     * @param cron         when housekeeping runs (six fields, second first)
     * @param zone         the zone the cron expression is read in
     * @param clock        the clock the schedule is computed from
     * @param listeners    told of each housekeeping run
     * @throws IllegalArgumentException when the cron expression cannot be read
     */
    public RegistrationJobs(Optional<MailDispatcher> dispatcher, Duration mailInterval,
                            Optional<Housekeeping> housekeeping, String cron, ZoneId zone, Clock clock,
                            List<HousekeepingListener> listeners) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.mailInterval = Objects.requireNonNull(mailInterval, "mailInterval");
        this.housekeeping = Objects.requireNonNull(housekeeping, "housekeeping");
        this.cron = CronExpression.parse(Objects.requireNonNull(cron, "cron"));
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Starts the schedules on a new scheduler. Idempotent while running; after {@link #stop()} it starts again
     * (Spring's test framework pauses and resumes cached application contexts this way).
     */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "registration-jobs");
            thread.setDaemon(true);
            return thread;
        });
        dispatcher.ifPresent(d -> d.start(scheduler, mailInterval));
        running = true;
        housekeeping.ifPresent(h -> scheduleHousekeeping());
        LOG.info("Registration jobs started: mail dispatch {}, housekeeping {}",
                dispatcher.map(d -> "every " + mailInterval.toMillis() + " ms").orElse("off"),
                housekeeping.map(h -> "at '" + cron + "' (" + zone + ")").orElse("off"));
    }

    private synchronized void scheduleHousekeeping() {
        if (!running) {
            return;
        }
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        ZonedDateTime next = cron.next(now);
        if (next == null) {
            LOG.warn("The housekeeping schedule '{}' has no next run; housekeeping stops", cron);
            return;
        }
        long delay = Math.max(0, Duration.between(now, next).toMillis());
        nextHousekeeping = scheduler.schedule(this::runHousekeeping, delay, TimeUnit.MILLISECONDS);
    }

    private void runHousekeeping() {
        long started = System.nanoTime();
        try {
            HousekeepingReport report = housekeeping.orElseThrow().run();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            LOG.debug("Housekeeping done in {} ms: {}", took.toMillis(), report);
            listeners.forEach(l -> tell(() -> l.completed(report, took)));
        } catch (RuntimeException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (running) {
                LOG.warn("Housekeeping failed; it runs again at its next scheduled time", e);
            }
            listeners.forEach(l -> tell(() -> l.failed(e, took)));
        } finally {
            scheduleHousekeeping();
        }
    }

    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("A housekeeping listener failed", e);
        }
    }

    /**
     * Stops the schedules. The dispatcher finishes the message in hand (within its mailer's time-outs) and hands its
     * other claims back; then a running housekeeping pass gets up to 30 s to complete before it is interrupted.
     */
    @Override
    public void stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            if (nextHousekeeping != null) {
                nextHousekeeping.cancel(false);
            }
            stopping = scheduler;
        }
        dispatcher.ifPresent(MailDispatcher::close);
        stopping.shutdown();
        try {
            if (!stopping.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Registration jobs did not finish within {} s; interrupting them", STOP_TIMEOUT.toSeconds());
                stopping.shutdownNow();
            }
        } catch (InterruptedException e) {
            stopping.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("Registration jobs stopped");
    }

    /** @return whether the schedules run */
    @Override
    public boolean isRunning() {
        return running;
    }

    /** @return {@link #PHASE} */
    @Override
    public int getPhase() {
        return PHASE;
    }
}
