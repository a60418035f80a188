package nl.learningcommunities.registration.mail;

import static nl.learningcommunities.registration.testing.TestEvents.at;
import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.CalendarComponent;

import nl.learningcommunities.registration.application.EventOutcome;
import nl.learningcommunities.registration.application.MessageOutcome;
import nl.learningcommunities.registration.application.ParticipantMessage;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.event.OrganiserNotifications;
import nl.learningcommunities.registration.event.Promotion;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.notification.OutboxEntry;
import nl.learningcommunities.registration.rule.Messages;

/**
 * What participants receive when an organiser changes the event, cancels it, or writes to them: driven through
 * the engine, sent over SMTP, and read back (MIME parts, and the calendar part parsed with ical4j).
 */
class EventAnnouncementsTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final String DUTCH_TITLE = "Learning Communities in hbo en mbo";
    private static final String ENGLISH_TITLE = "Learning Communities in hbo and mbo";

    private final MailFixture f = new MailFixture();
    private MailDispatcher mail;

    /** One message as received, with the kind of notification it was sent for. */
    private record Received(MimeMessage message, NotificationType type, String text, String html,
                            Optional<Calendar> calendar) {

        Component vevent() {
            return calendar.orElseThrow().getComponents("VEVENT").get(0);
        }

        String property(String name) {
            return vevent().getProperty(name).orElseThrow().getValue();
        }

        String method() {
            return calendar.orElseThrow().getProperty("METHOD").orElseThrow().getValue();
        }
    }

    private Event quietMeeting(String id, int capacity, Promotion promotion) {
        return f.publish(meeting(id, capacity).organiserNotifications(OrganiserNotifications.NONE)
                .promotion(promotion).build());
    }

    /** Sends everything queued, and returns what each address received in that run. */
    private Map<String, List<Received>> sendAll(int expected, Registration... about) throws Exception {
        Set<String> before = new HashSet<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            before.add(message.getMessageID());
        }
        if (mail == null) {
            mail = f.dispatcher(MailFixture.smtp(SMTP.getSmtp().getPort()), "node-1");
        }
        assertThat(mail.runOnce()).isEqualTo(expected);
        assertThat(SMTP.waitForIncomingEmail(10_000, before.size() + expected)).isTrue();
        Map<UUID, NotificationType> types = new HashMap<>();
        for (Registration r : about) {
            for (OutboxEntry entry : f.storage.about(r.id())) {
                types.put(entry.notification().id(), entry.notification().type());
            }
        }
        Map<String, List<Received>> byAddress = new HashMap<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            if (before.contains(message.getMessageID())) {
                continue;
            }
            String id = message.getMessageID().replaceAll("^<|@.*$", "");
            MimeMultipart parts = (MimeMultipart) message.getContent();
            Optional<BodyPart> calendarPart = MessageTypesTest.find(parts, "text/calendar");
            Optional<Calendar> calendar = calendarPart.isEmpty() ? Optional.empty()
                    : Optional.of(MessageTypesTest.parse(MessageTypesTest.read(calendarPart.get())));
            calendarPart.ifPresent(part -> assertThat(contentType(part)).contains("method=" + calendar.orElseThrow()
                    .getProperty("METHOD").orElseThrow().getValue()));
            String to = ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress();
            byAddress.computeIfAbsent(to, k -> new ArrayList<>()).add(new Received(message,
                    types.get(UUID.fromString(id)), lines(MessageTypesTest.body(parts, "text/plain")),
                    lines(MessageTypesTest.body(parts, "text/html")), calendar));
        }
        assertThat(byAddress.values().stream().mapToInt(List::size).sum()).isEqualTo(expected);
        return byAddress;
    }

    private static String contentType(BodyPart part) {
        try {
            return part.getContentType();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String lines(String body) {
        return body.replace("\r\n", "\n");
    }

    private static Received only(Map<String, List<Received>> received, String address) {
        assertThat(received.get(address)).as("messages to %s", address).hasSize(1);
        return received.get(address).get(0);
    }

    @Test
    void a_time_change_updates_the_confirmed_calendars_tells_the_waiting_list_and_a_new_description_tells_nobody()
            throws Exception {
        Event event = quietMeeting("verplaatst", 3, Promotion.offer(Duration.ofHours(48)));
        Registration anna = f.register(event, "Anna", "anna@hu.example.org", Messages.DUTCH);
        Registration bram = f.register(event, "Bram", "bram@hu.example.org", Messages.ENGLISH);
        Registration eva = f.register(event, "Eva", "eva@hu.example.org", Messages.DUTCH);
        Registration chris = f.register(event, "Chris", "chris@hu.example.org", Messages.DUTCH);
        Registration dirk = f.register(event, "Dirk", "dirk@hu.example.org", Messages.DUTCH);
        f.engine.organising().cancel(eva.id(), "melina", Optional.empty());
        Map<String, List<Received>> first = sendAll(7, anna, bram, eva, chris, dirk);
        Received annaConfirmed = only(first, "anna@hu.example.org");
        Received bramConfirmed = only(first, "bram@hu.example.org");
        assertThat(f.storage.find(chris.id()).orElseThrow().offerExpiresAt()).isPresent();

        long revision = f.engine.events().stored(event.id()).orElseThrow().revision();
        Event later = event.toBuilder().startsAt(at(2027, 6, 10, 14)).endsAt(at(2027, 6, 10, 18)).build();
        EventOutcome moved = f.engine.events().update(event.id(), revision, later, "organiser");
        Map<String, List<Received>> changed = sendAll(4, anna, bram, eva, chris, dirk);

        assertThat(moved).isInstanceOfSatisfying(EventOutcome.Saved.class, saved ->
                assertThat(saved.notified()).isEqualTo(4));
        assertThat(changed).containsOnlyKeys("anna@hu.example.org", "bram@hu.example.org", "chris@hu.example.org",
                "dirk@hu.example.org");
        for (Received[] pair : List.of(new Received[] {annaConfirmed, only(changed, "anna@hu.example.org")},
                new Received[] {bramConfirmed, only(changed, "bram@hu.example.org")})) {
            Received confirmation = pair[0];
            Received update = pair[1];
            assertThat(confirmation.type()).isEqualTo(NotificationType.CONFIRMATION);
            assertThat(update.type()).isEqualTo(NotificationType.EVENT_CHANGED);
            assertThat(update.method()).isEqualTo("REQUEST");
            assertThat(update.property("UID")).isEqualTo(confirmation.property("UID"));
            assertThat(Integer.parseInt(update.property("SEQUENCE")))
                    .isGreaterThan(Integer.parseInt(confirmation.property("SEQUENCE")));
            assertThat(update.property("DTSTART")).isEqualTo("20270610T140000");
            assertThat(update.vevent().getProperty("DTSTART").orElseThrow().getParameter("TZID").orElseThrow()
                    .getValue()).isEqualTo("Europe/Amsterdam");
            assertThat(update.property("DTEND")).isEqualTo("20270610T180000");
            assertThat(confirmation.property("DTSTART")).isEqualTo("20270609T130000");
        }
        Received annaChanged = only(changed, "anna@hu.example.org");
        assertThat(annaChanged.message().getSubject()).isEqualTo("De bijeenkomst is gewijzigd: " + DUTCH_TITLE);
        assertThat(annaChanged.text())
                .contains("De organisatie heeft " + DUTCH_TITLE + " gewijzigd: een nieuw tijdstip.")
                .contains("De bijgewerkte uitnodiging bij deze e-mail past de afspraak in je agenda aan.")
                .contains("Wanneer: donderdag 10 juni 2027 om 14:00–18:00")
                .contains("https://meet.example.org/lc")
                .doesNotContain("wachtlijst");
        Received bramChanged = only(changed, "bram@hu.example.org");
        assertThat(bramChanged.message().getSubject()).isEqualTo("The meeting has changed: " + ENGLISH_TITLE);
        assertThat(bramChanged.text())
                .contains("The organisers have changed " + ENGLISH_TITLE + ": a new date or time.")
                .contains("The updated invitation with this e-mail changes the entry in your calendar.")
                .contains("When: Thursday 10 June 2027 at 14:00–18:00");

        Received chrisChanged = only(changed, "chris@hu.example.org");
        assertThat(chrisChanged.type()).isEqualTo(NotificationType.EVENT_CHANGED);
        assertThat(chrisChanged.calendar()).isEmpty();
        assertThat(chrisChanged.text()).contains("Wanneer: donderdag 10 juni 2027 om 14:00–18:00")
                .contains("De vrijgekomen plaats houden we nog steeds voor je vast tot woensdag 5 mei 2027 om 10:00.")
                .doesNotContain("agenda").doesNotContain("https://meet.example.org/lc");
        Received dirkChanged = only(changed, "dirk@hu.example.org");
        assertThat(dirkChanged.type()).isEqualTo(NotificationType.EVENT_CHANGED);
        assertThat(dirkChanged.calendar()).isEmpty();
        assertThat(dirkChanged.text()).contains("Je plaats op de wachtlijst blijft behouden.")
                .doesNotContain("iemand anders je plaats")
                .contains("Wanneer: donderdag 10 juni 2027 om 14:00–18:00")
                .doesNotContain("agenda").doesNotContain("https://meet.example.org/lc");

        long next = f.engine.events().stored(event.id()).orElseThrow().revision();
        Event described = f.engine.events().find(event.id()).orElseThrow().toBuilder()
                .description(LocalizedText.of("Met een nieuwe spreker", "With a new speaker")).build();
        EventOutcome redescribed = f.engine.events().update(event.id(), next, described, "organiser");

        assertThat(redescribed).isInstanceOfSatisfying(EventOutcome.Saved.class, saved -> {
            assertThat(saved.changes()).isNotEmpty();
            assertThat(saved.notified()).isZero();
        });
        assertThat(mail.runOnce()).isZero();
        assertThat(SMTP.getReceivedMessages()).hasSize(11);
    }

    @Test
    void a_new_venue_in_another_time_zone_is_named_with_its_zone() throws Exception {
        Event event = quietMeeting("naar-londen", 10, Promotion.AUTOMATIC);
        Registration anna = f.register(event, "Anna", "anna@hu.example.org", Messages.DUTCH);
        sendAll(1, anna);
        ZoneId london = ZoneId.of("Europe/London");
        Event moved = event.toBuilder().format(nl.learningcommunities.registration.event.EventFormat.ON_SITE)
                .onlineLink(Optional.empty()).venue(Optional.of("Conference Centre, London"))
                .startsAt(event.startsAt().withZoneSameInstant(london))
                .endsAt(event.endsAt().withZoneSameInstant(london)).build();

        f.engine.events().update(event.id(), f.engine.events().stored(event.id()).orElseThrow().revision(), moved,
                "organiser");
        Received update = only(sendAll(1, anna), "anna@hu.example.org");

        assertThat(update.text()).contains("een nieuw tijdstip, een nieuwe locatie, een andere vorm (online of op "
                        + "locatie) en een nieuwe link naar de online bijeenkomst.")
                .contains("Wanneer: woensdag 9 juni 2027 om 12:00–16:00 (Europe/London)")
                .contains("Waar: Conference Centre, London");
        assertThat(update.property("DTSTART")).isEqualTo("20270609T120000");
        assertThat(update.vevent().getProperty("DTSTART").orElseThrow().getParameter("TZID").orElseThrow()
                .getValue()).isEqualTo("Europe/London");
        List<CalendarComponent> zones = update.calendar().orElseThrow().getComponents("VTIMEZONE");
        assertThat(zones).hasSize(1);
        assertThat(zones.get(0).getProperty("TZID").orElseThrow().getValue()).isEqualTo("Europe/London");
        assertThat(update.property("LOCATION")).isEqualTo("Conference Centre, London");
    }

    @Test
    void cancelling_the_event_cancels_the_calendar_entries_and_gives_the_reason_in_each_participants_language()
            throws Exception {
        Event event = quietMeeting("gaat-niet-door", 2, Promotion.AUTOMATIC);
        Registration anna = f.register(event, "Anna", "anna@hu.example.org", Messages.DUTCH);
        Registration bram = f.register(event, "Bram", "bram@hu.example.org", Messages.ENGLISH);
        Registration chris = f.register(event, "Chris", "chris@hu.example.org", Messages.DUTCH);
        Map<String, List<Received>> first = sendAll(3, anna, bram, chris);
        String reason = "De spreker is ziek geworden.\nWe zoeken een nieuwe datum <en> laten het je weten.";

        EventOutcome cancelled = f.engine.events().cancel(event.id(), reason, "organiser");
        Map<String, List<Received>> told = sendAll(3, anna, bram, chris);

        assertThat(cancelled).isInstanceOfSatisfying(EventOutcome.Saved.class, saved ->
                assertThat(saved.notified()).isEqualTo(3));
        for (String address : List.of("anna@hu.example.org", "bram@hu.example.org")) {
            Received confirmation = only(first, address);
            Received cancel = only(told, address);
            assertThat(cancel.type()).isEqualTo(NotificationType.EVENT_CANCELLED);
            assertThat(cancel.method()).isEqualTo("CANCEL");
            assertThat(cancel.property("STATUS")).isEqualTo("CANCELLED");
            assertThat(cancel.property("UID")).isEqualTo(confirmation.property("UID"));
            assertThat(Integer.parseInt(cancel.property("SEQUENCE")))
                    .isGreaterThan(Integer.parseInt(confirmation.property("SEQUENCE")));
            assertThat(cancel.text()).contains(reason).doesNotContain("https://meet.example.org/lc");
            assertThat(cancel.html()).contains("De spreker is ziek geworden.<br>\nWe zoeken een nieuwe datum "
                    + "&lt;en&gt; laten het je weten.").doesNotContain("<en>");
        }
        Received annaTold = only(told, "anna@hu.example.org");
        assertThat(annaTold.message().getSubject()).isEqualTo("De bijeenkomst is geannuleerd: " + DUTCH_TITLE);
        assertThat(annaTold.text()).contains("Helaas gaat " + DUTCH_TITLE + " niet door: de organisatie heeft de "
                        + "bijeenkomst geannuleerd.")
                .contains("De organisatie laat weten:\n" + reason + "\n\nMet vragen kun je terecht bij Melina Groen.")
                .contains("De annulering bij deze e-mail haalt de afspraak uit je agenda.")
                .contains("Bekijk je aanmelding:");
        Received bramTold = only(told, "bram@hu.example.org");
        assertThat(bramTold.message().getSubject()).isEqualTo("The meeting is cancelled: " + ENGLISH_TITLE);
        assertThat(bramTold.text()).contains("Unfortunately " + ENGLISH_TITLE + " will not take place")
                .contains("The organisers explain:\n" + reason + "\n\nFor questions, please contact Melina Groen.")
                .contains("The cancellation with this e-mail removes the entry from your calendar.")
                .doesNotContain("Helaas");
        Received chrisTold = only(told, "chris@hu.example.org");
        assertThat(chrisTold.type()).isEqualTo(NotificationType.EVENT_CANCELLED);
        assertThat(chrisTold.calendar()).isEmpty();
        assertThat(chrisTold.text()).contains("De organisatie laat weten:\n" + reason).doesNotContain("agenda");
        assertThat(f.storage.find(chris.id()).orElseThrow().status()).isEqualTo(RegistrationStatus.CANCELLED);
    }

    @Test
    void an_organisers_message_reaches_its_audience_in_each_participants_language_escaped_and_not_expanded()
            throws Exception {
        Event event = quietMeeting("bericht", 2, Promotion.AUTOMATIC);
        Registration anna = f.register(event, "Anna", "anna@hu.example.org", Messages.DUTCH);
        Registration bram = f.register(event, "Bram", "bram@hu.example.org", Messages.ENGLISH);
        Registration chris = f.register(event, "Chris", "chris@hu.example.org", Messages.DUTCH);
        Registration dirk = f.register(event, "Dirk", "dirk@hu.example.org", Messages.ENGLISH);
        f.engine.organising().cancel(dirk.id(), "melina", Optional.empty());
        sendAll(5, anna, bram, chris, dirk);

        MessageOutcome outcome = f.engine.organising().message(new ParticipantMessage(event.id(),
                ParticipantMessage.Audience.CONFIRMED_AND_WAITING,
                LocalizedText.of("Voorbereiding op 9 juni", "Preparing for 9 June"),
                LocalizedText.of("Lees vooraf het verslag.\n<script>alert('nl')</script>\nTot woensdag! {{manageUrl}}",
                        "Please read the report beforehand.\n<script>alert('en')</script>\nSee you on Wednesday!")),
                "organiser");
        Map<String, List<Received>> received = sendAll(3, anna, bram, chris, dirk);

        assertThat(outcome).isEqualTo(new MessageOutcome.Queued(3));
        assertThat(received).containsOnlyKeys("anna@hu.example.org", "bram@hu.example.org", "chris@hu.example.org");
        for (String address : List.of("anna@hu.example.org", "chris@hu.example.org")) {
            Received message = only(received, address);
            assertThat(message.type()).isEqualTo(NotificationType.ORGANISER_MESSAGE);
            assertThat(message.message().getSubject()).isEqualTo("Voorbereiding op 9 juni");
            assertThat(message.message().getHeader("Content-Language")[0]).isEqualTo("nl");
            assertThat(message.text())
                    .contains("Lees vooraf het verslag.\n<script>alert('nl')</script>\nTot woensdag! {{manageUrl}}")
                    .contains("Met vriendelijke groet,");
            assertThat(message.html()).doesNotContain("<script").doesNotContain("Please read")
                    .contains("Lees vooraf het verslag.<br>\n&lt;script&gt;alert(");
        }
        Received english = only(received, "bram@hu.example.org");
        assertThat(english.message().getSubject()).isEqualTo("Preparing for 9 June");
        assertThat(english.message().getHeader("Content-Language")[0]).isEqualTo("en");
        assertThat(english.text()).contains("Please read the report beforehand.\n<script>alert('en')</script>\n")
                .contains("Kind regards,").doesNotContain("Lees vooraf");
        assertThat(english.html()).doesNotContain("<script").contains("&lt;script&gt;alert(");
        for (List<Received> messages : received.values()) {
            Received message = messages.get(0);
            assertThat(message.calendar()).isEmpty();
            assertThat(message.text()).doesNotContain("token=");
            assertThat(message.html()).doesNotContain("token=");
        }
    }
}
