package nl.learningcommunities.registration.mail;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.event.EventCatalogue;
import nl.learningcommunities.registration.notification.NotificationOutbox;
import nl.learningcommunities.registration.notification.OutboxEntry;

/**
 * Drains the notification outbox into e-mail. Each run claims a small batch of due entries (exclusively, also
 * when every application node runs a dispatcher against the same store) for a short lease, renders them, sends
 * them over one connection, and settles each: sent; retried later with exponential back-off after a temporary
 * failure (first retry after {@code firstRetry}, doubling up to {@code maxRetryDelay}); failed — visible to
 * organisers with the server's answer — after a permanent failure or too many attempts.
 *
 * <p>A batch is rendered and sent in two stages that overlap ({@link BatchDelivery}): its messages are rendered
 * one after the other on a render thread while the dispatcher's thread hands the first ones to the mail server
 * over one connection, and the run ends once every entry of the batch is settled.
 *
 * <p>Claims are short so that a node that dies holds the others' mail up for one lease, seconds rather than
 * minutes. Claims are renewed ({@code NotificationOutbox.extendClaims}) every third of the lease while the batch is being
 * sent, so that a slow mail server does not let a live node's claim lapse; either way a message is handed to the
 * server only while its claim is surely still this node's (not taken over, a third of the lease left), and the
 * rest of the batch is handed back. Delivery is at least once: a dispatcher that dies between sending and
 * settling leaves its claim to lapse, and the message is sent again with the same {@code Message-ID}, which mail
 * systems use to drop the duplicate.
 *
 * <p>The dispatcher runs no batch on a thread of its own: call {@link #runOnce()} from your scheduler, or hand
 * {@link #start(ScheduledExecutorService, Duration)} an executor. Renewals run on the scheduler given to
 * {@link Builder#renewalScheduler(ScheduledExecutorService)}, or else on one daemon thread the dispatcher starts
 * when it first renews; rendering runs on the executor given to {@link Builder#renderer(Executor)}, or else on one
 * daemon thread the dispatcher starts when it first renders. {@link #close()} stops it cleanly: the message in hand is finished, the batch's unsent
 * claims are handed back at once. Thread-safe; runs never overlap.
 */
