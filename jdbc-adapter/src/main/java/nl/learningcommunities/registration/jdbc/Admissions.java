package nl.learningcommunities.registration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.learningcommunities.registration.booking.Admission;
import nl.learningcommunities.registration.booking.Change;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.Seating;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.rule.Reason;

/**
 * Admitting new registrations. An admission with several drafts, sessions, a limited invitation code or pending
 * drafts runs the full rules in a transaction of its own; so does one with an idempotency key, whose key is kept in
 * that transaction. The simple ones (one registrant claiming a seat) take the short path: one conditional update
 * of the event's ledger claims the seat. With batching on, simple admissions for the same event that arrive while
 * a transaction for that event runs on this node are admitted together by the next one ({@link AdmissionQueue},
 * {@link BatchAdmission}). A registrant who finds the lane idle takes the short path at once, and once its claim
 * holds the ledger row takes in, as a batch does, whoever queued meanwhile.
 *
 * <p>When a batch's transaction fails — any exception, including a commit whose reply was lost — or asks for it,
 * each of its registrants is admitted again on its own, so that nobody gets another's error. A registrant whose
 * registration that batch stored after all (its id, the draft's, is the primary key) is answered with the stored
 * registration instead of being refused as a duplicate of itself.
 *
 * <p>Thread-safe.
 */
final class Admissions {

    private static final Logger LOG = LoggerFactory.getLogger(Admissions.class);

    private final Transactor transactor;
    private final Tables tables;
    private final Rows rows;
    private final OutboxRows outbox;
    private final EventWork events;
    private final Dialect dialect;
    private final AdmissionQueue queue;

    /**
     * @param batchSize the most simple admissions for one event that one transaction takes; 1 takes each alone
     */
    Admissions(Transactor transactor, Tables tables, Rows rows, OutboxRows outbox, EventWork events, Dialect dialect,
               int batchSize) {
        this.transactor = transactor;
        this.tables = tables;
        this.rows = rows;
        this.outbox = outbox;
        this.events = events;
        this.dialect = dialect;
        this.queue = batchSize > 1 ? new AdmissionQueue(batchSize, this::together) : null;
    }

    /** @return the admission's result, also when it went in a batch with others */
    StoreResult admit(Admission admission) {
        if (queue != null && simple(admission) && admission.idempotencyKey().isEmpty()) {
            return queue.admit(admission);
        }
        return alone(admission);
    }

    /** @return what the batches did so far on this node; empty when batching is off (for tests) */
    Optional<AdmissionQueue.Stats> batches() {
        return Optional.ofNullable(queue).map(AdmissionQueue::stats);
    }

    /** @return how many admissions for the event wait for the next batch on this node (for tests) */
    int waiting(String eventId) {
        return queue == null ? 0 : queue.waiting(eventId);
    }

    /** One registrant claiming a seat, without sessions or a limited invitation code. */
    private static boolean simple(Admission admission) {
        return admission.drafts().size() == 1 && admission.claimsSeats()
                && admission.drafts().get(0).sessions().isEmpty() && admission.invitationMaxUses().isEmpty();
    }

    /** An admission in a transaction of its own: the path of every admission before batching. */
    private StoreResult alone(Admission admission) {
        boolean simple = simple(admission);
        return transactor.inTransaction("registering for " + admission.eventId(), new Transactor.Work<StoreResult>() {
            @Override
            public StoreResult run(Connection c) throws SQLException {
                if (admission.idempotencyKey().isPresent() && !remember(c, admission)) {
                    return new StoreResult.Refused(Reason.of("registration.replayed"));
                }
                return simple ? claim(c, admission) : events.run(c, admission.eventId(), admission.now(),
                        book -> Seating.admit(book, admission), admission.notifications());
            }

            @Override
            public boolean commit(StoreResult result) {
                return result instanceof StoreResult.Done;
            }
        });
    }

    /** Admits a batch of simple admissions for one event (see {@link AdmissionQueue.Admitter}). */
    private List<Object> together(List<Admission> batch, AdmissionQueue.TopUp topUp) {
        if (batch.size() == 1) {
            return lone(batch.get(0), topUp);
        }
        String eventId = batch.get(0).eventId();
        BatchAdmission work = new BatchAdmission(tables, rows, outbox, dialect, batch, topUp);
        BatchAdmission.Outcome outcome;
        try {
            outcome = transactor.inTransaction("registering " + batch.size() + " or more together for " + eventId,
                    work);
        } catch (RuntimeException e) {
            LOG.debug("a batch of {} registrations for {} failed; admitting each on its own",
                    work.admissions().size(), eventId, e);
            return oneByOne(work.admissions());
        }
        if (outcome.oneByOne().isPresent()) {
            LOG.debug("admitting a batch of {} registrations for {} one by one: {}", work.admissions().size(),
                    eventId, outcome.oneByOne().get());
            return oneByOne(work.admissions());
        }
        return new ArrayList<>(outcome.results());
    }

