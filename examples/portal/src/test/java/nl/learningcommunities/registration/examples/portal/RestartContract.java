package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Organisers decide, then the portal restarts on the same database with the same definition files, as it does at
 * every deploy: nothing they decided changes, the portal starts, and no mail goes out because of the restart.
 * Subclasses say which database.
 */
abstract class RestartContract {

    private static final String PASSWORD = "herstart-wachtwoord";

    @TempDir
    Path folder;

    private Path events;
    private Path mail;
    private ConfigurableApplicationContext portal;
    private Api organiser;
    private Api api;

    /** @return the JDBC URL of an empty database (or schema) for this test */
    abstract String databaseUrl() throws SQLException;

    @BeforeEach
    void start() throws Exception {
        events = Files.createDirectories(folder.resolve("events"));
        Files.copy(Path.of("target/test-classes/test-events/test-programme.json"), events.resolve("programme.json"));
        mail = folder.resolve("mail");
        startPortal();
    }

    /** Drops what {@link #databaseUrl()} made, once the portal is stopped. */
    void dropDatabase() throws SQLException {
    }

    @AfterEach
    void stop() throws SQLException {
        if (portal != null) {
            portal.close();
        }
        dropDatabase();
    }

    private void startPortal() throws SQLException {
        portal = new SpringApplicationBuilder(PortalApplication.class).run(
                "--server.port=0",
                "--registration.datasource.url=" + databaseUrl(),
                "--registration.events.location=" + events,
                "--registration.mail.directory=" + mail,
                "--registration.mail.interval=100ms",
                "--registration.admin.username=organisator",
                "--registration.admin.password=" + PASSWORD,
                "--registration.limits.registrations-per-minute=100000");
        int port = ((WebServerApplicationContext) portal).getWebServer().getPort();
        api = Api.at(port);
        organiser = api.as("organisator", PASSWORD);
    }

