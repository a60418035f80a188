package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.jdbc.JdbcStorage;
import nl.learningcommunities.registration.notification.NotificationType;

/**
 * The participant's own data on their page: everything they entered (role, sector and answers by their names), and
 * a download of all that is kept about them, as a JSON file, opened by the same personal token as the page.
 */
@SpringBootTest(properties = {
        "registration.datasource.url=jdbc:h2:mem:portal-own-data;DB_CLOSE_DELAY=-1",
        "registration.events.location=target/test-classes/test-events",
        "registration.admin.password=data-wachtwoord",
        "registration.mail.interval=1h",
        "registration.mail.directory=target/test-mail"})
@AutoConfigureMockMvc
class ParticipantDataPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationEngine engine;

    @Autowired
    JdbcStorage storage;

    /** A copy of the open meeting, with room: a session, a text question and a required yes/no question. */
    private Registration registered() {
        Event event = engine.events().find("open-meeting").orElseThrow().toBuilder()
                .id("data-" + UUID.randomUUID().toString().substring(0, 8)).capacity(OptionalInt.of(50)).build();
        engine.events().create(event, "organisator");
        return Views.registrationOf(engine.registrations().register(new RegisterCommand(event.id(),
                new ParticipantDetails("Dana", "Visser", "dana-" + UUID.randomUUID() + "@roc.example.org",
                        "ROC Midden Nederland", "beleidsmedewerker", "mbo", Locale.forLanguageTag("nl")),
                Optional.empty(), List.of("ochtend"), Map.of("learning-community", "Praktijkgericht onderzoek",
                "board-representative", true), Optional.empty(), true)));
    }

    private String token(Registration registration) {
        return storage.about(registration.id()).stream()
                .filter(e -> e.notification().type() == NotificationType.CONFIRMATION).findFirst().orElseThrow()
                .notification().token().orElseThrow().secret();
    }

    @Test
    void the_page_shows_everything_the_participant_entered_with_role_and_sector_by_their_names() throws Exception {
        Registration registration = registered();

        String page = mvc.perform(get("/registrations/" + registration.id()).param("token", token(registration)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains("<h2 id=\"your-data-title\">Je gegevens bij ons</h2>",
                "<dd id=\"your-role\">Beleidsmedewerker</dd>", "<dd id=\"your-sector\">mbo</dd>",
                "<dt>Bij welke learning community ben je betrokken?</dt>", "Praktijkgericht onderzoek",
                "<dt>Neem je deel als bestuurlijk vertegenwoordiger?</dt>",
                "<dd id=\"your-answer-board-representative\">Ja</dd>", "Ochtendsessie", "ROC Midden Nederland");
    }

    @Test
    void the_participant_downloads_their_data_as_a_json_file_with_their_token() throws Exception {
        Registration registration = registered();
        String token = token(registration);
        String page = mvc.perform(get("/registrations/" + registration.id()).param("token", token))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        String download = mvc.perform(post("/registrations/" + registration.id() + "/data").param("token", token)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/json;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"registration-" + registration.id() + ".json\""))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains("action=\"/registrations/" + registration.id() + "/data\"",
                "<button type=\"submit\" class=\"secondary\" id=\"download-data\">Mijn gegevens downloaden</button>");
        JsonNode mine = JsonMapper.builder().build().readTree(download).get("registrations").get(0);
        assertThat(mine.get("registrationId").asString()).isEqualTo(registration.id().toString());
        assertThat(mine.get("participant").get("role").asString()).isEqualTo("beleidsmedewerker");
        assertThat(mine.get("participant").get("answers").get("learning-community").asString())
                .isEqualTo("Praktijkgericht onderzoek");
    }

    @Test
    void without_the_token_or_with_a_wrong_one_there_is_nothing_to_download() throws Exception {
        Registration registration = registered();

        mvc.perform(post("/registrations/" + registration.id() + "/data").with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/registrations/" + registration.id() + "/data").param("token", "geraden").with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/registrations/" + registration.id() + "/data").param("token", token(registration)))
                .andExpect(status().isForbidden());
    }
}
