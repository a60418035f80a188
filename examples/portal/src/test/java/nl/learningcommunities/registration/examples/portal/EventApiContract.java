package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The organiser's event life over the JSON API, with every status code it promises, on the real portal. Each test
 * makes events of its own, copied from the test programme, so that the order of tests does not matter.
 */
abstract class EventApiContract extends ApiContract {

    private ObjectNode definition(String id, int capacity) {
        ObjectNode event = (ObjectNode) organiser.get("/api/admin/events/capacity-meeting").json().get("event");
        event.put("id", id);
        event.put("capacity", capacity);
        event.remove("status");
        event.remove("cancellationReason");
        return event;
    }

    private String created(String prefix, int capacity) {
        String id = prefix + "-" + RestartContract.unique();
        Api.Response response = organiser.post("/api/admin/events", definition(id, capacity));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return id;
    }

    @Test
    void an_organiser_creates_an_event_and_reads_it_back_with_its_revision() {
        String id = "api-made-" + RestartContract.unique();
        Api.Response created = organiser.post("/api/admin/events", definition(id, 7));
        Api.Response again = organiser.post("/api/admin/events", definition(id, 7));
        Api.Response read = organiser.get("/api/admin/events/" + id);

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/admin/events/" + id);
        assertThat(created.raw().headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(read.json().get("revision").asLong()).isEqualTo(1);
        assertThat(read.json().get("event").get("capacity").asInt()).isEqualTo(7);
        assertThat(again.status()).isEqualTo(409);
        assertThat(codes(again)).containsExactly("event.exists");
        assertThat(register(id, registrant("Eerste")).status()).isEqualTo(201);
    }

    @Test
    void a_broken_definition_is_422_naming_the_field_and_malformed_json_400() {
        ObjectNode backwards = definition("backwards-" + RestartContract.unique(), 5);
        backwards.put("endsAt", "2027-06-09T12:00:00+02:00");
        ObjectNode badId = definition("Geen Slug!", 5);

        Api.Response ends = organiser.post("/api/admin/events", backwards);
        Api.Response id = organiser.post("/api/admin/events", badId);
        Api.Response malformed = organiser.post("/api/admin/events", "{\"id\": ");

        assertThat(ends.status()).isEqualTo(422);
        assertThat(ends.json().get("errors").get(0).get("field").asString()).isEqualTo("endsAt");
        assertThat(codes(ends)).containsExactly("event.ends-before-start");
        assertThat(codes(id)).containsExactly("event.id.invalid");
        assertThat(malformed.status()).isEqualTo(400);
    }

    @Test
    void an_update_needs_the_revision_it_changes_and_a_stale_one_is_412() {
        String id = created("edited", 10);
        ObjectNode changed = definition(id, 12);
        ((ObjectNode) changed.get("title")).put("nl", "Nieuwe titel");

        Api.Response withoutRevision = organiser.put("/api/admin/events/" + id, changed);
        Api.Response garbled = organiser.put("/api/admin/events/" + id, changed, "\"een\"");
        Api.Response first = organiser.put("/api/admin/events/" + id, changed, "\"1\"");
        ObjectNode other = definition(id, 30);
        Api.Response second = organiser.put("/api/admin/events/" + id, other, "\"1\"");
        JsonNode after = organiser.get("/api/admin/events/" + id).json();
        JsonNode history = organiser.get("/api/admin/events/" + id + "/history").json();

        assertThat(withoutRevision.status()).isEqualTo(428);
        assertThat(codes(withoutRevision)).containsExactly("event.revision-required");
        assertThat(garbled.status()).isEqualTo(400);
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.raw().headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(first.json().get("changes").toString()).contains("capacity").contains("title");
        assertThat(second.status()).isEqualTo(412);
        assertThat(codes(second)).containsExactly("event.stale");
        assertThat(after.get("event").get("capacity").asInt()).isEqualTo(12);
        assertThat(after.get("event").get("title").get("nl").asString()).isEqualTo("Nieuwe titel");
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(1).get("actor").asString()).isEqualTo("organisator");
        assertThat(history.get(1).get("action").asString()).isEqualTo("updated");
    }

    @Test
    void a_material_change_is_previewed_then_tells_each_confirmed_participant() {
        String id = created("moved", 10);
        String anna = registered(id, registrant("Anna"));
        ObjectNode later = definition(id, 10);
        later.put("startsAt", "2027-06-09T14:00:00+02:00");
        later.put("endsAt", "2027-06-09T18:00:00+02:00");

        JsonNode preview = organiser.post("/api/admin/events/" + id + "/preview", later).json();
        Api.Response saved = organiser.put("/api/admin/events/" + id, later, "\"1\"");

        assertThat(preview.get("material").asBoolean()).isTrue();
        assertThat(preview.get("confirmed").asInt()).isEqualTo(1);
        assertThat(saved.json().get("notified").asInt()).isEqualTo(1);
        assertThat(storage.about(java.util.UUID.fromString(anna)).stream().map(e -> e.notification().type()))
                .containsOnlyOnce(nl.learningcommunities.registration.notification.NotificationType.EVENT_CHANGED);
    }

