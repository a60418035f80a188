package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.Promotion;
import nl.learningcommunities.registration.jdbc.JdbcStorage;
import nl.learningcommunities.registration.notification.NotificationType;

/** The participant's own page: an offered seat can be taken or declined there, from the link in the e-mail. */
@SpringBootTest(properties = {
        "registration.datasource.url=jdbc:h2:mem:portal-manage;DB_CLOSE_DELAY=-1",
        "registration.events.location=target/test-classes/test-events",
        "registration.admin.password=manage-wachtwoord",
        "registration.mail.interval=1h",
        "registration.mail.directory=target/test-mail"})
@AutoConfigureMockMvc
class ManagePageTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationEngine engine;

    @Autowired
    JdbcStorage storage;

    private Registration register(String eventId, String name) {
        return Views.registrationOf(engine.registrations().register(RegisterCommand.of(eventId,
                new ParticipantDetails(name, "Jansen", name.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID()
                        + "@hu.example.org", "Hogeschool Utrecht", "projectleider", "hbo",
                        Locale.forLanguageTag("nl")))));
    }

    private String offerToken(Registration registration) {
        return storage.about(registration.id()).stream()
                .filter(e -> e.notification().type() == NotificationType.WAITLIST_OFFER).findFirst().orElseThrow()
                .notification().token().orElseThrow().secret();
    }

    @Test
    void a_participant_declines_an_offered_seat_and_it_goes_to_the_next_in_line_at_once() throws Exception {
        Event source = engine.events().find("capacity-meeting").orElseThrow();
        Event offers = source.toBuilder().id("offer-" + UUID.randomUUID().toString().substring(0, 8))
                .capacity(OptionalInt.of(1)).promotion(Promotion.offer(Duration.ofHours(48))).build();
        engine.events().create(offers, "organisator");
        Registration holder = register(offers.id(), "Houder");
        Registration first = register(offers.id(), "Eerste");
        Registration second = register(offers.id(), "Tweede");
        engine.organising().cancel(holder.id(), "organisator", Optional.empty());
        String token = offerToken(first);

        String page = mvc.perform(get("/registrations/" + first.id()).param("token", token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        mvc.perform(post("/registrations/" + first.id() + "/decline").param("token", token))
                .andExpect(status().isForbidden());
        mvc.perform(post("/registrations/" + first.id() + "/decline").param("token", token).with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(page).contains("Plaats aannemen", "Plaats afslaan", "id=\"decline\"");
        assertThat(engine.organising().list(nl.learningcommunities.registration.booking.RegistrationQuery
                .all(offers.id()))).filteredOn(r -> r.id().equals(first.id())).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(RegistrationStatus.CANCELLED));
        assertThat(offerToken(second)).isNotBlank();
    }
}
