package nl.learningcommunities.registration.jdbc;

/** Group commit on a hot event on MariaDB ({@code REGISTRATION_TEST_MARIADB_URL}, or skipped with a message). */
class MariaDbBatchingTest extends JdbcBatchingTests {

    @Override
    TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
