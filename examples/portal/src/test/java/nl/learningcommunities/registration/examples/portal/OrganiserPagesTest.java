package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;

/** The organiser's pages: behind the login, and each action does what its button says. */
@SpringBootTest(properties = {
        "registration.datasource.url=jdbc:h2:mem:portal-organiser;DB_CLOSE_DELAY=-1",
        "registration.events.location=target/test-classes/test-events",
        "registration.admin.password=organiser-wachtwoord",
        "registration.mail.interval=1h",
        "registration.mail.directory=target/test-mail"})
@AutoConfigureMockMvc
class OrganiserPagesTest {

    private static final RequestPostProcessor ORGANISER = user("organisator").roles(SecurityConfiguration.ORGANISER);

    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationEngine engine;

    private Registration register(String eventId, String name) {
        RegistrationOutcome outcome = engine.registrations().register(RegisterCommand.of(eventId,
                new ParticipantDetails(name, "Jansen", name.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID()
                        + "@hu.example.org", "Hogeschool Utrecht", "projectleider", "hbo", Locale.forLanguageTag("nl"))));
        return Views.registrationOf(outcome);
    }

    private RegistrationStatus statusOf(Registration registration) {
        return engine.organising().list(RegistrationQuery.all(registration.eventId())).stream().filter(r -> r.id().equals(registration.id()))
                .findFirst().orElseThrow().status();
    }

    @Test
    void the_organiser_pages_want_a_login() throws Exception {
        mvc.perform(get("/organiser/events/approval-meeting"))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", endsWith("/organiser/login")));
        mvc.perform(get("/organiser/login")).andExpect(status().isOk());
    }

    @Test
    void the_registrations_page_lists_filters_and_offers_the_actions_a_status_allows() throws Exception {
        Registration pending = register("approval-meeting", "Pieter");

        String page = mvc.perform(get("/organiser/events/approval-meeting").param("status", "PENDING_APPROVAL")
                        .with(ORGANISER)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String searched = mvc.perform(get("/organiser/events/approval-meeting").param("q", "niemand-zo")
                        .with(ORGANISER)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains(pending.participant().email().value(),
                "/organiser/registrations/" + pending.id() + "/approve",
                "/organiser/registrations/" + pending.id() + "/reject")
                .doesNotContain("/organiser/registrations/" + pending.id() + "/move-to-waiting-list");
        assertThat(searched).doesNotContain(pending.participant().email().value());
    }

    @Test
    void approving_rejecting_and_moving_change_the_registration_and_say_so() throws Exception {
        Registration approved = register("approval-meeting", "Quinten");
        Registration rejected = register("approval-meeting", "Roos");
        Registration waiting = register("full-meeting", "Sam");

        mvc.perform(post("/organiser/registrations/" + approved.id() + "/approve").param("eventId", "approval-meeting")
                        .with(ORGANISER).with(csrf()))
                .andExpect(redirectedUrl("/organiser/events/approval-meeting"))
                .andExpect(flash().attribute("notice", "organiser.done.approve"));
        mvc.perform(post("/organiser/registrations/" + rejected.id() + "/reject").param("eventId", "approval-meeting")
                .param("note", "Niet de doelgroep").param("confirmed", "true").with(ORGANISER).with(csrf()));
        mvc.perform(post("/organiser/registrations/" + waiting.id() + "/move-to-confirmed")
                .param("eventId", "full-meeting").with(ORGANISER).with(csrf()));
        mvc.perform(post("/organiser/registrations/" + approved.id() + "/approve").param("eventId", "approval-meeting")
                        .with(ORGANISER).with(csrf()))
                .andExpect(flash().attribute("problem", "Deze aanmelding wacht niet op goedkeuring."));

        assertThat(statusOf(approved)).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(statusOf(rejected)).isEqualTo(RegistrationStatus.REJECTED);
        assertThat(statusOf(waiting)).isEqualTo(RegistrationStatus.CONFIRMED);
    }

    @Test
    void an_action_without_its_csrf_token_is_refused_and_changes_nothing() throws Exception {
        Registration pending = register("approval-meeting", "Tess");

        mvc.perform(post("/organiser/registrations/" + pending.id() + "/approve").param("eventId", "approval-meeting")
                .with(ORGANISER)).andExpect(status().isForbidden());

        assertThat(statusOf(pending)).isEqualTo(RegistrationStatus.PENDING_APPROVAL);
    }

    @Test
    void capacity_csv_failed_messages_and_erasure_work_from_the_pages() throws Exception {
        Registration kept = register("capacity-meeting", "Umar");

        mvc.perform(post("/organiser/events/capacity-meeting/capacity").param("capacity", "0").with(ORGANISER)
                .with(csrf())).andExpect(flash().attributeExists("problem"));
        mvc.perform(post("/organiser/events/capacity-meeting/capacity").param("capacity", "12").with(ORGANISER)
                .with(csrf())).andExpect(flash().attribute("notice", "organiser.done.capacity"));
        String csv = mvc.perform(get("/organiser/events/capacity-meeting/registrations.csv").with(ORGANISER))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String excelCsv = mvc.perform(get("/organiser/events/capacity-meeting/registrations.csv")
                .param("style", "excel").with(ORGANISER)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        byte[] xlsx = mvc.perform(get("/organiser/events/capacity-meeting/registrations.xlsx").with(ORGANISER))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        org.assertj.core.api.Assertions.assertThat(excelCsv).startsWith("\uFEFFregistrationId;");
        org.assertj.core.api.Assertions.assertThat(new String(xlsx, 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
        mvc.perform(get("/organiser/events/capacity-meeting/outbox").with(ORGANISER)).andExpect(status().isOk());
        mvc.perform(post("/organiser/events/capacity-meeting/erase").param("confirm", "iets anders")
                .with(ORGANISER).with(csrf())).andExpect(flash().attributeExists("problem"));
        String before = engine.organising().list(RegistrationQuery.all("capacity-meeting")).get(0).participant().email().value();
        mvc.perform(post("/organiser/events/capacity-meeting/erase").param("confirm", "capacity-meeting")
                .with(ORGANISER).with(csrf())).andExpect(flash().attribute("notice", "organiser.done.erase"));

        assertThat(engine.organising().counts("capacity-meeting").capacity()).hasValue(12);
        assertThat(csv).contains(kept.participant().email().value());
        assertThat(before).isEqualTo(kept.participant().email().value());
        assertThat(engine.organising().list(RegistrationQuery.all("capacity-meeting"))).allSatisfy(r -> assertThat(r.erased()).isTrue());
        assertThat(Optional.of(engine.organising().exportPersonalData(kept.participant().email())))
                .hasValueSatisfying(json -> assertThat(json).doesNotContain("Umar"));
    }
}
