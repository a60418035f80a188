package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.eligibility.EligibilityRule;
import nl.learningcommunities.registration.eligibility.InvitationCode;
import nl.learningcommunities.registration.eligibility.Invitations;
import nl.learningcommunities.registration.event.Event;

/**
 * The public registration form: a person with several mistakes learns all of them in one round, each named after its
 * field; the invitation code is marked required where nobody comes in without one; the event page says when a
 * meeting is by invitation.
 */
@SpringBootTest(properties = {
        "registration.datasource.url=jdbc:h2:mem:portal-form;DB_CLOSE_DELAY=-1",
        "registration.events.location=target/test-classes/test-events",
        "registration.admin.password=form-wachtwoord",
        "registration.mail.interval=1h",
        "registration.mail.directory=target/test-mail"})
@AutoConfigureMockMvc
class RegistrationFormPagesTest {

    private static final Invitations CODE = new Invitations(Set.of(),
            List.of(new InvitationCode("LC-PROEF", OptionalInt.empty(), java.util.Optional.empty())));

    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationEngine engine;

    /** A copy of the open meeting (a required yes/no question) that takes only people with a code. */
    private Event byInvitation() {
        return publish(new EligibilityRule.Invited());
    }

    /** A copy of the open meeting that takes people with a code, or who registered before in the programme. */
    private Event invitationOrEarlier() {
        return publish(new EligibilityRule.AnyOf(List.of(new EligibilityRule.Invited(),
                new EligibilityRule.ProgrammeParticipation("test",
                        EligibilityRule.ProgrammeParticipation.Level.REGISTERED))));
    }

