package nl.learningcommunities.registration.mail;

import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.OrganiserNotifications;
import nl.learningcommunities.registration.notification.OutboxEntry.DeliveryState;
import nl.learningcommunities.registration.rule.Messages;

/**
 * The SMTP mailer keeps a batch's connection open for the next batch, checks it before it uses it again, and opens
 * a new one when the server hung up meanwhile: nothing is lost either way.
 */
class ConnectionReuseTest {

    private final MailFixture f = new MailFixture();
    private final Event event = f.publish(meeting("reuse", 100).organiserNotifications(OrganiserNotifications.NONE)
            .build());

    @Test
    void the_next_batch_goes_over_the_connection_the_last_one_left_open() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(); SmtpMailer mailer = MailFixture.smtp(server.port())) {
            MailDispatcher dispatcher = f.dispatcher(mailer, "node-1");
            f.register(event, "Anna", "anna@hu.example.org", Messages.DUTCH);
            int first = dispatcher.runOnce();
            f.register(event, "Bram", "bram@hu.example.org", Messages.DUTCH);
            int second = dispatcher.runOnce();

            assertThat(first + second).isEqualTo(2);
            assertThat(server.accepted()).isEqualTo(2);
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void a_connection_kept_open_keeps_no_thread_alive_that_would_stop_the_jvm_from_exiting() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(); SmtpMailer mailer = MailFixture.smtp(server.port())) {
            MailDispatcher dispatcher = f.dispatcher(mailer, "node-1");
            f.register(event, "Anna", "anna@hu.example.org", Messages.DUTCH);
            Set<Thread> before = nonDaemonThreads();

            dispatcher.runOnce();

            assertThat(server.connections()).isEqualTo(1);
            assertThat(nonDaemonThreads()).isSubsetOf(before);
        }
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    @Test
    void a_connection_the_server_hung_up_on_is_replaced_and_nothing_is_lost() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(); SmtpMailer mailer = MailFixture.smtp(server.port())) {
            MailDispatcher dispatcher = f.dispatcher(mailer, "node-1");
            f.register(event, "Anna", "anna@hu.example.org", Messages.DUTCH);
            dispatcher.runOnce();
            server.hangUp();
            f.register(event, "Bram", "bram@hu.example.org", Messages.DUTCH);

            int settled = dispatcher.runOnce();

            assertThat(settled).isEqualTo(1);
            assertThat(server.accepted()).isEqualTo(2);
            assertThat(server.connections()).isEqualTo(2);
            assertThat(f.storage.claimDue("probe", 10, f.clock.instant().plus(Duration.ofHours(1)),
                    Duration.ofMinutes(1))).isEmpty();
            assertThat(f.storage.backlog().pending()).isZero();
        }
    }

    @Test
    void closing_the_mailer_closes_the_connection_it_kept_and_the_next_batch_opens_one() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(); SmtpMailer mailer = MailFixture.smtp(server.port())) {
            MailDispatcher dispatcher = f.dispatcher(mailer, "node-1");
            f.register(event, "Anna", "anna@hu.example.org", Messages.DUTCH);
            dispatcher.runOnce();

            mailer.close();
            f.register(event, "Bram", "bram@hu.example.org", Messages.DUTCH);
            dispatcher.runOnce();

            assertThat(server.accepted()).isEqualTo(2);
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void after_a_refused_message_the_connection_is_not_kept() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(); SmtpMailer mailer = MailFixture.smtp(server.port())) {
            MailDispatcher dispatcher = f.dispatcher(mailer, "node-1");
            server.answerRecipientsWith("550 5.1.1 no such user");
            f.register(event, "Onbekend", "onbekend@hu.example.org", Messages.DUTCH);
            dispatcher.runOnce();

            server.answerRecipientsWith("250 2.1.5 ok");
            f.register(event, "Bram", "bram@hu.example.org", Messages.DUTCH);
            dispatcher.runOnce();

            assertThat(server.connections()).isEqualTo(2);
            assertThat(server.accepted()).isEqualTo(1);
            assertThat(f.storage.failed(event.id())).singleElement()
                    .satisfies(e -> assertThat(e.state()).isEqualTo(DeliveryState.FAILED));
        }
    }
}
