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
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.Promotion;
import nl.learningcommunities.registration.jdbc.JdbcStorage;
import nl.learningcommunities.registration.notification.NotificationType;

/**
 * The participant's own page: an offered seat can be taken or declined there, from the link in the e-mail; no
 * redirect carries the link's token; a new address waits for the link sent to it.
 */
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

    private Event copyOf(String eventId) {
        Event copy = engine.events().find(eventId).orElseThrow().toBuilder()
                .id(eventId.substring(0, 8) + "-" + UUID.randomUUID().toString().substring(0, 8))
                .capacity(OptionalInt.of(50)).build();
        engine.events().create(copy, "organisator");
        return copy;
    }

    private String token(Registration registration, NotificationType type) {
        var entries = storage.about(registration.id()).stream()
                .filter(e -> e.notification().type() == type).toList();
        return entries.get(entries.size() - 1).notification().token().orElseThrow().secret();
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

    @Test
    void after_an_action_the_redirect_carries_no_token_and_the_page_opens_from_the_session_only()
            throws Exception {
        Event event = copyOf("capacity-meeting");
        Registration registration = register(event.id(), "Redirect");
        String token = token(registration, NotificationType.CONFIRMATION);
        MockHttpSession session = new MockHttpSession();

        MvcResult saved = mvc.perform(post("/registrations/" + registration.id() + "/sessions").session(session)
                .param("token", token).with(csrf())).andExpect(status().is3xxRedirection()).andReturn();
        String location = saved.getResponse().getHeader("Location");
        String page = mvc.perform(get(location).session(session).flashAttrs(saved.getFlashMap()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(location).isEqualTo("/registrations/" + registration.id()).doesNotContain(token)
                .doesNotContain("token");
        assertThat(page).contains("Je sessies zijn opgeslagen", "name=\"token\"");
        mvc.perform(get(location)).andExpect(status().isNotFound());
        mvc.perform(get(location).session(new MockHttpSession())).andExpect(status().isNotFound());
    }

    @Test
    void a_changed_address_waits_for_its_own_link_and_the_verify_page_moves_the_registration_to_it()
            throws Exception {
        Event event = copyOf("verified-meeting");
        Registration registration = register(event.id(), "Verhuist");
        engine.registrations().verifyEmail(registration.id(), token(registration, NotificationType.VERIFY_EMAIL));
        String token = token(registration, NotificationType.CONFIRMATION);
        String oldAddress = registration.participant().email().value();
        String newAddress = "verhuisd-" + UUID.randomUUID() + "@elders.example.org";
        MockHttpSession session = new MockHttpSession();

        MvcResult saved = mvc.perform(post("/registrations/" + registration.id() + "/details").session(session)
                .param("token", token).param("givenName", "Verhuist").param("familyName", "Jansen")
                .param("email", newAddress).param("organisation", "Hogeschool Utrecht")
                .param("role", "projectleider").param("sector", "hbo").with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        String page = mvc.perform(get(saved.getResponse().getHeader("Location")).session(session)
                        .flashAttrs(saved.getFlashMap())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains("Er is een bevestigingslink naar het nieuwe adres gestuurd", "id=\"pending-email\"",
                newAddress, oldAddress);
        Registration waiting = storage.find(registration.id()).orElseThrow();
        assertThat(waiting.participant().email().value()).isEqualTo(oldAddress);
        assertThat(waiting.status()).isEqualTo(RegistrationStatus.CONFIRMED);

        String link = token(registration, NotificationType.VERIFY_NEW_EMAIL);
        String form = mvc.perform(get("/registrations/" + registration.id() + "/verify").param("token", link))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String done = mvc.perform(post("/registrations/" + registration.id() + "/verify").param("token", link)
                        .with(csrf())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        assertThat(form).contains("Met bevestigen gaat je aanmelding over naar dit adres");
        assertThat(done).contains("id=\"email-changed\"", newAddress);
        Registration moved = storage.find(registration.id()).orElseThrow();
        assertThat(moved.participant().email().value()).isEqualTo(newAddress);
        assertThat(moved.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        mvc.perform(get("/registrations/" + registration.id()).param("token", token))
                .andExpect(status().isNotFound());
    }

    @Test
    void a_detail_change_with_mistakes_names_each_field_in_the_summary_as_the_registration_form_does()
            throws Exception {
        Event event = copyOf("capacity-meeting");
        Registration registration = register(event.id(), "Vergeten");
        String token = token(registration, NotificationType.CONFIRMATION);

        String page = mvc.perform(post("/registrations/" + registration.id() + "/details")
                .header("Accept-Language", "nl").param("token", token).param("givenName", "")
                .param("familyName", "Jansen").param("email", registration.participant().email().value())
                .param("organisation", "Hogeschool Utrecht").param("role", "projectleider").param("sector", "hbo")
                .with(csrf())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Voornaam: dit veld is verplicht.");
    }

    @Test
    void after_an_organisers_resend_only_the_newest_link_opens_the_page() throws Exception {
        Event event = copyOf("capacity-meeting");
        Registration registration = register(event.id(), "Opnieuw");
        String first = token(registration, NotificationType.CONFIRMATION);

        engine.organising().resend(registration.id(), "organisator");
        String resent = token(registration, NotificationType.CONFIRMATION);

        mvc.perform(get("/registrations/" + registration.id()).param("token", first)).andExpect(status().isNotFound());
        mvc.perform(get("/registrations/" + registration.id()).param("token", resent)).andExpect(status().isOk());
    }
}
