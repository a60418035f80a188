package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.EventOutcome;
import nl.learningcommunities.registration.application.ImportReport;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.booking.Attendance;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventStatus;
import nl.learningcommunities.registration.rule.Messages;
import nl.learningcommunities.registration.rule.Reason;

/**
 * The organiser's lifecycle and day-of pages: closing and reopening registration, cancelling with a typed
 * confirmation, the history, the check-in list and a message to the participants each do what the page says,
 * the participants hear of it by e-mail (through a GreenMail SMTP server), and no action works without its CSRF
 * token. Each test works on its own copy of a test event, so that the tests do not depend on each other's order.
 */
@SpringBootTest(properties = {
        "registration.datasource.url=jdbc:h2:mem:portal-lifecycle;DB_CLOSE_DELAY=-1",
        "registration.events.location=target/test-classes/test-events",
        "registration.admin.password=organiser-wachtwoord",
        "registration.mail.smtp.host=127.0.0.1",
        "registration.mail.smtp.starttls=false",
        "registration.mail.interval=200ms"})
@AutoConfigureMockMvc
class EventLifecyclePagesTest {

    private static final RequestPostProcessor ORGANISER = user("organisator").roles("ADMIN", "ORGANISER");
    private static final Duration MAIL_WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("registration.mail.smtp.port", () -> smtp.getSmtp().getPort());
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationEngine engine;

    @Autowired
    StartupImport startupImport;

    @Test
    void closing_refuses_public_registrations_and_reopening_admits_them_again() throws Exception {
        String eventId = copy("lifecycle-close");

        perform(post("/organiser/events/" + eventId + "/close").with(ORGANISER).with(csrf()))
                .andExpect(redirectedUrl("/organiser"))
                .andExpect(flash().attribute("lifecycleNotice",
                        "De aanmelding voor Bijeenkomst voor capaciteit is gesloten."));
        String form = page(post("/events/" + eventId + "/register").with(csrf())
                .param("givenName", "Vera").param("familyName", "Visser").param("email", "vera@hu.example.org")
                .param("organisation", "Hogeschool Utrecht").param("role", "projectleider").param("sector", "hbo")
                .param("privacyConsent", "true"));
        RegistrationOutcome whileClosed = engine.registrations().register(command(eventId, "Wim"));
        String events = page(get("/organiser").with(ORGANISER));

        assertThat(form).contains("De organisator heeft de aanmelding voor deze bijeenkomst gesloten.");
        assertThat(whileClosed).isInstanceOfSatisfying(RegistrationOutcome.Refused.class, refused ->
                assertThat(refused.reasons()).extracting(Reason::code).contains("registration.closed"));
        assertThat(engine.organising().list(RegistrationQuery.all(eventId))).isEmpty();
        assertThat(engine.events().find(eventId)).map(Event::status).hasValue(EventStatus.CLOSED);
        assertThat(events).contains("/organiser/events/" + eventId + "/reopen")
                .doesNotContain("/organiser/events/" + eventId + "/close");

        perform(post("/organiser/events/" + eventId + "/reopen").with(ORGANISER).with(csrf()))
                .andExpect(redirectedUrl("/organiser"))
                .andExpect(flash().attribute("lifecycleNotice",
                        "De aanmelding voor Bijeenkomst voor capaciteit is weer open."));

        assertThat(engine.events().find(eventId)).map(Event::status).hasValue(EventStatus.OPEN);
        assertThat(engine.registrations().register(command(eventId, "Xena")))
                .isInstanceOf(RegistrationOutcome.Confirmed.class);
    }

    @Test
    void the_events_list_shows_each_status_and_offers_the_actions_it_allows() throws Exception {
        String open = copy("lifecycle-list-open");
        String cancelled = copy("lifecycle-list-cancelled");
        engine.events().cancel(cancelled, "Zaal niet beschikbaar", "organisator");

        String page = page(get("/organiser").with(ORGANISER));

        assertThat(page).contains("href=\"/organiser/events/new\"", "Nieuwe bijeenkomst", "Aanmelding open",
                "Geannuleerd");
        for (String action : List.of("edit", "copy", "history", "checkin", "message", "cancel")) {
            assertThat(page).contains("/organiser/events/" + open + "/" + action + "\"");
        }
        assertThat(page).contains("action=\"/organiser/events/" + open + "/close\"",
                "/organiser/events/" + cancelled + "/history\"", "/organiser/events/" + cancelled + "/copy\"")
                .doesNotContain("/organiser/events/" + cancelled + "/close", "/organiser/events/" + cancelled + "/edit",
                        "/organiser/events/" + cancelled + "/cancel\"", "/organiser/events/" + cancelled + "/checkin");
    }

