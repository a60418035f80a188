package nl.learningcommunities.registration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import nl.learningcommunities.registration.StorageException;
import nl.learningcommunities.registration.booking.Admission;
import nl.learningcommunities.registration.booking.NotificationPlan;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.booking.SeatBook;
import nl.learningcommunities.registration.booking.SeatCounts;
import nl.learningcommunities.registration.booking.SeatPlan;
import nl.learningcommunities.registration.booking.Seating;
import nl.learningcommunities.registration.booking.StatusChange;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.event.EventCatalogue;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.notification.NotificationOutbox;
import nl.learningcommunities.registration.notification.OutboxBacklog;
import nl.learningcommunities.registration.notification.OutboxEntry;
import nl.learningcommunities.registration.participant.EmailAddress;

/**
 * Durable storage on the host's {@link DataSource}: H2, PostgreSQL (15+) or MariaDB (10.11+). One object is the
 * {@link RegistrationStore} and the {@link NotificationOutbox}, so that a change and its notifications commit in
 * one transaction; {@link #eventCatalogue()} keeps event definitions in the same database.
 *
 * <pre>{@code
 * JdbcStorage storage = JdbcStorage.builder(dataSource).build();
 * storage.migrate();
 * RegistrationEngine engine = RegistrationEngine.builder()
 *         .eventCatalogue(storage.eventCatalogue())
 *         .registrationStore(storage)
 *         .notificationOutbox(storage)
 *         .clock(clock)
 *         .build();
 * }</pre>
 *
 * <p>Seats are never overbooked, also when several application nodes share the database: every change to an
 * event's registrations first locks that event's ledger row. Deadlocks, serialization failures and lock
 * time-outs are retried a bounded number of times. A connection is taken for one transaction and returned
 * before anything else is waited on. Failures of the database surface as {@link StorageException}s, after which
 * nothing of the failed operation is stored.
 *
 * <p>On a hot event, registrations that arrive on a node while a transaction for that event runs there are admitted
 * together by the next one: one lock of the ledger and one commit for many registrants, each with their own outcome
 * ({@link Builder#admissionBatchSize(int)}).
 *
 * <p>Thread-safe.
 */
