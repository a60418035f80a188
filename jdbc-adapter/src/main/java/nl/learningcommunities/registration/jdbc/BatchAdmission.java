package nl.learningcommunities.registration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

import nl.learningcommunities.registration.booking.Admission;
import nl.learningcommunities.registration.booking.Change;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.Seating;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.rule.Reason;

/**
 * One transaction that admits a batch of simple registrations for one event (one registrant each, claiming a seat,
 * no sessions, no limited invitation code, no idempotency key), in arrival order: one lock and one update of the
 * event's ledger, one JDBC batch per table for the registrations, their history and token hashes, and the outbox
 * entries, one commit. Each registrant gets the result the single path would have given it in that order: a seat
 * while one is free and nobody waits, else the next waiting-list place, else {@code capacity.full}; an address
 * already active for the event, or earlier in the batch, is refused alone with {@code registration.duplicate}.
 *
 * <p>Once it holds the ledger's lock, the transaction takes in whoever queued for the event on this node since the
 * batch was formed ({@link AdmissionQueue.TopUp}); they stay in the batch if the transaction is run again.
 *
 * <p>An event with an organisation limit, or a unique key that refuses a row after all, makes it roll back and ask
 * for each registrant to be admitted on its own ({@link Outcome#oneByOne()}).
 */
final class BatchAdmission implements Transactor.Work<BatchAdmission.Outcome> {

    /**
     * What the batch's transaction decided.
     *
     * @param results  one per admission, in order; empty when {@code oneByOne} is given
     * @param oneByOne why the registrants must be admitted each on its own instead, if they must
     */
    record Outcome(List<StoreResult> results, Optional<String> oneByOne) {
        static Outcome oneByOne(String why) {
            return new Outcome(List.of(), Optional.of(why));
        }
    }

    private final Tables tables;
    private final Rows rows;
    private final OutboxRows outbox;
    private final Dialect dialect;
    private final List<Admission> batch;
    private final AdmissionQueue.TopUp topUp;
    private final String eventId;

    BatchAdmission(Tables tables, Rows rows, OutboxRows outbox, Dialect dialect, List<Admission> batch,
                   AdmissionQueue.TopUp topUp) {
        this.tables = tables;
        this.rows = rows;
        this.outbox = outbox;
        this.dialect = dialect;
        this.batch = new ArrayList<>(batch);
        this.topUp = topUp;
        this.eventId = batch.get(0).eventId();
    }

    /** @return the batch's admissions so far, in order: those it was formed with, then those it took in */
    List<Admission> admissions() {
        return List.copyOf(batch);
    }

    @Override
    public boolean commit(Outcome outcome) {
        return outcome.oneByOne().isEmpty()
                && outcome.results().stream().anyMatch(r -> r instanceof StoreResult.Done);
    }

