package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.learningcommunities.registration.jdbc.JdbcStorage;

/** What a public form needs: capped bodies, a per-client rate limit, CSRF on HTML forms, security headers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "registration.datasource.url=jdbc:h2:mem:portal-limits;DB_CLOSE_DELAY=-1",
        "registration.events.location=target/test-classes/test-events",
        "registration.admin.password=limits-wachtwoord",
        "registration.limits.registrations-per-minute=3",
        "server.forward-headers-strategy=native",
        "server.tomcat.remoteip.internal-proxies=127.0.0.0/8, ::1/128",
        "registration.mail.interval=1h",
        "registration.mail.directory=target/test-mail"})
class PublicFormLimitsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcStorage storage;

    @Test
    void a_client_past_its_registrations_per_minute_gets_429_with_retry_after() {
        Api api = Api.at(port).from("203.0.113.7");

        List<Integer> statuses = IntStream.range(0, 5).mapToObj(i -> api.post(
                "/api/events/full-meeting/registrations", ApiContract.registrant("Snel" + i)).status()).toList();
        Api.Response limited = api.post("/api/events/full-meeting/registrations", ApiContract.registrant("Laat"));

        assertThat(statuses).containsExactly(201, 201, 201, 429, 429);
        assertThat(limited.raw().headers().firstValue("Retry-After")).hasValue("60");
        assertThat(ApiContract.codes(limited)).containsExactly("request.too-many");
        assertThat(api.get("/api/events").status()).isEqualTo(200);
        assertThat(Api.at(port).from("198.51.100.9").post("/api/events/full-meeting/registrations",
                ApiContract.registrant("Ander")).status()).isEqualTo(201);
    }

    @Test
    void a_body_over_64_kilobytes_is_refused_with_413_before_it_is_read() {
        Map<String, Object> body = ApiContract.registrant("Groot");
        body.put("organisation", "x".repeat(70_000));

        Api.Response response = Api.at(port).post("/api/events/open-meeting/registrations", body);

        assertThat(response.status()).isEqualTo(413);
        assertThat(ApiContract.codes(response)).containsExactly("request.too-large");
    }

    @Test
    void a_body_sent_without_a_length_is_read_no_further_than_the_cap() {
        Map<String, Object> body = ApiContract.registrant("Stroom");
        body.put("organisation", "x".repeat(70_000));

        Api.Response response = Api.at(port).postStreamed("/api/events/open-meeting/registrations",
                Api.JSON.writeValueAsString(body));

        assertThat(response.status()).isEqualTo(400);
        assertThat(ApiContract.codes(response)).containsExactly("request.malformed");
    }

    @Test
    void an_html_form_post_without_its_csrf_token_is_refused() {
        Api.Response response = Api.at(port).postForm("/events/open-meeting/register",
                "givenName=Anna&familyName=Jansen&email=anna%40hu.example.org");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.text()).doesNotContain("Exception", "at org.");
    }

    @Test
    void pages_carry_security_headers_and_an_unknown_page_is_a_friendly_404() {
        Api.Response page = Api.at(port).page("/events/open-meeting");
        Api.Response missing = Api.at(port).page("/events/no-such-meeting");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));
        assertThat(page.raw().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.raw().headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.raw().headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text()).contains("Pagina niet gevonden").doesNotContain("Exception", "Whitelabel");
    }

    @Test
    void the_form_offers_an_events_sessions_and_asks_its_questions_in_both_languages() {
        Api.Response dutch = Api.at(port).page("/events/open-meeting/register");
        Api.Response english = Api.at(port).inLanguage("en").page("/events/open-meeting/register");

        assertThat(dutch.status()).isEqualTo(200);
        assertThat(dutch.text()).contains("Ochtendsessie", "Neem je deel als bestuurlijk vertegenwoordiger?",
                "name=\"_csrf\"", "<html lang=\"nl\"");
        assertThat(english.text()).contains("Morning session", "Are you taking part as a board representative?",
                "<html lang=\"en\"");
    }

    @Test
    void the_manage_page_shows_the_sessions_chosen_and_the_verify_page_asks_for_a_click() {
        Map<String, Object> body = ApiContract.registrant("Sessie");
        body.put("sessionIds", List.of("ochtend"));
        body.put("answers", Map.of("board-representative", true));
        Api.Response created = Api.at(port).inLanguage("nl").post("/api/events/open-meeting/registrations", body);
        String id = created.json().get("registrationId").asString();
        String token = storage.about(UUID.fromString(id)).stream()
                .filter(e -> e.notification().token().isPresent()).findFirst().orElseThrow()
                .notification().token().orElseThrow().secret();

        Api.Response manage = Api.at(port).page("/registrations/" + id + "?token=" + token);
        Api.Response verify = Api.at(port).page("/registrations/" + id + "/verify?token=" + token);
        Api.Response wrong = Api.at(port).page("/registrations/" + id + "?token=wrong");

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(manage.status()).isEqualTo(200);
        assertThat(manage.text()).contains("Ochtendsessie", "checked", "Mijn aanmelding annuleren");
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.text()).contains("Mijn adres bevestigen");
        assertThat(wrong.status()).isEqualTo(404);
    }
}