    /**
     * A registrant who found the event's lane idle: the short path ({@link #claim}), at once. Once its claim holds
     * the event's ledger row — after waiting for another node's transaction, say — it takes in whoever queued on
     * this node meanwhile and admits them in the same transaction, as a batch would; so no turn on the row serves
     * one registrant while others wait for it here. Without contention nobody has queued, and nothing changes.
     *
     * <p>The ones taken in are admitted behind a savepoint: when they must go one by one instead (an organisation
     * limit, a unique key that refused one), the transaction rolls back to it, commits the lone registrant, and
     * admits them each on its own. When the transaction fails, a lone registrant alone gets its error as before;
     * with others taken in, each is admitted again on its own.
     */
    private List<Object> lone(Admission admission, AdmissionQueue.TopUp topUp) {
        LoneAdmission work = new LoneAdmission(admission, topUp);
        LoneAdmission.Outcome outcome;
        try {
            outcome = transactor.inTransaction("registering for " + admission.eventId(), work);
        } catch (RuntimeException e) {
            List<Admission> taken = work.taken();
            if (taken.isEmpty()) {
                return List.of(e);
            }
            LOG.debug("a registrant and the {} taken in for {} failed together; admitting each on its own",
                    taken.size(), admission.eventId(), e);
            List<Admission> all = new ArrayList<>(List.of(admission));
            all.addAll(taken);
            return oneByOne(all);
        }
        List<Object> outcomes = new ArrayList<>(List.of(outcome.own()));
        if (outcome.rest().isPresent()) {
            outcomes.addAll(outcome.rest().get());
        } else {
            outcomes.addAll(oneByOne(work.taken()));
        }
        return outcomes;
    }

    /** The lone registrant's transaction: its claim, then whoever it took in, behind a savepoint. */
    private final class LoneAdmission implements Transactor.Work<LoneAdmission.Outcome> {

        /**
         * @param own  the lone registrant's result
         * @param rest the results of those taken in, in order; empty when they must be admitted each on its own
         */
        record Outcome(StoreResult own, Optional<List<StoreResult>> rest) {
        }

        private final Admission admission;
        private final AdmissionQueue.TopUp topUp;
        /** Everyone taken in so far, over every try of the transaction: each is owed an outcome. */
        private final List<Admission> taken = new ArrayList<>();

        LoneAdmission(Admission admission, AdmissionQueue.TopUp queue) {
            this.admission = admission;
            this.topUp = () -> {
                List<Admission> more = queue.take();
                taken.addAll(more);
                return more;
            };
        }

        /** @return whoever was taken in, in the order taken */
        List<Admission> taken() {
            return List.copyOf(taken);
        }

        @Override
        public boolean commit(Outcome outcome) {
            return outcome.own() instanceof StoreResult.Done;
        }

        @Override
        public Outcome run(Connection c) throws SQLException {
            StoreResult own = claim(c, admission);
            if (!(own instanceof StoreResult.Done)) {
                return new Outcome(own, Optional.empty());
            }
            topUp.take();
            if (taken.isEmpty()) {
                return new Outcome(own, Optional.of(List.of()));
            }
            Savepoint savepoint = c.setSavepoint();
            BatchAdmission rest = new BatchAdmission(tables, rows, outbox, dialect, taken, topUp);
            BatchAdmission.Outcome outcome = rest.run(c);
            if (outcome.oneByOne().isPresent()) {
                c.rollback(savepoint);
                return new Outcome(own, Optional.empty());
            }
            return new Outcome(own, Optional.of(outcome.results()));
        }
    }

    private List<Object> oneByOne(List<Admission> batch) {
        List<Object> outcomes = new ArrayList<>(batch.size());
        for (Admission admission : batch) {
            outcomes.add(outcome(admission, true));
        }
        return outcomes;
    }

    /** @return the admission's result, or the exception it alone ended with */
    private Object outcome(Admission admission, boolean again) {
        try {
            return again ? again(admission) : alone(admission);
        } catch (RuntimeException e) {
            return e;
        }
    }

    /**
     * A registrant of a batch that was not admitted together, on its own. When that batch committed after all
     * (its commit's reply was lost), the registrant's own registration is stored already — and admitting it again
     * may be refused for what the batch itself did: its address taken, the last seat gone, the event closed since.
     * Any answer but a stored registration therefore looks for the registration under its id (the draft's, never
     * anyone else's), and answers that instead.
     */
    private StoreResult again(Admission admission) {
        StoreResult result = alone(admission);
        if (!(result instanceof StoreResult.Done)) {
            UUID id = admission.drafts().get(0).id();
            Optional<Registration> stored = transactor.inTransaction("reading registration " + id,
                    c -> rows.load(c, id));
            if (stored.isPresent()) {
                return new StoreResult.Done(List.of(new Change(Optional.empty(), stored.get())));
            }
        }
        return result;
    }

