package nl.learningcommunities.registration.mail;

import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import nl.learningcommunities.registration.application.ActionOutcome;
import nl.learningcommunities.registration.application.ChangeDetailsCommand;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.rule.Messages;
import nl.learningcommunities.registration.testing.Mailbox;

/**
 * A participant changes their address from their personal link, with a name meant to advertise: the new address gets
 * only a neutral request to confirm it, and the old address is told without learning the new one in full.
 */
class AddressChangeMailTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final MailFixture f = new MailFixture();

    private MimeMessage receivedBy(String address, String subject) {
        MimeMessage[] all = SMTP.getReceivedMessagesForDomain(address.substring(address.indexOf('@') + 1));
        for (MimeMessage message : all) {
            try {
                if (((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress()
                        .equalsIgnoreCase(address) && message.getSubject().contains(subject)) {
                    return message;
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no \"" + subject + "\" received by " + address);
    }

    @Test
    void the_new_address_gets_a_neutral_link_to_confirm_and_the_old_address_is_told_with_the_new_one_masked()
            throws Exception {
        Event event = f.publish(meeting("address-change-mail", 10).build());
        Registration registration = f.register(event, "Anna", "anna@hu.example.org", Messages.DUTCH);
        Mailbox mailbox = new Mailbox(f.storage);
        ActionOutcome changed = f.engine.registrations().changeDetails(new ChangeDetailsCommand(registration.id(),
                mailbox.manageToken(registration.id()), new ParticipantDetails("Goedkope", "pillen via spam.example",
                        "slachtoffer@elders.example.org", "Hogeschool Utrecht", "projectleider", "hbo",
                        Locale.forLanguageTag("nl")), Map.of()));
        assertThat(changed).isInstanceOf(ActionOutcome.Done.class);
        String link = mailbox.token(registration.id(), NotificationType.VERIFY_NEW_EMAIL);

        f.dispatcher(MailFixture.smtp(SMTP.getSmtp().getPort()), "node-1").runOnce();

        MimeMessage toNew = receivedBy("slachtoffer@elders.example.org", "nieuwe e-mailadres");
        String newText = MessageTypesTest.body((MimeMultipart) toNew.getContent(), "text/plain");
        String newHtml = MessageTypesTest.body((MimeMultipart) toNew.getContent(), "text/html");
        assertThat(toNew.getHeader("To")[0]).doesNotContain("pillen").doesNotContain("Goedkope");
        assertThat(newText + newHtml).doesNotContain("pillen").doesNotContain("Goedkope");
        assertThat(newText).startsWith("Beste collega,")
                .contains("https://portal.example.org/registratie/registrations/" + registration.id() + "/verify?token=")
                .doesNotContain(registration.id() + "?token=");
        assertThat(newText).contains(link);

        MimeMessage toOld = receivedBy("anna@hu.example.org", "e-mailadres te wijzigen");
        String oldText = MessageTypesTest.body((MimeMultipart) toOld.getContent(), "text/plain");
        String oldHtml = MessageTypesTest.body((MimeMultipart) toOld.getContent(), "text/html");
        assertThat(oldText).contains("s…@elders.example.org")
                .contains("https://portal.example.org/registratie/registrations/" + registration.id() + "?token=");
        assertThat(oldText + oldHtml).doesNotContain("slachtoffer");
    }
}