    private Event publish(EligibilityRule rule) {
        Event copy = engine.events().find("open-meeting").orElseThrow().toBuilder()
                .id("form-" + UUID.randomUUID().toString().substring(0, 8)).capacity(OptionalInt.of(50))
                .eligibility(rule).invitations(CODE).build();
        engine.events().create(copy, "organisator");
        return copy;
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    /** A form with a blank given name, no answer to the required yes/no question, no code and no consent. */
    private static MockHttpServletRequestBuilder registration(Event event) {
        return registration(event, "anna-" + UUID.randomUUID() + "@hu.example.org");
    }

    private static MockHttpServletRequestBuilder registration(Event event, String email) {
        return post("/events/" + event.id() + "/register").with(csrf())
                .param("givenName", " ").param("familyName", "de Vries").param("email", email)
                .param("organisation", "Hogeschool Utrecht").param("role", "projectleider").param("sector", "hbo");
    }

    private static List<String> summary(String page) {
        Matcher summary = Pattern.compile("(?s)<div[^>]*id=\"error-summary\".*?</ul>").matcher(page);
        assertThat(summary.find()).as("an error summary in:%n%s", page).isTrue();
        Matcher items = Pattern.compile("(?s)<li>\\s*<a href=\"#([^\"]+)\">([^<]*)</a>").matcher(summary.group());
        List<String> found = new java.util.ArrayList<>();
        while (items.find()) {
            found.add("#" + items.group(1) + " " + items.group(2));
        }
        return found;
    }

    @Test
    void a_person_with_several_mistakes_sees_all_of_them_in_one_round_each_named_after_its_field() throws Exception {
        Event event = byInvitation();

        String page = page(registration(event));

        assertThat(summary(page)).containsExactly(
                "#givenName Voornaam: dit veld is verplicht.",
                "#answer-board-representative Neem je deel als bestuurlijk vertegenwoordiger? Dit veld is verplicht.",
                "#invitationCode Uitnodigingscode: deze bijeenkomst is alleen op uitnodiging.",
                "#privacyConsent Toestemming: geef toestemming voor de verwerking van je persoonsgegevens om je aan"
                        + " te melden.");
        assertThat(page).containsPattern("id=\"givenName-error\">\\s*<span>Dit veld is verplicht.</span>");
    }

    @Test
    void the_summary_names_the_fields_in_english_too() throws Exception {
        Event event = byInvitation();

        String page = page(registration(event).param("lang", "en").param("privacyConsent", "true")
                .param("answer.board-representative", "no").param("invitationCode", "GERADEN"));

        assertThat(summary(page)).containsExactly("#givenName Given name: this field is required.",
                "#invitationCode Invitation code: this invitation code is not valid.");
    }

    @Test
    void someone_who_registered_before_in_the_programme_is_not_asked_for_a_code() throws Exception {
        Event event = invitationOrEarlier();
        Event earlier = engine.events().find("capacity-meeting").orElseThrow().toBuilder()
                .id("earlier-" + UUID.randomUUID().toString().substring(0, 8))
                .programme(java.util.Optional.of("test")).build();
        engine.events().create(earlier, "organisator");
        String carla = "carla-" + UUID.randomUUID() + "@hu.example.org";
        engine.registrations().register(nl.learningcommunities.registration.application.RegisterCommand.of(
                earlier.id(), new nl.learningcommunities.registration.application.ParticipantDetails("Carla",
                        "Peeters", carla, "ROC Midden Nederland", "docent", "mbo", java.util.Locale.forLanguageTag("nl"))));

        String returning = page(registration(event, carla).param("privacyConsent", "true"));
        String newcomer = page(registration(event).param("privacyConsent", "true"));

        assertThat(summary(returning)).containsExactly("#givenName Voornaam: dit veld is verplicht.",
                "#answer-board-representative Neem je deel als bestuurlijk vertegenwoordiger? Dit veld is verplicht.");
        assertThat(summary(newcomer)).contains(
                "#invitationCode Uitnodigingscode: deze bijeenkomst is alleen op uitnodiging.");
    }

    @Test
    void the_invitation_code_is_marked_required_where_nobody_comes_in_without_one() throws Exception {
        String required = page(get("/events/" + byInvitation().id() + "/register"));
        String optional = page(get("/events/" + invitationOrEarlier().id() + "/register"));

        assertThat(field(required, "invitationCode")).contains("required=\"required\"", "aria-required=\"true\"");
        assertThat(label(required, "invitationCode")).contains("<span aria-hidden=\"true\">*</span>");
        assertThat(field(optional, "invitationCode")).doesNotContain("required");
        assertThat(label(optional, "invitationCode")).doesNotContain("*");
    }

    @Test
    void the_event_page_says_when_a_meeting_is_by_invitation() throws Exception {
        String invited = page(get("/events/invited-meeting"));
        String either = page(get("/events/" + invitationOrEarlier().id()));
        String open = page(get("/events/capacity-meeting"));

        assertThat(invited).contains("Wie kan zich aanmelden",
                "Alleen op uitnodiging: je meldt je aan met de code uit je uitnodiging.");
        assertThat(either).contains("Op uitnodiging: heb je een uitnodigingscode, vul die dan in bij het aanmelden.");
        assertThat(open).doesNotContain("uitnodiging");
    }

    @Test
    void the_consent_checkbox_stays_beside_its_text_with_its_error_above_them() throws Exception {
        String page = page(registration(byInvitation()));

        Matcher consent = Pattern.compile("(?s)<div class=\"field consent\">\\s*<p class=\"field-error\""
                + "\\s+id=\"privacyConsent-error\">.*?</p>\\s*<div class=\"choice\">\\s*<input type=\"checkbox\""
                + " id=\"privacyConsent\"").matcher(page);
        assertThat(consent.find()).as("the consent's error above its own row of checkbox and text").isTrue();
    }

    private static String field(String page, String id) {
        Matcher input = Pattern.compile("(?s)<input[^>]*id=\"" + id + "\"[^>]*>").matcher(page);
        assertThat(input.find()).as("an input %s", id).isTrue();
        return input.group();
    }

    private static String label(String page, String id) {
        Matcher label = Pattern.compile("(?s)<label for=\"" + id + "\">.*?</label>").matcher(page);
        assertThat(label.find()).as("a label for %s", id).isTrue();
        return label.group();
    }
}
