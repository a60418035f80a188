package nl.learningcommunities.registration.examples.portal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeAll;

/**
 * Restarts on PostgreSQL, each test in a schema of its own. Runs where {@code REGISTRATION_TEST_POSTGRES_URL} is
 * set (CI sets it); skipped elsewhere, saying why on standard error ({@link TestDatabaseUrl}).
 */
class PostgresRestartTest extends RestartContract {

    private static final String URL = System.getenv("REGISTRATION_TEST_POSTGRES_URL");

    private final String schema = "portal_restart_" + unique();
    private boolean created;

    @BeforeAll
    static void needsPostgres() {
        TestDatabaseUrl.of("REGISTRATION_TEST_POSTGRES_URL", "PostgreSQL", "PostgresRestartTest");
    }

    @Override
    String databaseUrl() throws SQLException {
        if (!created) {
            try (Connection connection = DriverManager.getConnection(URL);
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
            }
            created = true;
        }
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    void dropDatabase() throws SQLException {
        if (created) {
            try (Connection connection = DriverManager.getConnection(URL);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