public final class MailDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MailDispatcher.class);

    /** How long the dispatcher's own render thread waits for the next batch before it ends. */
    private static final Duration RENDERER_IDLE = Duration.ofSeconds(30);

    private final NotificationOutbox outbox;
    private final Clock clock;
    private final String claimant;
    private final int batchSize;
    private final Duration lease;
    private final ClaimRenewal renewal;
    private final ScheduledExecutorService givenRenewalScheduler;
    private final Executor givenRenderer;
    private final Settlement settlement;
    private final BatchDelivery delivery;
    private ScheduledExecutorService ownRenewalScheduler;
    private ExecutorService ownRenderer;
    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean stopping;
    private volatile ScheduledFuture<?> schedule;

    private MailDispatcher(Builder b) {
        this.outbox = b.outbox;
        this.clock = b.clock;
        this.claimant = b.claimant;
        this.batchSize = b.batchSize;
        this.lease = b.lease;
        this.renewal = b.renewal;
        this.givenRenewalScheduler = b.renewalScheduler;
        this.givenRenderer = b.renderer;
        this.settlement = new Settlement(b.outbox, b.claimant, b.firstRetry, b.maxRetryDelay, b.maxAttempts,
                b.permanentAttempts, b.listener);
        this.delivery = new BatchDelivery(b.catalogue, b.store, b.mailer, new MessageComposer(b.settings),
                settlement, b.clock);
    }

    /**
     * @param outbox    the outbox to drain (usually the store object)
     * @param catalogue where the events are
     * @param store     where the registrations are
     * @param mailer    how to send
     * @param settings  sender, links, branding and templates
     * @param clock     the clock
     * @return a builder with the defaults: batches of 10, a lease of 30 seconds (renewed every 10 seconds while the
     *         batch is being sent), first retry after 5 s, at most 60 s
     *         between retries, 10 attempts, a permanent failure failing at once
     */
    public static Builder builder(NotificationOutbox outbox, EventCatalogue catalogue, RegistrationStore store,
                                  Mailer mailer, MailSettings settings, Clock clock) {
        return new Builder(outbox, catalogue, store, mailer, settings, clock);
    }

    /** @return the name this dispatcher claims entries under */
    public String claimant() {
        return claimant;
    }

    /**
     * Claims, renders, sends and settles one batch of due entries. The messages are rendered on the render
     * executor while the first ones are already being sent from this thread; the run returns once every entry of
     * the batch is settled.
     *
     * @return how many entries were settled (sent, retried or failed)
     */
    public int runOnce() {
        if (stopping || !running.tryLock()) {
            return 0;
        }
        try {
            Instant now = clock.instant();
            List<OutboxEntry> claimed = outbox.claimDue(claimant, batchSize, now, lease);
            if (claimed.isEmpty()) {
                return 0;
            }
            try (BatchClaims claims = new BatchClaims(claimed.stream().map(e -> e.notification().id()).toList(),
                    now, claimant, clock, lease, renewal, renewal == null ? null : renewalScheduler())) {
                return delivery.deliver(claimed, claims, renderer(), () -> stopping);
            }
        } finally {
            running.unlock();
        }
    }

    private synchronized ScheduledExecutorService renewalScheduler() {
        if (givenRenewalScheduler != null) {
            return givenRenewalScheduler;
        }
        if (ownRenewalScheduler == null) {
            ownRenewalScheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "mail-claims-" + claimant);
                thread.setDaemon(true);
                return thread;
            });
        }
        return ownRenewalScheduler;
    }

    /** Where batches are rendered: the host's executor, or one daemon thread of the dispatcher's. */
    private synchronized Executor renderer() {
        if (givenRenderer != null) {
            return givenRenderer;
        }
        if (ownRenderer == null) {
            ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, RENDERER_IDLE.toSeconds(), TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), runnable -> {
                        Thread thread = new Thread(runnable, "mail-render-" + claimant);
                        thread.setDaemon(true);
                        return thread;
                    });
            executor.allowCoreThreadTimeOut(true);
            ownRenderer = executor;
        }
        return ownRenderer;
    }

    /**
     * @param attempts attempts made so far (at least 1)
     * @return how long to wait before the next attempt
     */
    Duration backoff(int attempts) {
        return settlement.backoff(attempts);
    }

    /**
     * Runs {@link #runOnce()} on the host's executor, every {@code interval}, until {@link #close()}. A closed
     * dispatcher may be started again (a host that stops and restarts its application context does so).
     *
     * @param executor the host's scheduler
     * @param interval the pause between runs
     * @throws IllegalStateException when it runs already
     */
    public synchronized void start(ScheduledExecutorService executor, Duration interval) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(interval, "interval");
        if (schedule != null) {
            throw new IllegalStateException("already started");
        }
        stopping = false;
        schedule = executor.scheduleWithFixedDelay(() -> {
            try {
                while (runOnce() >= batchSize && !stopping) {
                    Thread.onSpinWait();
                }
            } catch (RuntimeException e) {
                LOG.warn("mail dispatch run failed; the next run tries again", e);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the schedule, lets the message in hand finish, hands the batch's unsent claims back, and stops the
     * renewal and render threads the dispatcher started, if any. Idempotent; {@link #start} may follow.
     */
    @Override
    public void close() {
        ScheduledFuture<?> scheduled;
        synchronized (this) {
            stopping = true;
            scheduled = schedule;
            schedule = null;
        }
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        running.lock();
        running.unlock();
        synchronized (this) {
            if (ownRenewalScheduler != null) {
                ownRenewalScheduler.shutdownNow();
                ownRenewalScheduler = null;
            }
            if (ownRenderer != null) {
                ownRenderer.shutdown();
                ownRenderer = null;
            }
        }
    }

    /** Builds a {@link MailDispatcher}. Not thread-safe. */
    public static final class Builder {
        private final NotificationOutbox outbox;
        private final EventCatalogue catalogue;
        private final RegistrationStore store;
        private final Mailer mailer;
        private final MailSettings settings;
        private final Clock clock;
        private String claimant = defaultClaimant();
        private int batchSize = 10;
        private Duration lease = Duration.ofSeconds(30);
        private ScheduledExecutorService renewalScheduler;
        private Executor renderer;
        private ClaimRenewal renewal;
        private Duration firstRetry = Duration.ofSeconds(5);
        private Duration maxRetryDelay = Duration.ofSeconds(60);
        private int maxAttempts = 10;
        private int permanentAttempts = 1;
        private DeliveryListener listener = DeliveryListener.none();

        private Builder(NotificationOutbox outbox, EventCatalogue catalogue, RegistrationStore store, Mailer mailer,
                        MailSettings settings, Clock clock) {
            this.outbox = Objects.requireNonNull(outbox, "outbox");
            this.renewal = outbox::extendClaims;
            this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
            this.store = Objects.requireNonNull(store, "store");
            this.mailer = Objects.requireNonNull(mailer, "mailer");
            this.settings = Objects.requireNonNull(settings, "settings");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /**
         * @param claimant this dispatcher's name, unique per node (default: host name and a random suffix)
         * @return this builder
         */
        public Builder claimant(String claimant) {
            this.claimant = Objects.requireNonNull(claimant, "claimant");
            return this;
        }

        /**
         * @param batchSize how many entries one run claims (1..1000; default 10). Small batches keep what a dying
         *                  node holds up small.
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 1000) {
                throw new IllegalArgumentException("batchSize must be 1..1000");
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param lease how long a claim holds before another dispatcher may take the entry over (default 30
         *              seconds, at least 30 milliseconds): how long a node that dies holds the others' mail up.
         *              While a batch is being sent its claims are renewed every third of the lease through the
         *              outbox's extendClaims; a message is handed to the server only while a third is left.
         * @return this builder
         */
        public Builder lease(Duration lease) {
            this.lease = positive(lease, "lease");
            if (lease.toMillis() < 30) {
                throw new IllegalArgumentException("lease must be at least 30 milliseconds");
            }
            return this;
        }

        /**
         * @param renewalScheduler where claims are renewed while a batch is being sent, for a host that keeps its
         *                         threads to itself; it must have a thread free while the dispatcher sends.
         *                         Default: one daemon thread of the dispatcher's, started when it first renews and
         *                         stopped by {@link MailDispatcher#close()}.
         * @return this builder
         */
        public Builder renewalScheduler(ScheduledExecutorService renewalScheduler) {
            this.renewalScheduler = Objects.requireNonNull(renewalScheduler, "renewalScheduler");
            return this;
        }

        /**
         * @param renderer where a batch's messages are rendered while the first ones are already being sent, for a
         *                 host that keeps its threads to itself; it should have a thread free while the dispatcher
         *                 sends (an executor that runs the work at once renders the whole batch before sending, as
         *                 a dispatcher without two stages would). Default: one daemon thread of the dispatcher's,
         *                 started when it first renders, ended after 30 seconds without work and by
         *                 {@link MailDispatcher#close()}.
         * @return this builder
         */
        public Builder renderer(Executor renderer) {
            this.renderer = Objects.requireNonNull(renderer, "renderer");
            return this;
        }

        /**
         * @param renewal how claims are renewed, in place of the outbox's {@code extendClaims} (tests)
         * @return this builder
         */
        Builder claimRenewal(ClaimRenewal renewal) {
            this.renewal = Objects.requireNonNull(renewal, "renewal");
            return this;
        }

        /**
         * @param firstRetry the wait before the first retry
         * @param maxRetryDelay the longest wait between retries
         * @return this builder
         */
        public Builder retries(Duration firstRetry, Duration maxRetryDelay) {
            this.firstRetry = positive(firstRetry, "firstRetry");
            this.maxRetryDelay = positive(maxRetryDelay, "maxRetryDelay");
            if (maxRetryDelay.compareTo(firstRetry) < 0) {
                throw new IllegalArgumentException("maxRetryDelay must not be shorter than firstRetry");
            }
            return this;
        }

        /**
         * @param maxAttempts attempts before a temporarily failing message is given up on
         * @param permanentAttempts attempts before a permanently failing (5xx) message is given up on
         * @return this builder
         */
        public Builder attempts(int maxAttempts, int permanentAttempts) {
            if (maxAttempts < 1 || permanentAttempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1");
            }
            this.maxAttempts = maxAttempts;
            this.permanentAttempts = permanentAttempts;
            return this;
        }

        /**
         * @param listener told how each message ended: sent, retried or failed (default: nobody)
         * @return this builder
         */
        public Builder listener(DeliveryListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** @return the dispatcher */
        public MailDispatcher build() {
            return new MailDispatcher(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }

        private static String defaultClaimant() {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "node";
            }
            return host + "-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
