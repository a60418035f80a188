package nl.learningcommunities.registration.examples.portal;

import org.springframework.test.context.TestPropertySource;

/** The JSON API on the embedded default, an H2 database (in memory here). */
@TestPropertySource(properties = "registration.datasource.url=jdbc:h2:mem:portal-api;DB_CLOSE_DELAY=-1")
class H2ApiTest extends EventApiContract {
}
