package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.jdbc.JdbcStorage;

/**
 * Input is taken as it is written, over HTTP on the running portal: consent is JSON {@code true} and nothing else,
 * text is text, a language is one the portal speaks, and text that is not well-formed Unicode is refused — each
 * with a 422 naming the field, a stable code and a message in the request's language, and nothing stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "registration.datasource.url=jdbc:h2:mem:portal-strict-input;DB_CLOSE_DELAY=-1",
        "registration.events.location=target/test-classes/test-events",
        "registration.admin.username=organisator",
        "registration.admin.password=strikt-wachtwoord",
        "registration.limits.registrations-per-minute=100000",
        "registration.mail.interval=1h",
        "registration.mail.directory=target/test-mail"})
class StrictInputApiTest {

    private static final String REGISTRATIONS = "/api/events/open-meeting/registrations";

    @LocalServerPort
    int port;

    @Autowired
    JdbcStorage storage;

    Api api;
    Api organiser;

    @BeforeEach
    void connect() {
        api = Api.at(port);
        organiser = api.as("organisator", "strikt-wachtwoord");
    }

    /** A valid registration body as JSON text, with one more member written raw. */
    private static String body(String email, String field, String rawJson) {
        Map<String, Object> body = registrant(email);
        body.remove(field);
        String json = Api.JSON.writeValueAsString(body);
        return json.substring(0, json.length() - 1) + ", \"" + field + "\": " + rawJson + "}";
    }

    private static Map<String, Object> registrant(String email) {
        Map<String, Object> body = ApiContract.registrant("Anna");
        body.put("email", email);
        body.put("answers", Map.of("board-representative", false));
        return body;
    }

    private static String address() {
        return "strikt-" + UUID.randomUUID() + "@hu.example.org";
    }

    private List<Registration> stored(String email) {
        return storage.list(RegistrationQuery.all("open-meeting")).stream()
                .filter(r -> r.participant().email().value().equals(email)).toList();
    }

    private static List<String> errors(Api.Response response) {
        assertThat(response.contentType()).startsWith("application/problem+json");
        return response.json().get("errors").valueStream()
                .map(e -> e.get("field").asString() + ":" + e.get("code").asString()).toList();
    }

    @ParameterizedTest(name = "privacyConsent: {0} is no consent")
    @ValueSource(strings = {"1", "\"true\"", "\"yes\"", "\"ja\"", "0"})
    void consent_is_json_true_and_nothing_else_so_another_value_is_422_naming_privacy_consent(String consent) {
        String email = address();

        Api.Response response = api.post(REGISTRATIONS, body(email, "privacyConsent", consent));

        assertThat(response.status()).as(response.text()).isEqualTo(422);
        assertThat(errors(response)).containsExactly("privacyConsent:field.not-boolean");
        assertThat(stored(email)).isEmpty();
    }

    @Test
    void consent_given_as_json_true_registers() {
        String email = address();

        Api.Response response = api.post(REGISTRATIONS, body(email, "privacyConsent", "true"));

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(stored(email)).hasSize(1);
    }

    @Test
    void the_error_for_a_value_of_the_wrong_kind_speaks_the_requests_language() {
        Api.Response dutch = api.post(REGISTRATIONS, body(address(), "privacyConsent", "1"));
        Api.Response english = api.inLanguage("en").post(REGISTRATIONS, body(address(), "privacyConsent", "1"));

        assertThat(dutch.json().get("status").asInt()).isEqualTo(422);
        assertThat(dutch.json().get("detail").asString()).isEqualTo("Dit veld verwacht true of false.");
        assertThat(dutch.json().get("errors").get(0).get("message").asString())
                .isEqualTo("Dit veld verwacht true of false.");
        assertThat(english.json().get("errors").get(0).get("message").asString())
                .isEqualTo("This field takes true or false.");
        assertThat(dutch.text()).doesNotContain("Exception", "tools.jackson", "RegistrationRequest");
    }

    @Test
    void the_422_keeps_the_apis_problem_details_with_field_code_and_message() {
        Api.Response consent = api.post(REGISTRATIONS, body(address(), "privacyConsent", "1"));
        Api.Response surrogate = api.post(REGISTRATIONS, body(address(), "givenName", "\"Anna\\ud800\""));

        assertThat(consent.contentType()).startsWith("application/problem+json");
        assertThat(consent.text()).isEqualTo("{\"detail\":\"Dit veld verwacht true of false.\","
                + "\"instance\":\"/api/events/open-meeting/registrations\",\"status\":422,"
                + "\"title\":\"Kan niet worden verwerkt\",\"errors\":[{\"field\":\"privacyConsent\","
                + "\"code\":\"field.not-boolean\",\"message\":\"Dit veld verwacht true of false.\"}]}");
        assertThat(surrogate.text()).isEqualTo("{\"detail\":\"Dit veld bevat tekens die geen geldige tekst zijn "
                + "(een verminkte codering, zoals een half emoji-teken); typ het opnieuw.\","
                + "\"instance\":\"/api/events/open-meeting/registrations\",\"status\":422,"
                + "\"title\":\"Kan niet worden verwerkt\",\"errors\":[{\"field\":\"givenName\","
                + "\"code\":\"field.malformed-unicode\",\"message\":\"Dit veld bevat tekens die geen geldige tekst "
                + "zijn (een verminkte codering, zoals een half emoji-teken); typ het opnieuw.\"}]}");
    }

    @ParameterizedTest(name = "{0}: {1} is not text")
    @CsvSource(delimiter = '|', value = {
            "givenName    | 42",
            "familyName   | true",
            "organisation | {\"name\": \"Hogeschool Utrecht\"}",
            "role         | [\"projectleider\"]",
            "email        | 12.5",
            "locale       | 1",
            "invitationCode | 1234"})
    void a_number_a_boolean_or_an_object_where_text_belongs_is_422_naming_the_field_and_never_coerced(
            String field, String value) {
        String email = address();

        Api.Response response = api.post(REGISTRATIONS, body(email, field, value));

        assertThat(response.status()).as(response.text()).isEqualTo(422);
        assertThat(errors(response)).containsExactly(field + ":field.not-text");
        assertThat(stored(email)).isEmpty();
    }

    @Test
    void a_number_in_the_list_of_sessions_is_422_naming_its_place() {
        String email = address();

        Api.Response response = api.post(REGISTRATIONS, body(email, "sessionIds", "[\"ochtend\", 7]"));

        assertThat(response.status()).as(response.text()).isEqualTo(422);
        assertThat(errors(response)).containsExactly("sessionIds[1]:field.not-text");
        assertThat(stored(email)).isEmpty();
    }

    @ParameterizedTest(name = "locale {0} is not a language the portal speaks")
    @ValueSource(strings = {"de", "fr-BE", "xx", "english", "en_GB", "nl-"})
    void an_unknown_locale_is_422_on_locale_and_never_becomes_english(String locale) {
        String email = address();
        Map<String, Object> body = registrant(email);
        body.put("locale", locale);

        Api.Response dutch = api.post(REGISTRATIONS, body);
        Api.Response english = api.inLanguage("en").post(REGISTRATIONS, body);

        assertThat(dutch.status()).as(dutch.text()).isEqualTo(422);
        assertThat(errors(dutch)).containsExactly("locale:locale.unsupported");
        assertThat(dutch.json().get("errors").get(0).get("message").asString())
                .isEqualTo("Kies de taal nl (Nederlands) of en (Engels).");
        assertThat(english.json().get("errors").get(0).get("message").asString())
                .isEqualTo("Choose the language nl (Dutch) or en (English).");
        assertThat(stored(email)).isEmpty();
    }

    @ParameterizedTest(name = "locale {0} is {1}")
    @CsvSource({"nl, nl", "en, en", "en-GB, en", "NL-be, nl", "'', nl"})
    void a_locale_the_portal_speaks_in_any_region_or_none_at_all_registers_in_that_language(String locale,
                                                                                            String stored) {
        String email = address();
        Map<String, Object> body = registrant(email);
        body.put("locale", locale);

        Api.Response response = api.post(REGISTRATIONS, body);

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(stored(email)).singleElement()
                .satisfies(r -> assertThat(r.participant().locale().toLanguageTag()).isEqualTo(stored));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "givenName                        | givenName                        | \"Anna\\ud800\"",
            "familyName                       | familyName                       | \"\\udc00Jansen\"",
            "organisation                     | organisation                     | \"Hogeschool \\ud83d\\ud83d\"",
            "email                            | email                            | \"anna\\ud800@hu.example.org\"",
            "answers                          | answers.learning-community       | {\"board-representative\": false, \"learning-community\": \"Zorg\\ud800\"}",
            "invitationCode                   | invitationCode                   | \"CODE\\udfff\""})
    void a_lone_surrogate_escaped_in_json_is_422_naming_the_field_and_nothing_is_stored(String member,
                                                                                       String field, String value) {
        int before = storage.list(RegistrationQuery.all("open-meeting")).size();

        Api.Response response = api.post(REGISTRATIONS, body(address(), member, value));

        assertThat(response.status()).as(response.text()).isEqualTo(422);
        assertThat(errors(response)).containsExactly(field + ":field.malformed-unicode");
        assertThat(response.json().get("errors").get(0).get("message").asString())
                .startsWith("Dit veld bevat tekens die geen geldige tekst zijn");
        assertThat(storage.list(RegistrationQuery.all("open-meeting"))).hasSize(before);
    }

    @Test
    void an_escaped_surrogate_pair_is_one_character_and_is_registered_as_typed() {
        String email = address();

        Api.Response response = api.post(REGISTRATIONS, body(email, "givenName", "\"Zo\\u00eb \\ud83c\\udf89\""));

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(stored(email)).singleElement()
                .satisfies(r -> assertThat(r.participant().givenName()).isEqualTo("Zoë 🎉"));
    }

    @Test
    void a_lone_surrogate_in_a_form_post_is_refused_on_the_page_and_nothing_is_stored() throws Exception {
        Browser browser = new Browser(port);
        String email = address();
        String csrf = Browser.csrf(browser.get("/events/open-meeting/register"));
        String rest = "&familyName=Jansen&email=" + email.replace("@", "%40")
                + "&organisation=Hogeschool+Utrecht&role=projectleider&sector=hbo"
                + "&answer.board-representative=no&privacyConsent=true";

        // A browser sends a lone surrogate typed into a field as U+FFFD, the replacement character.
        HttpResponse<String> replaced = browser.post("/events/open-meeting/register",
                "_csrf=" + csrf + "&givenName=Anna%EF%BF%BD" + rest);
        // A client that encodes U+D800 itself sends bytes that are no UTF-8.
        HttpResponse<String> raw = browser.post("/events/open-meeting/register",
                "_csrf=" + csrf + "&givenName=Anna%ED%A0%80" + rest);

        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(replaced.body()).contains("Dit veld bevat tekens die geen geldige tekst zijn")
                .contains("aria-invalid=\"true\"");
        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(stored(email)).isEmpty();
    }

    @Test
    void the_organiser_api_takes_no_text_for_a_number_and_no_number_for_a_text() {
        String id = created();
        Api.Response capacity = organiser.put("/api/admin/events/" + id + "/capacity", Map.of("capacity", "12"));
        Api.Response fraction = organiser.put("/api/admin/events/" + id + "/capacity", Map.of("capacity", 12.5));
        Api.Response subject = organiser.post("/api/admin/events/" + id + "/messages",
                "{\"audience\": \"confirmed\", \"subject\": {\"nl\": 5}, \"body\": {\"nl\": \"Tekst\"}}");
        Api.Response reason = organiser.post("/api/admin/events/" + id + "/cancel", "{\"reason\": 42}");
        Api.Response attendance = organiser.post("/api/admin/registrations/" + UUID.randomUUID() + "/attendance",
                "{\"attendance\": true}");

        assertThat(capacity.status()).as(capacity.text()).isEqualTo(422);
        assertThat(errors(capacity)).containsExactly("capacity:field.not-number");
        assertThat(errors(fraction)).containsExactly("capacity:field.not-number");
        assertThat(errors(subject)).containsExactly("subject.nl:field.not-text");
        assertThat(errors(reason)).containsExactly("reason:field.not-text");
        assertThat(errors(attendance)).containsExactly("attendance:field.not-text");
        JsonNode unchanged = organiser.get("/api/admin/events/" + id).json();
        assertThat(unchanged.get("status").asString()).isEqualTo("open");
        assertThat(unchanged.get("event").get("capacity").asInt()).isEqualTo(5);
    }

    @Test
    void the_organiser_api_refuses_a_lone_surrogate_in_a_message_and_a_cancellation_reason() {
        String id = created();
        Api.Response message = organiser.post("/api/admin/events/" + id + "/messages",
                "{\"audience\": \"confirmed\", \"subject\": {\"nl\": \"Let op\\ud800\"}, \"body\": {\"nl\": \"Tekst\"}}");
        Api.Response cancel = organiser.post("/api/admin/events/" + id + "/cancel",
                "{\"reason\": \"Zaal \\udc00 afgezegd\"}");

        assertThat(message.status()).as(message.text()).isEqualTo(422);
        assertThat(errors(message)).containsExactly("subject:field.malformed-unicode");
        assertThat(cancel.status()).as(cancel.text()).isEqualTo(422);
        assertThat(errors(cancel)).containsExactly("reason:field.malformed-unicode");
        assertThat(organiser.get("/api/admin/events/" + id).json().get("status").asString()).isEqualTo("open");
    }

    @Test
    void an_event_definition_is_read_as_written_and_a_lone_surrogate_in_it_is_refused() {
        ObjectNode coerced = definition("strikt-" + RestartContract.unique());
        coerced.put("waitingList", 1);
        ObjectNode quoted = definition("strikt-" + RestartContract.unique());
        quoted.put("capacity", "12");
        String id = "strikt-" + RestartContract.unique();
        String malformed = Api.JSON.writeValueAsString(definition(id))
                .replace("\"Bijeenkomst voor capaciteit\"", "\"Bijeenkomst\\ud800\"");

        Api.Response one = organiser.post("/api/admin/events", coerced);
        Api.Response twelve = organiser.post("/api/admin/events", quoted);
        Api.Response surrogate = organiser.post("/api/admin/events", malformed);

        assertThat(one.status()).as(one.text()).isEqualTo(422);
        assertThat(errors(one)).containsExactly("waitingList:field.not-boolean");
        assertThat(errors(twelve)).containsExactly("capacity:field.not-number");
        assertThat(malformed).contains("\\ud800");
        assertThat(surrogate.status()).as(surrogate.text()).isEqualTo(422);
        assertThat(errors(surrogate)).containsExactly("title:field.malformed-unicode");
        assertThat(organiser.get("/api/admin/events/" + id).status()).isEqualTo(404);
    }

    /** A new event of its own, a copy of the capacity meeting, so that what a test does touches no other. */
    private String created() {
        String id = "strikt-" + RestartContract.unique();
        Api.Response response = organiser.post("/api/admin/events", definition(id));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return id;
    }

    private ObjectNode definition(String id) {
        JsonNode read = organiser.get("/api/admin/events/capacity-meeting").json().get("event");
        ObjectNode event = (ObjectNode) read;
        event.put("id", id);
        event.remove("status");
        event.remove("cancellationReason");
        return event;
    }

    /** A browser's session: cookies kept, as the HTML forms want for their CSRF token. */
    private static final class Browser {
        private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        private final String base;

        Browser(int port) {
            this.base = "http://localhost:" + port;
        }

        static String csrf(String page) {
            Matcher m = CSRF.matcher(page);
            assertThat(m.find()).as("a CSRF token on the page").isTrue();
            return m.group(1);
        }

        String get(String path) throws IOException, InterruptedException {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", "nl")
                    .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        }

        HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", "nl")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }
}
