package nl.learningcommunities.registration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.SeatBook;
import nl.learningcommunities.registration.booking.SeatPlan;
import nl.learningcommunities.registration.event.EventStatus;
import nl.learningcommunities.registration.booking.StatusChange;
import nl.learningcommunities.registration.event.Promotion;

/**
 * An event's seat ledger inside one transaction. Opening it locks the event's ledger row, so every unit of work
 * on the event — on any node — runs one at a time; registrations are written through at once, so that the
 * queries of the same unit of work see them.
 */
final class JdbcSeatBook implements SeatBook {

    private final Connection c;
    private final Tables tables;
    private final Rows rows;
    private final String eventId;
    private final Instant now;
    private SeatPlan plan;
    private int taken;
    private long lastPosition;
    private int waiting;
    private boolean ledgerChanged;
    private final Map<String, int[]> sessionSeated = new HashMap<>();
    private final Map<String, long[]> sessionPositions = new HashMap<>();
    private final Map<String, Boolean> sessionKnown = new HashMap<>();
    private final Map<UUID, Pending> pending = new LinkedHashMap<>();

    /** A registration written in this unit of work but not yet to the database: its stored state, and its new one. */
    private record Pending(Optional<Registration> stored, Registration after) {
    }

    private JdbcSeatBook(Connection c, Tables tables, Rows rows, String eventId, Instant now) {
        this.c = c;
        this.tables = tables;
        this.rows = rows;
        this.eventId = eventId;
        this.now = now;
    }

