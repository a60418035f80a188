package nl.learningcommunities.registration.jdbc;

import static nl.learningcommunities.registration.testing.TestEvents.NOW;
import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static nl.learningcommunities.registration.testing.TestParticipants.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.EventOutcome;
import nl.learningcommunities.registration.application.ImportReport;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.contract.EventLifecycleContract;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventRevision;
import nl.learningcommunities.registration.event.StoredEvent;
import nl.learningcommunities.registration.json.EventDefinitions;

/**
 * The event lifecycle contract on one database, with a restart as a new {@link JdbcStorage} on a new pool over the
 * same tables; and what only a database-backed catalogue must show: an upgrade from schema version 3, and nodes
 * that serve the event from memory.
 */
abstract class JdbcEventLifecycleTests extends EventLifecycleContract {

    private final List<HikariDataSource> pools = new ArrayList<>();
    private final String prefix = "e" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
    private final String history = prefix + "history";
    private HikariDataSource firstPool;

    abstract TestDatabase database();

    @Override
    protected Node newNode() {
        firstPool = pool("node-1");
        JdbcStorage storage = JdbcStorage.builder(firstPool).tablePrefix(prefix).historyTable(history).build();
        storage.migrate();
        return new Node(storage, storage, storage.eventCatalogue());
    }

    @Override
    protected Node restartedNode(Node first) {
        JdbcStorage storage = JdbcStorage.builder(pool("restarted")).tablePrefix(prefix).historyTable(history)
                .eventCacheTime(Duration.ZERO).build();
        return new Node(storage, storage, storage.eventCatalogue());
    }

    private HikariDataSource pool(String name) {
        HikariDataSource pool = database().pool(6, name);
        pools.add(pool);
        return pool;
    }

    @AfterEach
    void dropTablesAndClosePools() throws SQLException {
        try {
            if (firstPool != null && !firstPool.isClosed()) {
                TestDatabase.dropTables(firstPool, prefix, history);
            }
        } finally {
            pools.forEach(HikariDataSource::close);
        }
    }

    @Test
    void a_database_written_by_schema_version_3_keeps_every_event_and_registration_through_the_upgrade() throws SQLException {
        HikariDataSource pool = pool("upgrade");
        String old = "v" + prefix;
        JdbcStorage storage = JdbcStorage.builder(pool).tablePrefix(old).historyTable(old + "history").build();
        try {
            assertThat(storage.migrateTo("3").targetSchemaVersion).isEqualTo("3");
            Event event = meeting("opgewaardeerd", 1).build();
            UUID seated = UUID.randomUUID();
            UUID waiting = UUID.randomUUID();
            long at = Rows.micros(NOW);
            try (Connection c = pool.getConnection()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO " + old + "events (id, definition,"
                        + " starts_at, updated_at) VALUES (?, ?, ?, ?)")) {
                    s.setString(1, event.id());
                    s.setString(2, EventDefinitions.create().write(List.of(event)));
                    s.setLong(3, Rows.micros(event.startsAt().toInstant()));
                    s.setLong(4, at);
                    s.executeUpdate();
                }
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO " + old + "seat_ledger (event_id, capacity, waiting_list,"
                            + " promotion_mode, offer_validity_seconds, organisation_limit, taken, last_position, waiting)"
                            + " VALUES ('opgewaardeerd', 1, TRUE, 'AUTOMATIC', 172800, NULL, 1, 1, 1)");
                    for (Object[] r : new Object[][] {{seated, "CONFIRMED", "NULL", "een"},
                            {waiting, "WAITLISTED", "1", "twee"}}) {
                        s.executeUpdate("INSERT INTO " + old + "registrations (id, event_id, status, given_name,"
                                + " family_name, email, email_key, active_email_key, organisation, organisation_key, role,"
                                + " sector, locale, answers, waitlist_position, attendance, created_at, updated_at, erased,"
                                + " version) VALUES ('" + r[0] + "', 'opgewaardeerd', '" + r[1] + "', 'Deelnemer', '"
                                + r[3] + "', '" + r[3] + "@hu.example.org', '" + r[3] + "@hu.example.org', '" + r[3]
                                + "@hu.example.org', 'HU', 'hu', 'projectleider', 'hbo', 'nl', '{}', " + r[2]
                                + ", 'UNKNOWN', " + at + ", " + at + ", FALSE, 1)");
                        s.executeUpdate("INSERT INTO " + old + "status_history (registration_id, seq, to_status, at,"
                                + " actor, reason) VALUES ('" + r[0] + "', 0, '" + r[1] + "', " + at
                                + ", 'participant', 'registered')");
                    }
                }
            }

            int applied = storage.migrate();

            assertThat(applied).as("versions 4, 5 and 6").isEqualTo(3);
            assertThat(storage.eventCatalogue().stored(event.id())).contains(new StoredEvent(event, 1, Optional.empty()));
            assertThat(storage.eventCatalogue().history(event.id())).singleElement().satisfies(r -> {
                assertThat(r.number()).isEqualTo(1);
                assertThat(r.actor()).isEqualTo(EventRevision.IMPORT);
                assertThat(r.at()).isEqualTo(NOW);
                assertThat(r.changes()).isEmpty();
                assertThat(r.event()).isEqualTo(event);
            });
            assertThat(storage.find(seated).orElseThrow().status()).isEqualTo(RegistrationStatus.CONFIRMED);
            assertThat(storage.find(waiting).orElseThrow().status()).isEqualTo(RegistrationStatus.WAITLISTED);
            assertThat(storage.list(RegistrationQuery.all(event.id()))).hasSize(2);

            RegistrationEngine upgraded = engineOn(new Node(storage, storage, storage.eventCatalogue()));
            ImportReport report = upgraded.events().publishAll(List.of(event.toBuilder().capacity(OptionalInt.of(3))
                    .build()));

            assertThat(report.of(event.id()).orElseThrow().conflicts()).containsExactly("capacity");
            assertThat(upgraded.events().find(event.id()).orElseThrow().capacity()).hasValue(1);
            assertThat(upgraded.events().counts(event.id()).capacity()).hasValue(1);
            assertThat(storage.find(waiting).orElseThrow().status()).isEqualTo(RegistrationStatus.WAITLISTED);
            Registration newcomer = ((RegistrationOutcome.Waitlisted) upgraded.registrations()
                    .register(registration(event.id(), 3))).registration();
            assertThat(newcomer.waitlistPosition()).hasValue(2);
        } finally {
            TestDatabase.dropTables(pool, old, old + "history");
        }
    }

    @Test
    void a_node_that_read_the_event_before_it_was_cancelled_admits_nobody_afterwards() {
        Event event = meeting("elders-afgelast", 10).build();
        engine.events().publish(event);
        JdbcStorage other = JdbcStorage.builder(pool("caching-node")).tablePrefix(prefix).historyTable(history)
                .eventCacheTime(Duration.ofHours(1)).build();
        RegistrationEngine elsewhere = engineOn(new Node(other, other, other.eventCatalogue()));
        assertThat(elsewhere.events().isRegistrationOpen(event.id())).isTrue();

        EventOutcome cancelled = engine.events().cancel(event.id(), "De spreker is ziek", "Melina Groen");
        RegistrationOutcome late = elsewhere.registrations().register(registration(event.id(), 1));

        assertThat(cancelled).isInstanceOf(EventOutcome.Saved.class);
        assertThat(late).as("a registration on another node after the event was cancelled")
                .isInstanceOf(RegistrationOutcome.Refused.class);
        assertThat(other.list(RegistrationQuery.all(event.id()))).noneMatch(r -> r.status().isActive());
    }
}
