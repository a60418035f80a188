package nl.learningcommunities.registration.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import com.zaxxer.hikari.HikariDataSource;

/** The JDBC store on PostgreSQL ({@code REGISTRATION_TEST_POSTGRES_URL}). */
class PostgresStoreTest extends JdbcStoreTests {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }

    @Override
    int killConnections(HikariDataSource admin) throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            try (var rs = s.executeQuery("SELECT COUNT(*) FILTER (WHERE pg_terminate_backend(pid))"
                    + " FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND application_name = 'registration-test' AND pid <> pg_backend_pid()")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
