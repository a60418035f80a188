package nl.learningcommunities.registration.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A database the tests run on: H2 in memory, or PostgreSQL and MariaDB from {@code REGISTRATION_TEST_POSTGRES_URL}
 * and {@code REGISTRATION_TEST_MARIADB_URL}. Without such a variable the tests are skipped with a message; with
 * {@code CI=true} a missing variable or an unreachable server fails them.
 */
enum TestDatabase {
    H2(null),
    POSTGRESQL("REGISTRATION_TEST_POSTGRES_URL"),
    MARIADB("REGISTRATION_TEST_MARIADB_URL");

    private final String variable;
    private String h2Url;
    /** Why the server did not answer the first time: later tests skip at once instead of waiting again. */
    private String unreachable;

    TestDatabase(String variable) {
        this.variable = variable;
    }

    /** The JDBC URL, or the test is skipped (or, in CI, failed). */
    synchronized String url() {
        if (variable == null) {
            if (h2Url == null) {
                h2Url = "jdbc:h2:mem:registration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000";
            }
            return h2Url;
        }
        String url = System.getenv(variable);
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (url == null || url.isBlank()) {
            String message = variable + " is not set: the " + this + " tests are skipped"
                    + " (.ci/run sets it; see README.md)";
            if (ci) {
                throw new IllegalStateException(message + ", which CI does not allow");
            }
            System.err.println("[registration-tests] " + message);
            Assumptions.abort(message);
        }
        if (unreachable != null) {
            if (ci) {
                throw new IllegalStateException(unreachable);
            }
            Assumptions.abort(unreachable);
        }
        try (HikariDataSource probe = pool(url, 1, "probe"); Connection c = probe.getConnection()) {
            c.isValid(5);
        } catch (RuntimeException | SQLException e) {
            String message = this + " at " + variable + " does not answer: " + e.getMessage();
            unreachable = message;
            if (ci) {
                throw new IllegalStateException(message, e);
            }
            System.err.println("[registration-tests] " + message + "; skipped");
            Assumptions.abort(message);
        }
        return url;
    }

    HikariDataSource pool(int size, String name) {
        return pool(url(), size, name);
    }

    private static HikariDataSource pool(String url, int size, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(size);
        config.setPoolName("registration-test-" + name);
        config.setConnectionTimeout(30_000);
        config.setInitializationFailTimeout(-1);
        if (url.startsWith("jdbc:postgresql")) {
            config.addDataSourceProperty("ApplicationName", "registration-test");
        }
        return new HikariDataSource(config);
    }

    /** Drops every table whose name starts with the prefix (and the history table of that prefix). */
    static void dropTables(HikariDataSource dataSource, String prefix, String history) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            for (String pattern : List.of(prefix + "%", prefix.toUpperCase(Locale.ROOT) + "%", history,
                    history.toUpperCase(Locale.ROOT))) {
                try (ResultSet rs = meta.getTables(c.getCatalog(), null, pattern, new String[] {"TABLE"})) {
                    while (rs.next()) {
                        String name = rs.getString("TABLE_NAME");
                        if (!tables.contains(name)) {
                            tables.add(name);
                        }
                    }
                }
            }
            for (String table : tables) {
                s.execute("DROP TABLE IF EXISTS " + (meta.getDatabaseProductName().contains("H2")
                        ? "\"" + table + "\"" : table) + " CASCADE");
            }
        }
    }
}
