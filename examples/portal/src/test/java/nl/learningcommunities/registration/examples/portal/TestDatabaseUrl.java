package nl.learningcommunities.registration.examples.portal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Assumptions;

/**
 * The JDBC URL of the server a database test runs on, from {@code REGISTRATION_TEST_POSTGRES_URL} or
 * {@code REGISTRATION_TEST_MARIADB_URL} (user and password inside the URL). Without the variable, or when the
 * server does not answer, the test is skipped and says why on standard error, as the store tests do
 * ({@code [registration-tests] …}); with {@code CI=true} it fails instead.
 */
final class TestDatabaseUrl {

    private TestDatabaseUrl() {
    }

    /**
     * @param variable the environment variable
     * @param database what it names, for the message: {@code PostgreSQL}, {@code MariaDB}
     * @param test     what is skipped without it, for the message
     * @return the URL of a server that answers; otherwise the test is skipped (or, in CI, failed)
     */
    static String of(String variable, String database, String test) {
        String url = System.getenv(variable);
        if (url == null || url.isBlank()) {
            skip(variable + " is not set (.ci/run sets it; see README.md)", test, null);
        }
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.isValid(5);
        } catch (SQLException e) {
            skip(database + " at " + variable + " does not answer: " + e.getMessage(), test, e);
        }
        return url;
    }

    private static void skip(String why, String test, Exception cause) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(why + ": with CI=true " + test + " must run", cause);
        }
        System.err.println("[registration-tests] " + why + ": " + test + " is skipped");
        Assumptions.abort(why + ": " + test + " is skipped");
    }
}
