package nl.learningcommunities.registration.mail;

import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.OrganiserNotifications;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.rule.Messages;

/**
 * A text part's transfer encoding (plain, HTML, calendar) is worked out from its text, without writing the part to
 * find out, and it is the one Jakarta Mail chooses: a message is written byte for byte as when Jakarta Mail chooses
 * for itself.
 */
class TransferEncodingsTest {

    private final MailFixture f = new MailFixture();

    @Test
    void the_transfer_encoding_is_the_one_jakarta_mail_chooses_for_every_kind_of_text() throws Exception {
        List<String> texts = new ArrayList<>(List.of("", "Beste Anna,\r\n\r\nJe bent aangemeld.\n",
                "tabs\tand\rbare CR and\nbare LF", "x".repeat(998), "x".repeat(999), "x".repeat(998) + "é",
                "Zoë", "Zoë Ğül 😀", "日本語のテキスト", "mostly ascii with one é", "é".repeat(10) + "abcdefghij",
                "é".repeat(10) + "abcdefghijklmnopqrstu", "control \u0001 character", "delete \u007f character",
                "lone surrogate \ud800 here", "line\u2028separator", "<p>Beste &amp; Anna</p>"));
        texts.add(("abc".repeat(400) + "\r\n").repeat(3));
        texts.add("y".repeat(2 << 20));
        SoftAssertions softly = new SoftAssertions();

        for (String text : texts) {
            for (String subtype : List.of("plain", "html")) {
                String chosen = MimeUtility.getEncoding(new DataHandler(text, "text/" + subtype + "; charset=UTF-8"));
                softly.assertThat(TransferEncodings.of(text)).as(text.length() > 40 ? text.substring(0, 40) : text)
                        .isEqualTo(chosen);
            }
        }
        softly.assertAll();
    }

    @Test
    void a_composed_message_is_written_exactly_as_when_jakarta_mail_chooses_its_encodings() throws Exception {
        Event event = f.publish(meeting("encodings", 10).organiserNotifications(OrganiserNotifications.NONE).build());
        Registration anna = f.register(event, "Zoë Ğül 😀", "zoe@hu.example.org", Messages.DUTCH);
        Registration bram = f.register(event, "Bram", "bram@hu.example.org", Messages.ENGLISH);
        MessageComposer composer = new MessageComposer(f.settings);
        Session session = Session.getInstance(new Properties());
        List<MimeMessage> messages = List.of(
                composer.compose(session, f.notification(NotificationType.CONFIRMATION, anna, Map.of()), event,
                        Optional.of(anna)),
                composer.compose(session, f.notification(NotificationType.REMINDER, bram, Map.of()), event,
                        Optional.of(bram)),
                composer.compose(session, f.notification(NotificationType.ORGANISER_MESSAGE, bram,
                        Map.of("subject", "Vooraf", "body", "Lees dit: " + "é".repeat(3000))), event,
                        Optional.of(bram)));

        assertThat(messages.get(0).getContent()).isInstanceOfSatisfying(MimeMultipart.class,
                parts -> assertThat(parts).satisfies(p -> assertThat(p.getCount()).isEqualTo(3)));
        for (MimeMessage message : messages) {
            byte[] asComposed = written(message);
            MimeMultipart parts = (MimeMultipart) message.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                if (part.isMimeType("text/plain") || part.isMimeType("text/html")
                        || part.isMimeType("text/calendar")) {
                    part.removeHeader("Content-Transfer-Encoding");
                }
            }
            message.saveChanges();

            assertThat(new String(asComposed, StandardCharsets.ISO_8859_1))
                    .isEqualTo(new String(written(message), StandardCharsets.ISO_8859_1));
        }
    }

    private static byte[] written(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