    @Test
    void an_event_is_copied_closed_reopened_and_cancelled() {
        String id = created("lifecycle", 10);
        String copyId = "copy-" + RestartContract.unique();
        Api.Response copy = organiser.post("/api/admin/events/" + id + "/copy",
                Map.of("id", copyId, "startsAt", "2027-09-15T13:00:00+02:00"));
        Api.Response closed = organiser.post("/api/admin/events/" + id + "/close");
        Api.Response whileClosed = register(id, registrant("Dicht"));
        Api.Response reopened = organiser.post("/api/admin/events/" + id + "/reopen");
        String confirmed = registered(id, registrant("Bert"));
        Api.Response noReason = organiser.post("/api/admin/events/" + id + "/cancel", Map.of("reason", " "));
        Api.Response cancelled = organiser.post("/api/admin/events/" + id + "/cancel",
                Map.of("reason", "De zaal is niet beschikbaar."));
        Api.Response twice = organiser.post("/api/admin/events/" + id + "/cancel", Map.of("reason", "Nogmaals"));

        assertThat(copy.status()).as(copy.text()).isEqualTo(201);
        assertThat(copy.json().get("event").get("startsAt").asString()).startsWith("2027-09-15T13:00");
        assertThat(closed.json().get("status").asString()).isEqualTo("closed");
        assertThat(codes(whileClosed)).containsExactly("registration.closed");
        assertThat(reopened.json().get("status").asString()).isEqualTo("open");
        assertThat(codes(noReason)).containsExactly("field.required");
        assertThat(cancelled.json().get("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.json().get("notified").asInt()).isEqualTo(1);
        assertThat(storage.find(java.util.UUID.fromString(confirmed)).orElseThrow().status().name())
                .isEqualTo("CANCELLED");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(codes(twice)).containsExactly("event.cancelled");
        assertThat(organiser.post("/api/admin/events/no-such-event/close").status()).isEqualTo(404);
    }

    @Test
    void an_organiser_writes_to_the_participants_and_records_attendance() {
        String id = created("written", 10);
        String anna = registered(id, registrant("Anna"));
        Map<String, Object> message = Map.of("audience", "confirmed",
                "subject", Map.of("nl", "Praktische informatie", "en", "Practical information"),
                "body", Map.of("nl", "Neem je laptop mee.", "en", "Bring your laptop."));

        JsonNode audience = organiser.get("/api/admin/events/" + id + "/messages/audience?audience=confirmed").json();
        Api.Response sent = organiser.post("/api/admin/events/" + id + "/messages", message);
        Api.Response empty = organiser.post("/api/admin/events/" + id + "/messages", Map.of("audience", "confirmed",
                "subject", Map.of("nl", ""), "body", Map.of("nl", "Tekst")));
        Api.Response attended = organiser.post("/api/admin/registrations/" + anna + "/attendance",
                Map.of("attendance", "attended"));
        Api.Response wrong = organiser.post("/api/admin/registrations/" + anna + "/attendance",
                Map.of("attendance", "misschien"));

        assertThat(audience.get("recipients").asInt()).isEqualTo(1);
        assertThat(sent.status()).as(sent.text()).isEqualTo(202);
        assertThat(sent.json().get("recipients").asInt()).isEqualTo(1);
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().get("errors").get(0).get("field").asString()).isEqualTo("subject");
        assertThat(attended.status()).as(attended.text()).isEqualTo(200);
        assertThat(storage.find(java.util.UUID.fromString(anna)).orElseThrow().attendance().name())
                .isEqualTo("ATTENDED");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(organiser.post("/api/admin/registrations/" + java.util.UUID.randomUUID() + "/attendance",
                Map.of("attendance", "attended")).status()).isEqualTo(404);
    }

    @Test
    void a_registration_retried_with_its_idempotency_key_is_answered_once_and_stored_once() {
        String id = created("retried", 10);
        Map<String, Object> body = registrant("Herhaald");
        String key = "portal-" + RestartContract.unique();

        Api.Response first = api.post("/api/events/" + id + "/registrations", body, "Idempotency-Key", key);
        Api.Response retry = api.post("/api/events/" + id + "/registrations", body, "Idempotency-Key", key);
        Api.Response garbled = api.post("/api/events/" + id + "/registrations", registrant("Ander"),
                "Idempotency-Key", "kort");

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(retry.status()).as(retry.text()).isEqualTo(201);
        assertThat(retry.json().get("registrationId").asString())
                .isEqualTo(first.json().get("registrationId").asString());
        assertThat(organiser.get("/api/admin/events/" + id + "/registrations").json().size()).isEqualTo(1);
        assertThat(garbled.status()).isEqualTo(422);
    }

    @Test
    void the_event_api_wants_the_organisers_credentials() {
        assertThat(api.post("/api/admin/events", definition("anonymous-" + RestartContract.unique(), 5)).status())
                .isEqualTo(401);
        assertThat(api.get("/api/admin/events/capacity-meeting/history").status()).isEqualTo(401);
    }
}
