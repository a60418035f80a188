package nl.learningcommunities.registration.jdbc;

import static nl.learningcommunities.registration.testing.TestEvents.NOW;
import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static nl.learningcommunities.registration.testing.TestParticipants.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.StorageException;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.contract.RegistrationStoreContract;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventRevision;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.event.Question;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.notification.OutboxEntry;
import nl.learningcommunities.registration.participant.EmailAddress;

/** The store contract, and what only a database-backed store must show, on one database. */
abstract class JdbcStoreTests extends RegistrationStoreContract {

    private final List<HikariDataSource> pools = new ArrayList<>();
    private final String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
    private final String history = prefix + "history";
    private HikariDataSource firstPool;

    abstract TestDatabase database();

    /**
     * Ends every connection the tests hold to the database, as a restarting server would.
     *
     * @return how many connections it ended
     */
    abstract int killConnections(HikariDataSource admin) throws SQLException;

    /** @return why this database's connections cannot be ended from outside, if they cannot */
    Optional<String> cannotKillConnections() {
        return Optional.empty();
    }

    @Override
    protected Storage newStorage() {
        firstPool = pool("node-1");
        JdbcStorage storage = JdbcStorage.builder(firstPool).tablePrefix(prefix).historyTable(history).build();
        storage.migrate();
        return new Storage(storage, storage);
    }

    @Override
    protected Storage secondNode(Storage first) {
        JdbcStorage storage = JdbcStorage.builder(pool("node-2")).tablePrefix(prefix).historyTable(history).build();
        return new Storage(storage, storage);
    }

    private HikariDataSource pool(String name) {
        HikariDataSource pool = database().pool(40, name);
        pools.add(pool);
        return pool;
    }

    @AfterEach
    void dropTablesAndClosePools() throws SQLException {
        if (firstPool != null && !firstPool.isClosed()) {
            TestDatabase.dropTables(firstPool, prefix, history);
        }
        pools.forEach(HikariDataSource::close);
    }

    private JdbcStorage jdbc() {
        return (JdbcStorage) storage.store();
    }

    @Test
    void a_seat_freed_after_a_registrant_missed_the_claim_goes_to_that_registrant_not_to_an_empty_chair()
            throws Exception {
        Event event = meeting("freed-seat", 1).build();
        engine.events().publish(event);
        Registration holder = ((RegistrationOutcome.Confirmed) engine.registrations()
                .register(registration(event.id(), 1))).registration();
        java.util.concurrent.atomic.AtomicReference<Runnable> beforeLedgerLock = new java.util.concurrent.atomic
                .AtomicReference<>();
        JdbcStorage hooked = JdbcStorage.builder(beforeStatements(pool("hooked"), "FOR UPDATE", beforeLedgerLock))
                .tablePrefix(prefix).historyTable(history).build();
        RegistrationEngine other = engineOn(new Storage(hooked, hooked));
        ExecutorService canceller = Executors.newSingleThreadExecutor();
        // Between the registrant's missed one-statement claim and its lock on the ledger, the holder cancels and
        // commits: nobody waits yet, so that seat must go to the registrant once it holds the lock.
        beforeLedgerLock.set(() -> {
            try {
                canceller.submit(() -> engine.organising().cancel(holder.id(), "melina", Optional.empty()))
                        .get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the cancellation could not finish while the registrant waited", e);
            }
        });
        try {
            RegistrationOutcome outcome = other.registrations().register(registration(event.id(), 2));

            assertThat(beforeLedgerLock.get()).as("the hook ran").isNull();
            assertThat(outcome).isInstanceOf(RegistrationOutcome.Confirmed.class);
            assertThat(engine.events().counts(event.id()).confirmed()).isEqualTo(1);
            assertThat(engine.events().counts(event.id()).waiting()).isZero();
        } finally {
            canceller.shutdownNow();
        }
    }

