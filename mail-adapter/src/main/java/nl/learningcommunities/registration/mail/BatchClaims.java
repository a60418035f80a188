package nl.learningcommunities.registration.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claims of one batch in hand. While the batch is being sent they are renewed every third of the lease (when a
 * {@link ClaimRenewal} is given), and each message may go to the server only while its claim is surely still this
 * dispatcher's: not taken over by another node, and at least a third of the lease left. Thread-safe: the sending
 * thread asks and settles, the renewing thread renews.
 */
final class BatchClaims implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchClaims.class);

    private final ClaimRenewal renewal;
    private final String claimant;
    private final Clock clock;
    private final Duration lease;
    private final Set<UUID> open = ConcurrentHashMap.newKeySet();
    private final Set<UUID> lost = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> renewing;
    private volatile Instant heldUntil;

    /**
     * @param ids       the entries claimed
     * @param claimedAt the moment the claim was made with, so that it holds until {@code claimedAt + lease}
     * @param renewal   how to renew, or {@code null} for claims that are not renewed
     * @param scheduler where renewals run, when there is a renewal
     */
    BatchClaims(Collection<UUID> ids, Instant claimedAt, String claimant, Clock clock, Duration lease,
                ClaimRenewal renewal, ScheduledExecutorService scheduler) {
        this.renewal = renewal;
        this.claimant = claimant;
        this.clock = clock;
        this.lease = lease;
        this.open.addAll(ids);
        this.heldUntil = claimedAt.plus(lease);
        this.renewing = renewal == null ? null : schedule(scheduler);
    }

    private ScheduledFuture<?> schedule(ScheduledExecutorService scheduler) {
        long every = Math.max(1, renewalInterval(lease).toMillis());
        try {
            return scheduler.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.warn("the renewal scheduler refuses work; the claims of {} are not renewed", claimant);
            return null;
        }
    }

    /** @return how often claims are renewed: a third of the lease */
    static Duration renewalInterval(Duration lease) {
        return lease.dividedBy(3);
    }

    /**
     * @param id an entry of this batch
     * @return whether it may be handed to the server now: not taken over, and a third of the lease still left
     */
    boolean mayStillSend(UUID id) {
        return !lost.contains(id) && clock.instant().isBefore(heldUntil.minus(renewalInterval(lease)));
    }

    /**
     * Stops renewing an entry; call it before the entry is settled in the outbox.
     *
     * @param id an entry of this batch
     */
    void settling(UUID id) {
        open.remove(id);
    }

    void renew() {
        Set<UUID> asked = Set.copyOf(open);
        if (asked.isEmpty()) {
            return;
        }
        Instant until = clock.instant().plus(lease);
        try {
            Set<UUID> kept = renewal.extend(asked, claimant, until);
            for (UUID id : asked) {
                if (!kept.contains(id) && open.contains(id) && lost.add(id)) {
                    LOG.warn("the claim of {} on notification {} was taken over; it is not sent from here",
                            claimant, id);
                }
            }
            heldUntil = until;
        } catch (RuntimeException e) {
            LOG.warn("cannot renew the claims of {}; they lapse at {}", claimant, heldUntil, e);
        }
    }

    /** Stops renewing. */
    @Override
    public void close() {
        if (renewing != null) {
            renewing.cancel(false);
        }
    }
}
