package nl.learningcommunities.registration.examples.portal;

import static nl.learningcommunities.registration.examples.idp.TestIdentityProvider.ADAM;
import static nl.learningcommunities.registration.examples.idp.TestIdentityProvider.ADMIN_GROUP;
import static nl.learningcommunities.registration.examples.idp.TestIdentityProvider.OLGA;
import static nl.learningcommunities.registration.examples.idp.TestIdentityProvider.ORGANISER_GROUP;
import static nl.learningcommunities.registration.examples.idp.TestIdentityProvider.WEB_CLIENT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import nl.learningcommunities.registration.examples.idp.TestIdentityProvider;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin API behind a real OpenID Connect provider (Spring Authorization Server, in-process): access tokens
 * obtained with real client_credentials requests, checked by the portal for signature, issuer and audience; the
 * provider's groups decide who is an administrator; an organiser named on event A manages A and gets 403 on
 * everything of event B. No mocked authentication anywhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "registration.datasource.url=jdbc:h2:mem:portal-sign-on-api;DB_CLOSE_DELAY=-1",
        "registration.events.location=target/test-classes/test-events",
        "registration.limits.registrations-per-minute=100000",
        "registration.mail.interval=1h",
        "registration.mail.directory=target/test-mail",
        "registration.identity.admin-group=" + ADMIN_GROUP,
        "registration.identity.organiser-group=" + ORGANISER_GROUP})
class SignOnApiTest {

    static final TestIdentityProvider IDP = TestIdentityProvider.start();
    static final TestIdentityProvider OTHER_PROVIDER = TestIdentityProvider.start();

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        IDP.portalProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @AfterAll
    static void stopProviders() {
        IDP.close();
        OTHER_PROVIDER.close();
    }

    @LocalServerPort
    int port;

    private Api api;
    private Api admin;
    private Api olga;

    @BeforeEach
    void connect() {
        api = Api.at(port);
        admin = api.bearer(IDP.accessToken(WEB_CLIENT_ID, claimsOf(ADAM.email(), ADMIN_GROUP, ORGANISER_GROUP)));
        olga = api.bearer(IDP.accessToken(WEB_CLIENT_ID, claimsOf(OLGA.email(), ORGANISER_GROUP)));
    }

    @Test
    void an_admin_creates_events_with_a_bearer_token_and_an_organiser_manages_only_the_event_that_names_her() {
        String eventA = created("olgas-event", List.of(OLGA.email()));
        String eventB = created("someone-elses-event", List.of());
        String registrationA = registered(eventA, "Fenna");
        String registrationB = registered(eventB, "Gijs");

        assertThat(olga.get("/api/admin/events/" + eventA + "/registrations").status()).isEqualTo(200);
        assertThat(olga.get("/api/admin/events/" + eventA + "/registrations.csv").text()).contains("Fenna");
        Api.Response resized = olga.put("/api/admin/events/" + eventA + "/capacity", Map.of("capacity", 20));
        assertThat(resized.status()).as(resized.text()).isEqualTo(200);
        Api.Response attended = olga.post("/api/admin/registrations/" + registrationA + "/attendance",
                Map.of("attendance", "attended"));
        assertThat(attended.status()).as(attended.text()).isEqualTo(200);

        List<Api.Response> onB = List.of(
                olga.get("/api/admin/events/" + eventB),
                olga.get("/api/admin/events/" + eventB + "/registrations"),
                olga.get("/api/admin/events/" + eventB + "/registrations?q=Gijs"),
                olga.get("/api/admin/events/" + eventB + "/registrations.csv"),
                olga.get("/api/admin/events/" + eventB + "/registrations.xlsx"),
                olga.get("/api/admin/events/" + eventB + "/history"),
                olga.get("/api/admin/events/" + eventB + "/messages/audience?audience=ALL"),
                olga.put("/api/admin/events/" + eventB + "/capacity", Map.of("capacity", 1)),
                olga.post("/api/admin/events/" + eventB + "/close"),
                olga.post("/api/admin/registrations/" + registrationB + "/move-to-waiting-list"),
                olga.post("/api/admin/registrations/" + registrationB + "/attendance", Map.of("attendance", "attended")),
                olga.post("/api/admin/events", definition("olga-tries-" + RestartContract.unique(), List.of())));
        assertThat(onB).allSatisfy(response -> {
            assertThat(response.status()).as(response.text()).isEqualTo(403);
            assertThat(response.text()).doesNotContain("Gijs");
        });
        assertThat(admin.get("/api/admin/events/" + eventB + "/registrations").json().get(0).get("status").asString())
                .isEqualTo("CONFIRMED");
        assertThat(admin.get("/api/admin/events/" + eventB).json().get("event").get("status").asString())
                .isEqualTo("OPEN");
    }

    @Test
    void a_token_from_another_issuer_or_for_another_audience_is_401_and_the_same_call_with_the_right_one_is_200() {
        String path = "/api/admin/events/capacity-meeting/registrations";
        Map<String, Object> adminClaims = claimsOf(ADAM.email(), ADMIN_GROUP);

        Api.Response right = admin.get(path);
        Api.Response otherIssuer = api.bearer(OTHER_PROVIDER.accessToken(WEB_CLIENT_ID, adminClaims)).get(path);
        Api.Response otherAudience = api.bearer(IDP.accessToken("another-application", adminClaims)).get(path);
        Api.Response garbage = api.bearer("not.a.jwt").get(path);
        Api.Response none = api.get(path);

        assertThat(right.status()).isEqualTo(200);
        for (Api.Response refused : List.of(otherIssuer, otherAudience, garbage)) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(ApiContract.codes(refused)).containsExactly("auth.invalid-token");
            assertThat(refused.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer"));
        }
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.raw().headers().allValues("WWW-Authenticate"))
                .noneSatisfy(value -> assertThat(value).startsWithIgnoringCase("Basic"));
    }

    @Test
    void the_demo_login_does_not_exist_once_a_provider_is_configured() {
        Api.Response basic = api.as("organisator", "organisator").get("/api/admin/events/capacity-meeting/registrations");
        Api.Response page = api.page("/organiser/login");

        assertThat(basic.status()).isEqualTo(401);
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.raw().headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith(SecurityConfiguration.SIGN_IN));
    }

    private static Map<String, Object> claimsOf(String email, String... groups) {
        return Map.of("email", email, "edumember_is_member_of", List.of(groups));
    }

    private ObjectNode definition(String id, List<String> organisers) {
        ObjectNode event = (ObjectNode) admin.get("/api/admin/events/capacity-meeting").json().get("event");
        event.put("id", id);
        event.put("capacity", 10);
        event.put("waitingList", true);
        event.remove("status");
        event.remove("cancellationReason");
        ObjectNode access = event.putObject("organiserAccess");
        ArrayNode emails = access.putArray("emails");
        organisers.forEach(emails::add);
        access.putArray("groups");
        return event;
    }

    private String created(String prefix, List<String> organisers) {
        String id = prefix + "-" + RestartContract.unique();
        Api.Response response = admin.post("/api/admin/events", definition(id, organisers));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return id;
    }

    private String registered(String eventId, String name) {
        Api.Response response = api.post("/api/events/" + eventId + "/registrations", ApiContract.registrant(name));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().get("registrationId").asString();
    }
}