    @Test
    void a_registration_whose_commit_reply_was_lost_is_answered_by_its_retry_and_stored_once() {
        Event event = meeting("lost-reply", 5).build();
        engine.events().publish(event);
        AtomicBoolean loseNextReply = new AtomicBoolean(true);
        JdbcStorage flaky = JdbcStorage.builder(failing(pool("lost-reply"), (method, args, connection) -> {
            if (method.equals("commit") && loseNextReply.getAndSet(false)) {
                connection.commit();
                throw new SQLException("connection reset while reading the reply", "08006");
            }
        })).tablePrefix(prefix).historyTable(history).build();
        RegistrationEngine other = engineOn(new Storage(flaky, flaky));
        RegisterCommand command = registration(event.id(), 1).withIdempotencyKey("retry-" + UUID.randomUUID());

        assertThatThrownBy(() -> other.registrations().register(command)).isInstanceOfSatisfying(
                StorageException.class, e -> assertThat(e.mayHaveBeenWritten()).isTrue());
        RegistrationOutcome retried = other.registrations().register(command);
        RegistrationOutcome elsewhere = engine.registrations().register(command);

        assertThat(retried).isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(elsewhere).isEqualTo(retried);
        assertThat(engine.organising().list(RegistrationQuery.all(event.id()))).hasSize(1);
        assertThat(engine.events().counts(event.id()).confirmed()).isEqualTo(1);
    }

    @Test
    void a_connection_dead_before_the_commit_is_replaced_and_the_registration_goes_through() {
        Event event = meeting("dead-connection", 5).build();
        engine.events().publish(event);
        AtomicInteger deaths = new AtomicInteger();
        JdbcStorage flaky = JdbcStorage.builder(failing(pool("dead-connection"), (method, args, connection) -> {
            if (method.equals("prepareStatement") && deaths.get() < 1) {
                deaths.incrementAndGet();
                throw new java.sql.SQLRecoverableException("the server closed the connection", "08003");
            }
        })).tablePrefix(prefix).historyTable(history).build();

        RegistrationOutcome outcome = engineOn(new Storage(flaky, flaky)).registrations()
                .register(registration(event.id(), 1));

        assertThat(deaths).hasValue(1);
        assertThat(outcome).isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(engine.events().counts(event.id()).confirmed()).isEqualTo(1);
    }

    @Test
    void a_statement_the_database_refuses_for_now_is_tried_again_and_the_registration_goes_through() {
        Event event = meeting("transient", 5).build();
        engine.events().publish(event);
        AtomicInteger refusals = new AtomicInteger();
        JdbcStorage flaky = JdbcStorage.builder(failing(pool("transient"), (method, args, connection) -> {
            if (method.equals("prepareStatement") && args[0] instanceof String sql && sql.startsWith("INSERT INTO")
                    && sql.contains("registrations") && refusals.get() < 2) {
                refusals.incrementAndGet();
                // what H2 says when another transaction changed the same row: "may succeed when retried"
                throw new java.sql.SQLTransientException("Concurrent update in table REGISTRATIONS", "90131", 90131);
            }
        })).tablePrefix(prefix).historyTable(history).build();

        RegistrationOutcome outcome = engineOn(new Storage(flaky, flaky)).registrations()
                .register(registration(event.id(), 1));

        assertThat(refusals).hasValue(2);
        assertThat(outcome).isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(engine.organising().list(RegistrationQuery.all(event.id()))).hasSize(1);
        assertThat(engine.events().counts(event.id()).confirmed()).isEqualTo(1);
    }

    @Test
    void a_connection_that_fails_to_close_after_its_commit_does_not_run_the_work_again() {
        Event event = meeting("close-fails", 5).build();
        engine.events().publish(event);
        AtomicBoolean committed = new AtomicBoolean();
        AtomicBoolean failedToClose = new AtomicBoolean();
        JdbcStorage flaky = JdbcStorage.builder(failing(pool("close-fails"), (method, args, connection) -> {
            if (method.equals("commit")) {
                committed.set(true);
            }
            if (method.equals("close") && committed.get() && !failedToClose.getAndSet(true)) {
                connection.close();
                throw new SQLException("the server went away while the connection was reset", "08006");
            }
        })).tablePrefix(prefix).historyTable(history).build();

        RegistrationOutcome outcome = engineOn(new Storage(flaky, flaky)).registrations()
                .register(registration(event.id(), 1));

        assertThat(failedToClose).isTrue();
        assertThat(outcome).isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(engine.organising().list(RegistrationQuery.all(event.id()))).hasSize(1);
    }

