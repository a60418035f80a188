package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import nl.learningcommunities.registration.jdbc.JdbcStorage;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.notification.OutboxEntry;

/**
 * The JSON API with every status code it promises, on the real portal over HTTP. Subclasses say which database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "registration.events.location=target/test-classes/test-events",
        "registration.admin.username=organisator",
        "registration.admin.password=test-wachtwoord",
        "registration.limits.registrations-per-minute=100000",
        "registration.mail.interval=1h",
        "registration.mail.directory=target/test-mail"})
abstract class ApiContract {

    static final String PASSWORD = "test-wachtwoord";

    @LocalServerPort
    int port;

    @Autowired
    JdbcStorage storage;

    Api api;
    Api organiser;

    @BeforeEach
    void connect() {
        api = Api.at(port);
        organiser = api.as("organisator", PASSWORD);
    }

    static Map<String, Object> registrant(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("givenName", name);
        body.put("familyName", "Jansen");
        body.put("email", name.toLowerCase() + "-" + UUID.randomUUID() + "@hu.example.org");
        body.put("organisation", "Hogeschool Utrecht");
        body.put("role", "projectleider");
        body.put("sector", "hbo");
        body.put("privacyConsent", true);
        return body;
    }

    Api.Response register(String eventId, Map<String, Object> body) {
        return api.post("/api/events/" + eventId + "/registrations", body);
    }

    String registered(String eventId, Map<String, Object> body) {
        Api.Response response = register(eventId, body);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().get("registrationId").asString();
    }

    String token(String registrationId, NotificationType type) {
        List<OutboxEntry> entries = storage.about(UUID.fromString(registrationId)).stream()
                .filter(e -> e.notification().type() == type).toList();
        assertThat(entries).as("a %s message for %s", type, registrationId).isNotEmpty();
        return entries.get(entries.size() - 1).notification().token().orElseThrow().secret();
    }

    static List<String> codes(Api.Response response) {
        assertThat(response.contentType()).startsWith("application/problem+json");
        return response.json().get("errors").valueStream().map(e -> e.get("code").asString()).toList();
    }

    @Test
    void the_event_list_shows_public_events_with_their_seats() {
        Api.Response response = api.get("/api/events");

        assertThat(response.status()).isEqualTo(200);
        JsonNode open = response.json().valueStream().filter(e -> e.get("id").asString().equals("open-meeting"))
                .findFirst().orElseThrow();
        assertThat(open.get("title").asString()).isEqualTo("Open bijeenkomst");
        assertThat(open.get("startsAt").asString()).isEqualTo("2027-06-09T13:00:00+02:00");
        assertThat(open.get("format").asString()).isEqualTo("ONLINE");
        assertThat(open.get("capacity").asInt()).isEqualTo(2);
        assertThat(open.has("seatsLeft")).isTrue();
        assertThat(open.get("registrationOpen").asBoolean()).isTrue();
        assertThat(response.json().valueStream().map(e -> e.get("id").asString())).doesNotContain("invited-meeting");
    }

    @Test
    void an_event_shows_its_sessions_and_questions_and_an_unknown_one_is_404() {
        Api.Response event = api.inLanguage("en").get("/api/events/open-meeting");
        Api.Response unknown = api.get("/api/events/no-such-meeting");

        assertThat(event.status()).isEqualTo(200);
        assertThat(event.json().get("sessions").get(0).get("title").asString()).isEqualTo("Morning session");
        assertThat(event.json().get("questions").get(1).get("type").asString()).isEqualTo("YES_NO");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(codes(unknown)).containsExactly("event.unknown");
    }

    @Test
    void a_registration_is_created_with_its_status_and_never_its_token() {
        Map<String, Object> body = registrant("Anna");
        body.put("sessionIds", List.of("ochtend"));
        body.put("answers", Map.of("board-representative", false, "learning-community", "Zorg Noord"));

        Api.Response response = register("open-meeting", body);

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        JsonNode json = response.json();
        assertThat(json.propertyNames()).containsExactlyInAnyOrder("registrationId", "status", "waitlistPosition");
        assertThat(json.get("status").asString()).isIn("CONFIRMED", "WAITLISTED");
        assertThat(response.raw().headers().firstValue("Location")).hasValue(
                "/api/registrations/" + json.get("registrationId").asString());
        String token = token(json.get("registrationId").asString(), NotificationType.valueOf(
                json.get("status").asString().equals("CONFIRMED") ? "CONFIRMATION" : "WAITLISTED"));
        assertThat(response.text()).doesNotContain(token);
    }

    @Test
    void a_full_event_puts_the_registrant_on_the_waiting_list_with_a_position() {
        Api.Response response = register("full-meeting", registrant("Bram"));
        String id = response.json().get("registrationId").asString();
        Api.Response viewed = api.get("/api/registrations/" + id + "?token=" + token(id, NotificationType.WAITLISTED));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("status").asString()).isEqualTo("WAITLISTED");
        assertThat(response.json().get("waitlistPosition").asLong()).isPositive();
        assertThat(viewed.json().get("placeInLine").asLong())
                .isEqualTo(response.json().get("waitlistPosition").asLong());
    }

    @Test
    void the_same_address_twice_is_409() {
        Map<String, Object> body = registrant("Cas");
        registered("capacity-meeting", body);

        Api.Response again = register("capacity-meeting", body);

        assertThat(again.status()).isEqualTo(409);
        assertThat(codes(again)).containsExactly("registration.duplicate");
        assertThat(again.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
    }

    @Test
    void invalid_input_is_422_with_a_localised_error_per_field() {
        Map<String, Object> body = registrant("Dirk");
        body.put("givenName", "");
        body.put("email", "geen-adres");
        body.put("privacyConsent", false);

        Api.Response dutch = register("open-meeting", body);
        Api.Response english = api.inLanguage("en").post("/api/events/open-meeting/registrations", body);

        assertThat(dutch.status()).isEqualTo(422);
        JsonNode errors = dutch.json().get("errors");
        assertThat(errors.valueStream().map(e -> e.get("field").asString() + ":" + e.get("code").asString()))
                .contains("givenName:field.required", "email:email.invalid", "privacyConsent:privacy.consent-required");
        assertThat(errors.valueStream().filter(e -> e.get("field").asString().equals("givenName"))
                .findFirst().orElseThrow().get("message").asString()).isEqualTo("Dit veld is verplicht.");
        assertThat(english.json().get("errors").valueStream()
                .filter(e -> e.get("field").asString().equals("givenName")).findFirst().orElseThrow()
                .get("message").asString()).isEqualTo("This field is required.");
        assertThat(dutch.text()).doesNotContain("Exception", "at nl.");
    }

    @Test
    void not_eligible_or_closed_is_422_with_the_rule_code() {
        Api.Response uninvited = register("invited-meeting", registrant("Eva"));
        Map<String, Object> wrongCode = registrant("Fleur");
        wrongCode.put("invitationCode", "RADEN");
        Api.Response guessed = register("invited-meeting", wrongCode);
        Api.Response closed = register("closed-meeting", registrant("Gijs"));
        Map<String, Object> invited = registrant("Hanna");
        invited.put("invitationCode", "TEST-CODE");

        assertThat(uninvited.status()).isEqualTo(422);
        assertThat(codes(uninvited)).containsExactly("eligibility.invitation");
        assertThat(codes(guessed)).containsExactly("eligibility.invitation.code");
        assertThat(closed.status()).isEqualTo(422);
        assertThat(codes(closed)).containsExactly("registration.window.closed");
        assertThat(register("invited-meeting", invited).status()).isEqualTo(201);
    }

    @Test
    void a_malformed_body_is_400_and_an_unknown_event_404() {
        Api.Response malformed = api.post("/api/events/open-meeting/registrations", "{\"givenName\": ");
        Api.Response wrongShape = api.post("/api/events/open-meeting/registrations", "{\"sessionIds\": 7}");
        Api.Response unknown = register("no-such-meeting", registrant("Ivo"));

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(codes(malformed)).containsExactly("request.malformed");
        assertThat(wrongShape.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(codes(unknown)).containsExactly("event.unknown");
    }

    @Test
    void the_participant_views_and_cancels_with_the_token_from_the_email_and_nothing_else() {
        String id = registered("capacity-meeting", registrant("Joost"));
        String token = token(id, NotificationType.CONFIRMATION);

        Api.Response viewed = api.get("/api/registrations/" + id + "?token=" + token);
        Api.Response wrongToken = api.get("/api/registrations/" + id + "?token=" + token.substring(1) + "x");
        Api.Response noToken = api.get("/api/registrations/" + id);
        Api.Response unknown = api.get("/api/registrations/" + UUID.randomUUID() + "?token=" + token);
        Api.Response notAnId = api.get("/api/registrations/not-an-id?token=" + token);
        Api.Response cancelWithoutToken = api.delete("/api/registrations/" + id);
        Api.Response cancelled = api.delete("/api/registrations/" + id + "?token=" + token);
        Api.Response again = api.delete("/api/registrations/" + id + "?token=" + token);

        assertThat(viewed.status()).isEqualTo(200);
        assertThat(viewed.json().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(viewed.json().get("givenName").asString()).isEqualTo("Joost");
        assertThat(List.of(wrongToken.status(), noToken.status(), unknown.status(), notAnId.status(),
                cancelWithoutToken.status())).containsOnly(404);
        assertThat(codes(wrongToken)).containsExactly("registration.unknown");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void an_address_is_verified_with_the_token_from_the_verification_email() {
        Api.Response created = register("verified-meeting", registrant("Karin"));
        String id = created.json().get("registrationId").asString();
        String token = token(id, NotificationType.VERIFY_EMAIL);

        Api.Response wrong = api.post("/api/registrations/" + id + "/verification?token=nope");
        Api.Response verified = api.post("/api/registrations/" + id + "/verification?token=" + token);

        assertThat(created.json().get("status").asString()).isEqualTo("PENDING_VERIFICATION");
        assertThat(wrong.status()).isEqualTo(404);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().get("status").asString()).isEqualTo("CONFIRMED");
    }

    @Test
    void the_organiser_api_wants_the_organisers_credentials() {
        Api.Response anonymous = api.get("/api/admin/events/open-meeting/registrations");
        Api.Response wrongPassword = api.as("organisator", "fout").get("/api/admin/events/open-meeting/registrations");

        assertThat(anonymous.status()).isEqualTo(401);
        // No Basic challenge: a browser never prompts for, nor caches, credentials that a cross-site form could use.
        assertThat(anonymous.raw().headers().allValues("WWW-Authenticate"))
                .noneSatisfy(value -> assertThat(value).startsWithIgnoringCase("Basic"));
        assertThat(codes(anonymous)).containsExactly("auth.required");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.raw().headers().allValues("WWW-Authenticate"))
                .noneSatisfy(value -> assertThat(value).startsWithIgnoringCase("Basic"));
    }

    @Test
    void a_state_changing_admin_call_must_be_json_and_from_the_portal_itself() {
        String id = registered("approval-meeting", registrant("Sanne"));
        String path = "/api/admin/registrations/" + id + "/approve";

        Api.Response formLike = organiser.postBare(path);
        Api.Response crossSite = organiser.post(path, Map.of(), "Sec-Fetch-Site", "cross-site");
        Api.Response otherOrigin = organiser.post(path, Map.of(), "Origin", "https://evil.example");
        Api.Response stillWaiting = organiser.get("/api/admin/events/approval-meeting/registrations");
        Api.Response sameOrigin = organiser.post(path, Map.of(), "Sec-Fetch-Site", "same-origin");

        assertThat(formLike.status()).isEqualTo(415);
        assertThat(codes(formLike)).containsExactly("request.json-required");
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(codes(crossSite)).containsExactly("request.cross-site");
        assertThat(otherOrigin.status()).isEqualTo(403);
        assertThat(stillWaiting.json().valueStream().filter(r -> r.get("registrationId").asString().equals(id))
                .map(r -> r.get("status").asString())).containsExactly("PENDING_APPROVAL");
        assertThat(sameOrigin.status()).as(sameOrigin.text()).isEqualTo(200);
        assertThat(sameOrigin.json().get("status").asString()).isEqualTo("CONFIRMED");
    }

    @Test
    void the_organiser_lists_filters_and_exports_registrations() {
        Map<String, Object> body = registrant("Lotte");
        String id = registered("capacity-meeting", body);

        Api.Response all = organiser.get("/api/admin/events/capacity-meeting/registrations");
        Api.Response confirmed = organiser.get("/api/admin/events/capacity-meeting/registrations?status=CONFIRMED");
        Api.Response rejected = organiser.get("/api/admin/events/capacity-meeting/registrations?status=REJECTED");
        Api.Response badStatus = organiser.get("/api/admin/events/capacity-meeting/registrations?status=NONSENSE");
        Api.Response unknown = organiser.get("/api/admin/events/no-such-meeting/registrations");
        Api.Response csv = organiser.get("/api/admin/events/capacity-meeting/registrations.csv");

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().valueStream().map(r -> r.get("registrationId").asString())).contains(id);
        assertThat(confirmed.json().valueStream().map(r -> r.get("status").asString())).containsOnly("CONFIRMED");
        assertThat(rejected.json().valueStream().map(r -> r.get("registrationId").asString())).doesNotContain(id);
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text()).contains((String) body.get("email"));
    }

    @Test
    void the_organiser_approves_and_rejects_pending_registrations() {
        String first = registered("approval-meeting", registrant("Mees"));
        String second = registered("approval-meeting", registrant("Noor"));

        Api.Response approved = organiser.post("/api/admin/registrations/" + first + "/approve");
        Api.Response approvedAgain = organiser.post("/api/admin/registrations/" + first + "/approve");
        Api.Response rejected = organiser.post("/api/admin/registrations/" + second + "/reject",
                Map.of("note", "Niet de doelgroep"));
        Api.Response unknown = organiser.post("/api/admin/registrations/" + UUID.randomUUID() + "/approve");
        Api.Response anonymous = api.post("/api/admin/registrations/" + first + "/approve");

        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(approvedAgain.status()).isEqualTo(409);
        assertThat(codes(approvedAgain)).containsExactly("registration.not-pending-approval");
        assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void the_organiser_changes_capacity_but_not_below_the_seats_taken() {
        registered("capacity-meeting", registrant("Olaf"));

        Api.Response tooLow = organiser.put("/api/admin/events/capacity-meeting/capacity", Map.of("capacity", 0));
        Api.Response raised = organiser.put("/api/admin/events/capacity-meeting/capacity", Map.of("capacity", 40));
        Api.Response unknown = organiser.put("/api/admin/events/no-such-meeting/capacity", Map.of("capacity", 4));

        assertThat(tooLow.status()).isEqualTo(422);
        assertThat(codes(tooLow)).containsExactly("capacity.below-taken");
        assertThat(raised.status()).isEqualTo(200);
        assertThat(raised.json().get("capacity").asInt()).isEqualTo(40);
        assertThat(api.get("/api/events/capacity-meeting").json().get("capacity").asInt()).isEqualTo(40);
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void health_answers_200_when_the_database_answers() {
        Api.Response health = api.get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
    }
}
