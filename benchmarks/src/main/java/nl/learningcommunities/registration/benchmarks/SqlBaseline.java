package nl.learningcommunities.registration.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * The minimal hand-written transactions peers use for the same job — claim a seat or a waiting-list place, insert
 * the registration — on the same database and pool as the library.
 */
final class SqlBaseline {

    enum Strategy {
        /** One counter row: {@code UPDATE … SET taken = taken + 1 WHERE taken < capacity}. */
        HOT_ROW("hot-row"),
        /** pretix: lock the event, count, insert. */
        EVENT_LOCK("event-lock"),
        /** alf.io: pre-created seat rows claimed with {@code FOR UPDATE SKIP LOCKED}. */
        SEAT_ROWS("seat-rows"),
        /** The same insert with no capacity check: the physical limit. */
        FLOOR("floor");

        final String label;

        Strategy(String label) {
            this.label = label;
        }
    }

    private final DataSource pool;
    private final Databases database;
    private final Strategy strategy;
    private final String ledger;
    private final String reg;
    private final String seat;
    private final int events;

    SqlBaseline(DataSource pool, Databases database, Strategy strategy, String prefix, int events, int capacity)
            throws SQLException {
        this.pool = pool;
        this.database = database;
        this.strategy = strategy;
        this.ledger = prefix + "ledger";
        this.reg = prefix + "reg";
        this.seat = prefix + "seat";
        this.events = events;
        String tail = database == Databases.MARIADB ? " ENGINE=InnoDB" : "";
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + ledger + " (event_id INTEGER NOT NULL PRIMARY KEY, capacity INTEGER NOT NULL,"
                    + " taken INTEGER NOT NULL, waiting INTEGER NOT NULL)" + tail);
            s.execute("CREATE TABLE " + reg + " (id CHAR(36) NOT NULL PRIMARY KEY, event_id INTEGER NOT NULL,"
                    + " email VARCHAR(254) NOT NULL, status VARCHAR(16) NOT NULL, position BIGINT NULL)" + tail);
            s.execute("CREATE INDEX " + reg + "_status ON " + reg + " (event_id, status)");
            s.execute("CREATE TABLE " + seat + " (event_id INTEGER NOT NULL, seat_no INTEGER NOT NULL,"
                    + " taken_by CHAR(36) NULL, PRIMARY KEY (event_id, seat_no))" + tail);
            try (PreparedStatement l = c.prepareStatement("INSERT INTO " + ledger + " VALUES (?, ?, 0, 0)")) {
                for (int e = 0; e < events; e++) {
                    l.setInt(1, e);
                    l.setInt(2, capacity);
                    l.addBatch();
                }
                l.executeBatch();
            }
            if (strategy == Strategy.SEAT_ROWS) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO " + seat + " (event_id, seat_no) VALUES (?, ?)")) {
                    for (int e = 0; e < events; e++) {
                        for (int n = 0; n < capacity; n++) {
                            p.setInt(1, e);
                            p.setInt(2, n);
                            p.addBatch();
                        }
                    }
                    p.executeBatch();
                }
            }
        }
    }

    Load.Kind register(int n) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                try {
                    Load.Kind kind = once(c, n % events, "p" + n + "@bench.example.org");
                    c.commit();
                    return kind;
                } catch (SQLException e) {
                    c.rollback();
                    boolean deadlock = "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState())
                            || e.getErrorCode() == 1213 || e.getErrorCode() == 1205 || e.getErrorCode() == 50200;
                    if (!deadlock || attempt >= 10) {
                        throw e;
                    }
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
    }

    private Load.Kind once(Connection c, int event, String email) throws SQLException {
        switch (strategy) {
            case FLOOR -> {
                insert(c, event, email, "CONFIRMED", null);
                return Load.Kind.CONFIRMED;
            }
            case HOT_ROW -> {
                if (update(c, "UPDATE " + ledger + " SET taken = taken + 1 WHERE event_id = ? AND taken < capacity",
                        event) == 1) {
                    insert(c, event, email, "CONFIRMED", null);
                    return Load.Kind.CONFIRMED;
                }
                return waitlist(c, event, email);
            }
            case EVENT_LOCK -> {
                if (database == Databases.POSTGRESQL) {
                    try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                        s.setInt(1, event);
                        s.executeQuery().close();
                    }
                } else {
                    query(c, "SELECT capacity FROM " + ledger + " WHERE event_id = ? FOR UPDATE", event);
                }
                long capacity = query(c, "SELECT capacity FROM " + ledger + " WHERE event_id = ?", event);
                long confirmed = query(c, "SELECT COUNT(*) FROM " + reg + " WHERE event_id = ? AND status = 'CONFIRMED'",
                        event);
                if (confirmed < capacity) {
                    insert(c, event, email, "CONFIRMED", null);
                    return Load.Kind.CONFIRMED;
                }
                long waiting = query(c, "SELECT COUNT(*) FROM " + reg + " WHERE event_id = ? AND status = 'WAITLISTED'",
                        event);
                insert(c, event, email, "WAITLISTED", waiting + 1);
                return Load.Kind.WAITLISTED;
            }
            case SEAT_ROWS -> {
                String lock = database == Databases.H2 ? " FOR UPDATE" : " FOR UPDATE SKIP LOCKED";
                long seatNo = query(c, "SELECT seat_no FROM " + seat + " WHERE event_id = ? AND taken_by IS NULL"
                        + " ORDER BY seat_no LIMIT 1" + lock, event);
                if (seatNo >= 0) {
                    String id = UUID.randomUUID().toString();
                    try (PreparedStatement s = c.prepareStatement("UPDATE " + seat + " SET taken_by = ?"
                            + " WHERE event_id = ? AND seat_no = ?")) {
                        s.setString(1, id);
                        s.setInt(2, event);
                        s.setLong(3, seatNo);
                        s.executeUpdate();
                    }
                    insert(c, id, event, email, "CONFIRMED", null);
                    return Load.Kind.CONFIRMED;
                }
                return waitlist(c, event, email);
            }
            default -> throw new IllegalStateException(strategy.toString());
        }
    }

    private Load.Kind waitlist(Connection c, int event, String email) throws SQLException {
        update(c, "UPDATE " + ledger + " SET waiting = waiting + 1 WHERE event_id = ?", event);
        long position = query(c, "SELECT waiting FROM " + ledger + " WHERE event_id = ?", event);
        insert(c, event, email, "WAITLISTED", position);
        return Load.Kind.WAITLISTED;
    }

    /**
     * How every event stands, each checked on its own: its capacity from the ledger, its confirmed and waitlisted
     * registrations counted in the registration table (the baselines make no offers).
     */
    Row.Tally tally() throws SQLException {
        long[] capacities = new long[events];
        long[] confirmed = new long[events];
        long[] waiting = new long[events];
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT event_id, capacity FROM " + ledger)) {
                while (rs.next()) {
                    capacities[rs.getInt(1)] = rs.getLong(2);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT event_id, status, COUNT(*) FROM " + reg
                    + " GROUP BY event_id, status")) {
                while (rs.next()) {
                    switch (rs.getString(2)) {
                        case "CONFIRMED" -> confirmed[rs.getInt(1)] += rs.getLong(3);
                        case "WAITLISTED" -> waiting[rs.getInt(1)] += rs.getLong(3);
                        default -> throw new IllegalStateException("status " + rs.getString(2));
                    }
                }
            }
        }
        Row.Tally tally = Row.Tally.NONE;
        for (int e = 0; e < events; e++) {
            tally = tally.plus(Row.Tally.ofEvent(capacities[e], confirmed[e], waiting[e]));
        }
        return tally;
    }

    private void insert(Connection c, int event, String email, String status, Long position) throws SQLException {
        insert(c, UUID.randomUUID().toString(), event, email, status, position);
    }

    private void insert(Connection c, String id, int event, String email, String status, Long position)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + reg + " (id, event_id, email, status, position)"
                + " VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setInt(2, event);
            s.setString(3, email);
            s.setString(4, status);
            if (position == null) {
                s.setNull(5, java.sql.Types.BIGINT);
            } else {
                s.setLong(5, position);
            }
            s.executeUpdate();
        }
    }

    private static int update(Connection c, String sql, int event) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, event);
            return s.executeUpdate();
        }
    }

    /** The first column of the first row as a number; -1 when there is no row. */
    private static long query(Connection c, String sql, int event) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, event);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }
}
