package nl.learningcommunities.registration.jdbc;

/** The event lifecycle on PostgreSQL ({@code REGISTRATION_TEST_POSTGRES_URL}; skipped with a message without it). */
class PostgresEventLifecycleTest extends JdbcEventLifecycleTests {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