    /** Locks and reads the event's ledger; empty when the event has no seats defined yet. */
    static Optional<JdbcSeatBook> open(Connection c, Tables tables, Rows rows, String eventId, Instant now)
            throws SQLException {
        JdbcSeatBook book = new JdbcSeatBook(c, tables, rows, eventId, now);
        EventStatus status;
        try (PreparedStatement s = c.prepareStatement("SELECT capacity, waiting_list, promotion_mode,"
                + " offer_validity_seconds, organisation_limit, taken, last_position, waiting, status FROM "
                + tables.seatLedger
                + " WHERE event_id = ? FOR UPDATE")) {
            s.setString(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                OptionalInt capacity = optionalInt(rs, 1);
                boolean waitingList = rs.getBoolean(2);
                Promotion promotion = new Promotion(Promotion.Mode.valueOf(rs.getString(3)),
                        Duration.ofSeconds(rs.getLong(4)));
                OptionalInt limit = optionalInt(rs, 5);
                book.taken = rs.getInt(6);
                book.lastPosition = rs.getLong(7);
                book.waiting = rs.getInt(8);
                status = EventStatus.valueOf(rs.getString(9));
                book.plan = new SeatPlan(eventId, capacity, waitingList, promotion, limit, Map.of(), status);
            }
        }
        Map<String, OptionalInt> sessions = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT session_id, capacity, seated, last_position FROM "
                + tables.sessionLedger + " WHERE event_id = ?")) {
            s.setString(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    sessions.put(id, optionalInt(rs, 2));
                    book.sessionSeated.put(id, new int[] {rs.getInt(3)});
                    book.sessionPositions.put(id, new long[] {rs.getLong(4)});
                    book.sessionKnown.put(id, true);
                }
            }
        }
        book.plan = new SeatPlan(eventId, book.plan.capacity(), book.plan.waitingList(), book.plan.promotion(),
                book.plan.organisationLimit(), sessions, status);
        return Optional.of(book);
    }

    /** Creates the ledger row of an event that has none; a concurrent creator makes this fail and retry. */
    static void create(Connection c, Tables tables, SeatPlan plan) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + tables.seatLedger + " (event_id, capacity,"
                + " waiting_list, promotion_mode, offer_validity_seconds, organisation_limit, status, taken,"
                + " last_position) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0)")) {
            s.setString(1, plan.eventId());
            bindPlan(s, plan, 2);
            s.executeUpdate();
        }
    }

    private static void bindPlan(PreparedStatement s, SeatPlan plan, int from) throws SQLException {
        setInt(s, from, plan.capacity());
        s.setBoolean(from + 1, plan.waitingList());
        s.setString(from + 2, plan.promotion().mode().name());
        s.setLong(from + 3, plan.promotion().offerValidity().getSeconds());
        setInt(s, from + 4, plan.organisationLimit());
        s.setString(from + 5, plan.status().name());
    }

    /** Writes the registrations, the counters and the plan. */
    void flush() throws SQLException {
        try {
            flushWrites();
        } catch (SqlFailure e) {
            throw e.getCause();
        }
        if (ledgerChanged) {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + tables.seatLedger + " SET capacity = ?,"
                    + " waiting_list = ?, promotion_mode = ?, offer_validity_seconds = ?, organisation_limit = ?,"
                    + " status = ?, taken = ?, last_position = ?, waiting = ? WHERE event_id = ?")) {
                bindPlan(s, plan, 1);
                s.setInt(7, taken);
                s.setLong(8, lastPosition);
                s.setInt(9, waiting);
                s.setString(10, eventId);
                s.executeUpdate();
            }
        }
        for (String sessionId : sessionSeated.keySet()) {
            boolean known = sessionKnown.getOrDefault(sessionId, false);
            String sql = known
                    ? "UPDATE " + tables.sessionLedger + " SET capacity = ?, seated = ?, last_position = ?"
                            + " WHERE event_id = ? AND session_id = ?"
                    : "INSERT INTO " + tables.sessionLedger + " (capacity, seated, last_position, event_id, session_id)"
                            + " VALUES (?, ?, ?, ?, ?)";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                setInt(s, 1, plan.sessionCapacities().getOrDefault(sessionId, OptionalInt.empty()));
                s.setInt(2, sessionSeated.get(sessionId)[0]);
                s.setLong(3, sessionPositions.get(sessionId)[0]);
                s.setString(4, eventId);
                s.setString(5, sessionId);
                s.executeUpdate();
            }
        }
    }

    @Override
    public SeatPlan plan() {
        return plan;
    }

    @Override
    public void plan(SeatPlan plan) {
        this.plan = plan;
        ledgerChanged = true;
        for (String sessionId : plan.sessionCapacities().keySet()) {
            sessionSeated.putIfAbsent(sessionId, new int[] {0});
            sessionPositions.putIfAbsent(sessionId, new long[] {0});
        }
    }

    @Override
    public int seatsTaken() {
        return taken;
    }

    @Override
    public void seatsTaken(int taken) {
        this.taken = taken;
        ledgerChanged = true;
    }

    @Override
    public long lastPosition() {
        return lastPosition;
    }

    @Override
    public void lastPosition(long position) {
        this.lastPosition = position;
        ledgerChanged = true;
    }

    @Override
    public Optional<UUID> firstWaiting() {
        flushWrites();
        return firstId("SELECT id FROM " + tables.registrations + " WHERE event_id = ? AND status = 'WAITLISTED'"
                + " AND offer_expires_at IS NULL ORDER BY event_id, status, waitlist_position", eventId);
    }

    @Override
    public List<UUID> offered() {
        flushWrites();
        return ids("SELECT id FROM " + tables.registrations + " WHERE event_id = ? AND status = 'WAITLISTED'"
                + " AND offer_expires_at IS NOT NULL ORDER BY event_id, status, waitlist_position", eventId);
    }

    @Override
    public int sessionSeated(String sessionId) {
        return sessionSeated.computeIfAbsent(sessionId, id -> new int[] {0})[0];
    }

    @Override
    public void sessionSeated(String sessionId, int seated) {
        sessionSeated.computeIfAbsent(sessionId, id -> new int[1])[0] = seated;
        sessionPositions.putIfAbsent(sessionId, new long[] {0});
    }

    @Override
    public long sessionLastPosition(String sessionId) {
        return sessionPositions.computeIfAbsent(sessionId, id -> new long[] {0})[0];
    }

    @Override
    public void sessionLastPosition(String sessionId, long position) {
        sessionPositions.computeIfAbsent(sessionId, id -> new long[1])[0] = position;
        sessionSeated.putIfAbsent(sessionId, new int[] {0});
    }

    @Override
    public Optional<UUID> firstWaitingInSession(String sessionId) {
        flushWrites();
        return firstId("SELECT registration_id FROM " + tables.registrationSessions + " WHERE event_id = ?"
                + " AND session_id = ? AND placement = 'WAITLISTED' ORDER BY event_id, session_id, placement, position",
                eventId, sessionId);
    }

    @Override
    public Optional<UUID> activeWithEmail(String emailKey) {
        flushWrites();
        return firstId("SELECT id FROM " + tables.registrations + " WHERE event_id = ? AND active_email_key = ?",
                eventId, emailKey);
    }

    @Override
    public int activeInOrganisation(String organisationKey) {
        flushWrites();
        return count("SELECT COUNT(*) FROM " + tables.registrations + " WHERE event_id = ? AND organisation_key = ?"
                + " AND active_email_key IS NOT NULL", eventId, organisationKey);
    }

    @Override
    public int activeWithCode(String code) {
        flushWrites();
        return count("SELECT COUNT(*) FROM " + tables.registrations + " WHERE event_id = ? AND invitation_code = ?"
                + " AND active_email_key IS NOT NULL", eventId, code);
    }

    @Override
    public Optional<Registration> find(UUID registrationId) {
        Pending written = pending.get(registrationId);
        if (written != null) {
            return Optional.of(written.after());
        }
        try {
            return rows.load(c, registrationId).filter(r -> r.eventId().equals(eventId));
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    @Override
    public int waitingWithoutOffer() {
        return waiting;
    }

    @Override
    public void write(Optional<Registration> before, Registration after) {
        int delta = (after.isWaiting() ? 1 : 0) - (before.map(Registration::isWaiting).orElse(false) ? 1 : 0);
        if (delta != 0) {
            waiting += delta;
            ledgerChanged = true;
        }
        Pending earlier = pending.get(after.id());
        pending.put(after.id(), new Pending(earlier != null ? earlier.stored() : before, after));
    }

    /** Writes the registrations written so far to the database, so that queries see them. */
    void flushWrites() {
        try {
            for (Pending write : pending.values()) {
                if (write.stored().isEmpty()) {
                    rows.insert(c, write.after());
                } else {
                    rows.update(c, write.stored().get(), write.after());
                }
                audit(write.stored(), write.after());
            }
            pending.clear();
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    /** Records organiser and coordinator actions, and erasures, in the audit trail. */
    private void audit(Optional<Registration> before, Registration after) throws SQLException {
        int known = before.map(b -> b.history().size()).orElse(0);
        List<String[]> entries = new ArrayList<>();
        for (StatusChange change : after.history().subList(Math.min(known, after.history().size()),
                after.history().size())) {
            if (!change.actor().equals(StatusChange.PARTICIPANT) && !change.actor().equals(StatusChange.SYSTEM)) {
                entries.add(new String[] {change.actor(), change.reason(), change.to().name()});
            }
        }
        if (after.erased() && before.map(b -> !b.erased()).orElse(false)) {
            entries.add(new String[] {StatusChange.SYSTEM, "personal-data-erased", null});
        }
        for (String[] entry : entries) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + tables.auditTrail
                    + " (at, actor, action, event_id, registration_id, details) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, Rows.micros(now));
                s.setString(2, entry[0]);
                s.setString(3, entry[1]);
                s.setString(4, eventId);
                s.setString(5, after.id().toString());
                s.setString(6, entry[2]);
                s.executeUpdate();
            }
        }
    }

    private Optional<UUID> firstId(String sql, String... args) {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setMaxRows(1);
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(UUID.fromString(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    private List<UUID> ids(String sql, String... args) {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(UUID.fromString(rs.getString(1)));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    private int count(String sql, String... args) {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    private static void bind(PreparedStatement s, String... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setString(i + 1, args[i]);
        }
    }

    private static OptionalInt optionalInt(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
    }

    static void setInt(PreparedStatement s, int index, OptionalInt value) throws SQLException {
        if (value.isPresent()) {
            s.setInt(index, value.getAsInt());
        } else {
            s.setNull(index, Types.INTEGER);
        }
    }

    /** Carries an {@link SQLException} out of the {@link SeatBook} methods, which cannot throw it. */
    static final class SqlFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SqlFailure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
