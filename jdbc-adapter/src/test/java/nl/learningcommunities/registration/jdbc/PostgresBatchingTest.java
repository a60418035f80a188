package nl.learningcommunities.registration.jdbc;

/** Group commit on a hot event on PostgreSQL ({@code REGISTRATION_TEST_POSTGRES_URL}, or skipped with a message). */
class PostgresBatchingTest extends JdbcBatchingTests {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
