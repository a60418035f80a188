package nl.learningcommunities.registration.examples.minimal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The minimal application on PostgreSQL ({@code REGISTRATION_TEST_POSTGRES_URL}, user and password inside the
 * URL), in a schema of its own that each run starts afresh. Without the variable it is skipped with a message;
 * with {@code CI=true} a missing variable or a server that does not answer fails it instead.
 */
class PostgresRegistrationEndpointTest extends RegistrationEndpointContract {

    private static final String VARIABLE = "REGISTRATION_TEST_POSTGRES_URL";
    private static final String URL = System.getenv(VARIABLE);
    private static final String SCHEMA = "spring_boot_minimal_test";
    private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

    @BeforeAll
    static void freshSchema() {
        if (URL == null || URL.isBlank()) {
            skip(VARIABLE + " is not set (.ci/run sets it; see README.md)", null);
        }
        try (Connection connection = DriverManager.getConnection(URL);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            statement.execute("CREATE SCHEMA " + SCHEMA);
        } catch (SQLException e) {
            skip("PostgreSQL at " + VARIABLE + " does not answer: " + e.getMessage(), e);
        }
    }

    private static void skip(String message, Exception cause) {
        if (CI) {
            throw new IllegalStateException(message + "; with CI=true the PostgreSQL test must run", cause);
        }
        System.err.println("[registration-tests] " + message + ": the PostgreSQL test is skipped");
        Assumptions.abort(message + ": the PostgreSQL test is skipped");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        if (URL != null && !URL.isBlank()) {
            registry.add("spring.datasource.url",
                    () -> URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
        }
    }
}
