package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.MultiValueMap;
import org.springframework.web.context.WebApplicationContext;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.OrganiserAccess;
import nl.learningcommunities.registration.jdbc.JdbcStorage;
import nl.learningcommunities.registration.notification.OutboxEntry.DeliveryState;

/**
 * An event edited in the organiser's pages survives a restart of the portal on the same database: the edit (its
 * organisers with access too) is still there after the start-up import of the same definition files, the portal
 * starts, and the restart sends no mail (the confirmation a participant got before it is not sent again, the edit
 * tells nobody). On an H2 file database always; on PostgreSQL where {@code REGISTRATION_TEST_POSTGRES_URL} is set
 * (skipped, saying so, elsewhere).
 */
class EventEditorRestartTest {

    private static final String EVENT = "capacity-meeting";
    private static final String TITLE = "Capaciteit, na de herstart nog steeds";
    private static final String SCHEMA = "portal_editor_restart";
    private static final String ORGANISER_EMAIL = "melina.groen@mboraad.example.org";
    private static final String ORGANISER_GROUP = "urn:collab:group:surfconext.nl:nl:surfnet:diensten:lc-organisers";
    private static final OrganiserAccess ACCESS = OrganiserAccess.of(List.of(ORGANISER_EMAIL),
            List.of(ORGANISER_GROUP));
    private static final RequestPostProcessor ORGANISER = user("organisator")
            .roles(Person.Role.ADMIN.name(), Person.Role.ORGANISER.name());

    @TempDir
    Path folder;

    @Test
    void an_event_edited_in_the_pages_survives_a_restart_on_an_h2_file_database() throws Exception {
        survivesARestart("jdbc:h2:file:" + folder.resolve("db").toAbsolutePath());
    }

    @Test
    void an_event_edited_in_the_pages_survives_a_restart_on_postgresql() throws Exception {
        String url = TestDatabaseUrl.of("REGISTRATION_TEST_POSTGRES_URL", "PostgreSQL",
                "EventEditorRestartTest on PostgreSQL");
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            statement.execute("CREATE SCHEMA " + SCHEMA);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare schema " + SCHEMA, e);
        }
        survivesARestart(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
    }

    private void survivesARestart(String databaseUrl) throws Exception {
        Path mail = folder.resolve("mail");
        try (ConfigurableApplicationContext portal = start(databaseUrl, mail)) {
            UUID registration = Views.registrationOf(portal.getBean(RegistrationEngine.class).registrations()
                    .register(RegisterCommand.of(EVENT, new ParticipantDetails("Anna", "de Vries",
                            "anna.devries@hu.example.org", "Hogeschool Utrecht", "projectleider", "hbo",
                            Locale.forLanguageTag("nl"))))).id();
            JdbcStorage storage = portal.getBean(JdbcStorage.class);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !storage.about(registration).isEmpty()
                    && storage.about(registration).stream().allMatch(e -> e.state() == DeliveryState.SENT));
            MockMvc mvc = pages(portal);
            MultiValueMap<String, String> form = EventEditorPagesTest.FormFields.of(mvc.perform(
                            get("/organiser/events/" + EVENT + "/edit").with(ORGANISER)).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
            form.set("title.nl", TITLE);
            form.set("capacity", "17");
            form.set("organiserAccess.emails", ORGANISER_EMAIL);
            form.set("organiserAccess.groups", ORGANISER_GROUP);
            mvc.perform(post("/organiser/events/" + EVENT + "/edit").params(form).with(ORGANISER).with(csrf()))
                    .andExpect(status().isSeeOther()).andExpect(redirectedUrl("/organiser/events/" + EVENT));
            assertThat(edited(portal).capacity()).hasValue(17);
            assertThat(edited(portal).organiserAccess()).isEqualTo(ACCESS);
        }
        long mailBefore = files(mail);
        assertThat(mailBefore).as("the confirmation, written before the restart").isPositive();

        try (ConfigurableApplicationContext portal = start(databaseUrl, mail)) {
            Event event = edited(portal);
            assertThat(event.title().in(Locale.forLanguageTag("nl"))).isEqualTo(TITLE);
            assertThat(event.capacity()).hasValue(17);
            assertThat(event.organiserAccess()).isEqualTo(ACCESS);
            assertThat(portal.getBean(RegistrationEngine.class).events().stored(EVENT).orElseThrow().revision())
                    .isEqualTo(2);
            String page = pages(portal).perform(get("/organiser/events/" + EVENT + "/edit").with(ORGANISER))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(page).contains(TITLE);
            assertThat(EventEditorPagesTest.FormFields.of(page))
                    .containsEntry("organiserAccess.emails", List.of(ORGANISER_EMAIL))
                    .containsEntry("organiserAccess.groups", List.of(ORGANISER_GROUP));
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> files(mail) == mailBefore);
        }
    }

    private ConfigurableApplicationContext start(String databaseUrl, Path mail) {
        return new SpringApplicationBuilder(PortalApplication.class).run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--registration.datasource.url=" + databaseUrl,
                "--registration.mail.directory=" + mail.toAbsolutePath(),
                "--registration.mail.interval=100ms",
                "--registration.events.location=" + Path.of("src/test/resources/test-events").toAbsolutePath(),
                "--registration.admin.password=herstart-wachtwoord");
    }

    private static MockMvc pages(ConfigurableApplicationContext portal) {
        return MockMvcBuilders.webAppContextSetup((WebApplicationContext) portal).apply(springSecurity()).build();
    }

    private static Event edited(ConfigurableApplicationContext portal) {
        return portal.getBean(RegistrationEngine.class).events().find(EVENT).orElseThrow();
    }

    private static long files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
