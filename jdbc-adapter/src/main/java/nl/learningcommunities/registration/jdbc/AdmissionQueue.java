package nl.learningcommunities.registration.jdbc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import nl.learningcommunities.registration.booking.Admission;
import nl.learningcommunities.registration.booking.StoreResult;

/**
 * Group commit for a hot event, on this node: registrations for an event that arrive while a transaction for that
 * event is in flight here wait in the event's lane, and the next transaction admits them together.
 *
 * <p>Leader and followers, without a timer: the first arrival at an idle lane leads at once, alone, and waits for
 * nobody. Whoever arrives while a leader runs queues. When the leader is done it hands the lane to the first one
 * waiting, with the queue in arrival order up to the bound; that one leads the next transaction on its own thread,
 * and everyone else of the finished batch gets their own result. A lane that empties is dropped.
 *
 * <p>A batch is not closed when it is formed: once its transaction holds the event's lock, it takes in whoever
 * queued meanwhile, up to the bound ({@link TopUp}); so does a leader that started alone. While another node's
 * transaction holds the lock, this node's next batch waits for it and grows, rather than leaving its arrivals for
 * the transaction after.
 *
 * <p>Thread-safe.
 */
final class AdmissionQueue {

    /** Admits a batch of admissions for one event, in arrival order. */
    interface Admitter {
        /**
         * @param batch the admissions, oldest first
         * @param topUp what queued since the batch was formed, for its transaction to take in once it holds the
         *              event's lock
         * @return one outcome per admission, in the same order, the ones taken in from {@code topUp} after the
         *         others in the order taken: its {@link StoreResult}, or the {@link RuntimeException} that
         *         admission alone ended with
         */
        List<Object> admit(List<Admission> batch, TopUp topUp);
    }

    /**
     * The admissions that queued for the event on this node since a batch was formed, which its transaction takes
     * in once it holds the event's lock. Called only on the batch's leading thread.
     */
    interface TopUp {
        /**
         * Takes the admissions waiting now, oldest first, as many as the bound leaves room for; from now on they
         * belong to the batch, and the admitter owes each an outcome.
         *
         * @return the admissions taken; empty when none waited or the batch is full
         */
        List<Admission> take();
    }

    /** How many batches ran, how many admissions they held, and the largest. */
    record Stats(long batches, long admissions, int largest) {
    }

    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();
    private final int bound;
    private final Admitter admitter;
    private final LongAdder batches = new LongAdder();
    private final LongAdder admissions = new LongAdder();
    private final AtomicInteger largest = new AtomicInteger();

    AdmissionQueue(int bound, Admitter admitter) {
        if (bound < 2) {
            throw new IllegalArgumentException("a batch bound below 2 means no batching: do not queue at all");
        }
        this.bound = bound;
        this.admitter = admitter;
    }

    /** Admits one registration, alone or in the next batch for its event; returns its own result. */
    StoreResult admit(Admission admission) {
        Ticket ticket = new Ticket(admission);
        Lead lead = join(ticket);
        if (lead == null) {
            Object handed;
            try {
                handed = ticket.settled.join();
            } catch (CompletionException e) {
                throw unwrap(e);
            }
            if (!(handed instanceof Lead promoted)) {
                return (StoreResult) handed;
            }
            lead = promoted;
        }
        Object own = run(lead);
        if (own instanceof RuntimeException e) {
            throw e;
        }
        if (own instanceof Error e) {
            throw e;
        }
        return (StoreResult) own;
    }

    /** @return the lead of a batch of this one alone when the lane was idle; null when it queued */
    private Lead join(Ticket ticket) {
        String eventId = ticket.admission.eventId();
        while (true) {
            Lane lane = lanes.computeIfAbsent(eventId, id -> new Lane());
            synchronized (lane) {
                if (lane.dropped) {
                    continue;
                }
                if (!lane.busy) {
                    lane.busy = true;
                    return new Lead(eventId, lane, ticket);
                }
                lane.waiting.add(ticket);
                return null;
            }
        }
    }

