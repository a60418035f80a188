package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.OrganiserAccess;
import nl.learningcommunities.registration.participant.EmailAddress;

/**
 * The organiser's pages: behind the login, and each action does what its button says; the home page lists the
 * events the signed-in person may manage, and an event's page says who has access.
 */
@SpringBootTest(properties = {
        "registration.datasource.url=jdbc:h2:mem:portal-organiser;DB_CLOSE_DELAY=-1",
        "registration.events.location=target/test-classes/test-events",
        "registration.admin.password=organiser-wachtwoord",
        "registration.mail.interval=1h",
        "registration.mail.directory=target/test-mail"})
@AutoConfigureMockMvc
class OrganiserPagesTest {

    private static final RequestPostProcessor ORGANISER = user("organisator")
            .roles(Person.Role.ADMIN.name(), Person.Role.ORGANISER.name());

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

    private Event published(String id, OrganiserAccess access) {
        Event event = engine.events().find("capacity-meeting").orElseThrow().toBuilder().id(id)
                .organiserAccess(access).build();
        engine.events().create(event, "test");
        return event;
    }

    private String page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
            throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void an_events_page_says_who_has_access_with_a_link_to_change_it() throws Exception {
        published("toegang-lijst", OrganiserAccess.of(List.of("anna.devries@hu.example.org"),
                List.of("urn:collab:group:surfconext.nl:nl:surfnet:diensten:lc-organisers")));

        String named = page(get("/organiser/events/toegang-lijst").with(ORGANISER));
        String english = page(get("/organiser/events/toegang-lijst").param("lang", "en").with(ORGANISER));
        String nobody = page(get("/organiser/events/approval-meeting").with(ORGANISER));

        assertThat(named).contains("Organisatoren met toegang", "Beheerders hebben altijd toegang.",
                "<li>anna.devries@hu.example.org</li>",
                "<li>urn:collab:group:surfconext.nl:nl:surfnet:diensten:lc-organisers</li>",
                "href=\"/organiser/events/toegang-lijst/edit#organiserAccess\"", "Wijzig wie toegang heeft")
                .doesNotContain("Er is geen organisator en geen groep genoemd");
        assertThat(english).contains("Organisers with access", "Change who has access");
        assertThat(nobody).contains("Er is geen organisator en geen groep genoemd, dus alleen beheerders beheren"
                + " deze bijeenkomst.");
    }

    @Test
    void the_administrator_sees_every_event_the_new_event_button_and_logs_out_at_the_demo_login() throws Exception {
        published("toegang-beheer", OrganiserAccess.of(List.of("iemand@hu.example.org"), List.of()));

        String home = page(get("/organiser").with(ORGANISER));

        assertThat(home).contains("href=\"/organiser/events/toegang-beheer\"",
                "href=\"/organiser/events/approval-meeting\"", "href=\"/organiser/events/new\"",
                "href=\"/organiser/events/approval-meeting/copy\"")
                .containsPattern("<form method=\"post\" action=\"/organiser/logout\" class=\"inline\">")
                .doesNotContain("id=\"no-events\"");
    }

    @Test
    void an_organiser_sees_only_the_events_that_name_them_and_neither_new_nor_copy() throws Exception {
        published("toegang-anna", OrganiserAccess.of(List.of("Anna.deVries@hu.example.org"), List.of()));
        published("toegang-groep", OrganiserAccess.of(List.of(), List.of("lc-redactie")));
        published("toegang-ander", OrganiserAccess.of(List.of("bram@hu.example.org"), List.of("lc-bestuur")));

        String anna = page(get("/organiser").with(oidcLogin()
                .idToken(token -> token.claim("email", "anna.devries@hu.example.org")
                        .claim("edumember_is_member_of", List.of("lc-redactie")))
                .authorities(new SimpleGrantedAuthority("ROLE_ORGANISER"))));
        String unnamed = page(get("/organiser").with(user("gast").roles(Person.Role.ORGANISER.name())));
        String english = page(get("/organiser").param("lang", "en")
                .with(user("gast").roles(Person.Role.ORGANISER.name())));

        assertThat(anna).contains("href=\"/organiser/events/toegang-anna\"", "href=\"/organiser/events/toegang-groep\"")
                .doesNotContain("/organiser/events/toegang-ander", "/organiser/events/approval-meeting\"",
                        "/organiser/events/new", "/copy\"", "id=\"no-events\"");
        assertThat(unnamed).contains("Nog geen bijeenkomst noemt jou als organisator. Vraag een beheerder")
                .doesNotContain("/organiser/events/toegang-", "/organiser/events/new", "class=\"events\"");
        assertThat(english).contains("No meeting names you as an organiser yet. Ask an administrator");
    }

    @Test
    void only_the_events_a_person_may_manage_are_listed_and_nobody_manages_any() {
        Event base = engine.events().find("capacity-meeting").orElseThrow();
        Event byAddress = base.toBuilder().id("op-adres")
                .organiserAccess(OrganiserAccess.of(List.of("anna.devries@hu.example.org"), List.of())).build();
        Event byGroup = base.toBuilder().id("op-groep")
                .organiserAccess(OrganiserAccess.of(List.of(), List.of("lc-redactie"))).build();
        Event unnamed = base.toBuilder().id("niemand").organiserAccess(OrganiserAccess.NONE).build();
        List<Event> events = List.of(byAddress, byGroup, unnamed);
        Person admin = Person.demo("beheerder", Set.of(Person.Role.ADMIN));
        Person anna = new Person("anna.devries@hu.example.org",
                Optional.of(EmailAddress.of("ANNA.devries@hu.example.org")), Set.of("andere-groep"),
                Set.of(Person.Role.ORGANISER), Optional.empty(), Map.of(), List.of());
        Person member = new Person("sub-123", Optional.empty(), Set.of("lc-redactie"), Set.of(Person.Role.ORGANISER),
                Optional.empty(), Map.of(), List.of());
        Person participant = new Person("anna.devries@hu.example.org",
                Optional.of(EmailAddress.of("anna.devries@hu.example.org")), Set.of("lc-redactie"), Set.of(),
                Optional.empty(), Map.of(), List.of());

        assertThat(OrganiserPages.manageable(Optional.of(admin), events)).containsExactly(byAddress, byGroup, unnamed);
        assertThat(OrganiserPages.manageable(Optional.of(anna), events)).containsExactly(byAddress);
        assertThat(OrganiserPages.manageable(Optional.of(member), events)).containsExactly(byGroup);
        assertThat(OrganiserPages.manageable(Optional.of(participant), events)).isEmpty();
        assertThat(OrganiserPages.manageable(Optional.empty(), events)).isEmpty();
    }

    @Test
    void with_a_login_service_the_organiser_login_starts_there_and_without_one_it_is_the_demo_form() {
        IdentityProperties provider = new IdentityProperties(new IdentityProperties.Oidc(
                URI.create("https://login.example.org"), "portal", "geheim", null), null, null, null, null, null,
                null, null, null);
        IdentityProperties demo = new IdentityProperties(new IdentityProperties.Oidc(null, null, null, null), null,
                null, null, null, null, null, null, null);

        assertThat(new OrganiserPages(engine, null, new SignedIn(provider)).login())
                .isEqualTo("redirect:" + SecurityConfiguration.SIGN_IN);
        assertThat(new OrganiserPages(engine, null, new SignedIn(demo)).login()).isEqualTo("organiser/login");
    }
}
