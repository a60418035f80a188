package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.event.Event;

/**
 * The organiser's pages say what they mean: one registration in the singular, more in the plural, in both languages;
 * one word for one thing; roles by their names; actions that cannot be undone look it and ask first, without
 * needing a script. The events page tells seats left apart from whether registration is open.
 */
@SpringBootTest(properties = {
        "registration.datasource.url=jdbc:h2:mem:portal-wording;DB_CLOSE_DELAY=-1",
        "registration.events.location=target/test-classes/test-events",
        "registration.admin.password=wording-wachtwoord",
        "registration.mail.interval=1h",
        "registration.mail.directory=target/test-mail"})
@AutoConfigureMockMvc
class OrganiserPagesWordingTest {

    private static final RequestPostProcessor ORGANISER = user("organisator")
            .roles(Person.Role.ADMIN.name(), Person.Role.ORGANISER.name());

    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationEngine engine;

    private Event meeting(int capacity) {
        Event copy = engine.events().find("capacity-meeting").orElseThrow().toBuilder()
                .id("wording-" + UUID.randomUUID().toString().substring(0, 8)).capacity(OptionalInt.of(capacity))
                .build();
        engine.events().create(copy, "organisator");
        return copy;
    }

    private Registration register(Event event, String name) {
        return Views.registrationOf(engine.registrations().register(RegisterCommand.of(event.id(),
                new ParticipantDetails(name, "Jansen", name.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID()
                        + "@hu.example.org", "Hogeschool Utrecht", "beleidsmedewerker", "hbo",
                        Locale.forLanguageTag("nl")))));
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(ORGANISER)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private String registrations(Event event, String language) throws Exception {
        return page(get("/organiser/events/" + event.id()).param("lang", language));
    }

    private static String caption(String page) {
        Matcher caption = Pattern.compile("<caption>([^<]*)</caption>").matcher(page);
        assertThat(caption.find()).as("a caption in:%n%s", page).isTrue();
        return caption.group(1);
    }

    private RegistrationStatus statusOf(Registration registration) {
        return engine.organising().list(RegistrationQuery.all(registration.eventId())).stream()
                .filter(r -> r.id().equals(registration.id())).findFirst().orElseThrow().status();
    }

    @Test
    void one_registration_is_counted_in_the_singular_and_two_in_the_plural_in_both_languages() throws Exception {
        Event event = meeting(10);
        register(event, "Eerste");
        String oneDutch = caption(registrations(event, "nl"));
        String oneEnglish = caption(registrations(event, "en"));
        register(event, "Tweede");
        String twoDutch = caption(registrations(event, "nl"));
        String twoEnglish = caption(registrations(event, "en"));

        assertThat(oneDutch).isEqualTo("1 aanmelding");
        assertThat(oneEnglish).isEqualTo("1 registration");
        assertThat(twoDutch).isEqualTo("2 aanmeldingen");
        assertThat(twoEnglish).isEqualTo("2 registrations");
    }

    @Test
    void one_seat_left_is_singular_on_the_events_page() throws Exception {
        Event event = meeting(2);
        register(event, "Bijna");

        String events = page(get("/").param("lang", "nl"));
        String english = page(get("/").param("lang", "en"));

        assertThat(card(events, event)).contains("Nog 1 plaats vrij").doesNotContain("Nog 1 plaatsen");
        assertThat(card(english, event)).contains("1 seat left").doesNotContain("1 seats");
    }

    @Test
    void the_events_page_tells_seats_left_apart_from_whether_registration_is_open() throws Exception {
        Event event = meeting(5);

        String card = card(page(get("/").param("lang", "nl")), event);

        assertThat(card).containsPattern("<dt>Plaatsen</dt>\\s*<dd class=\"seats\">Nog 5 plaatsen vrij</dd>")
                .containsPattern("<dt>Aanmelden</dt>\\s*<dd class=\"registration\">Open tot [^<]+</dd>");
    }

    @Test
    void the_waiting_list_has_one_name_everywhere() throws Exception {
        Event event = meeting(10);

        String dutch = registrations(event, "nl");
        String english = registrations(event, "en");
        String list = page(get("/organiser").param("lang", "nl"));

        assertThat(dutch).contains("op de wachtlijst: 0").doesNotContain("wachtend");
        assertThat(english).contains("on the waiting list: 0").doesNotContain("waiting: ");
        assertThat(list).contains("<th scope=\"col\">Op de wachtlijst</th>");
    }

    @Test
    void roles_show_by_their_names_not_their_codes() throws Exception {
        Event event = meeting(10);
        register(event, "Rolf");

        String dutch = registrations(event, "nl");
        String english = registrations(event, "en");

        assertThat(dutch).contains("<td>Beleidsmedewerker</td>").doesNotContain(">beleidsmedewerker<");
        assertThat(english).contains("<td>Policy officer</td>");
    }

    @Test
    void rejecting_and_cancelling_look_destructive_and_ask_first_on_a_page_of_their_own() throws Exception {
        Event event = meeting(10);
        Registration kept = register(event, "Blijft");
        String list = registrations(event, "nl");

        String cancelLink = "/organiser/registrations/" + kept.id() + "/cancel?eventId=" + event.id();
        assertThat(list).containsPattern("<a class=\"button small danger\"\\s+href=\"" + Pattern.quote(cancelLink)
                + "\"");
        String confirm = page(get(cancelLink));
        assertThat(confirm).contains("Aanmelding van Blijft Jansen annuleren", "Dit kan niet ongedaan worden gemaakt",
                "<input type=\"hidden\" name=\"confirmed\" value=\"true\">",
                "<button type=\"submit\" class=\"danger\" id=\"confirm-action\">Ja, aanmelding annuleren</button>");
        assertThat(confirm).doesNotContain("<script");

        mvc.perform(post("/organiser/registrations/" + kept.id() + "/cancel").param("eventId", event.id())
                        .with(ORGANISER).with(csrf()))
                .andExpect(redirectedUrl(cancelLink));
        assertThat(statusOf(kept)).isEqualTo(RegistrationStatus.CONFIRMED);

        mvc.perform(post("/organiser/registrations/" + kept.id() + "/cancel").param("eventId", event.id())
                        .param("confirmed", "true").param("note", "Dubbel aangemeld").with(ORGANISER).with(csrf()))
                .andExpect(redirectedUrl("/organiser/events/" + event.id()))
                .andExpect(flash().attribute("notice", "organiser.done.cancel"));
        assertThat(statusOf(kept)).isEqualTo(RegistrationStatus.CANCELLED);
    }

    @Test
    void erasing_and_cancelling_a_meeting_look_destructive_too() throws Exception {
        Event event = meeting(10);

        String list = registrations(event, "nl");
        String events = page(get("/organiser").param("lang", "nl"));

        assertThat(list).contains("<button type=\"submit\" class=\"danger\">Persoonsgegevens wissen</button>");
        assertThat(events).contains("class=\"destructive\" href=\"/organiser/events/" + event.id() + "/cancel\"");
    }

    @Test
    void the_online_link_has_one_name_on_every_page() throws Exception {
        Event event = meeting(10);

        String editor = page(get("/organiser/events/" + event.id() + "/edit").param("lang", "nl"));

        assertThat(editor).contains("Link naar de online bijeenkomst").doesNotContain("Onlinelink");
    }

    private static String card(String page, Event event) {
        Matcher card = Pattern.compile("(?s)<li class=\"card\">\\s*<h2><a href=\"/events/" + event.id()
                + "\">.*?</li>").matcher(page);
        assertThat(card.find()).as("a card for %s", event.id()).isTrue();
        return card.group();
    }
}
