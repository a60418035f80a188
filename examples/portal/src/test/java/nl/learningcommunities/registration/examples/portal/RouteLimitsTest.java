package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.jdbc.JdbcStorage;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.notification.OutboxEntry;

/**
 * The rate limits hold by the route that handles a request, whatever spelling of its address reaches it, for
 * registering and for everything else that sends mail, HTML and API. The portal runs behind a reverse proxy on this
 * machine here, so that each test is a client of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "registration.datasource.url=jdbc:h2:mem:portal-route-limits;DB_CLOSE_DELAY=-1",
        "registration.events.location=target/test-classes/test-events",
        "registration.admin.password=route-wachtwoord",
        "registration.limits.registrations-per-minute=2",
        "registration.limits.mail-actions-per-minute=2",
        "server.forward-headers-strategy=native",
        "server.tomcat.remoteip.internal-proxies=127.0.0.0/8, ::1/128",
        "registration.mail.interval=1h",
        "registration.mail.directory=target/test-mail"})
class RouteLimitsTest {

    private static final String EVENT = "full-meeting";

    @LocalServerPort
    int port;

    @Autowired
    JdbcStorage storage;

    @Autowired
    RegistrationEngine engine;

    @Test
    void an_api_registration_by_any_spelling_of_its_address_is_refused_once_the_bucket_is_empty() {
        Api api = Api.at(port).from("203.0.113.11");
        String family = "Omweg-" + UUID.randomUUID();
        List<Integer> allowed = List.of(api.post("/api/events/" + EVENT + "/registrations", registrant(family)).status(),
                api.post("/api/events/" + EVENT + "/registrations", registrant(family)).status());

        Map<String, Integer> encoded = statuses(List.of("/api/events/" + EVENT + "/registration%73",
                "/api/events/" + EVENT + "/%72egistrations", "/api/events/full-meet%69ng/registrations",
                "/api/%65vents/" + EVENT + "/registrations"), path -> api.post(path, registrant(family)));
        Map<String, Integer> decorated = statuses(List.of(
                "/api/events/" + EVENT + "/registrations;jsessionid=0123456789ABCDEF",
                "/api/events/" + EVENT + "/registrations;x=1", "/api//events/" + EVENT + "/registrations",
                "/api/events/" + EVENT + "/registrations/", "/api/events/" + EVENT + "/./registrations",
                "/API/events/" + EVENT + "/registrations", "/api/events/" + EVENT + "/Registrations"),
                path -> api.post(path, registrant(family)));

        assertThat(allowed).containsExactly(201, 201);
        assertThat(encoded).allSatisfy((path, status) -> assertThat(status).as(path).isEqualTo(429));
        assertThat(decorated).allSatisfy((path, status) -> assertThat(status).as(path).isBetween(400, 499));
        assertThat(registeredAs(family)).hasSize(2);
    }

    @Test
    void an_html_registration_by_any_spelling_of_its_address_is_refused_once_the_bucket_is_empty() {
        FormClient browser = FormClient.at(port).from("203.0.113.12");
        String family = "Formomweg-" + UUID.randomUUID();
        browser.get("/events/" + EVENT + "/register");
        List<Integer> allowed = List.of(browser.post("/events/" + EVENT + "/register", form(family)).status(),
                browser.post("/events/" + EVENT + "/register", form(family)).status());

        Map<String, Integer> encoded = statuses(List.of("/events/" + EVENT + "/registe%72",
                "/events/full-meetin%67/register", "/%65vents/" + EVENT + "/register"),
                path -> browser.post(path, form(family)));
        Map<String, Integer> decorated = statuses(List.of("/events/" + EVENT + "/register;jsessionid=0123456789AB",
                "/events/" + EVENT + "/register;x=1", "//events/" + EVENT + "/register",
                "/events/" + EVENT + "/register/", "/events/" + EVENT + "/./register", "/EVENTS/" + EVENT + "/register",
                "/events/" + EVENT + "/Register"), path -> browser.post(path, form(family)));
        Api.Response limited = browser.post("/events/" + EVENT + "/registe%72", form(family));

        assertThat(allowed).containsExactly(302, 302);
        assertThat(encoded).allSatisfy((path, status) -> assertThat(status).as(path).isEqualTo(429));
        assertThat(decorated).allSatisfy((path, status) -> assertThat(status).as(path).isBetween(400, 499));
        assertThat(limited.text()).contains("Te veel aanmeldingen vanaf je adres");
        assertThat(limited.raw().headers().firstValue("Retry-After")).hasValue("60");
        assertThat(registeredAs(family)).hasSize(2);
    }

    @Test
    void detail_changes_from_the_personal_link_are_limited_and_past_the_limit_send_no_mail() {
        Map<String, Object> body = registrant("Wijziger-" + UUID.randomUUID());
        body.put("email", "wijziger-" + UUID.randomUUID() + "@hu.example.org");
        String id = registered(body, "203.0.113.20", EVENT);
        String token = token(id, NotificationType.WAITLISTED);
        FormClient browser = FormClient.at(port).from("203.0.113.21");
        browser.get("/registrations/" + id + "?token=" + token);

        List<Integer> statuses = List.of(
                browser.post("/registrations/" + id + "/details", details(body, token, "Hogeschool Een")).status(),
                browser.post("/registrations/" + id + "/details", details(body, token, "Hogeschool Twee")).status(),
                browser.post("/registrations/" + id + "/details", details(body, token, "Hogeschool Drie")).status(),
                browser.post("/registrations/" + id + "/detail%73", details(body, token, "Hogeschool Vier")).status());

        assertThat(statuses).containsExactly(302, 302, 429, 429);
        assertThat(mails(id, NotificationType.DETAILS_CHANGED)).hasSize(2);
        assertThat(registration(EVENT, id).participant().organisation()).isEqualTo("Hogeschool Twee");
    }

    @Test
    void verification_requests_are_limited_on_the_api_and_on_the_page() {
        String id = registered(registrant("Bevestiger-" + UUID.randomUUID()), "203.0.113.30", "verified-meeting");
        String token = token(id, NotificationType.VERIFY_EMAIL);
        Api api = Api.at(port).from("203.0.113.31");
        FormClient browser = FormClient.at(port).from("203.0.113.32");
        browser.get("/registrations/" + id + "/verify?token=wrong");

        List<Integer> viaApi = List.of(api.post("/api/registrations/" + id + "/verification?token=wrong").status(),
                api.post("/api/registrations/" + id + "/verification?token=wrong").status(),
                api.post("/api/registrations/" + id + "/verification?token=" + token).status(),
                api.post("/api/registrations/" + id + "/verificatio%6e?token=" + token).status());
        List<Integer> viaPage = List.of(
                browser.post("/registrations/" + id + "/verify", Map.of("token", "wrong")).status(),
                browser.post("/registrations/" + id + "/verify", Map.of("token", "wrong")).status(),
                browser.post("/registrations/" + id + "/verify", Map.of("token", token)).status(),
                browser.post("/registrations/" + id + "/verif%79", Map.of("token", token)).status());

        assertThat(viaApi).containsExactly(404, 404, 429, 429);
        assertThat(viaPage).containsExactly(404, 404, 429, 429);
        assertThat(registration("verified-meeting", id).status()).isEqualTo(RegistrationStatus.PENDING_VERIFICATION);
    }

    @Test
    void the_organisers_resends_are_limited_on_the_api_and_on_the_page() {
        String id = registered(registrant("Herhaald-" + UUID.randomUUID()), "203.0.113.40", EVENT);
        int before = storage.about(UUID.fromString(id)).size();
        Api api = Api.at(port).from("203.0.113.41").as("organisator", "route-wachtwoord");
        FormClient browser = FormClient.at(port).from("203.0.113.42");
        browser.logIn("organisator", "route-wachtwoord", "/organiser/events/" + EVENT);
        Map<String, String> resend = Map.of("eventId", EVENT);

        List<Integer> viaApi = List.of(api.post("/api/admin/registrations/" + id + "/resend").status(),
                api.post("/api/admin/registrations/" + id + "/resend").status(),
                api.post("/api/admin/registrations/" + id + "/resend").status(),
                api.post("/api/admin/registrations/" + id + "/rese%6ed").status());
        List<Integer> viaPage = List.of(browser.post("/organiser/registrations/" + id + "/resend", resend).status(),
                browser.post("/organiser/registrations/" + id + "/resend", resend).status(),
                browser.post("/organiser/registrations/" + id + "/resend", resend).status(),
                browser.post("/organiser/registrations/" + id + "/rese%6ed", resend).status());

        assertThat(viaApi).containsExactly(200, 200, 429, 429);
        assertThat(viaPage).containsExactly(302, 302, 429, 429);
        assertThat(storage.about(UUID.fromString(id))).hasSize(before + 4);
    }

    @Test
    void the_organisers_messages_to_participants_are_limited() {
        Api api = Api.at(port).from("203.0.113.43").as("organisator", "route-wachtwoord");
        Map<String, Object> message = Map.of("audience", "waiting", "subject", Map.of("nl", "Let op"),
                "body", Map.of("nl", "Een bericht."));

        List<Integer> statuses = List.of(api.post("/api/admin/events/" + EVENT + "/messages", message).status(),
                api.post("/api/admin/events/" + EVENT + "/messages", message).status(),
                api.post("/api/admin/events/" + EVENT + "/message%73", message).status());

        assertThat(statuses).containsExactly(202, 202, 429);
    }

    @Test
    void a_configured_proxys_forwarded_client_is_counted_and_not_the_proxy_nor_what_the_client_wrote_before_it() {
        Api first = Api.at(port).from("198.51.100.50");
        String family = "Achterproxy-" + UUID.randomUUID();

        List<Integer> firstClient = List.of(post(first, family), post(first, family), post(first, family));
        int otherClient = post(Api.at(port).from("198.51.100.51"), family);
        List<Integer> prepending = List.of(post(Api.at(port).from("192.0.2.77, 198.51.100.52"), family),
                post(Api.at(port).from("192.0.2.78, 198.51.100.52"), family),
                post(Api.at(port).from("192.0.2.79, 198.51.100.52"), family));

        assertThat(firstClient).containsExactly(201, 201, 429);
        assertThat(otherClient).isEqualTo(201);
        assertThat(prepending).containsExactly(201, 201, 429);
    }

    @Test
    void an_ipv6_client_is_counted_by_its_64_network_so_that_walking_through_it_gives_no_fresh_bucket() {
        String family = "Zesnet-" + UUID.randomUUID();

        List<Integer> sameNetwork = List.of(post(Api.at(port).from("2001:db8:5:6::1"), family),
                post(Api.at(port).from("2001:db8:5:6::2"), family),
                post(Api.at(port).from("2001:db8:5:6:ffff:1:2:3"), family));
        int otherNetwork = post(Api.at(port).from("2001:db8:5:7::1"), family);

        assertThat(sameNetwork).containsExactly(201, 201, 429);
        assertThat(otherNetwork).isEqualTo(201);
    }

    private int post(Api api, String family) {
        return api.post("/api/events/" + EVENT + "/registrations", registrant(family)).status();
    }

    private static Map<String, Integer> statuses(List<String> paths,
                                                 java.util.function.Function<String, Api.Response> send) {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        paths.forEach(path -> statuses.put(path, send.apply(path).status()));
        return statuses;
    }

    private static Map<String, Object> registrant(String family) {
        Map<String, Object> body = ApiContract.registrant("Anna");
        body.put("familyName", family);
        return body;
    }

    private static Map<String, String> form(String family) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("givenName", "Anna");
        form.put("familyName", family);
        form.put("email", "anna-" + UUID.randomUUID() + "@hu.example.org");
        form.put("organisation", "Hogeschool Utrecht");
        form.put("role", "projectleider");
        form.put("sector", "hbo");
        form.put("privacyConsent", "true");
        return form;
    }

    private static Map<String, String> details(Map<String, Object> registered, String token, String organisation) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", token);
        for (String field : List.of("givenName", "familyName", "email", "role", "sector")) {
            form.put(field, String.valueOf(registered.get(field)));
        }
        form.put("organisation", organisation);
        return form;
    }

    private String registered(Map<String, Object> body, String client, String eventId) {
        Api.Response response = Api.at(port).from(client).post("/api/events/" + eventId + "/registrations", body);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().get("registrationId").asString();
    }

    private String token(String id, NotificationType type) {
        return mails(id, type).get(0).notification().token().orElseThrow().secret();
    }

    private List<OutboxEntry> mails(String id, NotificationType type) {
        return storage.about(UUID.fromString(id)).stream().filter(e -> e.notification().type() == type).toList();
    }

    private Registration registration(String eventId, String id) {
        return engine.organising().list(RegistrationQuery.all(eventId)).stream()
                .filter(r -> r.id().toString().equals(id)).findFirst().orElseThrow();
    }

    private List<Registration> registeredAs(String family) {
        return engine.organising().list(RegistrationQuery.all(EVENT)).stream()
                .filter(r -> r.participant().familyName().equals(family)).toList();
    }
}
