package nl.learningcommunities.registration.mail;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventCatalogue;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.notification.NotificationOutbox;
import nl.learningcommunities.registration.notification.OutboxEntry;

/**
 * Drains the notification outbox into e-mail. Each run claims a small batch of due entries (exclusively, also
 * when every application node runs a dispatcher against the same store) for a short lease, renders them, sends
 * them over one connection, and settles each: sent; retried later with exponential back-off after a temporary
 * failure (first retry after {@code firstRetry}, doubling up to {@code maxRetryDelay}); failed — visible to
 * organisers with the server's answer — after a permanent failure or too many attempts.
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
 * when it first renews. {@link #close()} stops it cleanly: the message in hand is finished, the batch's unsent
 * claims are handed back at once. Thread-safe; runs never overlap.
 */
public final class MailDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MailDispatcher.class);

    private final NotificationOutbox outbox;
    private final EventCatalogue catalogue;
    private final RegistrationStore store;
    private final Mailer mailer;
    private final MessageComposer composer;
    private final Clock clock;
    private final String claimant;
    private final int batchSize;
    private final Duration lease;
    private final Duration firstRetry;
    private final Duration maxRetryDelay;
    private final int maxAttempts;
    private final int permanentAttempts;
    private final ClaimRenewal renewal;
    private final ScheduledExecutorService givenRenewalScheduler;
    private final DeliveryListener listener;
    private ScheduledExecutorService ownRenewalScheduler;
    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean stopping;
    private volatile ScheduledFuture<?> schedule;

    private MailDispatcher(Builder b) {
        this.outbox = b.outbox;
        this.catalogue = b.catalogue;
        this.store = b.store;
        this.mailer = b.mailer;
        this.composer = new MessageComposer(b.settings);
        this.clock = b.clock;
        this.claimant = b.claimant;
        this.batchSize = b.batchSize;
        this.lease = b.lease;
        this.firstRetry = b.firstRetry;
        this.maxRetryDelay = b.maxRetryDelay;
        this.maxAttempts = b.maxAttempts;
        this.permanentAttempts = b.permanentAttempts;
        this.renewal = b.renewal;
        this.givenRenewalScheduler = b.renewalScheduler;
        this.listener = b.listener;
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
     * Claims, sends and settles one batch of due entries.
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
                return send(claimed, claims);
            }
        } finally {
            running.unlock();
        }
    }

    private int send(List<OutboxEntry> claimed, BatchClaims claims) {
        List<OutboxEntry> sendable = new ArrayList<>();
        List<MimeMessage> messages = new ArrayList<>();
        int settled = 0;
        for (OutboxEntry entry : claimed) {
            try {
                messages.add(compose(entry.notification()));
                sendable.add(entry);
            } catch (Exception e) {
                LOG.warn("notification {} ({}) cannot be composed: {}", entry.notification().id(),
                        entry.notification().type(), e.getMessage());
                claims.settling(entry.notification().id());
                if (outbox.markFailed(entry.notification().id(), claimant, "cannot be composed: " + e.getMessage())) {
                    tell(l -> l.failed(entry.notification(), entry.attempts()));
                }
                settled++;
            }
        }
        Set<Integer> withheld = ConcurrentHashMap.newKeySet();
        List<DeliveryResult> results = messages.isEmpty() ? List.of() : mailer.send(messages, i -> {
            boolean go = !stopping && claims.mayStillSend(sendable.get(i).notification().id());
            if (!go) {
                withheld.add(i);
            }
            return go;
        });
        Instant after = clock.instant();
        for (int i = 0; i < sendable.size(); i++) {
            OutboxEntry entry = sendable.get(i);
            claims.settling(entry.notification().id());
            if (withheld.contains(i)) {
                outbox.markRetry(entry.notification().id(), claimant, stopping ? "dispatcher stopped before sending"
                        : "handed back unsent: the claim was running out", after);
            } else {
                settle(entry, results.get(i), after);
            }
            settled++;
        }
        return settled;
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

    private MimeMessage compose(Notification n) throws Exception {
        Event event = catalogue.find(n.eventId())
                .orElseThrow(() -> new IllegalStateException("event " + n.eventId() + " is not in the catalogue"));
        Optional<Registration> registration = n.registrationId().flatMap(store::find);
        if (n.registrationId().isPresent() && registration.map(Registration::erased).orElse(true)) {
            throw new IllegalStateException("the registration's personal data is gone");
        }
        return composer.compose(mailer.session(), n, event, registration);
    }

    private void settle(OutboxEntry entry, DeliveryResult result, Instant now) {
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

    private void tell(java.util.function.Consumer<DeliveryListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            LOG.warn("delivery listener {} failed", listener.getClass().getName(), e);
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
     * renewal thread the dispatcher started, if any. Idempotent; {@link #start} may follow.
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