    /**
     * Keeps an admission's idempotency key with the ids of its registrations, in the admission's transaction: it
     * commits only with them. A second admission with the key waits for the first, then finds the key taken.
     *
     * @return false when the event already has the key
     */
    private boolean remember(Connection c, Admission admission) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + tables.idempotencyKeys
                + " (event_id, idem_key, registration_ids, created_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, admission.eventId());
            s.setString(2, admission.idempotencyKey().orElseThrow());
            s.setString(3, String.join(",", admission.drafts().stream().map(d -> d.id().toString()).toList()));
            s.setLong(4, Rows.micros(admission.now()));
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Transactor.duplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * The hot path of a hot event: one registrant, no sessions, no limited code. A single conditional UPDATE of
     * the ledger claims a seat when one is left, nobody waits, and no per-organisation limit applies; the row lock
     * it takes is held only for the inserts that follow and the commit. Otherwise the locked ledger decides a
     * waiting-list place, or hands over to the full rules in the same transaction.
     */
    private StoreResult claim(Connection c, Admission admission) throws SQLException {
        String eventId = admission.eventId();
        Registration draft = admission.drafts().get(0);
        Registration placed;
        int waitingBefore = 0;
        try (PreparedStatement s = c.prepareStatement("UPDATE " + tables.seatLedger + " SET taken = taken + 1"
                + " WHERE event_id = ? AND status = 'OPEN' AND organisation_limit IS NULL AND waiting = 0"
                + " AND (capacity IS NULL OR taken < capacity)")) {
            s.setString(1, eventId);
            placed = s.executeUpdate() == 1 ? Seating.seated(draft, admission.change()) : null;
        }
        if (placed == null) {
            boolean waitingList;
            boolean limited;
            boolean seatFree;
            long position;
            String status;
            try (PreparedStatement s = c.prepareStatement("SELECT waiting_list, organisation_limit, last_position,"
                    + " capacity, taken, waiting, status FROM " + tables.seatLedger + " WHERE event_id = ? FOR UPDATE")) {
                s.setString(1, eventId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no seats defined for event " + eventId
                                + "; publish the event first");
                    }
                    waitingList = rs.getBoolean(1);
                    rs.getInt(2);
                    limited = !rs.wasNull();
                    position = rs.getLong(3) + 1;
                    int capacity = rs.getInt(4);
                    boolean unlimited = rs.wasNull();
                    // Under the lock, look again: a seat freed between the missed claim and the lock is this one's.
                    waitingBefore = rs.getInt(6);
                    seatFree = waitingBefore == 0 && (unlimited || rs.getInt(5) < capacity);
                    status = rs.getString(7);
                }
            }
            if (!status.equals("OPEN")) {
                return new StoreResult.Refused(Reason.of(
                        status.equals("CANCELLED") ? "event.cancelled" : "registration.closed"));
            }
            if (limited) {
                return events.run(c, eventId, admission.now(), book -> Seating.admit(book, admission),
                        admission.notifications());
            }
            if (seatFree) {
                try (PreparedStatement s = c.prepareStatement("UPDATE " + tables.seatLedger
                        + " SET taken = taken + 1 WHERE event_id = ?")) {
                    s.setString(1, eventId);
                    s.executeUpdate();
                }
                placed = Seating.seated(draft, admission.change());
            } else if (!waitingList) {
                return new StoreResult.Refused(Reason.of("capacity.full"));
            } else {
                try (PreparedStatement s = c.prepareStatement("UPDATE " + tables.seatLedger
                        + " SET waiting = waiting + 1, last_position = ? WHERE event_id = ?")) {
                    s.setLong(1, position);
                    s.setString(2, eventId);
                    s.executeUpdate();
                }
                placed = Seating.queued(draft, admission.change(), position);
            }
        }
        Seating.Finished finished = Seating.finish(List.of(new Change(Optional.empty(), placed)),
                admission.notifications());
        try {
            rows.insert(c, finished.changes().get(0).after());
        } catch (SQLException e) {
            if (Transactor.duplicate(e)) {
                return new StoreResult.Refused(Reason.ofField("email", "registration.duplicate"));
            }
            throw e;
        }
        outbox.insert(c, finished.notifications());
        Registration stored = finished.changes().get(0).after();
        return new StoreResult.Done(finished.changes(), stored.status() == RegistrationStatus.WAITLISTED
                ? Map.of(stored.id(), (long) waitingBefore + 1) : Map.of());
    }
}
