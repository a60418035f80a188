package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The portal starts while its identity provider is down, and says so instead of failing: signing in is a 503 page,
 * a bearer call to the admin API a 503 problem, and the public pages work as ever.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "registration.datasource.url=jdbc:h2:mem:portal-sign-on-down;DB_CLOSE_DELAY=-1",
        "registration.events.location=target/test-classes/test-events",
        "registration.mail.interval=1h",
        "registration.mail.directory=target/test-mail",
        "registration.identity.oidc.client-id=registration-portal",
        "registration.identity.oidc.client-secret=geheim"})
class SignOnUnavailableTest {

    @DynamicPropertySource
    static void providerThatIsDown(DynamicPropertyRegistry registry) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String issuer = "http://127.0.0.1:" + port;
        registry.add("registration.identity.oidc.issuer-uri", () -> issuer);
    }

    @LocalServerPort
    int port;

    private Api api;

    @BeforeEach
    void connect() {
        api = Api.at(port);
    }

    @Test
    void signing_in_while_the_provider_is_down_is_a_503_page_in_the_visitors_language() {
        Api.Response signIn = api.page(SecurityConfiguration.SIGN_IN);

        assertThat(signIn.status()).isEqualTo(503);
        assertThat(signIn.contentType()).startsWith("text/html");
        assertThat(signIn.text()).contains("Inloggen lukt nu niet").doesNotContain("Exception");
    }

    @Test
    void a_bearer_call_while_the_provider_is_down_is_a_503_problem_not_a_500() {
        Api.Response call = api.bearer("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")
                .get("/api/admin/events/capacity-meeting/registrations");

        assertThat(call.status()).as(call.text()).isEqualTo(503);
        assertThat(ApiContract.codes(call)).containsExactly("signin.unavailable");
    }

    @Test
    void the_public_pages_and_the_header_sign_in_link_work_while_the_provider_is_down() {
        Api.Response home = api.page("/");
        Api.Response organiser = api.page("/organiser");

        assertThat(home.status()).isEqualTo(200);
        assertThat(home.text()).contains("href=\"/signin?return=/\"").contains("Inloggen");
        assertThat(organiser.status()).isEqualTo(302);
        assertThat(organiser.raw().headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith(SecurityConfiguration.SIGN_IN));
    }
}
