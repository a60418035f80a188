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
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.EventOutcome;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.eligibility.EligibilityRule;
import nl.learningcommunities.registration.eligibility.InvitationCode;
import nl.learningcommunities.registration.eligibility.Invitations;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.OrganiserAccess;
import nl.learningcommunities.registration.event.Question;
import nl.learningcommunities.registration.event.StoredEvent;
import nl.learningcommunities.registration.participant.EmailAddress;

/**
 * The organiser's event editor: create an event through the form, field errors next to their field in both
 * languages, the buttons that add, move and remove rows, the conflict when someone else saved first, the preview
 * of a change that tells participants, copying, an untouched form saving no change, the organisers with access
 * (addresses and groups, each wrong line said), and CSRF.
 */
@SpringBootTest(properties = {
        "registration.datasource.url=jdbc:h2:mem:portal-editor;DB_CLOSE_DELAY=-1",
        "registration.events.location=target/test-classes/test-events",
        "registration.admin.password=editor-wachtwoord",
        "registration.mail.interval=1h",
        "registration.mail.directory=target/test-mail"})
@AutoConfigureMockMvc
class EventEditorPagesTest {

    private static final RequestPostProcessor ORGANISER = user("organisator")
            .roles(Person.Role.ADMIN.name(), Person.Role.ORGANISER.name());
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationEngine engine;