    /** What a connection does before a call: run a hook, throw, or go on. */
    private interface Failure {
        void before(String method, Object[] args, Connection connection) throws SQLException;
    }

    /** A data source whose connections may fail before any call, as the failure says. */
    private static javax.sql.DataSource failing(javax.sql.DataSource pool, Failure failure) {
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(JdbcStoreTests.class.getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(pool, method, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return java.lang.reflect.Proxy.newProxyInstance(JdbcStoreTests.class.getClassLoader(),
                            new Class<?>[] {Connection.class}, (c, m, a) -> {
                                failure.before(m.getName(), a, connection);
                                return invoke(connection, m, a);
                            });
                });
    }

    /** A data source whose connections run a hook, once, just before preparing a statement containing a text. */
    private static javax.sql.DataSource beforeStatements(javax.sql.DataSource pool, String text,
                                                        java.util.concurrent.atomic.AtomicReference<Runnable> hook) {
        return failing(pool, (method, args, connection) -> {
            if (method.equals("prepareStatement") && args != null && args[0] instanceof String sql
                    && sql.contains(text)) {
                Runnable once = hook.getAndSet(null);
                if (once != null) {
                    once.run();
                }
            }
        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void two_table_prefixes_live_side_by_side_each_with_its_own_default_history_table() throws SQLException {
        HikariDataSource pool = pool("prefixes");
        String first = "a" + prefix;
        String second = "b" + prefix;
        try {
            JdbcStorage a = JdbcStorage.builder(pool).tablePrefix(first).build();
            JdbcStorage b = JdbcStorage.builder(pool).tablePrefix(second).build();
            assertThat(a.migrate()).isPositive();
            assertThat(b.migrate()).isPositive();
            assertThat(b.historyTable()).isEqualTo(second + "schema_history");
            for (JdbcStorage storage : List.of(a, b)) {
                RegistrationEngine on = RegistrationEngine.builder().eventCatalogue(storage.eventCatalogue())
                        .registrationStore(storage).notificationOutbox(storage).clock(clock).build();
                on.events().publish(meeting("side-by-side", 5).build());
                assertThat(on.registrations().register(registration("side-by-side", 1)))
                        .isInstanceOf(RegistrationOutcome.Confirmed.class);
            }
            JdbcStorage sharing = JdbcStorage.builder(pool).tablePrefix("c" + prefix)
                    .historyTable(first + "schema_history").build();
            assertThatThrownBy(sharing::migrate).isInstanceOf(StorageException.class)
                    .hasMessageContaining("history table of its own");
        } finally {
            TestDatabase.dropTables(pool, first, first + "schema_history");
            TestDatabase.dropTables(pool, second, second + "schema_history");
        }
    }

    @Test
    void migrating_twice_changes_nothing_and_the_history_table_is_the_adapters_own() throws SQLException {
        assertThat(jdbc().migrate()).isZero();
        try (Connection c = firstPool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + quoted(history))) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void a_database_filled_by_schema_version_1_works_after_the_upgrade() throws SQLException {
        HikariDataSource pool = pool("upgrade");
        String old = "u" + prefix;
        JdbcStorage storage = JdbcStorage.builder(pool).tablePrefix(old).historyTable(old + "history").build();
        try {
            assertThat(storage.migrateTo("1").targetSchemaVersion).isEqualTo("1");
            Event event = meeting("upgrade", 1).build();
            catalogue.save(new EventRevision(event.id(), 1, NOW, EventRevision.IMPORT, "imported", List.of(), event),
                    Optional.of(event));
            UUID seated = UUID.randomUUID();
            UUID waiting = UUID.randomUUID();
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                long at = Rows.micros(NOW);
                s.executeUpdate("INSERT INTO " + old + "seat_ledger (event_id, capacity, waiting_list, promotion_mode,"
                        + " offer_validity_seconds, organisation_limit, taken, last_position)"
                        + " VALUES ('upgrade', 1, TRUE, 'AUTOMATIC', 172800, NULL, 1, 1)");
                for (Object[] r : new Object[][] {{seated, "CONFIRMED", "NULL", "een"}, {waiting, "WAITLISTED", "1", "twee"}}) {
                    s.executeUpdate("INSERT INTO " + old + "registrations (id, event_id, status, given_name, family_name,"
                            + " email, email_key, active_email_key, organisation, organisation_key, role, sector, locale,"
                            + " answers, waitlist_position, attendance, created_at, updated_at, erased, version) VALUES ('"
                            + r[0] + "', 'upgrade', '" + r[1] + "', 'Deelnemer', '" + r[3] + "', '" + r[3]
                            + "@hu.example.org', '" + r[3] + "@hu.example.org', '" + r[3] + "@hu.example.org', 'HU', 'hu',"
                            + " 'projectleider', 'hbo', 'nl', '{}', " + r[2] + ", 'UNKNOWN', " + at + ", " + at
                            + ", FALSE, 1)");
                    s.executeUpdate("INSERT INTO " + old + "status_history (registration_id, seq, to_status, at, actor,"
                            + " reason) VALUES ('" + r[0] + "', 0, '" + r[1] + "', " + at + ", 'participant', 'registered')");
                }
            }

            int applied = storage.migrate();
            RegistrationEngine after = engineOn(new Storage(storage, storage));
            Registration newcomer = ((RegistrationOutcome.Waitlisted) after.registrations()
                    .register(registration(event.id(), 3))).registration();
            after.organising().cancel(seated, "melina", Optional.of("verhinderd"));

            assertThat(applied).isEqualTo(5);
            assertThat(newcomer.waitlistPosition()).hasValue(2);
            assertThat(storage.find(waiting).orElseThrow().status())
                    .isEqualTo(nl.learningcommunities.registration.booking.RegistrationStatus.CONFIRMED);
            assertThat(storage.find(seated).orElseThrow().history()).hasSize(2);
            assertThat(storage.counts(event.id()).waiting()).isEqualTo(1);
            assertThat(rows(pool, "SELECT waiting FROM " + old + "seat_ledger")).containsExactly(List.of("1"));
            assertThat(rows(pool, "SELECT actor, action FROM " + old + "audit_trail"))
                    .contains(List.of("organiser:melina", "cancelled-by-organiser"));
        } finally {
            TestDatabase.dropTables(pool, old, old + "history");
        }
    }

    @Test
    void tables_can_live_in_a_schema_of_their_own() throws SQLException {
        HikariDataSource pool = pool("schema");
        String schema = "lcr_" + prefix.replace("_", "");
        JdbcStorage inSchema = JdbcStorage.builder(pool).schema(schema).build();
        try {
            inSchema.migrate();
            RegistrationEngine apart = engineOn(new Storage(inSchema, inSchema));
            Event event = meeting("apart", 5).build();
            apart.events().publish(event);
            Registration r = ((RegistrationOutcome.Confirmed) apart.registrations()
                    .register(registration(event.id(), 1))).registration();

            assertThat(inSchema.find(r.id())).contains(r);
            assertThat(rows(pool, "SELECT COUNT(*) FROM " + schema + ".lcr_registrations"))
                    .containsExactly(List.of("1"));
            assertThat(storage.store().find(r.id())).isEmpty();
        } finally {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute(database() == TestDatabase.MARIADB ? "DROP DATABASE IF EXISTS " + schema
                        : "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void an_event_read_from_the_database_is_served_from_memory_for_its_cache_time_only() {
        JdbcStorage writer = jdbc();
        JdbcStorage cached = JdbcStorage.builder(pool("cached")).tablePrefix(prefix).historyTable(history)
                .eventCacheTime(Duration.ofHours(1)).build();
        JdbcStorage uncached = JdbcStorage.builder(pool("uncached")).tablePrefix(prefix).historyTable(history)
                .eventCacheTime(Duration.ZERO).build();
        writer.eventCatalogue().save(revision(1, meeting("cached", 10).build()), Optional.empty());
        assertThat(cached.eventCatalogue().find("cached").orElseThrow().capacity()).hasValue(10);
        assertThat(uncached.eventCatalogue().find("cached").orElseThrow().capacity()).hasValue(10);

        writer.eventCatalogue().save(revision(2, meeting("cached", 20).build()), Optional.empty());

        assertThat(cached.eventCatalogue().find("cached").orElseThrow().capacity()).hasValue(10);
        assertThat(uncached.eventCatalogue().find("cached").orElseThrow().capacity()).hasValue(20);
        assertThat(cached.eventCatalogue().all()).extracting(e -> e.capacity().getAsInt()).containsExactly(20);
        assertThat(cached.eventCatalogue().find("cached").orElseThrow().capacity()).hasValue(20);
        assertThat(writer.eventCatalogue().find("cached").orElseThrow().capacity()).hasValue(20);
    }

    private static EventRevision revision(long number, Event event) {
        return new EventRevision(event.id(), number, NOW, "organiser:test", "updated", List.of(), event);
    }

    @Test
    void values_are_bound_never_spliced_and_unicode_round_trips_exactly() {
        Event event = meeting("unicode", 10).questions(List.of(new Question("note", LocalizedText.of("Opmerking",
                "Note"), Question.Type.TEXT, false, OptionalInt.empty(), List.of()))).build();
        engine.events().publish(event);
        String drop = "'); DROP TABLE " + prefix + "registrations; --";
        ParticipantDetails tricky = new ParticipantDetails("Zoë 😀", drop, "zoe@hogeschool.example.org",
                "مدرسة Ünïcode ✓", "projectleider", "hbo", Locale.forLanguageTag("nl"));

        Registration stored = ((RegistrationOutcome.Confirmed) engine.registrations().register(
                RegisterCommand.of(event.id(), tricky).withAnswers(Map.of("note", "שלום\nregel twee 🎉"))))
                .registration();

        Registration read = storage.store().find(stored.id()).orElseThrow();
        assertThat(read.participant().givenName()).isEqualTo("Zoë 😀");
        assertThat(read.participant().familyName()).isEqualTo(drop);
        assertThat(read.participant().organisation()).isEqualTo("مدرسة Ünïcode ✓");
        assertThat(read.participant().answers().get("note").asText()).isEqualTo("שלום\nregel twee 🎉");
        assertThat(read).isEqualTo(stored);
        assertThat(storage.store().list(RegistrationQuery.all(event.id()))).hasSize(1);
    }

    @Test
    void erasure_leaves_no_personal_data_in_any_table() throws SQLException {
        Event event = meeting("raw-erasure", 1).questions(List.of(new Question("note", LocalizedText.of("Opmerking",
                "Note"), Question.Type.TEXT, false, OptionalInt.empty(), List.of()))).build();
        engine.events().publish(event);
        ParticipantDetails person = new ParticipantDetails("Xantippe", "Quaxelaar", "xantippe.quaxelaar@example.org",
                "Zwijsenbergcollege", "projectleider", "mbo", Locale.forLanguageTag("nl"));
        engine.organising().invite(event.id(), List.of(EmailAddress.of("Xantippe.Quaxelaar@example.org")),
                Locale.forLanguageTag("nl"), "melina");
        for (OutboxEntry invitation : jdbc().claimDue("dispatcher", 10, NOW.plusSeconds(60), Duration.ofMinutes(1))) {
            jdbc().markSent(invitation.notification().id(), "dispatcher", NOW);
        }
        engine.organising().invite(event.id(), List.of(EmailAddress.of("xantippe.quaxelaar@example.org")),
                Locale.ENGLISH, "melina");
        Registration r = ((RegistrationOutcome.Confirmed) engine.registrations().register(RegisterCommand.of(event.id(),
                person).withAnswers(Map.of("note", "Xantippe komt met de trein")))).registration();
        engine.registrations().register(registration(event.id(), 2));
        engine.organising().reject(r.id(), "melina", Optional.of("Xantippe dubbel aangemeld"));

        engine.organising().erase(r.id(), "melina");

        for (String table : jdbc().tablesForTests()) {
            for (List<String> row : rows(firstPool, "SELECT * FROM " + table)) {
                assertThat(String.join("|", row).toLowerCase(Locale.ROOT)).as(table)
                        .doesNotContain("xantippe").doesNotContain("quaxelaar").doesNotContain("zwijsenberg");
            }
        }
        assertThat(engine.events().counts(event.id()).confirmed()).isEqualTo(1);
    }

    @Test
    void erasure_leaves_no_pending_new_address_in_any_table() throws SQLException {
        Event event = meeting("raw-pending-erasure", 5).build();
        engine.events().publish(event);
        Registration r = ((RegistrationOutcome.Confirmed) engine.registrations().register(registration(event.id(), 1)))
                .registration();
        var details = nl.learningcommunities.registration.testing.TestParticipants.number(1);
        engine.registrations().changeDetails(new nl.learningcommunities.registration.application.ChangeDetailsCommand(
                r.id(), mailbox.manageToken(r.id()), new ParticipantDetails(details.givenName(), details.familyName(),
                "zebedeus.wouterszoon@elders.example.org", details.organisation(), details.role(), details.sector(),
                details.locale()), Map.of()));
        assertThat(rows(firstPool, "SELECT pending_email, pending_email_expires_at FROM " + prefix
                + "registrations WHERE id = '" + r.id() + "'")).singleElement()
                .satisfies(row -> assertThat(row.get(0)).isEqualTo("zebedeus.wouterszoon@elders.example.org"));
        OutboxEntry verification = jdbc().claimDue("dispatcher", 10, NOW.plusSeconds(60), Duration.ofMinutes(1))
                .stream().filter(e -> e.notification().type() == NotificationType.VERIFY_NEW_EMAIL).findFirst()
                .orElseThrow();
        jdbc().markSent(verification.notification().id(), "dispatcher", NOW);

        engine.organising().erase(r.id(), "melina");

        for (String table : jdbc().tablesForTests()) {
            for (List<String> row : rows(firstPool, "SELECT * FROM " + table)) {
                assertThat(String.join("|", row).toLowerCase(Locale.ROOT)).as(table)
                        .doesNotContain("zebedeus").doesNotContain("wouterszoon");
            }
        }
    }

    @Test
    void erasing_an_event_leaves_no_invitees_address_in_any_table() throws SQLException {
        Event event = meeting("event-erasure", 5).build();
        engine.events().publish(event);
        engine.organising().invite(event.id(), List.of(EmailAddress.of("ypke.zuidema@example.org"),
                EmailAddress.of("wobke.andringa@example.org")), Locale.forLanguageTag("nl"), "melina");
        OutboxEntry sent = jdbc().claimDue("dispatcher", 1, NOW.plusSeconds(60), Duration.ofMinutes(1)).get(0);
        jdbc().markSent(sent.notification().id(), "dispatcher", NOW);
        engine.registrations().register(registration(event.id(), 1));

        engine.organising().eraseEvent(event.id(), "melina");

        for (String table : jdbc().tablesForTests()) {
            for (List<String> row : rows(firstPool, "SELECT * FROM " + table)) {
                assertThat(String.join("|", row).toLowerCase(Locale.ROOT)).as(table)
                        .doesNotContain("ypke").doesNotContain("zuidema").doesNotContain("wobke")
                        .doesNotContain("andringa");
            }
        }
    }

    @Test
    void two_dispatchers_never_claim_the_same_notification() throws Exception {
        List<Notification> queued = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            queued.add(new Notification(UUID.randomUUID(), NotificationType.REMINDER, "claims", Optional.empty(),
                    EmailAddress.of("p" + i + "@example.org"), "P " + i, Locale.ENGLISH, NOW, Optional.empty(),
                    Map.of()));
        }
        storage.outbox().enqueue(queued);
        Storage other = secondNode(storage);
        ConcurrentLinkedQueue<UUID> claimed = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> dispatchers = new ArrayList<>();
        for (int d = 0; d < 8; d++) {
            var outbox = d % 2 == 0 ? storage.outbox() : other.outbox();
            String name = "dispatcher-" + d;
            dispatchers.add(threads.submit(() -> {
                List<OutboxEntry> batch;
                do {
                    batch = outbox.claimDue(name, 7, NOW, Duration.ofMinutes(5));
                    batch.forEach(e -> claimed.add(e.notification().id()));
                } while (!batch.isEmpty());
                return null;
            }));
        }
        for (Future<?> dispatcher : dispatchers) {
            dispatcher.get(2, TimeUnit.MINUTES);
        }
        threads.shutdown();

        assertThat(claimed).hasSize(200).doesNotHaveDuplicates();
        assertThat(new HashSet<>(claimed)).isEqualTo(queued.stream().map(Notification::id)
                .collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void connections_dying_mid_rush_leave_nothing_half_written_and_the_store_recovers() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(cannotKillConnections().isEmpty(),
                () -> cannotKillConnections().orElse(""));
        Event event = meeting("outage", 50).build();
        engine.events().publish(event);
        HikariDataSource admin = pool("admin");
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean killing = new AtomicBoolean(true);
        AtomicInteger killedDuringRush = new AtomicInteger();
        ConcurrentLinkedQueue<UUID> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(9);
        CountDownLatch started = new CountDownLatch(8);
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            clients.add(threads.submit(() -> {
                started.countDown();
                for (int n = next.getAndIncrement(); n < 300; n = next.getAndIncrement()) {
                    try {
                        RegistrationOutcome outcome = engine.registrations().register(registration(event.id(), n));
                        if (outcome instanceof RegistrationOutcome.Confirmed c) {
                            accepted.add(c.registration().id());
                        } else if (outcome instanceof RegistrationOutcome.Waitlisted w) {
                            accepted.add(w.registration().id());
                        }
                    } catch (StorageException e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        Future<?> killer = threads.submit(() -> {
            started.await();
            for (int round = 0; round < 5 && killing.get(); round++) {
                int killed = killConnections(admin);
                if (next.get() < 300) {
                    killedDuringRush.addAndGet(killed);
                }
                org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(20)).until(() -> true);
            }
            return null;
        });
        for (Future<?> client : clients) {
            client.get(3, TimeUnit.MINUTES);
        }
        killing.set(false);
        killer.get(1, TimeUnit.MINUTES);
        threads.shutdown();

        List<Registration> stored = storage.store().list(RegistrationQuery.all(event.id()));
        assertThat(killedDuringRush.get()).as("connections ended while registrations were running").isPositive();
        assertThat(accepted).as("registrations accepted despite the outage").isNotEmpty();
        assertThat(stored.stream().map(Registration::id).toList()).containsAll(accepted);
        assertThat(stored).allSatisfy(r -> {
            assertThat(r.history()).isNotEmpty();
            assertThat(storage.outbox().about(r.id())).isNotEmpty();
        });
        assertThat(stored.stream().filter(Registration::holdsSeat)).hasSizeLessThanOrEqualTo(50);
        assertThat(engine.events().counts(event.id()).confirmed())
                .isEqualTo((int) stored.stream().filter(Registration::holdsSeat).count());
        assertThat(engine.registrations().register(registration(event.id(), 1000)))
                .isInstanceOfAny(RegistrationOutcome.Confirmed.class, RegistrationOutcome.Waitlisted.class);
    }

    @Test
    void a_closed_pool_is_a_clear_storage_exception() {
        Event event = meeting("closed", 5).build();
        engine.events().publish(event);
        firstPool.close();

        assertThatThrownBy(() -> engine.registrations().register(registration(event.id(), 1)))
                .isInstanceOf(StorageException.class).hasMessageContaining("failed");
    }

    private String quoted(String identifier) {
        return database() == TestDatabase.MARIADB ? "`" + identifier + "`" : "\"" + identifier + "\"";
    }

    static List<List<String>> rows(HikariDataSource pool, String sql) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(String.valueOf(rs.getString(i)));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
