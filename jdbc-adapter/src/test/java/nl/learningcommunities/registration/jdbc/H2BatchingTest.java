package nl.learningcommunities.registration.jdbc;

/** Group commit on a hot event on H2, the embedded default. */
class H2BatchingTest extends JdbcBatchingTests {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