    /**
     * Runs a batch, hands the lane on, and settles everyone but the leader.
     *
     * @return the leader's own outcome (the leader is always the first of its batch)
     */
    private Object run(Lead lead) {
        List<Admission> batch = new ArrayList<>(lead.batch.size());
        lead.batch.forEach(t -> batch.add(t.admission));
        List<Object> outcomes = null;
        Throwable failure = null;
        try {
            outcomes = admitter.admit(batch, () -> topUp(lead));
            if (outcomes.size() != lead.batch.size()) {
                throw new IllegalStateException("the admitter answered " + outcomes.size() + " of a batch of "
                        + lead.batch.size());
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            batches.increment();
            admissions.add(lead.batch.size());
            largest.accumulateAndGet(lead.batch.size(), Math::max);
            handOver(lead);
        }
        for (int i = 1; i < lead.batch.size(); i++) {
            CompletableFuture<Object> settled = lead.batch.get(i).settled;
            Object outcome = failure != null ? failure : outcomes.get(i);
            if (outcome instanceof Throwable t) {
                settled.completeExceptionally(t);
            } else {
                settled.complete(outcome);
            }
        }
        return failure != null ? failure : outcomes.get(0);
    }

    /** Takes whoever queued into a running batch, up to the bound; on the batch's leading thread only. */
    private List<Admission> topUp(Lead lead) {
        List<Admission> taken = new ArrayList<>();
        synchronized (lead.lane) {
            while (lead.batch.size() < bound && !lead.lane.waiting.isEmpty()) {
                Ticket ticket = lead.lane.waiting.poll();
                lead.batch.add(ticket);
                taken.add(ticket.admission);
            }
        }
        return taken;
    }

    /** Gives the lane to the first one waiting, with the queue up to the bound, or leaves it idle. */
    private void handOver(Lead finished) {
        Lead next;
        synchronized (finished.lane) {
            if (finished.lane.waiting.isEmpty()) {
                finished.lane.busy = false;
                finished.lane.dropped = true;
                lanes.remove(finished.eventId, finished.lane);
                return;
            }
            next = new Lead(finished.eventId, finished.lane, finished.lane.waiting.poll());
            while (next.batch.size() < bound && !finished.lane.waiting.isEmpty()) {
                next.batch.add(finished.lane.waiting.poll());
            }
        }
        next.batch.get(0).settled.complete(next);
    }

    /** @return how many admissions wait in the event's lane on this node (for tests) */
    int waiting(String eventId) {
        Lane lane = lanes.get(eventId);
        if (lane == null) {
            return 0;
        }
        synchronized (lane) {
            return lane.waiting.size();
        }
    }

    /** @return what the lanes ran so far (for tests) */
    Stats stats() {
        return new Stats(batches.sum(), admissions.sum(), largest.get());
    }

    /** @return the failure a batch settled an admission with, to throw on the caller's thread */
    private static RuntimeException unwrap(CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return e;
    }

    /** One event's lane: busy while a transaction for it runs on this node, with who waits for the next one. */
    private static final class Lane {
        final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
        boolean busy;
        boolean dropped;
    }

    /** One admission in a lane; settled once, with its outcome or with the lead of the next batch. */
    private static final class Ticket {
        final Admission admission;
        final CompletableFuture<Object> settled = new CompletableFuture<>();

        Ticket(Admission admission) {
            this.admission = admission;
        }
    }

    /**
     * The batch a ticket leads, the lane's next transaction: its first ticket, then whoever queued behind it,
     * including those its transaction takes in. Grows only on the leading thread, or under the lane's monitor
     * before it is handed over.
     */
    private static final class Lead {
        final String eventId;
        final Lane lane;
        final List<Ticket> batch = new ArrayList<>();

        Lead(String eventId, Lane lane, Ticket first) {
            this.eventId = eventId;
            this.lane = lane;
            batch.add(first);
        }
    }
}
