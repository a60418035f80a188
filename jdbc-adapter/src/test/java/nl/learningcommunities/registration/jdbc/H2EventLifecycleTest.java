package nl.learningcommunities.registration.jdbc;

/** The event lifecycle on H2, the embedded default. */
class H2EventLifecycleTest extends JdbcEventLifecycleTests {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
