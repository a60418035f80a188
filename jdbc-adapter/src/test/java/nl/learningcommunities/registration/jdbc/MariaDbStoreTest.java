package nl.learningcommunities.registration.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;

/** The JDBC store on MariaDB ({@code REGISTRATION_TEST_MARIADB_URL}). */
class MariaDbStoreTest extends JdbcStoreTests {

    @Override
    TestDatabase database() {
        return TestDatabase.MARIADB;
    }

    @Override
    int killConnections(HikariDataSource admin) throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT id FROM information_schema.processlist"
                    + " WHERE db = DATABASE() AND id <> CONNECTION_ID()")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            int killed = 0;
            for (long id : ids) {
                try {
                    s.execute("KILL CONNECTION " + id);
                    killed++;
                } catch (SQLException gone) {
                    // the connection ended on its own meanwhile
                }
            }
            return killed;
        }
    }
}
