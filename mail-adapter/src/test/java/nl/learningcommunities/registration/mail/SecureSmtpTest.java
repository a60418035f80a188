package nl.learningcommunities.registration.mail;

import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import nl.learningcommunities.registration.event.OrganiserNotifications;
import nl.learningcommunities.registration.notification.OutboxEntry;
import nl.learningcommunities.registration.rule.Messages;

/** SMTPS with a login; a wrong password is a failure the dispatcher retries, not one it loses. */
class SecureSmtpTest {

    @RegisterExtension
    static final GreenMailExtension SMTPS = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("portal", "geheim"));

    private SmtpSettings smtps() {
        return SmtpSettings.of("127.0.0.1", SMTPS.getSmtps().getPort(), SmtpSettings.Security.SMTPS)
                .trustingAnyCertificate();
    }

    @Test
    void delivers_over_smtps_with_a_login() throws Exception {
        MailFixture f = new MailFixture();
        var event = f.publish(meeting("smtps", 5).organiserNotifications(OrganiserNotifications.NONE).build());
        f.register(event, "Anna", "anna@hu.example.org", Messages.DUTCH);

        int settled = f.dispatcher(SmtpMailer.create(smtps().withLogin("portal", "geheim")), "node-1").runOnce();

        assertThat(settled).isEqualTo(1);
        assertThat(SMTPS.waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(SMTPS.getReceivedMessages()[0].getSubject()).startsWith("Bevestiging van je aanmelding");
    }

    @Test
    void a_refused_login_is_retried_later_and_the_password_never_appears() {
        MailFixture f = new MailFixture();
        var event = f.publish(meeting("smtps-login", 5).organiserNotifications(OrganiserNotifications.NONE).build());
        var r = f.register(event, "Anna", "anna@hu.example.org", Messages.DUTCH);
        SmtpSettings wrong = smtps().withLogin("portal", "fout-wachtwoord");

        f.dispatcher(SmtpMailer.create(wrong), "node-1").runOnce();

        OutboxEntry entry = f.storage.about(r.id()).get(0);
        assertThat(entry.state()).isEqualTo(OutboxEntry.DeliveryState.PENDING);
        assertThat(entry.lastError()).isPresent();
        assertThat(entry.lastError().get()).doesNotContain("fout-wachtwoord");
        assertThat(wrong.toString()).doesNotContain("fout-wachtwoord");
        assertThat(SMTPS.getReceivedMessages()).isEmpty();
    }
}
