package nl.learningcommunities.registration.jdbc;

import java.sql.SQLException;
import java.util.Optional;

import com.zaxxer.hikari.HikariDataSource;

/** The JDBC store on H2, the embedded default. */
class H2StoreTest extends JdbcStoreTests {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }

    @Override
    int killConnections(HikariDataSource admin) throws SQLException {
        throw new UnsupportedOperationException(cannotKillConnections().orElseThrow());
    }

    @Override
    Optional<String> cannotKillConnections() {
        return Optional.of("embedded H2 has no server connections to end; the closed-pool test covers H2");
    }
}
