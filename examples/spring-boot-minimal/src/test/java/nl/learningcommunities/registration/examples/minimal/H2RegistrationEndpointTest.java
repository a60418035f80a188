package nl.learningcommunities.registration.examples.minimal;

import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The minimal application on an H2 database in memory, fresh for each run. */
class H2RegistrationEndpointTest extends RegistrationEndpointContract {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url",
                () -> "jdbc:h2:mem:minimal-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
}
