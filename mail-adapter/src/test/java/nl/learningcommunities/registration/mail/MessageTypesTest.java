package nl.learningcommunities.registration.mail;

import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import biweekly.ICalendar;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.rule.Messages;

/** Every kind of message, in Dutch and English, received over SMTP and read back. */
class MessageTypesTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static Stream<Arguments> everyTypeInBothLanguages() {
        List<Arguments> all = new ArrayList<>();
        for (NotificationType type : NotificationType.values()) {
            all.add(Arguments.of(type, Messages.DUTCH));
            all.add(Arguments.of(type, Messages.ENGLISH));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyTypeInBothLanguages")
    void arrives_with_its_subject_parts_links_and_calendar(NotificationType type, Locale locale) throws Exception {
        MailFixture f = new MailFixture();
        Event event = f.publish(meeting("lc-" + type.name().toLowerCase(Locale.ROOT).replace('_', '-'), 10).build());
        Registration registration = f.register(event, "Anna", "anna@hu.example.org", locale);
        if (type == NotificationType.CANCELLATION || type == NotificationType.REJECTED) {
            f.engine.organising().cancel(registration.id(), "melina", Optional.empty());
            registration = f.storage.find(registration.id()).orElseThrow();
        }
        if (type == NotificationType.EVENT_CANCELLED) {
            f.engine.events().cancel(event.id(), "De zaal is niet beschikbaar.", "melina");
            registration = f.storage.find(registration.id()).orElseThrow();
        }
        Map<String, String> data = new HashMap<>(Map.of("status", registration.status().name(),
                "waitlistPosition", "3", "offerExpiresAt", "2027-05-05T10:00:00Z", "tokenExpiresAt",
                "2027-05-05T10:00:00Z", "registrations", "12", "invitationCode", "LC-BREED-2027"));
        data.putAll(Map.of("changedFields", "venue,startsAt,endsAt", "subject", "Praktische informatie",
                "body", "Neem je laptop mee.", "sentBy", "melina", "newAddress", "n…@elders.example.org"));
        var sent = f.notification(type, registration, data);
        f.enqueue(sent);

        f.dispatcher(MailFixture.smtp(SMTP.getSmtp().getPort()), "node-1").runOnce();

        MimeMessage received = only(SMTP.getReceivedMessagesForDomain(sent.recipient().domain()), sent.id().toString());
        String title = event.title().in(locale);
        if (type == NotificationType.ORGANISER_MESSAGE) {
            assertThat(received.getSubject()).isEqualTo("Praktische informatie");
        } else {
            assertThat(received.getSubject()).contains(title);
        }
        assertThat(received.getRecipients(Message.RecipientType.TO)).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly(sent.recipient().value());
        assertThat(received.getHeader("Message-ID")[0]).isEqualTo("<" + sent.id() + "@" + MailFixture.DOMAIN + ">");
        assertThat(received.getHeader("Content-Language")[0]).isEqualTo(locale.getLanguage());
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        String text = body(parts, "text/plain");
        String html = body(parts, "text/html");
        String addressed = type.toOrganiser() ? "Melina Groen"
                : type == NotificationType.INVITATION || type == NotificationType.VERIFY_NEW_EMAIL
                ? (locale.getLanguage().equals("nl") ? "Beste collega" : "Dear colleague") : "Anna Voorbeeld";
        assertThat(text).contains(title).contains(addressed);
        assertThat(html).contains("<html lang=\"" + locale.getLanguage() + "\"");
        boolean dutch = locale.getLanguage().equals("nl");
        switch (type) {
            case EVENT_CHANGED -> assertThat(text).contains(dutch ? "een nieuw tijdstip en een nieuwe locatie"
                    : "a new date or time and a new venue");
            case EVENT_CANCELLED -> assertThat(text).contains(dutch ? "geannuleerd" : "cancelled")
                    .contains("De zaal is niet beschikbaar.");
            case ORGANISER_MESSAGE -> assertThat(text).contains("Neem je laptop mee.").doesNotContain("token=");
            case VERIFY_NEW_EMAIL -> assertThat(text).doesNotContain("Anna")
                    .doesNotContain(registration.id() + "?token=")
                    .contains(dutch ? "Bevestig je nieuwe e-mailadres" : "Confirm your new e-mail address");
            case EMAIL_CHANGE_REQUESTED -> assertThat(text).contains("(n…@elders.example.org)")
                    .contains(dutch ? "ingetrokken" : "withdrawn");
            case WAITLIST_OFFER -> {
                assertThat(text).contains(dutch ? "Plaats afslaan" : "Decline the seat").contains("#decline");
                assertThat(html).contains("#decline\"");
            }
            default -> { }
        }
        if (!type.toOrganiser() && type != NotificationType.ORGANISER_MESSAGE) {
            String link = type == NotificationType.VERIFY_EMAIL || type == NotificationType.VERIFY_NEW_EMAIL
                    ? "/registrations/" + registration.id() + "/verify?token="
                    : "/registrations/" + registration.id() + "?token=";
            assertThat(text).contains("https://portal.example.org/registratie" + link);
        }
        String method = switch (type) {
            case CONFIRMATION, PROMOTED, APPROVED, DETAILS_CHANGED, SESSION_SEATED, EVENT_CHANGED -> "REQUEST";
            case CANCELLATION, REJECTED, EVENT_CANCELLED -> "CANCEL";
            default -> null;
        };
        if (method == null) {
            assertThat(find(parts, "text/calendar")).isEmpty();
            return;
        }
        BodyPart calendarPart = find(parts, "text/calendar").orElseThrow();
        assertThat(calendarPart.getContentType()).contains("method=" + method);
        String ics = read(calendarPart);
        ICalendar twice = IcsChecks.readByBoth(ics);
        assertThat(twice.getEvents()).singleElement().satisfies(e -> assertThat(e.getDateStart().getValue())
                .isEqualTo(java.util.Date.from(event.startsAt().toInstant())));
        Calendar calendar = parse(ics);
        Component vevent = calendar.getComponents("VEVENT").get(0);
        assertThat(calendar.getProperty("METHOD").orElseThrow().getValue()).isEqualTo(method);
        assertThat(vevent.getProperty("UID").orElseThrow().getValue())
                .isEqualTo(registration.id() + "@" + MailFixture.DOMAIN);
        assertThat(vevent.getProperty("DTSTART").orElseThrow().getParameter("TZID").orElseThrow().getValue())
                .isEqualTo("Europe/Amsterdam");
        assertThat(vevent.getProperty("DTSTART").orElseThrow().getValue()).isEqualTo("20270609T130000");
        assertThat(vevent.getProperty("ORGANIZER").orElseThrow().getValue()).isEqualTo("mailto:melina.groen@example.org");
        List<net.fortuna.ical4j.model.component.CalendarComponent> zones = calendar.getComponents("VTIMEZONE");
        assertThat(zones).hasSize(1);
        assertThat(zones.get(0).getProperty("TZID").orElseThrow().getValue()).isEqualTo("Europe/Amsterdam");
        if (method.equals("REQUEST")) {
            String link = "https://meet.example.org/lc";
            assertThat(vevent.getProperty("LOCATION").orElseThrow().getValue()).isEqualTo(link);
            assertThat(vevent.getProperty("URL").orElseThrow().getValue()).isEqualTo(link);
            assertThat(text).contains("https://meet.example.org/lc");
        } else {
            assertThat(vevent.getProperty("STATUS").orElseThrow().getValue()).isEqualTo("CANCELLED");
            assertThat(ics).as("a cancellation carries no online link").doesNotContain("meet.example.org");
        }
    }

    static MimeMessage only(MimeMessage[] received, String notificationId) throws MessagingException {
        List<MimeMessage> matching = new ArrayList<>();
        for (MimeMessage message : received) {
            if (message.getHeader("Message-ID")[0].contains(notificationId)) {
                matching.add(message);
            }
        }
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    static String body(MimeMultipart parts, String type) throws MessagingException, IOException {
        return read(find(parts, type).orElseThrow(() -> new AssertionError("no " + type + " part")));
    }

    static Optional<BodyPart> find(MimeMultipart parts, String type) throws MessagingException {
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType(type)) {
                return Optional.of(parts.getBodyPart(i));
            }
        }
        return Optional.empty();
    }

    static String read(BodyPart part) throws MessagingException, IOException {
        try (var in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Calendar parse(String ics) throws IOException, ParserException {
        return new CalendarBuilder().build(new StringReader(ics));
    }
}