    @Override
    public Outcome run(Connection c) throws SQLException {
        Ledger ledger = lock(c);
        batch.addAll(topUp.take());
        if (!ledger.status.equals("OPEN")) {
            StoreResult refused = new StoreResult.Refused(Reason.of(ledger.status.equals("CANCELLED")
                    ? "event.cancelled" : "registration.closed"));
            return new Outcome(batch.stream().map(a -> refused).toList(), Optional.empty());
        }
        if (ledger.limited) {
            return Outcome.oneByOne("the event limits registrations per organisation");
        }
        Set<String> active = activeAddresses(c);
        Set<String> admitted = new HashSet<>();
        List<StoreResult> results = new ArrayList<>(batch.size());
        List<Registration> stored = new ArrayList<>();
        List<Notification> notifications = new ArrayList<>();
        for (Admission admission : batch) {
            Registration draft = admission.drafts().get(0);
            String address = draft.participant().email().key();
            if (active.contains(address) || admitted.contains(address)) {
                results.add(new StoreResult.Refused(Reason.ofField("email", "registration.duplicate")));
                continue;
            }
            Registration placed;
            Map<UUID, Long> placeInLine = Map.of();
            if (ledger.waiting == 0 && (ledger.capacity.isEmpty() || ledger.taken < ledger.capacity.getAsInt())) {
                ledger.taken++;
                placed = Seating.seated(draft, admission.change());
            } else if (!ledger.waitingList) {
                results.add(new StoreResult.Refused(Reason.of("capacity.full")));
                continue;
            } else {
                ledger.waiting++;
                ledger.lastPosition++;
                placeInLine = Map.of(draft.id(), (long) ledger.waiting);
                placed = Seating.queued(draft, admission.change(), ledger.lastPosition);
            }
            admitted.add(address);
            Seating.Finished finished = Seating.finish(List.of(new Change(Optional.empty(), placed)),
                    admission.notifications());
            stored.add(finished.changes().get(0).after());
            notifications.addAll(finished.notifications());
            results.add(new StoreResult.Done(finished.changes(), placeInLine));
        }
        if (stored.isEmpty()) {
            return new Outcome(results, Optional.empty());
        }
        update(c, ledger);
        try {
            rows.insertAll(c, stored);
        } catch (SQLException e) {
            if (Transactor.duplicate(e)) {
                return Outcome.oneByOne("a unique key refused a registration of the batch");
            }
            throw e;
        }
        outbox.insert(c, notifications);
        return new Outcome(results, Optional.empty());
    }

    /** The event's ledger row, locked for the transaction, with the counters the batch moves on. */
    private static final class Ledger {
        String status;
        boolean limited;
        boolean waitingList;
        OptionalInt capacity;
        int taken;
        int waiting;
        long lastPosition;
    }

    private Ledger lock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT waiting_list, organisation_limit, last_position,"
                + " capacity, taken, waiting, status FROM " + tables.seatLedger + " WHERE event_id = ? FOR UPDATE")) {
            s.setString(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no seats defined for event " + eventId
                            + "; publish the event first");
                }
                Ledger ledger = new Ledger();
                ledger.waitingList = rs.getBoolean(1);
                rs.getInt(2);
                ledger.limited = !rs.wasNull();
                ledger.lastPosition = rs.getLong(3);
                int capacity = rs.getInt(4);
                ledger.capacity = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(capacity);
                ledger.taken = rs.getInt(5);
                ledger.waiting = rs.getInt(6);
                ledger.status = rs.getString(7);
                return ledger;
            }
        }
    }

    /**
     * @return the batch's addresses that already have an active registration for the event. H2 is asked for
     *         (event, address) pairs: it looks each up in the index on both, where with the event and a list of
     *         addresses it reads every registration of the event, a batch's time growing with the event.
     */
    private Set<String> activeAddresses(Connection c) throws SQLException {
        Set<String> addresses = new LinkedHashSet<>();
        batch.forEach(a -> addresses.add(a.drafts().get(0).participant().email().key()));
        boolean pairs = dialect == Dialect.H2;
        String where = pairs
                ? "(event_id, active_email_key) IN (" + "(?, ?), ".repeat(addresses.size() - 1) + "(?, ?))"
                : "event_id = ? AND active_email_key IN (" + "?, ".repeat(addresses.size() - 1) + "?)";
        Set<String> active = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT active_email_key FROM " + tables.registrations
                + " WHERE " + where)) {
            int i = 1;
            if (!pairs) {
                s.setString(i++, eventId);
            }
            for (String address : addresses) {
                if (pairs) {
                    s.setString(i++, eventId);
                }
                s.setString(i++, address);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    active.add(rs.getString(1));
                }
            }
        }
        return active;
    }

    private void update(Connection c, Ledger ledger) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + tables.seatLedger + " SET taken = ?, waiting = ?,"
                + " last_position = ? WHERE event_id = ?")) {
            s.setInt(1, ledger.taken);
            s.setInt(2, ledger.waiting);
            s.setLong(3, ledger.lastPosition);
            s.setString(4, eventId);
            s.executeUpdate();
        }
    }
}
