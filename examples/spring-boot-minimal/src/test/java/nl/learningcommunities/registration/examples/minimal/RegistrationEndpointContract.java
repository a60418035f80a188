package nl.learningcommunities.registration.examples.minimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import tools.jackson.databind.JsonNode;

/**
 * The minimal application as a host runs it: a real HTTP server on a random port, the starter on the
 * application's {@code DataSource}, e-mail through a real SMTP server (GreenMail), health and metrics read over
 * HTTP from the actuator. Each subclass names the database; each starts a context of its own, closed after it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "registration.mail.smtp.host=127.0.0.1",
        "registration.mail.smtp.starttls=false",
        "registration.mail.interval=200ms",
        "registration.mail.first-retry=200ms",
        "registration.mail.max-retry-delay=1s",
        "registration.mail.max-attempts=1000",
        "registration.health.outbox-max-wait=2s",
        "management.endpoints.web.exposure.include=health,metrics,prometheus"})
@DirtiesContext
abstract class RegistrationEndpointContract {

    static final String EVENT = "kennisdeelsessie-2027-10-07";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration OUTBOX_MAX_WAIT = Duration.ofSeconds(2);
    private static final int SMTP_PORT = freePort();

    /** Stopped and started again on the same port, as a mail server that goes down and comes back. */
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
            new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    @LocalServerPort
    int port;

    private RestClient http;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("registration.mail.smtp.port", () -> SMTP_PORT);
    }

    @BeforeEach
    void client() {
        http = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build();
    }

    @Test
    void a_registration_is_confirmed_mailed_and_measured_and_health_follows_the_mail_server() throws Exception {
        double confirmedBefore = counter("registration.registrations", "outcome:confirmed", "event:" + EVENT);

        ResponseEntity<JsonNode> created = register("Anna", "anna.devries@hu.example.org", "nl");

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getBody().path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(created.getBody().path("id").asString()).matches("[0-9a-f-]{36}");
        MimeMessage confirmation = awaitMail("anna.devries@hu.example.org");
        assertThat(confirmation.getSubject()).isNotBlank();
        assertThat(hasPart(confirmation, "text/calendar")).as("a calendar invite in the confirmation").isTrue();
        assertThat(counter("registration.registrations", "outcome:confirmed", "event:" + EVENT))
                .isEqualTo(confirmedBefore + 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(gauge("registration.outbox.pending")).isZero());
        assertThat(health().path("status").asString()).isEqualTo("UP");

        SMTP.stop();
        Instant registered = Instant.now();
        ResponseEntity<JsonNode> whileDown = register("Bram", "bram.jansen@roc.example.nl", "en");

        assertThat(whileDown.getStatusCode().value()).isEqualTo(201);
        JsonNode down = await().atMost(WAIT).until(this::health,
                h -> "DOWN".equals(h.path("status").asString()));
        assertThat(Duration.between(registered, Instant.now())).isGreaterThan(OUTBOX_MAX_WAIT);
        assertThat(down.path("components").path("outbox").path("status").asString()).isEqualTo("DOWN");
        assertThat(down.path("components").path("outbox").path("details").path("pending").asInt()).isPositive();
        assertThat(down.path("components").path("store").path("status").asString()).isEqualTo("UP");
        assertThat(gauge("registration.outbox.pending")).isPositive();
        assertThat(counter("registration.mail.retried")).as("sends tried again while the server is down").isPositive();

        SMTP.start();

        MimeMessage late = awaitMail("bram.jansen@roc.example.nl");
        assertThat(hasPart(late, "text/calendar")).isTrue();
        await().atMost(WAIT).until(() -> health().path("status").asString(), "UP"::equals);
        await().atMost(WAIT).untilAsserted(() -> assertThat(gauge("registration.outbox.pending")).isZero());
    }

    @Test
    void with_the_prometheus_registry_added_the_librarys_meters_are_scraped_in_prometheus_format() {
        assertThat(register("Fleur", "fleur@hu.example.org", "nl").getStatusCode().value()).isEqualTo(201);
        awaitMail("fleur@hu.example.org");

        String scrape = http.get().uri("/actuator/prometheus").retrieve().body(String.class);

        assertThat(scrape).containsPattern("(?m)^# TYPE registration_registrations_total counter$")
                .containsPattern("(?m)^registration_registrations_total\\{[^}]*event=\"" + EVENT
                        + "\"[^}]*outcome=\"confirmed\"[^}]*} [1-9]")
                .containsPattern("(?m)^registration_seat_claim_seconds_count\\{[^}]*event=\"" + EVENT + "\"")
                .containsPattern("(?m)^registration_outbox_pending ")
                .containsPattern("(?m)^registration_mail_sent_total\\{[^}]*type=\"confirmation\"[^}]*} [1-9]");
    }

    @Test
    void refused_and_invalid_registrations_answer_422_and_an_unknown_event_404_as_problem_json() {
        assertThat(register("Carla", "carla@hva.example.nl", "nl").getStatusCode().value()).isEqualTo(201);

        ResponseEntity<JsonNode> again = register("Carla", "carla@hva.example.nl", "nl");
        ResponseEntity<JsonNode> invalid = register("Daan", "not an address", "en");
        ResponseEntity<JsonNode> unknown = register(EVENT + "-x", "Eva", "eva@hu.example.org", "en");

        assertThat(again.getStatusCode().value()).isEqualTo(422);
        assertThat(again.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(again.getBody().path("status").asInt()).isEqualTo(422);
        assertThat(again.getBody().path("reasons").path(0).path("code").asString()).isEqualTo("registration.duplicate");
        assertThat(again.getBody().path("detail").asString())
                .isEqualTo(again.getBody().path("reasons").path(0).path("message").asString())
                .contains("al aangemeld");
        assertThat(invalid.getStatusCode().value()).isEqualTo(422);
        assertThat(invalid.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(invalid.getBody().path("reasons").path(0).path("code").asString()).isEqualTo("email.invalid");
        assertThat(invalid.getBody().path("reasons").path(0).path("field").asString()).contains("email");
        assertThat(invalid.getBody().path("detail").asString()).isEqualTo("This is not a valid e-mail address.");
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private ResponseEntity<JsonNode> register(String givenName, String email, String locale) {
        return register(EVENT, givenName, email, locale);
    }

    private ResponseEntity<JsonNode> register(String event, String givenName, String email, String locale) {
        return http.post().uri("/events/{event}/registrations", event).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("givenName", givenName, "familyName", "de Vries", "email", email,
                        "organisation", "Hogeschool Utrecht", "role", "projectleider", "sector", "hbo",
                        "locale", locale))
                .retrieve().toEntity(JsonNode.class);
    }

    private JsonNode health() {
        return http.get().uri("/actuator/health/registration").retrieve().body(JsonNode.class);
    }

    /** A counter's count, 0 before the counter exists. */
    private double counter(String name, String... tags) {
        ResponseEntity<JsonNode> metric = http.get().uri(metricUri(name, tags)).retrieve().toEntity(JsonNode.class);
        return metric.getStatusCode().value() == 404 ? 0 : measurement(metric.getBody(), "COUNT");
    }

    private double gauge(String name) {
        return measurement(http.get().uri(metricUri(name)).retrieve().body(JsonNode.class), "VALUE");
    }

    private static String metricUri(String name, String... tags) {
        StringBuilder uri = new StringBuilder("/actuator/metrics/").append(name);
        for (int i = 0; i < tags.length; i++) {
            uri.append(i == 0 ? '?' : '&').append("tag=").append(tags[i]);
        }
        return uri.toString();
    }

    private static double measurement(JsonNode metric, String statistic) {
        for (JsonNode each : metric.path("measurements")) {
            if (statistic.equals(each.path("statistic").asString())) {
                return each.path("value").asDouble();
            }
        }
        throw new AssertionError("no " + statistic + " in " + metric);
    }

    private static MimeMessage awaitMail(String recipient) {
        return await().atMost(WAIT).until(() -> mailTo(recipient), Optional::isPresent).orElseThrow();
    }

    private static Optional<MimeMessage> mailTo(String recipient) throws MessagingException {
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            if (to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(recipient))) {
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }

    private static boolean hasPart(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType(mimeType)) {
            return true;
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                if (hasPart(multipart.getBodyPart(i), mimeType)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the SMTP server", e);
        }
    }
}