    /** A new event as an organiser fills it in: a session, a choice question with options, any-of eligibility. */
    private static MultiValueMap<String, String> newEvent(String id) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("id", id);
        form.add("title.nl", "Verdiepingsbijeenkomst Learning Communities");
        form.add("title.en", "Learning Communities deep dive");
        form.add("description.nl", "Wat werkt in een learning community?\nWe delen ervaringen.");
        form.add("description.en", "What works in a learning community?");
        form.add("organisers", "MBO Raad\nVereniging Hogescholen");
        form.add("contact.name", "Melina Groen");
        form.add("contact.organisation", "MBO Raad");
        form.add("contact.email", "melina.groen@example.org");
        form.add("format", "ONLINE");
        form.add("onlineLink", "https://meet.example.org/verdieping");
        form.add("zone", "Europe/Amsterdam");
        form.add("startsAt.date", "2027-09-14");
        form.add("startsAt.time", "13:00");
        form.add("endsAt.date", "2027-09-14");
        form.add("endsAt.time", "16:30");
        form.add("capacity", "40");
        form.add("waitingList", "true");
        form.add("promotion", "AUTOMATIC");
        form.add("offerValidity", "48");
        form.add("visibility", "PUBLIC");
        form.add("anonymousRegistration", "true");
        form.add("approval", "AUTOMATIC");
        form.add("verificationValidity", "48");
        form.add("retention", "12");
        form.add("reminderBefore", "24");
        form.add("organiserNotifications", "PER_REGISTRATION");
        form.add("session.0.id", "");
        form.add("session.0.title.nl", "Ronde 1: onderzoek");
        form.add("session.0.title.en", "Round 1: research");
        form.add("session.0.startsAt.date", "2027-09-14");
        form.add("session.0.startsAt.time", "13:30");
        form.add("session.0.endsAt.date", "2027-09-14");
        form.add("session.0.endsAt.time", "14:30");
        form.add("session.0.capacity", "20");
        form.add("question.0.id", "dieet");
        form.add("question.0.label.nl", "Dieetwensen");
        form.add("question.0.label.en", "Dietary needs");
        form.add("question.0.type", "SINGLE_CHOICE");
        form.add("question.0.maxLength", "");
        form.add("question.0.option.0.id", "vegan");
        form.add("question.0.option.0.label.nl", "Veganistisch");
        form.add("question.0.option.0.label.en", "Vegan");
        form.add("question.0.option.1.id", "");
        form.add("question.0.option.1.label.nl", "Geen wensen");
        form.add("question.0.option.1.label.en", "None");
        form.add("eligibility.combine", "any");
        form.add("condition.0.kind", "sector");
        form.add("condition.0.values", "mbo, hbo");
        form.add("condition.1.kind", "invited");
        form.add("invitations.emails", "anna@hu.example.org");
        form.add("code.0.code", "VERDIEPING-2027");
        form.add("code.0.maxUses", "25");
        form.add("code.0.expiresAt.date", "2027-09-13");
        form.add("code.0.expiresAt.time", "12:00");
        return form;
    }

    private String page(ResultActions result) throws Exception {
        return result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private MultiValueMap<String, String> editForm(String eventId) throws Exception {
        return FormFields.of(page(mvc.perform(get("/organiser/events/" + eventId + "/edit").with(ORGANISER))
                .andExpect(status().isOk())));
    }

    private Event published(String id, UnaryOperator<Event.Builder> change) {
        Event event = change.apply(engine.events().find("capacity-meeting").orElseThrow().toBuilder().id(id)).build();
        assertThat(engine.events().create(event, "test")).isInstanceOf(EventOutcome.Saved.class);
        return event;
    }

    private void register(String eventId, String name) {
        RegistrationOutcome outcome = engine.registrations().register(RegisterCommand.of(eventId,
                new ParticipantDetails(name, "Jansen", name.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID()
                        + "@hu.example.org", "Hogeschool Utrecht", "projectleider", "hbo", Locale.forLanguageTag("nl"))));
        assertThat(outcome).isInstanceOf(RegistrationOutcome.Confirmed.class);
    }

    @Test
    void an_organiser_creates_an_event_with_a_session_a_choice_question_and_any_of_eligibility() throws Exception {
        mvc.perform(get("/organiser/events/new").with(ORGANISER)).andExpect(status().isOk());

        mvc.perform(post("/organiser/events/new").params(newEvent("verdieping-2027")).with(ORGANISER).with(csrf()))
                .andExpect(status().isSeeOther())
                .andExpect(redirectedUrl("/organiser/events/verdieping-2027"))
                .andExpect(flash().attribute("notice", "editor.done.created"));

        Event event = engine.events().find("verdieping-2027").orElseThrow();
        assertThat(event.title().in(Locale.ENGLISH)).isEqualTo("Learning Communities deep dive");
        assertThat(event.description().in(Locale.forLanguageTag("nl")))
                .isEqualTo("Wat werkt in een learning community?\nWe delen ervaringen.");
        assertThat(event.organisers()).containsExactly("MBO Raad", "Vereniging Hogescholen");
        assertThat(event.startsAt()).isEqualTo(ZonedDateTime.of(2027, 9, 14, 13, 0, 0, 0, AMSTERDAM));
        assertThat(event.endsAt()).isEqualTo(ZonedDateTime.of(2027, 9, 14, 16, 30, 0, 0, AMSTERDAM));
        assertThat(event.registrationWindow().closesAt()).isEqualTo(event.startsAt());
        assertThat(event.registrationWindow().isOpenAt(Instant.now())).isTrue();
        assertThat(event.capacity()).hasValue(40);
        assertThat(event.sessions()).singleElement().satisfies(session -> {
            assertThat(session.id()).isEqualTo("ronde-1-onderzoek");
            assertThat(session.title().in(Locale.ENGLISH)).isEqualTo("Round 1: research");
            assertThat(session.capacity()).hasValue(20);
        });
        assertThat(event.questions()).singleElement().satisfies(question -> {
            assertThat(question.type()).isEqualTo(Question.Type.SINGLE_CHOICE);
            assertThat(question.options()).extracting(Question.Option::id).containsExactly("vegan", "geen-wensen");
            assertThat(question.options().get(0).label().in(Locale.ENGLISH)).isEqualTo("Vegan");
        });
        assertThat(event.eligibility()).isEqualTo(new EligibilityRule.AnyOf(List.of(
                new EligibilityRule.SectorIn(Set.of("mbo", "hbo")), new EligibilityRule.Invited())));
        assertThat(event.invitations()).isEqualTo(new Invitations(Set.of(EmailAddress.of("anna@hu.example.org")),
                List.of(new InvitationCode("VERDIEPING-2027", OptionalInt.of(25),
                        Optional.of(ZonedDateTime.of(2027, 9, 13, 12, 0, 0, 0, AMSTERDAM))))));
        assertThat(engine.events().history("verdieping-2027")).singleElement()
                .satisfies(revision -> assertThat(revision.actor()).isEqualTo("organisator"));
    }

    @Test
    void the_row_buttons_add_move_and_remove_rows_keeping_what_was_typed_and_save_nothing() throws Exception {
        MultiValueMap<String, String> form = newEvent("knoppen-2027");
        form.add("question.1.id", "vervoer");
        form.add("question.1.label.nl", "Hoe kom je?");
        form.add("question.1.type", "TEXT");

        form.set("action", "add-session");
        String added = page(mvc.perform(post("/organiser/events/new").params(form).with(ORGANISER).with(csrf()))
                .andExpect(status().isOk()));
        form.set("action", "up-question:1");
        String moved = page(mvc.perform(post("/organiser/events/new").params(form).with(ORGANISER).with(csrf()))
                .andExpect(status().isOk()));
        form.set("action", "add-option:0");
        String option = page(mvc.perform(post("/organiser/events/new").params(form).with(ORGANISER).with(csrf()))
                .andExpect(status().isOk()));
        form.set("action", "remove-session:0");
        String removed = page(mvc.perform(post("/organiser/events/new").params(form).with(ORGANISER).with(csrf()))
                .andExpect(status().isOk()));
        form.set("action", "add-condition:programme");
        String condition = page(mvc.perform(post("/organiser/events/new").params(form).with(ORGANISER)
                .with(csrf())).andExpect(status().isOk()));

        assertThat(FormFields.of(added)).containsKeys("session.1.id", "session.1.title.nl")
                .containsEntry("session.0.title.nl", List.of("Ronde 1: onderzoek"))
                .containsEntry("title.nl", List.of("Verdiepingsbijeenkomst Learning Communities"));
        assertThat(FormFields.of(moved)).containsEntry("question.0.id", List.of("vervoer"))
                .containsEntry("question.1.id", List.of("dieet"))
                .containsEntry("question.1.option.1.label.nl", List.of("Geen wensen"));
        assertThat(FormFields.of(option)).containsKey("question.0.option.2.label.nl");
        assertThat(FormFields.of(removed)).doesNotContainKey("session.0.id");
        assertThat(FormFields.of(condition)).containsEntry("condition.2.kind", List.of("programme"))
                .containsKey("condition.2.programme");
        assertThat(engine.events().find("knoppen-2027")).isEmpty();
    }

    @Test
    void a_bad_end_time_is_an_error_next_to_the_end_in_the_page_language_and_saves_nothing() throws Exception {
        MultiValueMap<String, String> form = newEvent("fout-einde-2027");
        form.set("endsAt.time", "12:00");
        MultiValueMap<String, String> malformed = newEvent("fout-datum-2027");
        malformed.set("startsAt.date", "31-02-2027");
        malformed.set("capacity", "veel");

        String dutch = page(mvc.perform(post("/organiser/events/new").params(form).with(ORGANISER).with(csrf()))
                .andExpect(status().isOk()));
        String english = page(mvc.perform(post("/organiser/events/new").params(form).param("lang", "en")
                .with(ORGANISER).with(csrf())).andExpect(status().isOk()));
        String wrongDate = page(mvc.perform(post("/organiser/events/new").params(malformed).with(ORGANISER)
                .with(csrf())).andExpect(status().isOk()));

        assertThat(errorOf(dutch, "endsAt-date")).isEqualTo("Het einde moet na het begin liggen.");
        assertThat(dutch).contains("href=\"#endsAt-date\"", "role=\"alert\"")
                .containsPattern("id=\"endsAt-date\"[^>]*aria-describedby=\"endsAt-date-error\"");
        assertThat(errorOf(english, "endsAt-date")).isEqualTo("The end must be after the start.");
        assertThat(errorOf(wrongDate, "startsAt-date")).isEqualTo("Dit is geen geldige datum (bijvoorbeeld 2027-06-09).");
        assertThat(errorOf(wrongDate, "capacity")).isEqualTo("Vul een heel getal in van minstens 0.");
        assertThat(FormFields.of(dutch)).containsEntry("session.0.title.nl", List.of("Ronde 1: onderzoek"));
        assertThat(engine.events().find("fout-einde-2027")).isEmpty();
        assertThat(engine.events().find("fout-datum-2027")).isEmpty();
    }

    @Test
    void the_organisers_with_access_are_saved_shown_when_editing_kept_by_an_untouched_form_and_changed()
            throws Exception {
        String group = "urn:collab:group:surfconext.nl:nl:surfnet:diensten:lc-organisers";
        MultiValueMap<String, String> form = newEvent("toegang-2027");
        form.add("organiserAccess.emails", "anna.devries@hu.example.org\r\n\r\n  bram@mboraad.example.org  ");
        form.add("organiserAccess.groups", group + "\nlc-redactie");
        String blank = page(mvc.perform(get("/organiser/events/new").with(ORGANISER)).andExpect(status().isOk()));

        mvc.perform(post("/organiser/events/new").params(form).with(ORGANISER).with(csrf()))
                .andExpect(status().isSeeOther())
                .andExpect(redirectedUrl("/organiser/events/toegang-2027"));

        assertThat(FormFields.of(blank)).containsEntry("organiserAccess.emails", List.of(""))
                .containsEntry("organiserAccess.groups", List.of(""));
        assertThat(blank).contains("Organisatoren met toegang", "Beheerders hebben altijd toegang tot elke bijeenkomst")
                .containsPattern("<textarea id=\"organiserAccess-emails\" name=\"organiserAccess.emails\"")
                .containsPattern("<textarea id=\"organiserAccess-groups\" name=\"organiserAccess.groups\"");
        assertThat(engine.events().find("toegang-2027").orElseThrow().organiserAccess()).isEqualTo(OrganiserAccess.of(
                List.of("anna.devries@hu.example.org", "bram@mboraad.example.org"), List.of(group, "lc-redactie")));
        MultiValueMap<String, String> shown = editForm("toegang-2027");
        assertThat(shown)
                .containsEntry("organiserAccess.emails", List.of("anna.devries@hu.example.org\nbram@mboraad.example.org"))
                .containsEntry("organiserAccess.groups", List.of(group + "\nlc-redactie"));

        mvc.perform(post("/organiser/events/toegang-2027/edit").params(shown).with(ORGANISER).with(csrf()))
                .andExpect(status().isSeeOther())
                .andExpect(flash().attribute("notice", "editor.done.unchanged"));
        shown.set("organiserAccess.emails", "");
        shown.set("organiserAccess.groups", "lc-redactie");
        mvc.perform(post("/organiser/events/toegang-2027/edit").params(shown).with(ORGANISER).with(csrf()))
                .andExpect(status().isSeeOther())
                .andExpect(flash().attribute("notice", "editor.done.updated"));

        StoredEvent stored = engine.events().stored("toegang-2027").orElseThrow();
        assertThat(stored.revision()).isEqualTo(2);
        assertThat(stored.event().organiserAccess()).isEqualTo(OrganiserAccess.of(List.of(), List.of("lc-redactie")));
        assertThat(page(mvc.perform(get("/organiser/events/toegang-2027/history").with(ORGANISER))
                .andExpect(status().isOk()))).contains("<th scope=\"row\">Organisatoren met toegang</th>");
    }

    @Test
    void a_wrong_line_of_the_organisers_with_access_is_an_error_naming_the_line_and_saves_nothing()
            throws Exception {
        MultiValueMap<String, String> form = newEvent("toegang-fout-2027");
        form.add("organiserAccess.emails", "anna.devries@hu.example.org\n\nniet-een-adres\nbram@");
        form.add("organiserAccess.groups", "lc-redactie\n" + "g".repeat(OrganiserAccess.MAX_GROUP_LENGTH + 1));

        String dutch = page(mvc.perform(post("/organiser/events/new").params(form).with(ORGANISER).with(csrf()))
                .andExpect(status().isOk()));
        String english = page(mvc.perform(post("/organiser/events/new").params(form).param("lang", "en")
                .with(ORGANISER).with(csrf())).andExpect(status().isOk()));

        assertThat(errorsOf(dutch, "organiserAccess-emails")).containsExactly(
                "Regel 3: niet-een-adres is geen geldig e-mailadres.", "Regel 4: bram@ is geen geldig e-mailadres.");
        assertThat(errorsOf(dutch, "organiserAccess-groups"))
                .containsExactly("Regel 2: een groepsnaam heeft hoogstens 256 tekens.");
        assertThat(errorOf(english, "organiserAccess-emails"))
                .isEqualTo("Line 3: niet-een-adres is not a valid e-mail address.");
        assertThat(dutch).contains("href=\"#organiserAccess-emails\"", "href=\"#organiserAccess-groups\"")
                .containsPattern("id=\"organiserAccess-emails\"[^>]*aria-invalid=\"true\"[^>]*"
                        + "aria-describedby=\"organiserAccess-emails-hint organiserAccess-emails-error\"");
        assertThat(FormFields.of(dutch)).containsEntry("organiserAccess.emails",
                List.of("anna.devries@hu.example.org\n\nniet-een-adres\nbram@"));
        assertThat(engine.events().find("toegang-fout-2027")).isEmpty();
    }

    @Test
    void editing_a_revision_someone_else_changed_shows_the_conflict_keeps_the_input_and_saves_nothing()
            throws Exception {
        published("conflict-2027", b -> b);
        MultiValueMap<String, String> mine = editForm("conflict-2027");
        Event theirs = engine.events().find("conflict-2027").orElseThrow().toBuilder().capacity(OptionalInt.of(7))
                .build();
        assertThat(engine.events().update("conflict-2027", 1, theirs, "collega"))
                .isInstanceOf(EventOutcome.Saved.class);
        mine.set("title.nl", "Mijn nieuwe titel");

        String conflict = page(mvc.perform(post("/organiser/events/conflict-2027/edit").params(mine)
                .with(ORGANISER).with(csrf())).andExpect(status().isOk()));

        StoredEvent stored = engine.events().stored("conflict-2027").orElseThrow();
        assertThat(stored.revision()).isEqualTo(2);
        assertThat(stored.event().title().in(Locale.forLanguageTag("nl"))).isEqualTo("Bijeenkomst voor capaciteit");
        assertThat(conflict).contains("Iemand anders heeft deze bijeenkomst intussen gewijzigd");
        assertThat(conflict).containsPattern("<th scope=\"row\">Plaatsen</th>\\s*<td>5</td>\\s*<td>7</td>\\s*<td>5</td>");
        MultiValueMap<String, String> shownAgain = FormFields.of(conflict);
        assertThat(shownAgain).containsEntry("title.nl", List.of("Mijn nieuwe titel"))
                .containsEntry("revision", List.of("2"));

        mvc.perform(post("/organiser/events/conflict-2027/edit").params(shownAgain).with(ORGANISER).with(csrf()))
                .andExpect(status().isSeeOther());
        assertThat(engine.events().find("conflict-2027").orElseThrow().title().in(Locale.forLanguageTag("nl")))
                .isEqualTo("Mijn nieuwe titel");
    }

    @Test
    void a_change_of_time_shows_how_many_participants_it_tells_before_it_is_saved() throws Exception {
        published("verplaatst-2027", b -> b);
        register("verplaatst-2027", "Anna");
        register("verplaatst-2027", "Bram");
        MultiValueMap<String, String> form = editForm("verplaatst-2027");
        form.set("startsAt.time", "14:00");
        form.set("endsAt.time", "18:00");

        String preview = page(mvc.perform(post("/organiser/events/verplaatst-2027/edit").params(form)
                .with(ORGANISER).with(csrf())).andExpect(status().isOk()));

        assertThat(preview).contains("Deze wijziging stuurt een bericht naar 2 deelnemers");
        assertThat(engine.events().find("verplaatst-2027").orElseThrow().startsAt().getHour()).isEqualTo(13);

        mvc.perform(post("/organiser/events/verplaatst-2027/edit").params(FormFields.of(preview))
                        .param("confirm", "true").with(ORGANISER).with(csrf()))
                .andExpect(status().isSeeOther())
                .andExpect(redirectedUrl("/organiser/events/verplaatst-2027"))
                .andExpect(flash().attribute("notice", "editor.done.updated-notified"));
        Event moved = engine.events().find("verplaatst-2027").orElseThrow();
        assertThat(moved.startsAt()).isEqualTo(ZonedDateTime.of(2027, 6, 9, 14, 0, 0, 0, AMSTERDAM));
        assertThat(moved.endsAt()).isEqualTo(ZonedDateTime.of(2027, 6, 9, 18, 0, 0, 0, AMSTERDAM));
    }

    @Test
    void an_untouched_form_saves_no_change_even_for_a_rule_the_editor_cannot_show() throws Exception {
        published("ongewijzigd-2027", b -> b.eligibility(new EligibilityRule.AllOf(List.of(
                new EligibilityRule.SectorIn(Set.of("mbo", "hbo")),
                new EligibilityRule.AnyOf(List.of(new EligibilityRule.Invited(),
                        new EligibilityRule.ProgrammeParticipation("learning-communities",
                                EligibilityRule.ProgrammeParticipation.Level.REGISTERED)))))));

        String page = page(mvc.perform(get("/organiser/events/ongewijzigd-2027/edit").with(ORGANISER)));
        for (String eventId : List.of("ongewijzigd-2027", "open-meeting", "invited-meeting")) {
            mvc.perform(post("/organiser/events/" + eventId + "/edit").params(editForm(eventId)).with(ORGANISER)
                            .with(csrf()))
                    .andExpect(status().isSeeOther())
                    .andExpect(flash().attribute("notice", "editor.done.unchanged"));
            assertThat(engine.events().stored(eventId).orElseThrow().revision()).as(eventId).isEqualTo(1);
        }
        assertThat(page).contains("Alle van deze: (Sector (hbo, mbo); Een van deze: (Uitgenodigd; "
                + "Deelname aan het programma (learning-communities, Aangemeld)))");
    }

    @Test
    void copying_asks_a_new_id_and_start_and_opens_the_copy_in_the_editor() throws Exception {
        String page = page(mvc.perform(get("/organiser/events/capacity-meeting/copy").with(ORGANISER))
                .andExpect(status().isOk()));
        String taken = page(mvc.perform(post("/organiser/events/capacity-meeting/copy").param("newId", "open-meeting")
                .param("startsAt.date", "2027-10-06").param("startsAt.time", "10:00").param("zone", "Europe/Amsterdam")
                .with(ORGANISER).with(csrf())).andExpect(status().isOk()));
        String badDate = page(mvc.perform(post("/organiser/events/capacity-meeting/copy").param("newId", "kopie-fout")
                .param("startsAt.date", "morgen").param("startsAt.time", "10:00").param("zone", "Europe/Amsterdam")
                .with(ORGANISER).with(csrf())).andExpect(status().isOk()));

        mvc.perform(post("/organiser/events/capacity-meeting/copy").param("newId", "capaciteit-oktober")
                        .param("startsAt.date", "2027-10-06").param("startsAt.time", "10:00")
                        .param("zone", "Europe/Amsterdam").with(ORGANISER).with(csrf()))
                .andExpect(status().isSeeOther())
                .andExpect(redirectedUrl("/organiser/events/capaciteit-oktober/edit"))
                .andExpect(flash().attribute("notice", "editor.done.copied"));

        assertThat(page).contains("name=\"newId\"", "name=\"startsAt.date\"");
        assertThat(errorOf(taken, "newId")).isEqualTo("Er is al een bijeenkomst met de id open-meeting.");
        assertThat(errorOf(badDate, "startsAt-date")).isEqualTo("Dit is geen geldige datum (bijvoorbeeld 2027-06-09).");
        Event copy = engine.events().find("capaciteit-oktober").orElseThrow();
        assertThat(copy.startsAt()).isEqualTo(ZonedDateTime.of(2027, 10, 6, 10, 0, 0, 0, AMSTERDAM));
        assertThat(copy.endsAt()).isEqualTo(ZonedDateTime.of(2027, 10, 6, 14, 0, 0, 0, AMSTERDAM));
        assertThat(copy.title()).isEqualTo(engine.events().find("capacity-meeting").orElseThrow().title());
        mvc.perform(get("/organiser/events/capaciteit-oktober/edit").with(ORGANISER)).andExpect(status().isOk());
        assertThat(engine.events().find("kopie-fout")).isEmpty();
    }

    @Test
    void the_editor_wants_a_login_and_a_post_without_its_csrf_token_changes_nothing() throws Exception {
        published("csrf-2027", b -> b);
        MultiValueMap<String, String> edit = editForm("csrf-2027");
        edit.set("title.nl", "Zonder token");

        mvc.perform(get("/organiser/events/new")).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", endsWith("/organiser/login")));
        mvc.perform(post("/organiser/events/new").params(newEvent("zonder-token")).with(ORGANISER))
                .andExpect(status().isForbidden());
        mvc.perform(post("/organiser/events/csrf-2027/edit").params(edit).with(ORGANISER))
                .andExpect(status().isForbidden());
        mvc.perform(post("/organiser/events/csrf-2027/copy").param("newId", "kopie-zonder-token")
                .param("startsAt.date", "2027-10-06").param("startsAt.time", "10:00").with(ORGANISER))
                .andExpect(status().isForbidden());

        assertThat(engine.events().find("zonder-token")).isEmpty();
        assertThat(engine.events().find("kopie-zonder-token")).isEmpty();
        assertThat(engine.events().stored("csrf-2027").orElseThrow().revision()).isEqualTo(1);
    }

    @Test
    void an_unknown_event_is_a_friendly_404_and_odd_input_never_a_500() throws Exception {
        mvc.perform(get("/organiser/events/bestaat-niet/edit").with(ORGANISER)).andExpect(status().isNotFound());
        mvc.perform(get("/organiser/events/bestaat-niet/copy").with(ORGANISER)).andExpect(status().isNotFound());
        MultiValueMap<String, String> odd = new LinkedMultiValueMap<>();
        odd.add("zone", "Mars/Olympus");
        odd.add("format", "TELEPATHIE");
        odd.add("session.999.startsAt.date", "9999-99-99");
        odd.add("question.0.type", "RAADSEL");
        odd.add("condition.0.kind", "horoscoop");
        odd.add("code.0.code", "ab");
        odd.add("retention", "-1");
        for (String action : List.of("save", "remove-option:7:9", "up-session:x", "add-condition:horoscoop", "")) {
            mvc.perform(post("/organiser/events/new").params(odd).param("action", action).with(ORGANISER)
                    .with(csrf())).andExpect(status().isOk());
        }
        mvc.perform(post("/organiser/events/open-meeting/edit").params(odd).param("revision", "oud")
                .with(ORGANISER).with(csrf())).andExpect(status().isOk());
    }

    /** The message shown next to an element: the text of its {@code <id>-error} paragraph. */
    private static String errorOf(String page, String id) {
        Matcher matcher = Pattern.compile("id=\"" + Pattern.quote(id + "-error") + "\">\\s*<span>([^<]*)</span>")
                .matcher(page);
        assertThat(matcher.find()).as("an error next to %s", id).isTrue();
        return matcher.group(1);
    }

    /** Every message shown next to an element, in order. */
    private static List<String> errorsOf(String page, String id) {
        Matcher paragraph = Pattern.compile("id=\"" + Pattern.quote(id + "-error") + "\">(.*?)</p>", Pattern.DOTALL)
                .matcher(page);
        assertThat(paragraph.find()).as("errors next to %s", id).isTrue();
        Matcher span = Pattern.compile("<span>([^<]*)</span>").matcher(paragraph.group(1));
        List<String> messages = new java.util.ArrayList<>();
        while (span.find()) {
            messages.add(span.group(1));
        }
        return messages;
    }

    /**
     * What a browser would post from the editor's form in a page: every input (checkboxes when ticked), textarea
     * and select with its chosen option; not the buttons, and not the CSRF token (the tests add their own).
     */
    static final class FormFields {

        private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>");
        private static final Pattern TEXTAREA = Pattern.compile("<textarea\\b([^>]*)>(.*?)</textarea>", Pattern.DOTALL);
        private static final Pattern SELECT = Pattern.compile("<select\\b([^>]*)>(.*?)</select>", Pattern.DOTALL);
        private static final Pattern OPTION = Pattern.compile("<option\\b([^>]*)>");
        private static final Pattern FORM = Pattern.compile("<form\\b[^>]*class=\"editor-form\"[^>]*>(.*?)</form>",
                Pattern.DOTALL);

        private FormFields() {
        }

        static MultiValueMap<String, String> of(String page) {
            Matcher form = FORM.matcher(page);
            String html = form.find() ? form.group(1) : page;
            MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
            Matcher input = INPUT.matcher(html);
            while (input.find()) {
                String attributes = input.group(1);
                String name = attribute(attributes, "name");
                String type = Optional.ofNullable(attribute(attributes, "type")).orElse("text");
                if (name == null || name.equals("_csrf") || (type.equals("checkbox") && !attributes.contains("checked"))) {
                    continue;
                }
                fields.add(name, Optional.ofNullable(attribute(attributes, "value")).orElse(""));
            }
            Matcher textarea = TEXTAREA.matcher(html);
            while (textarea.find()) {
                fields.add(attribute(textarea.group(1), "name"), unescape(textarea.group(2)));
            }
            Matcher select = SELECT.matcher(html);
            while (select.find()) {
                Matcher option = OPTION.matcher(select.group(2));
                String first = null;
                String selected = null;
                while (option.find()) {
                    String value = attribute(option.group(1), "value");
                    first = first == null ? value : first;
                    selected = option.group(1).contains("selected") ? value : selected;
                }
                fields.add(attribute(select.group(1), "name"), selected != null ? selected : first == null ? "" : first);
            }
            return fields;
        }

        private static String attribute(String attributes, String name) {
            Matcher matcher = Pattern.compile("(?:^|\\s)" + name + "=\"([^\"]*)\"").matcher(attributes);
            return matcher.find() ? unescape(matcher.group(1)) : null;
        }

        private static String unescape(String html) {
            return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&amp;", "&");
        }
    }
}