public final class JdbcStorage implements RegistrationStore, NotificationOutbox {

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,20}");
    private static final Pattern SCHEMA = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");
    private static final int PAGE = 500;
    private static final String DEFAULT_PREFIX = "lcr_";
    private static final String LEGACY_HISTORY = "registration_schema_history";
    private static final int DEFAULT_BATCH = 64;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Tables tables;
    private final String prefix;
    private final Optional<String> schema;
    private final Optional<String> historyTable;
    private final Transactor transactor;
    private final Rows rows;
    private final OutboxRows outbox;
    private final JdbcEventCatalogue catalogue;
    private final EventWork events;
    private final Admissions admissions;

    private JdbcStorage(Builder builder) {
        this.dataSource = builder.dataSource;
        this.prefix = builder.tablePrefix;
        this.schema = builder.schema;
        this.historyTable = builder.historyTable;
        try (Connection connection = dataSource.getConnection()) {
            this.dialect = Dialect.of(connection);
        } catch (SQLException e) {
            throw new StorageException("cannot reach the database to learn its dialect", e);
        }
        this.tables = new Tables(schema.map(s -> s + ".").orElse("") + prefix);
        this.transactor = new Transactor(dataSource, builder.attempts);
        this.rows = new Rows(tables);
        this.outbox = new OutboxRows(tables, dialect);
        this.catalogue = new JdbcEventCatalogue(transactor, tables, builder.eventCacheTime);
        this.events = new EventWork(tables, rows, outbox);
        this.admissions = new Admissions(transactor, tables, rows, outbox, events, dialect, builder.admissionBatchSize);
    }

    /**
     * @param dataSource the host's data source (pooled, for example HikariCP)
     * @return a builder with the defaults: table prefix {@code lcr_}, the connection's default schema, history
     *         table {@code registration_schema_history} for the default prefix and {@code <prefix>schema_history}
     *         for any other, 10 attempts for a transaction that meets a deadlock, up to 64 registrations for one
     *         event admitted together
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Creates or upgrades the adapter's tables with Flyway, in its own history table, beside any tables of the
     * host. Safe to call at every start and from several nodes at once.
     *
     * @return the number of migrations applied
     * @throws StorageException when the database refuses
     */
    public int migrate() {
        return migrateTo(null).migrationsExecuted;
    }

    MigrateResult migrateTo(String version) {
        String historyTable = historyTable();
        var configuration = Flyway.configure(JdbcStorage.class.getClassLoader()).dataSource(dataSource)
                .locations("classpath:nl/learningcommunities/registration/jdbc/migration/" + dialect.migrations)
                .table(historyTable)
                .placeholders(Map.of("t", schema.map(s -> s + ".").orElse("") + prefix, "n", prefix))
                .baselineOnMigrate(true)
                .baselineVersion("0");
        // Flyway quotes the schema it creates; H2 folds our unquoted references to upper case.
        schema.map(s -> dialect == Dialect.H2 ? s.toUpperCase(java.util.Locale.ROOT) : s)
                .ifPresent(configuration::schemas);
        if (version != null) {
            configuration.target(version);
        }
        try {
            return configuration.load().migrate();
        } catch (RuntimeException e) {
            throw new StorageException("migrating the registration tables failed: " + e.getMessage(), e);
        }
    }

    /**
     * The history table: the one the host named; else {@value #LEGACY_HISTORY} for the default prefix, and
     * {@code <prefix>schema_history} for any other, so that two prefixes in one schema never share one. An
     * installation made before that rule, with another prefix and the shared name, keeps its table. A history table
     * that records migrations while this prefix has no tables belongs to other tables: that is refused clearly.
     */
    String historyTable() {
        String history = historyTable.orElse(null);
        if (history == null) {
            history = prefix.equals(DEFAULT_PREFIX) ? LEGACY_HISTORY : prefix + "schema_history";
            if (!exists(qualified(history)) && exists(qualified(LEGACY_HISTORY)) && exists(tables.events)) {
                history = LEGACY_HISTORY;
            }
        }
        if (!exists(tables.events) && exists(qualified(history)) && hasRows(qualified(history))) {
            throw new StorageException("the migration history table " + history + " already records the tables of"
                    + " another table prefix, and the tables of prefix " + prefix + " do not exist: give this prefix"
                    + " a history table of its own with JdbcStorage.Builder.historyTable(...)", null);
        }
        return history;
    }

    private boolean exists(String table) {
        return probe("SELECT 1 FROM " + table + " WHERE 1 = 0");
    }

    private boolean hasRows(String table) {
        String q = dialect == Dialect.H2 ? "\"" : "";  // Flyway quotes the columns it creates on H2
        return probe("SELECT 1 FROM " + table + " WHERE " + q + "success" + q + " = TRUE AND " + q + "version" + q
                + " IS NOT NULL AND " + q + "version" + q + " <> '0'");
    }

    /** Flyway's history table, quoted as Flyway creates it, in the adapter's schema. */
    private String qualified(String table) {
        String quoted = dialect == Dialect.MARIADB ? "`" + table + "`" : "\"" + table + "\"";
        return schema.map(s -> (dialect == Dialect.H2 ? "\"" + s.toUpperCase(java.util.Locale.ROOT) + "\""
                : dialect == Dialect.MARIADB ? "`" + s + "`" : "\"" + s + "\"") + ".").orElse("") + quoted;
    }

    /** @return whether the query ran and found a row (or, for {@code WHERE 1 = 0}, ran at all) */
    private boolean probe(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return sql.endsWith("1 = 0") || rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    /** @return every table of the adapter, for tests that read them raw */
    List<String> tablesForTests() {
        return List.of(tables.all());
    }

    /**
     * @return the event catalogue in the same database, with every event's revisions; thread-safe
     */
    public EventCatalogue eventCatalogue() {
        return catalogue;
    }

    // ---------------------------------------------------------------- the seating operations

    @Override
    public StoreResult defineSeats(SeatPlan plan, Instant now, NotificationPlan notifications) {
        Objects.requireNonNull(plan, "plan");
        return transactor.inTransaction("defining seats of " + plan.eventId(), new Transactor.Work<StoreResult>() {
            @Override
            public StoreResult run(Connection c) throws SQLException {
                if (JdbcSeatBook.open(c, tables, rows, plan.eventId(), now).isEmpty()) {
                    try {
                        JdbcSeatBook.create(c, tables, plan);
                    } catch (SQLException e) {
                        throw new SQLException("another node created the ledger first", "40001", e);
                    }
                }
                return events.run(c, plan.eventId(), now, book -> Seating.defineSeats(book, plan, now), notifications);
            }

            @Override
            public boolean commit(StoreResult result) {
                return result instanceof StoreResult.Done;
            }
        });
    }

    @Override
    public Optional<SeatPlan> seatPlan(String eventId) {
        return transactor.inTransaction("reading seats of " + eventId,
                c -> JdbcSeatBook.open(c, tables, rows, eventId, Instant.EPOCH).map(JdbcSeatBook::plan));
    }

    @Override
    public StoreResult admit(Admission admission) {
        return admissions.admit(admission);
    }

    /** @return what the batched admissions did so far on this node; empty when batching is off (for tests) */
    Optional<AdmissionQueue.Stats> admissionBatches() {
        return admissions.batches();
    }

    /** @return how many admissions for the event wait for the next batch on this node (for tests) */
    int admissionsWaiting(String eventId) {
        return admissions.waiting(eventId);
    }

    @Override
    public List<Registration> admittedWith(String eventId, String idempotencyKey) {
        return transactor.inTransaction("reading an idempotency key", c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT registration_ids FROM " + tables.idempotencyKeys
                    + " WHERE event_id = ? AND idem_key = ?")) {
                s.setString(1, eventId);
                s.setString(2, idempotencyKey);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        ids.addAll(List.of(rs.getString(1).split(",")));
                    }
                }
            }
            Map<String, Registration> loaded = new HashMap<>();
            rows.loadAll(c, ids).forEach(r -> loaded.put(r.id().toString(), r));
            return ids.stream().map(loaded::get).filter(Objects::nonNull).toList();
        });
    }

    @Override
    public StoreResult place(UUID registrationId, Set<RegistrationStatus> expected, StatusChange change,
                             NotificationPlan notifications) {
        return onRegistration(registrationId, change.at(),
                (book, current) -> Seating.place(book, current, expected, change), notifications);
    }

    @Override
    public StoreResult transition(UUID registrationId, Set<RegistrationStatus> expected, StatusChange change,
                                  NotificationPlan notifications) {
        return onRegistration(registrationId, change.at(),
                (book, current) -> Seating.transition(book, current, expected, change), notifications);
    }

    @Override
    public StoreResult move(UUID registrationId, StatusChange change, NotificationPlan notifications) {
        return onRegistration(registrationId, change.at(), (book, current) -> Seating.move(book, current, change),
                notifications);
    }

    @Override
    public StoreResult changeSessions(UUID registrationId, List<String> sessionIds, Instant now,
                                      NotificationPlan notifications) {
        return onRegistration(registrationId, now,
                (book, current) -> Seating.changeSessions(book, current, sessionIds, now), notifications);
    }

    @Override
    public StoreResult update(Registration updated, long expectedVersion, NotificationPlan notifications) {
        return onRegistration(updated.id(), updated.updatedAt(),
                (book, current) -> Seating.update(book, current, updated, expectedVersion), notifications);
    }

    @Override
    public StoreResult.Done refill(String eventId, Instant now, NotificationPlan notifications) {
        return (StoreResult.Done) inEvent("refilling " + eventId, eventId, now, book -> Seating.refill(book, now),
                notifications);
    }

    private interface OnRegistration {
        StoreResult apply(SeatBook book, Registration current);
    }

    private StoreResult onRegistration(UUID registrationId, Instant now, OnRegistration operation,
                                       NotificationPlan notifications) {
        Optional<String> eventId = transactor.inTransaction("finding registration " + registrationId,
                c -> eventOf(c, registrationId));
        if (eventId.isEmpty()) {
            return new StoreResult.Conflict(Optional.empty());
        }
        return inEvent("changing registration " + registrationId, eventId.get(), now, book -> book.find(registrationId)
                .map(current -> operation.apply(book, current))
                .orElseGet(() -> new StoreResult.Conflict(Optional.empty())), notifications);
    }

    private StoreResult inEvent(String what, String eventId, Instant now, EventWork.Operation operation,
                                NotificationPlan notifications) {
        return transactor.inTransaction(what, new Transactor.Work<StoreResult>() {
            @Override
            public StoreResult run(Connection c) throws SQLException {
                return events.run(c, eventId, now, operation, notifications);
            }

            @Override
            public boolean commit(StoreResult result) {
                return result instanceof StoreResult.Done;
            }
        });
    }

    private Optional<String> eventOf(Connection c, UUID registrationId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT event_id FROM " + tables.registrations
                + " WHERE id = ?")) {
            s.setString(1, registrationId.toString());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    // ---------------------------------------------------------------- queries

    @Override
    public Optional<Registration> find(UUID registrationId) {
        return transactor.inTransaction("reading registration " + registrationId, c -> rows.load(c, registrationId));
    }

    @Override
    public Optional<Registration> findActive(String eventId, EmailAddress email) {
        List<Registration> found = byIds("SELECT id FROM " + tables.registrations
                + " WHERE event_id = ? AND active_email_key = ?", eventId, email.key());
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<Registration> findByEmail(EmailAddress email) {
        return byIds("SELECT id FROM " + tables.registrations + " WHERE email_key = ? ORDER BY created_at, arrival",
                email.key());
    }

    private List<Registration> byIds(String sql, String... args) {
        return transactor.inTransaction("reading registrations", c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                Rows.bindIds(s, List.of(args));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return rows.loadAll(c, ids);
        });
    }

    @Override
    public List<Registration> list(RegistrationQuery query) {
        List<Registration> result = new ArrayList<>();
        forEach(query, result::add);
        return result;
    }

    @Override
    public void forEach(RegistrationQuery query, Consumer<Registration> action) {
        long after = Long.MIN_VALUE;
        long skipped = 0;
        long given = 0;
        String statuses = query.statuses().isEmpty() ? ""
                : " AND status IN (" + "?, ".repeat(query.statuses().size() - 1) + "?)";
        while (given < query.limit()) {
            long from = after;
            Map<Long, Registration> page = transactor.inTransaction("listing registrations", c -> {
                Map<Long, String> ids = new LinkedHashMap<>();
                try (PreparedStatement s = c.prepareStatement("SELECT arrival, id FROM " + tables.registrations
                        + " WHERE event_id = ? AND arrival > ?" + statuses + " ORDER BY event_id, arrival LIMIT " + PAGE)) {
                    s.setString(1, query.eventId());
                    s.setLong(2, from);
                    int i = 3;
                    for (RegistrationStatus status : query.statuses()) {
                        s.setString(i++, status.name());
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            ids.put(rs.getLong(1), rs.getString(2));
                        }
                    }
                }
                Map<String, Registration> loaded = new HashMap<>();
                rows.loadAll(c, new ArrayList<>(ids.values())).forEach(r -> loaded.put(r.id().toString(), r));
                Map<Long, Registration> ordered = new LinkedHashMap<>();
                ids.forEach((arrival, id) -> ordered.put(arrival, loaded.get(id)));
                return ordered;
            });
            if (page.isEmpty()) {
                return;
            }
            for (Map.Entry<Long, Registration> entry : page.entrySet()) {
                after = entry.getKey();
                Registration registration = entry.getValue();
                if (registration == null || !query.matches(registration)) {
                    continue;
                }
                if (skipped < query.offset()) {
                    skipped++;
                } else if (given < query.limit()) {
                    action.accept(registration);
                    given++;
                }
            }
        }
    }

    @Override
    public java.util.OptionalLong placeInLine(Registration registration) {
        if (!registration.isWaiting()) {
            return java.util.OptionalLong.empty();
        }
        long ahead = transactor.inTransaction("placing " + registration.id() + " in line", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + tables.registrations
                    + " WHERE event_id = ? AND status = 'WAITLISTED' AND offer_expires_at IS NULL"
                    + " AND waitlist_position < ?")) {
                s.setString(1, registration.eventId());
                s.setLong(2, registration.waitlistPosition().getAsLong());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return java.util.OptionalLong.of(ahead + 1);
    }

    @Override
    public SeatCounts counts(String eventId) {
        return transactor.inTransaction("counting seats of " + eventId, c -> {
            OptionalInt capacity = OptionalInt.empty();
            try (PreparedStatement s = c.prepareStatement("SELECT capacity FROM " + tables.seatLedger
                    + " WHERE event_id = ?")) {
                s.setString(1, eventId);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        int value = rs.getInt(1);
                        capacity = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
                    }
                }
            }
            int confirmed = 0;
            int offered = 0;
            int waiting = 0;
            int pending = 0;
            try (PreparedStatement s = c.prepareStatement("SELECT status, offer_expires_at IS NULL, COUNT(*) FROM "
                    + tables.registrations + " WHERE event_id = ? GROUP BY status, offer_expires_at IS NULL")) {
                s.setString(1, eventId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        RegistrationStatus status = RegistrationStatus.valueOf(rs.getString(1));
                        int count = rs.getInt(3);
                        switch (status) {
                            case CONFIRMED -> confirmed += count;
                            case WAITLISTED -> {
                                if (rs.getBoolean(2)) {
                                    waiting += count;
                                } else {
                                    offered += count;
                                }
                            }
                            case PENDING_APPROVAL, PENDING_VERIFICATION -> pending += count;
                            default -> {
                            }
                        }
                    }
                }
            }
            Map<String, Integer> sessionWaiting = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT session_id, COUNT(*) FROM "
                    + tables.registrationSessions + " WHERE event_id = ? AND placement = 'WAITLISTED'"
                    + " GROUP BY session_id")) {
                s.setString(1, eventId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        sessionWaiting.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            Map<String, SeatCounts.SessionCounts> sessions = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT session_id, capacity, seated FROM "
                    + tables.sessionLedger + " WHERE event_id = ? ORDER BY session_id")) {
                s.setString(1, eventId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        int value = rs.getInt(2);
                        OptionalInt sessionCapacity = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
                        sessions.put(rs.getString(1), new SeatCounts.SessionCounts(sessionCapacity, rs.getInt(3),
                                sessionWaiting.getOrDefault(rs.getString(1), 0)));
                    }
                }
            }
            return new SeatCounts(eventId, capacity, confirmed, offered, waiting, pending, sessions);
        });
    }

    // ---------------------------------------------------------------- outbox

    @Override
    public int enqueue(List<Notification> notifications) {
        return transactor.inTransaction("queueing notifications", c -> outbox.insertIfAbsent(c, notifications));
    }

    @Override
    public List<OutboxEntry> claimDue(String claimant, int max, Instant now, Duration lease) {
        return transactor.inTransaction("claiming notifications", c -> outbox.claimDue(c, claimant, max, now, lease));
    }

    @Override
    public boolean markSent(UUID notificationId, String claimant, Instant at) {
        return transactor.inTransaction("marking a notification sent",
                c -> outbox.settle(c, notificationId, claimant, "SENT", null, null));
    }

    @Override
    public boolean markRetry(UUID notificationId, String claimant, String error, Instant retryAt) {
        return transactor.inTransaction("marking a notification for retry",
                c -> outbox.settle(c, notificationId, claimant, "PENDING", retryAt, error));
    }

    @Override
    public boolean markFailed(UUID notificationId, String claimant, String error) {
        return transactor.inTransaction("marking a notification failed",
                c -> outbox.settle(c, notificationId, claimant, "FAILED", null, error));
    }

    @Override
    public OutboxBacklog backlog() {
        return transactor.inTransaction("reading the outbox backlog", outbox::backlog);
    }

    @Override
    public List<OutboxEntry> failed(String eventId) {
        return transactor.inTransaction("reading failed notifications", c -> outbox.failed(c, eventId));
    }

    @Override
    public List<OutboxEntry> about(UUID registrationId) {
        return transactor.inTransaction("reading notifications", c -> outbox.about(c, registrationId));
    }

    @Override
    public void erase(UUID registrationId) {
        transactor.inTransaction("erasing notifications", c -> {
            outbox.erase(c, registrationId);
            return null;
        });
    }

    @Override
    public java.util.Set<UUID> extendClaims(java.util.Collection<UUID> ids, String claimant, Instant until) {
        return ids.isEmpty() ? java.util.Set.of() : transactor.inTransaction("extending notification claims",
                c -> outbox.extendClaims(c, ids, claimant, until));
    }

    @Override
    public void eraseRecipient(String eventId, EmailAddress recipient) {
        transactor.inTransaction("erasing an address from the invitations", c -> {
            outbox.eraseUnattached(c, eventId, Optional.of(recipient.key()));
            return null;
        });
    }

    @Override
    public void eraseUnattached(String eventId) {
        transactor.inTransaction("erasing the invitations of " + eventId, c -> {
            outbox.eraseUnattached(c, eventId, Optional.empty());
            return null;
        });
    }

    /** Builds a {@link JdbcStorage}. Not thread-safe. */
    public static final class Builder {
        private final DataSource dataSource;
        private String tablePrefix = "lcr_";
        private Optional<String> schema = Optional.empty();
        private Optional<String> historyTable = Optional.empty();
        private int attempts = 10;
        private java.time.Duration eventCacheTime = java.time.Duration.ofSeconds(2);
        private int admissionBatchSize = DEFAULT_BATCH;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * @param tablePrefix the prefix of every table: a lower-case letter, then up to 20 lower-case letters,
         *                    digits or underscores
         * @return this builder
         */
        public Builder tablePrefix(String tablePrefix) {
            Objects.requireNonNull(tablePrefix, "tablePrefix");
            if (!PREFIX.matcher(tablePrefix).matches()) {
                throw new IllegalArgumentException("tablePrefix must match " + PREFIX.pattern());
            }
            this.tablePrefix = tablePrefix;
            return this;
        }

        /**
         * @param schema the schema (on MariaDB: the database) that holds the tables, created when missing
         * @return this builder
         */
        public Builder schema(String schema) {
            Objects.requireNonNull(schema, "schema");
            if (!SCHEMA.matcher(schema).matches()) {
                throw new IllegalArgumentException("schema must match " + SCHEMA.pattern());
            }
            this.schema = Optional.of(schema);
            return this;
        }

        /**
         * @param historyTable Flyway's history table for these migrations; by default
         *                     {@code registration_schema_history} for the prefix {@code lcr_} and
         *                     {@code <prefix>schema_history} for any other
         * @return this builder
         */
        public Builder historyTable(String historyTable) {
            Objects.requireNonNull(historyTable, "historyTable");
            if (!SCHEMA.matcher(historyTable).matches()) {
                throw new IllegalArgumentException("historyTable must match " + SCHEMA.pattern());
            }
            this.historyTable = Optional.of(historyTable);
            return this;
        }

        /**
         * @param attempts how often a transaction that meets a deadlock or lock time-out is tried (at least 1)
         * @return this builder
         */
        public Builder attempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1");
            }
            this.attempts = attempts;
            return this;
        }

        /**
         * How long an event definition read from the database is served from memory before it is read again
         * (default 2 seconds). Seats are always decided in the database, so a longer time only delays, on the
         * other nodes, changes to an event's texts, rules and registration window; zero reads every time.
         *
         * @param eventCacheTime the time, not negative
         * @return this builder
         */
        public Builder eventCacheTime(java.time.Duration eventCacheTime) {
            Objects.requireNonNull(eventCacheTime, "eventCacheTime");
            if (eventCacheTime.isNegative()) {
                throw new IllegalArgumentException("eventCacheTime must not be negative");
            }
            this.eventCacheTime = eventCacheTime;
            return this;
        }

        /**
         * Group commit for a hot event: the most registrations for one event that one transaction admits
         * together (default 64). Registrations that arrive on this node while a
         * transaction for their event runs here wait for the next one, which admits them together in order of
         * arrival: one lock and update of the event's ledger, one commit, each registrant still with their own
         * outcome. A registrant who arrives when none runs goes at once, alone; nothing waits on a timer. Only
         * simple registrations are combined (one person claiming a seat, no sessions, no limited invitation code, no
         * idempotency key); others go on their own as before. 1 turns batching off.
         *
         * @param admissionBatchSize at least 1
         * @return this builder
         */
        public Builder admissionBatchSize(int admissionBatchSize) {
            if (admissionBatchSize < 1) {
                throw new IllegalArgumentException("admissionBatchSize must be at least 1");
            }
            this.admissionBatchSize = admissionBatchSize;
            return this;
        }

        /**
         * @return the storage; its tables are made by {@link JdbcStorage#migrate()}
         * @throws StorageException when the database cannot be reached
         */
        public JdbcStorage build() {
            return new JdbcStorage(this);
        }
    }

}
