package nl.learningcommunities.registration.examples.portal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The JSON API on PostgreSQL, in a schema of its own that each run starts afresh. Runs where
 * {@code REGISTRATION_TEST_POSTGRES_URL} is set (CI sets it); skipped elsewhere, saying why on standard error
 * ({@link TestDatabaseUrl}).
 */
class PostgresApiTest extends EventApiContract {

    private static final String URL = System.getenv("REGISTRATION_TEST_POSTGRES_URL");
    private static final String SCHEMA = "portal_api_test";

    @BeforeAll
    static void needsPostgres() {
        TestDatabaseUrl.of("REGISTRATION_TEST_POSTGRES_URL", "PostgreSQL", "PostgresApiTest");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws SQLException {
        if (URL == null || URL.isBlank()) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(URL); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            statement.execute("CREATE SCHEMA " + SCHEMA);
        }
        registry.add("registration.datasource.url", () -> URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
    }
}
