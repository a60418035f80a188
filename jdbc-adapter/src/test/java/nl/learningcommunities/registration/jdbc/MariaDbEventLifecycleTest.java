package nl.learningcommunities.registration.jdbc;

/** The event lifecycle on MariaDB ({@code REGISTRATION_TEST_MARIADB_URL}; skipped with a message without it). */
class MariaDbEventLifecycleTest extends JdbcEventLifecycleTests {

    @Override
    TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