    @Test
    void cancelling_needs_the_typed_id_then_cancels_every_registration_and_tells_each_participant() throws Exception {
        String eventId = copy("lifecycle-cancel");
        Registration anna = register(eventId, "Anna");
        Registration bram = register(eventId, "Bram");
        String reason = "De spreker is ziek geworden";

        String cancelPage = page(get("/organiser/events/" + eventId + "/cancel").with(ORGANISER));
        String wrongId = page(post("/organiser/events/" + eventId + "/cancel").param("reason", reason)
                .param("confirm", "capacity-meeting").with(ORGANISER).with(csrf()));
        String noReason = page(post("/organiser/events/" + eventId + "/cancel").param("reason", " ")
                .param("confirm", eventId).with(ORGANISER).with(csrf()));

        assertThat(cancelPage).contains("2 deelnemers krijgen bericht (bevestigd: 2", "class=\"danger\"",
                "Typ " + eventId + " om te bevestigen");
        assertThat(wrongId).contains("role=\"alert\"", "href=\"#confirm\"", "id=\"confirm-error\"",
                "aria-describedby=\"confirm-error\"",
                "Typ de id van de bijeenkomst precies over om het annuleren te bevestigen.", reason);
        assertThat(noReason).contains("id=\"reason-error\"", "Schrijf waarom de bijeenkomst niet doorgaat");
        assertThat(engine.events().find(eventId)).map(Event::status).hasValue(EventStatus.OPEN);
        assertThat(statusOf(anna)).isEqualTo(RegistrationStatus.CONFIRMED);

        perform(post("/organiser/events/" + eventId + "/cancel").param("reason", reason)
                .param("confirm", " " + eventId + " ").with(ORGANISER).with(csrf()))
                .andExpect(redirectedUrl("/organiser"))
                .andExpect(flash().attribute("lifecycleNotice",
                        "Bijeenkomst voor capaciteit is geannuleerd; 2 deelnemers krijgen bericht."));

        Event cancelled = engine.events().find(eventId).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(EventStatus.CANCELLED);
        assertThat(cancelled.cancellationReason()).hasValue(reason);
        assertThat(engine.organising().list(RegistrationQuery.all(eventId))).hasSize(2)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(RegistrationStatus.CANCELLED));
        for (Registration participant : List.of(anna, bram)) {
            Awaitility.await().atMost(MAIL_WAIT).until(() -> mailsTo(participant).stream()
                    .anyMatch(m -> text(m).contains(reason)));
        }
        assertThat(page(get("/organiser/events/" + eventId + "/cancel").with(ORGANISER)))
                .contains("Deze bijeenkomst is geannuleerd.", reason).doesNotContain("name=\"confirm\"");
        perform(post("/organiser/events/" + eventId + "/close").with(ORGANISER).with(csrf()))
                .andExpect(flash().attribute("lifecycleProblem", "Deze bijeenkomst is geannuleerd."));
    }

    @Test
    void the_history_lists_the_revisions_newest_first_with_actor_action_and_changed_fields() throws Exception {
        String eventId = copy("lifecycle-history");
        int seats = engine.events().find(eventId).orElseThrow().capacity().getAsInt();
        perform(post("/organiser/events/" + eventId + "/close").with(ORGANISER).with(csrf()));
        perform(post("/organiser/events/" + eventId + "/capacity").param("capacity", String.valueOf(seats + 4))
                .with(ORGANISER).with(csrf()));

        String page = page(get("/organiser/events/" + eventId + "/history").with(ORGANISER));
        String english = page(get("/organiser/events/" + eventId + "/history").param("lang", "en").with(ORGANISER));

        assertThat(engine.events().history(eventId)).hasSize(3);
        assertThat(page).contains("Versie 3", "Capaciteit gewijzigd", "Versie 2", "Aanmelding gesloten", "Versie 1",
                "Gekopieerd van een andere bijeenkomst", "organisator", "voorbereiding", "Europe/Amsterdam",
                "<del>" + seats + "</del>", "<ins>" + (seats + 4) + "</ins>", "<del>Open</del>", "<ins>Aanmelding gesloten</ins>")
                .doesNotContain("capacity-changed");
        assertThat(page.indexOf("Versie 3")).isLessThan(page.indexOf("Versie 2"));
        assertThat(page.indexOf("Versie 2")).isLessThan(page.indexOf("Versie 1"));
        assertThat(english).contains("Revision 3", "Capacity changed", "Registration closed", "Capacity");
        perform(get("/organiser/events/bestaat-niet/history").with(ORGANISER)).andExpect(status().isNotFound());
    }

    @Test
    void the_check_in_list_marks_and_undoes_attendance_keeping_the_search() throws Exception {
        String eventId = copy("lifecycle-checkin");
        Registration carla = register(eventId, "Carla");
        Registration daan = register(eventId, "Daan");
        String elsewhere = copy("lifecycle-checkin-elsewhere");
        Registration other = register(elsewhere, "Eva");

        String list = page(get("/organiser/events/" + eventId + "/checkin").with(ORGANISER));
        String searched = page(get("/organiser/events/" + eventId + "/checkin").param("q", "carla")
                .with(ORGANISER));
        assertThat(list).contains("0 van 2 aanwezig", carla.participant().email().value(),
                daan.participant().email().value(), "Nog niet binnen", "Aanwezig: Carla Jansen");
        assertThat(searched).contains(carla.participant().email().value())
                .doesNotContain(daan.participant().email().value());

        perform(post("/organiser/events/" + eventId + "/checkin/" + carla.id()).param("attendance", "ATTENDED")
                .param("q", "carla").with(ORGANISER).with(csrf()))
                .andExpect(redirectedUrl("/organiser/events/" + eventId + "/checkin?q=carla"))
                .andExpect(flash().attribute("lifecycleNotice", "Carla Jansen is aanwezig gemeld."));
        assertThat(attendanceOf(carla)).isEqualTo(Attendance.ATTENDED);
        assertThat(attendanceOf(daan)).isEqualTo(Attendance.UNKNOWN);
        assertThat(page(get("/organiser/events/" + eventId + "/checkin").with(ORGANISER)))
                .contains("1 van 2 aanwezig", "Ongedaan maken: Carla Jansen", "Aanwezig: Daan Jansen");

        perform(post("/organiser/events/" + eventId + "/checkin/" + carla.id()).param("attendance", "UNKNOWN")
                .with(ORGANISER).with(csrf()))
                .andExpect(redirectedUrl("/organiser/events/" + eventId + "/checkin"));
        assertThat(attendanceOf(carla)).isEqualTo(Attendance.UNKNOWN);

        perform(post("/organiser/events/" + eventId + "/checkin/" + other.id()).param("attendance", "ATTENDED")
                .with(ORGANISER).with(csrf())).andExpect(status().isNotFound());
        perform(post("/organiser/events/" + eventId + "/checkin/geen-id").param("attendance", "ATTENDED")
                .with(ORGANISER).with(csrf())).andExpect(status().isNotFound());
        assertThat(attendanceOf(other)).isEqualTo(Attendance.UNKNOWN);
    }

    @Test
    void a_message_is_previewed_with_its_recipients_then_sent_to_each_in_their_language() throws Exception {
        String eventId = copy("lifecycle-message");
        Registration femke = register(eventId, "Femke");
        Registration gijs = register(eventId, "Gijs");
        Registration harry = Views.registrationOf(engine.registrations().register(RegisterCommand.of(eventId,
                new ParticipantDetails("Harry", "Smith", "harry-" + UUID.randomUUID() + "@hu.example.org",
                        "Hogeschool Utrecht", "projectleider", "hbo", Messages.ENGLISH))));
        String subjectNl = "Praktische informatie " + UUID.randomUUID();
        String subjectEn = "Practical information " + UUID.randomUUID();

        String form = page(get("/organiser/events/" + eventId + "/message").with(ORGANISER));
        String empty = page(message(eventId, "/message/preview", "", subjectEn));
        String preview = page(message(eventId, "/message/preview", subjectNl, subjectEn));
        String edit = page(message(eventId, "/message/send", subjectNl, subjectEn).param("step", "edit"));

        assertThat(form).contains("Bevestigde deelnemers (3)", "Onderwerp in het Nederlands", "Tekst in het Engels");
        assertThat(empty).contains("role=\"alert\"", "href=\"#subjectNl\"", "id=\"subjectNl-error\"",
                "aria-describedby=\"subjectNl-error\"", "Schrijf het onderwerp in het Nederlands.", subjectEn)
                .doesNotContain("id=\"subjectEn-error\"");
        assertThat(preview).contains("Dit bericht gaat naar 3 deelnemers", subjectNl, subjectEn, "Beste deelnemers,",
                "Dear participants,", "name=\"step\" value=\"send\"");
        assertThat(edit).contains("id=\"subjectNl\"", subjectNl).doesNotContain("name=\"step\"");

        perform(message(eventId, "/message/send", subjectNl, subjectEn).param("step", "send"))
                .andExpect(redirectedUrl("/organiser"))
                .andExpect(flash().attribute("lifecycleNotice", "Bericht verstuurd aan 3 deelnemers."));

        Awaitility.await().atMost(MAIL_WAIT).until(() -> withSubject(subjectNl).size() == 2
                && withSubject(subjectEn).size() == 1);
        assertThat(withSubject(subjectNl)).extracting(EventLifecyclePagesTest::recipient).containsExactlyInAnyOrder(
                femke.participant().email().value(), gijs.participant().email().value());
        assertThat(withSubject(subjectEn)).extracting(EventLifecyclePagesTest::recipient)
                .containsExactly(harry.participant().email().value());
        assertThat(text(withSubject(subjectEn).get(0))).contains("Dear participants,");
    }

    @Test
    void every_action_without_its_csrf_token_is_refused_and_changes_nothing() throws Exception {
        String eventId = copy("lifecycle-csrf");
        Registration ivo = register(eventId, "Ivo");
        String subject = "Zonder token " + UUID.randomUUID();

        for (String action : List.of("/close", "/reopen", "/cancel", "/checkin/" + ivo.id(), "/message/preview",
                "/message/send")) {
            perform(post("/organiser/events/" + eventId + action).param("confirm", eventId)
                    .param("reason", "Geen token").param("attendance", "ATTENDED").param("step", "send")
                    .param("audience", "CONFIRMED").param("subjectNl", subject).param("subjectEn", subject)
                    .param("bodyNl", "Tekst").param("bodyEn", "Text").with(ORGANISER))
                    .andExpect(status().isForbidden());
        }

        assertThat(engine.events().find(eventId)).map(Event::status).hasValue(EventStatus.OPEN);
        assertThat(engine.events().history(eventId)).hasSize(1);
        assertThat(statusOf(ivo)).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(attendanceOf(ivo)).isEqualTo(Attendance.UNKNOWN);
        assertThat(engine.organising().failedNotifications(eventId)).isEmpty();
        Awaitility.await().atMost(MAIL_WAIT).until(() -> !mailsTo(ivo).isEmpty());
        assertThat(withSubject(subject)).isEmpty();
    }

    @Test
    void the_pages_of_an_unknown_event_are_not_found_and_they_want_a_login() throws Exception {
        for (String page : List.of("/history", "/checkin", "/message", "/cancel")) {
            perform(get("/organiser/events/bestaat-niet" + page).with(ORGANISER)).andExpect(status().isNotFound());
            perform(get("/organiser/events/open-meeting" + page)).andExpect(status().is3xxRedirection());
        }
        perform(post("/organiser/events/bestaat-niet/close").with(ORGANISER).with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void the_events_list_tells_the_organiser_what_the_start_up_import_did_not_take_over(@TempDir Path folder)
            throws Exception {
        engine.organising().changeCapacity("approval-meeting", Optional.empty(), OptionalInt.of(12), "organisator");
        String programme = Files.readString(Path.of("target/test-classes/test-events/test-programme.json"));
        String approval = "\"capacity\": 10,\n      \"approval\"";
        assertThat(programme).contains(approval);
        Files.writeString(folder.resolve("programme.json"), programme.replace(approval,
                "\"capacity\": 7,\n      \"approval\""));
        startupImport.run(engine, Optional.of(folder));

        String dutch = page(get("/organiser").with(ORGANISER));
        String english = page(get("/organiser").param("lang", "en").with(ORGANISER));

        assertThat(dutch).contains("Niet alles uit de bestanden met bijeenkomsten is overgenomen",
                "Bij het inlezen van het bestand is het veld ‘Capaciteit’ niet overgenomen: een organisator wijzigde"
                        + " het ook, en de waarde van de organisator blijft staan.");
        assertThat(dutch.indexOf("Bijeenkomst met goedkeuring")).isLessThan(dutch.indexOf("Bij het inlezen"));
        assertThat(english).contains("When reading the file, the field ‘Capacity’ was not taken over");
        assertThat(engine.organising().counts("approval-meeting").capacity()).hasValue(12);
    }

    @Test
    void refused_import_fields_read_as_sentences_in_the_page_language() {
        ImportReport report = new ImportReport(List.of(
                new ImportReport.EventImport("capacity-meeting", ImportReport.Result.UNCHANGED, List.of(), List.of(),
                        List.of(), List.of(Reason.ofField("capacity", "capacity.below-taken", "5"))),
                new ImportReport.EventImport("open-meeting", ImportReport.Result.UPDATED, List.of("title"), List.of(),
                        List.of(), List.of())));

        List<LifecycleImportNotes> notes = LifecycleImportNotes.of(report, id -> engine.events().find(id).orElse(null),
                Locale.forLanguageTag("nl"));

        assertThat(notes).singleElement().satisfies(note -> {
            assertThat(note.title()).isEqualTo("Bijeenkomst voor capaciteit");
            assertThat(note.lines()).containsExactly("Bij het inlezen van het bestand is het veld ‘Capaciteit’ niet"
                    + " overgenomen: De capaciteit kan niet lager zijn dan de 5 plaatsen die al bezet zijn; annuleer"
                    + " eerst aanmeldingen.");
        });
    }

    private MockHttpServletRequestBuilder message(String eventId, String path, String subjectNl, String subjectEn) {
        return post("/organiser/events/" + eventId + path).param("audience", "CONFIRMED")
                .param("subjectNl", subjectNl).param("subjectEn", subjectEn)
                .param("bodyNl", "Beste deelnemers,\nDe zaal is verplaatst.")
                .param("bodyEn", "Dear participants,\nThe room has moved.").with(ORGANISER).with(csrf());
    }

    /** Copies the capacity meeting (five seats, no questions) to a fresh event of this test's own. */
    private String copy(String newId) {
        Event source = engine.events().find("capacity-meeting").orElseThrow();
        EventOutcome outcome = engine.events().copy("capacity-meeting", newId, source.startsAt(), "voorbereiding");
        assertThat(outcome).isInstanceOf(EventOutcome.Saved.class);
        return newId;
    }

    private static RegisterCommand command(String eventId, String name) {
        return RegisterCommand.of(eventId, new ParticipantDetails(name, "Jansen", name.toLowerCase(Locale.ROOT) + "-"
                + UUID.randomUUID() + "@hu.example.org", "Hogeschool Utrecht", "projectleider", "hbo",
                Locale.forLanguageTag("nl")));
    }

    private Registration register(String eventId, String name) {
        return Views.registrationOf(engine.registrations().register(command(eventId, name)));
    }

    private Registration current(Registration registration) {
        return engine.organising().list(RegistrationQuery.all(registration.eventId())).stream()
                .filter(r -> r.id().equals(registration.id())).findFirst().orElseThrow();
    }

    private RegistrationStatus statusOf(Registration registration) {
        return current(registration).status();
    }

    private Attendance attendanceOf(Registration registration) {
        return current(registration).attendance();
    }

    private ResultActions perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request);
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private static List<MimeMessage> mailsTo(Registration registration) {
        String address = registration.participant().email().value();
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equals(address)).toList();
    }

    private static List<MimeMessage> withSubject(String subject) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return subject.equals(m.getSubject());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String recipient(MimeMessage message) {
        try {
            return ((jakarta.mail.internet.InternetAddress) message.getAllRecipients()[0]).getAddress();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Part part) {
        try {
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < multipart.getCount(); i++) {
                    text.append(text(multipart.getBodyPart(i)));
                }
                return text.toString();
            }
            return "";
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
