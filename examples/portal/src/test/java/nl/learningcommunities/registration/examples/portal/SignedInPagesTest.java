package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ManagedRegistration;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.participant.TrustedIdentity;

/**
 * The pages of a signed-in person, with the person as the provider's claims describe them (an OIDC login as
 * Spring Security's test support makes it; the real sign-on at a provider is the browser test's): the registration
 * form vouched for by the institution, "Mijn aanmeldingen" opening a registration without the e-mailed link, and a
 * coordinator registering colleagues together.
 */
@SpringBootTest(properties = {
        "registration.datasource.url=jdbc:h2:mem:portal-signed-in;DB_CLOSE_DELAY=-1",
        "registration.events.location=target/test-classes/test-events",
        "registration.admin.password=signed-in-wachtwoord",
        "registration.mail.interval=1h",
        "registration.mail.directory=target/test-mail",
        "registration.identity.claims.sector=sector"})
@AutoConfigureMockMvc
class SignedInPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationEngine engine;

    /** A person with every claim: their institution vouches for them. */
    private static OidcLoginRequestPostProcessor vouched(String email, String... roles) {
        return oidcLogin().idToken(token -> token.subject("sub-" + email).claim("email", email)
                        .claim("given_name", "Anna").claim("family_name", "de Vries")
                        .claim("schac_home_organization", "Hogeschool Utrecht")
                        .claim("eduperson_affiliation", List.of("docent")).claim("sector", "hbo"))
                .authorities(java.util.Arrays.stream(roles)
                        .<org.springframework.security.core.GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                        .toList());
    }

    /** A person whose institution sent no role and no sector. */
    private static OidcLoginRequestPostProcessor incomplete(String email) {
        return oidcLogin().idToken(token -> token.subject("sub-" + email).claim("email", email)
                .claim("given_name", "Ilse").claim("family_name", "Onvolledig")
                .claim("schac_home_organization", "Hogeschool Utrecht"));
    }

    private static TrustedIdentity identity(String email) {
        return new TrustedIdentity("sub-" + email, "Anna", "de Vries", EmailAddress.of(email), "Hogeschool Utrecht",
                "docent", "hbo");
    }

    private static String address(String name) {
        return name + "-" + UUID.randomUUID() + "@hu.example.org";
    }

    private Event copyOf(String eventId, boolean anonymous, int capacity) {
        Event copy = engine.events().find(eventId).orElseThrow().toBuilder()
                .id(eventId.substring(0, 4) + "-" + UUID.randomUUID().toString().substring(0, 8))
                .capacity(OptionalInt.of(capacity)).anonymousRegistration(anonymous).build();
        engine.events().create(copy, "organisator");
        return copy;
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header("Accept-Language", "nl")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void a_vouched_person_sees_their_details_read_only_and_a_tampered_form_registers_the_vouched_ones()
            throws Exception {
        Event event = copyOf("open-meeting", false, 50);
        String anna = address("anna");

        String form = page(get("/events/" + event.id() + "/register").with(vouched(anna)));
        MvcResult result = mvc.perform(post("/events/" + event.id() + "/register").with(vouched(anna)).with(csrf())
                        .param("givenName", "Mallory").param("familyName", "Bestuur")
                        .param("email", address("mallory")).param("organisation", "Elders")
                        .param("role", "bestuurder").param("sector", "mbo")
                        .param("answer.board-representative", "no").param("privacyConsent", "true"))
                .andExpect(status().is3xxRedirection()).andReturn();

        assertThat(form).contains("Deze gegevens komen van je instelling", "id=\"vouched-note\"",
                "id=\"register-form\"", "id=\"register-submit\"");
        assertThat(form).containsPattern("id=\"email\"[^>]*readonly").containsPattern("value=\"" + anna + "\"")
                .containsPattern("id=\"role\"[^>]*readonly[^>]*value=\"Docent\"");
        assertThat(form).doesNotContain("<select id=\"role\"");
        assertThat(result.getResponse().getHeader("Location")).endsWith("/registered");
        List<ManagedRegistration> mine = engine.registrations().registrationsOf(identity(anna));
        assertThat(mine).singleElement().satisfies(managed -> {
            Registration registration = managed.registration();
            assertThat(registration.eventId()).isEqualTo(event.id());
            assertThat(registration.participant().givenName()).isEqualTo("Anna");
            assertThat(registration.participant().role()).isEqualTo("docent");
            assertThat(registration.participant().sector()).isEqualTo("hbo");
            assertThat(registration.participant().subject()).contains("sub-" + anna);
            assertThat(registration.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        });
    }

    @Test
    void an_incomplete_identity_prefills_what_came_and_says_what_did_not() throws Exception {
        Event open = copyOf("open-meeting", true, 50);
        Event vouchedOnly = copyOf("open-meeting", false, 50);
        String ilse = address("ilse");

        String form = page(get("/events/" + open.id() + "/register").with(incomplete(ilse)));
        String refused = page(get("/events/" + vouchedOnly.id() + "/register").with(incomplete(ilse)));
        String eventPage = page(get("/events/" + vouchedOnly.id()).with(incomplete(ilse)));
        String mine = page(get("/my-registrations").with(incomplete(ilse)));

        assertThat(form).contains("id=\"identity-incomplete\"", "Je instelling gaf niet door: rol, sector.",
                "id=\"register-form\"", "value=\"Onvolledig\"").doesNotContain("readonly");
        assertThat(refused).contains("id=\"identity-incomplete\"", "kunt je hier niet aanmelden")
                .doesNotContain("id=\"register-form\"").doesNotContain("id=\"register-submit\"");
        assertThat(eventPage).contains("id=\"identity-incomplete\"").doesNotContain("id=\"register-link\"");
        assertThat(mine).contains("id=\"mine-incomplete\"", "Je instelling gaf niet door: rol, sector.");
    }

    @Test
    void my_registrations_lists_them_and_opens_one_without_the_emailed_link() throws Exception {
        Event event = copyOf("capacity-meeting", true, 1);
        String anna = address("anna");
        String other = address("ander");
        engine.registrations().register(RegisterCommand.of(event.id(), new ParticipantDetails("Eerste", "Plaats",
                address("eerste"), "Hogeschool Utrecht", "docent", "hbo", Locale.forLanguageTag("nl"))));
        Registration waiting = Views.registrationOf(engine.registrations().register(RegisterCommand.of(event.id(),
                ParticipantDetails.of(identity(anna), Locale.forLanguageTag("nl"))).withIdentity(identity(anna))));
        Registration foreign = Views.registrationOf(engine.registrations().register(RegisterCommand.of(event.id(),
                new ParticipantDetails("Ander", "Iemand", other, "Hogeschool Utrecht", "docent", "hbo",
                        Locale.forLanguageTag("nl")))));
        MockHttpSession session = new MockHttpSession();

        String list = page(get("/my-registrations").with(vouched(anna)).session(session));
        MvcResult opened = mvc.perform(post("/my-registrations/" + waiting.id() + "/open").with(vouched(anna))
                .with(csrf()).session(session)).andExpect(status().is3xxRedirection()).andReturn();
        String location = opened.getResponse().getHeader("Location");
        String manage = page(get(location).with(vouched(anna)).session(session));

        assertThat(list).contains("id=\"my-registrations-list\"", "data-registration-id=\"" + waiting.id() + "\"",
                "Op de wachtlijst", "class=\"place-in-line\"", "Beheren", "class=\"manage-button\"")
                .doesNotContain(foreign.id().toString());
        assertThat(location).isEqualTo("/registrations/" + waiting.id());
        assertThat(manage).contains("id=\"status\"", "Op de wachtlijst");
        mvc.perform(post("/my-registrations/" + foreign.id() + "/open").with(vouched(anna)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/my-registrations/geen-id/open").with(vouched(anna)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/my-registrations/" + waiting.id() + "/open").with(vouched(anna)))
                .andExpect(status().isForbidden());
        assertThat(page(get("/my-registrations").with(vouched(address("nieuw")))))
                .contains("id=\"mine-none\"", "Je hebt je nog niet voor een bijeenkomst aangemeld.");
    }

    @Test
    void a_coordinator_registers_colleagues_who_go_on_the_waiting_list_together() throws Exception {
        Event event = copyOf("open-meeting", false, 1);
        String bram = address("bram");
        engine.registrations().register(RegisterCommand.of(event.id(), new ParticipantDetails("Eerste", "Plaats",
                        address("eerste"), "Hogeschool Utrecht", "docent", "hbo", Locale.forLanguageTag("nl")))
                .withAnswers(java.util.Map.of("board-representative", "no")).withIdentity(identity("x@hu.nl")));
        MockHttpSession session = new MockHttpSession();

        String eventPage = page(get("/events/" + event.id()).with(vouched(bram, "COORDINATOR")));
        String form = page(get("/events/" + event.id() + "/group").with(vouched(bram, "COORDINATOR")));
        MockHttpServletRequestBuilder post = post("/events/" + event.id() + "/group")
                .with(vouched(bram, "COORDINATOR")).with(csrf()).session(session).param("privacyConsent", "true");
        String[] names = {"Carla", "Daan", "Eva"};
        for (int i = 0; i < names.length; i++) {
            int row = i == 2 ? 5 : i + 1;
            post.param("member-" + row + "-givenName", names[i]).param("member-" + row + "-familyName", "Collega")
                    .param("member-" + row + "-email", address(names[i].toLowerCase(Locale.ROOT)))
                    .param("member-" + row + "-organisation", "Hogeschool Utrecht")
                    .param("member-" + row + "-role", "docent").param("member-" + row + "-sector", "hbo")
                    .param("member-" + row + "-answer.board-representative", "no");
        }
        MvcResult registered = mvc.perform(post).andExpect(status().is3xxRedirection()).andReturn();
        String result = page(get(registered.getResponse().getHeader("Location")).with(vouched(bram, "COORDINATOR"))
                .session(session).flashAttrs(registered.getFlashMap()));

        assertThat(eventPage).contains("id=\"group-register\"");
        assertThat(form).contains("id=\"group-form\"", "id=\"member-10-givenName\"", "id=\"group-submit\"",
                "name=\"member-1-answer.board-representative\"").containsPattern(
                "id=\"member-1-organisation\"[^>]*value=\"Hogeschool Utrecht\"");
        assertThat(registered.getResponse().getHeader("Location")).endsWith("/group/registered");
        assertThat(result).contains("id=\"group-results\"", "data-status=\"WAITLISTED\"",
                "alle 3 collega’s staan samen op de wachtlijst, op plaats 1 tot en met 3", "Carla Collega", "Eva Collega");
    }

    @Test
    void a_group_with_mistakes_comes_back_naming_the_colleague_and_registers_nobody() throws Exception {
        Event event = copyOf("open-meeting", true, 50);
        String bram = address("bram");
        String carla = address("carla");

        String page = page(post("/events/" + event.id() + "/group").with(vouched(bram, "COORDINATOR")).with(csrf())
                .param("member-1-givenName", "Carla").param("member-1-familyName", "Collega")
                .param("member-1-email", carla).param("member-1-organisation", "Hogeschool Utrecht")
                .param("member-1-role", "docent").param("member-1-sector", "hbo")
                .param("member-1-answer.board-representative", "no")
                .param("member-4-givenName", "Daan").param("member-4-organisation", "Hogeschool Utrecht")
                .param("member-4-role", "docent").param("member-4-sector", "hbo"));
        String empty = page(post("/events/" + event.id() + "/group").with(vouched(bram, "COORDINATOR")).with(csrf())
                .param("privacyConsent", "true"));

        assertThat(page).contains("id=\"error-summary\"", "href=\"#member-4-familyName\"", "Collega 4, achternaam: ",
                "href=\"#member-4-email\"", "href=\"#privacyConsent\"", "aria-describedby=\"member-4-email-error\"",
                "value=\"" + carla + "\"");
        assertThat(empty).contains("href=\"#member-1-givenName\"", "Vul ten minste één collega in");
        assertThat(engine.registrations().registrationsOf(new TrustedIdentity("c", "Carla", "Collega",
                EmailAddress.of(carla), "Hogeschool Utrecht", "docent", "hbo"))).isEmpty();
    }

    @Test
    void only_coordinators_open_the_group_page_and_only_people_with_an_identity_use_it() throws Exception {
        Event event = copyOf("open-meeting", true, 50);

        mvc.perform(get("/events/" + event.id() + "/group").with(vouched(address("anna"))))
                .andExpect(status().isForbidden());
        String incompleteCoordinator = page(get("/events/" + event.id() + "/group").with(
                incomplete(address("ilse")).authorities(new SimpleGrantedAuthority("ROLE_COORDINATOR"))));
        String eventPage = page(get("/events/" + event.id()).with(vouched(address("anna"))));

        assertThat(incompleteCoordinator).contains("id=\"group-incomplete\"").doesNotContain("id=\"group-form\"");
        assertThat(eventPage).doesNotContain("id=\"group-register\"").contains("id=\"register-link\"");
    }
}
