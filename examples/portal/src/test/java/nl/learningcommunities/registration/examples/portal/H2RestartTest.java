package nl.learningcommunities.registration.examples.portal;

/** Restarts on the embedded default: an H2 file database in a folder of the test's own. */
class H2RestartTest extends RestartContract {

    private final String url = "jdbc:h2:file:" + System.getProperty("java.io.tmpdir") + "/portal-restart-"
            + unique() + "/portal";

    @Override
    String databaseUrl() {
        return url;
    }
}
