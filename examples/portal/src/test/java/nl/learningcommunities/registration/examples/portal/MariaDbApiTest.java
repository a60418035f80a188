package nl.learningcommunities.registration.examples.portal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The JSON API on MariaDB, by URL alone, in a database of its own that each run starts afresh. Runs where
 * {@code REGISTRATION_TEST_MARIADB_URL} is set (CI sets it); skipped elsewhere, saying why on standard error
 * ({@link TestDatabaseUrl}).
 */
class MariaDbApiTest extends EventApiContract {

    private static final String URL = System.getenv("REGISTRATION_TEST_MARIADB_URL");
    private static final String DATABASE = "portal_api_test";

    @BeforeAll
    static void needsMariaDb() {
        TestDatabaseUrl.of("REGISTRATION_TEST_MARIADB_URL", "MariaDB", "MariaDbApiTest");
    }

    @DynamicPropertySource
    static void mariadb(DynamicPropertyRegistry registry) throws SQLException {
        if (URL == null || URL.isBlank()) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(URL); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            statement.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4");
        }
        // jdbc:mariadb://host:port/database?options: the same server, another database
        String own = URL.replaceFirst("^(jdbc:mariadb://[^/?]+)/[^?]*", "$1/" + DATABASE);
        registry.add("registration.datasource.url", () -> own);
    }
}
