package nl.learningcommunities.registration.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.api.output.MigrateResult;

import nl.learningcommunities.registration.StorageException;
import nl.learningcommunities.registration.booking.Admission;
import nl.learningcommunities.registration.booking.NotificationPlan;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.RegistrationStore;
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
    private static final int DEFAULT_BATCH = 64;

    private final Dialect dialect;
    private final Tables tables;
    private final Migrations migrations;
    private final Transactor transactor;
    private final Rows rows;
    private final OutboxRows outbox;
    private final JdbcEventCatalogue catalogue;
    private final EventWork events;
    private final Admissions admissions;
    private final Queries queries;
    private final SeatChanges changes;

    private JdbcStorage(Builder builder) {
        DataSource dataSource = builder.dataSource;
        try (Connection connection = dataSource.getConnection()) {
            this.dialect = Dialect.of(connection);
        } catch (SQLException e) {
            throw new StorageException("cannot reach the database to learn its dialect", e);
        }
        this.tables = new Tables(builder.schema.map(s -> s + ".").orElse("") + builder.tablePrefix);
        this.migrations = new Migrations(dataSource, dialect, tables, builder.tablePrefix, builder.schema,
                builder.historyTable);
        this.transactor = new Transactor(dataSource, builder.attempts);
        this.rows = new Rows(tables);
        this.outbox = new OutboxRows(tables, dialect);
        this.catalogue = new JdbcEventCatalogue(transactor, tables, builder.eventCacheTime);
        this.events = new EventWork(tables, rows, outbox);
        this.admissions = new Admissions(transactor, tables, rows, outbox, events, dialect, builder.admissionBatchSize);
        this.queries = new Queries(transactor, tables, rows);
        this.changes = new SeatChanges(transactor, tables, rows, events);
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

    /** Migrates up to {@code version} only (for tests of upgrades). */
    MigrateResult migrateTo(String version) {
        return migrations.migrateTo(version);
    }

    /** @return the Flyway history table this storage uses (for tests) */
    String historyTable() {
        return migrations.historyTable();
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
        return changes.defineSeats(Objects.requireNonNull(plan, "plan"), now, notifications);
    }

    @Override
    public Optional<SeatPlan> seatPlan(String eventId) {
        return changes.seatPlan(eventId);
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
        return queries.admittedWith(eventId, idempotencyKey);
    }

    @Override
    public StoreResult place(UUID registrationId, Set<RegistrationStatus> expected, StatusChange change,
                             NotificationPlan notifications) {
        return changes.onRegistration(registrationId, change.at(),
                (book, current) -> Seating.place(book, current, expected, change), notifications);
    }

    @Override
    public StoreResult transition(UUID registrationId, Set<RegistrationStatus> expected, StatusChange change,
                                  NotificationPlan notifications) {
        return changes.onRegistration(registrationId, change.at(),
                (book, current) -> Seating.transition(book, current, expected, change), notifications);
    }

    @Override
    public StoreResult move(UUID registrationId, StatusChange change, NotificationPlan notifications) {
        return changes.onRegistration(registrationId, change.at(), (book, current) -> Seating.move(book, current, change),
                notifications);
    }

    @Override
    public StoreResult changeSessions(UUID registrationId, List<String> sessionIds, Instant now,
                                      NotificationPlan notifications) {
        return changes.onRegistration(registrationId, now,
                (book, current) -> Seating.changeSessions(book, current, sessionIds, now), notifications);
    }

    @Override
    public StoreResult update(Registration updated, long expectedVersion, NotificationPlan notifications) {
        return changes.onRegistration(updated.id(), updated.updatedAt(),
                (book, current) -> Seating.update(book, current, updated, expectedVersion), notifications);
    }

    @Override
    public StoreResult.Done refill(String eventId, Instant now, NotificationPlan notifications) {
        return (StoreResult.Done) changes.inEvent("refilling " + eventId, eventId, now, book -> Seating.refill(book, now),
                notifications);
    }

    // ---------------------------------------------------------------- queries

    @Override
    public Optional<Registration> find(UUID registrationId) {
        return queries.find(registrationId);
    }

    @Override
    public Optional<Registration> findActive(String eventId, EmailAddress email) {
        return queries.findActive(eventId, email);
    }

    @Override
    public List<Registration> findByEmail(EmailAddress email) {
        return queries.findByEmail(email);
    }

    @Override
    public List<Registration> list(RegistrationQuery query) {
        List<Registration> result = new ArrayList<>();
        forEach(query, result::add);
        return result;
    }

    @Override
    public void forEach(RegistrationQuery query, Consumer<Registration> action) {
        queries.forEach(query, action);
    }

    @Override
    public OptionalLong placeInLine(Registration registration) {
        return queries.placeInLine(registration);
    }

    @Override
    public SeatCounts counts(String eventId) {
        return queries.counts(eventId);
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
    public Set<UUID> extendClaims(Collection<UUID> ids, String claimant, Instant until) {
        return ids.isEmpty() ? Set.of() : transactor.inTransaction("extending notification claims",
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
        private String tablePrefix = Migrations.DEFAULT_PREFIX;
        private Optional<String> schema = Optional.empty();
        private Optional<String> historyTable = Optional.empty();
        private int attempts = 10;
        private Duration eventCacheTime = Duration.ofSeconds(2);
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
        public Builder eventCacheTime(Duration eventCacheTime) {
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