    /** Restarts the portal and checks that the restart itself queued and sent nothing. */
    private void restart() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingMails() == 0);
        int mailsBefore = sentMails();
        long queuedBefore = outboxEntries();
        portal.close();
        portal = null;
        startPortal();
        assertThat(outboxEntries()).as("outbox entries queued by the restart").isEqualTo(queuedBefore);
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingMails() == 0);
        assertThat(sentMails()).as("mails sent because of the restart").isEqualTo(mailsBefore);
    }

    private String register(String eventId) {
        Map<String, Object> body = ApiContract.registrant("Deelnemer");
        Api.Response response = api.post("/api/events/" + eventId + "/registrations", body);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().get("registrationId").asString();
    }

    private JsonNode counts(String eventId) {
        Api.Response response = api.get("/api/events/" + eventId);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private String status(String registrationId, String eventId) {
        for (JsonNode row : organiser.get("/api/admin/events/" + eventId + "/registrations").json()) {
            if (row.get("registrationId").asString().equals(registrationId)) {
                return row.get("status").asString();
            }
        }
        throw new AssertionError("no registration " + registrationId);
    }

    @Test
    void a_capacity_change_survives_a_restart_and_nobody_waiting_is_seated_by_it() throws Exception {
        List<String> registrations = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            registrations.add(register("capacity-meeting"));
        }
        Api.Response lowered = organiser.put("/api/admin/events/capacity-meeting/capacity", Map.of("capacity", 4));
        assertThat(lowered.status()).as(lowered.text()).isEqualTo(200);
        String waiting = register("capacity-meeting");
        assertThat(status(waiting, "capacity-meeting")).isEqualTo("WAITLISTED");

        restart();

        assertThat(counts("capacity-meeting").get("capacity").asInt()).isEqualTo(4);
        assertThat(status(waiting, "capacity-meeting")).isEqualTo("WAITLISTED");
        assertThat(history("capacity-meeting")).contains("capacity-changed");
    }

    @Test
    void a_seat_given_beyond_the_files_capacity_survives_a_restart_and_the_portal_starts() throws Exception {
        String waiting = register("full-meeting");
        assertThat(status(waiting, "full-meeting")).isEqualTo("WAITLISTED");
        Api.Response given = organiser.post("/api/admin/registrations/" + waiting + "/move-to-confirmed");
        assertThat(given.status()).as(given.text()).isEqualTo(200);

        restart();

        assertThat(counts("full-meeting").get("capacity").asInt()).isEqualTo(1);
        assertThat(status(waiting, "full-meeting")).isEqualTo("CONFIRMED");
        assertThat(history("full-meeting")).contains("seat-given");
    }

    @Test
    void a_cancelled_event_stays_cancelled_after_a_restart() throws Exception {
        String confirmed = register("capacity-meeting");
        Api.Response cancelled = organiser.post("/api/admin/events/capacity-meeting/cancel",
                Map.of("reason", "De spreker is ziek."));
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingMails() == 0);

        restart();

        assertThat(organiser.get("/api/admin/events/capacity-meeting").json().get("status").asString())
                .isEqualTo("cancelled");
        assertThat(status(confirmed, "capacity-meeting")).isEqualTo("CANCELLED");
        Api.Response refused = api.post("/api/events/capacity-meeting/registrations", ApiContract.registrant("Laat"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(ApiContract.codes(refused)).contains("event.cancelled");
    }

    @Test
    void an_edited_event_keeps_the_organisers_edit_after_a_restart() throws Exception {
        Api.Response read = organiser.get("/api/admin/events/approval-meeting");
        ObjectNode definition = (ObjectNode) read.json().get("event");
        ((ObjectNode) definition.get("title")).put("nl", "Bijeenkomst met een nieuwe titel");
        definition.put("capacity", 25);
        Api.Response edited = organiser.put("/api/admin/events/approval-meeting", definition,
                read.raw().headers().firstValue("ETag").orElseThrow());
        assertThat(edited.status()).as(edited.text()).isEqualTo(200);

        restart();

        JsonNode after = organiser.get("/api/admin/events/approval-meeting").json();
        assertThat(after.get("event").get("title").get("nl").asString()).isEqualTo("Bijeenkomst met een nieuwe titel");
        assertThat(after.get("event").get("capacity").asInt()).isEqualTo(25);
        assertThat(after.get("revision").asLong()).isEqualTo(2);
    }

    @Test
    void a_changed_definition_file_applies_what_the_organiser_left_alone_and_keeps_what_they_decided()
            throws Exception {
        Api.Response lowered = organiser.put("/api/admin/events/capacity-meeting/capacity", Map.of("capacity", 3));
        assertThat(lowered.status()).as(lowered.text()).isEqualTo(200);
        JsonNode file = Api.JSON.readTree(events.resolve("programme.json").toFile());
        for (JsonNode event : file.get("events")) {
            if (event.get("id").asString().equals("capacity-meeting")) {
                ((ObjectNode) event).put("capacity", 50);
                ((ObjectNode) event.get("title")).put("nl", "Bijeenkomst voor capaciteit (gewijzigd)");
            }
        }
        Api.JSON.writeValue(events.resolve("programme.json").toFile(), file);

        restart();

        JsonNode report = organiser.get("/api/admin/imports/latest").json();
        JsonNode entry = null;
        for (JsonNode each : report) {
            if (each.get("eventId").asString().equals("capacity-meeting")) {
                entry = each;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.get("conflicts").toString()).contains("capacity");
        assertThat(entry.get("applied").toString()).contains("title");
        assertThat(counts("capacity-meeting").get("capacity").asInt()).isEqualTo(3);
        assertThat(organiser.get("/api/admin/events/capacity-meeting").json().get("event").get("title").get("nl")
                .asString()).isEqualTo("Bijeenkomst voor capaciteit (gewijzigd)");
    }

    private String history(String eventId) {
        return organiser.get("/api/admin/events/" + eventId + "/history").text();
    }

    private int sentMails() throws IOException {
        if (!Files.isDirectory(mail)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(mail)) {
            return (int) files.filter(f -> f.toString().endsWith(".eml")).count();
        }
    }

    private long outboxEntries() throws SQLException {
        return count("SELECT COUNT(*) FROM lcr_outbox");
    }

    private long pendingMails() throws SQLException {
        return count("SELECT COUNT(*) FROM lcr_outbox WHERE state = 'PENDING'");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(databaseUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
