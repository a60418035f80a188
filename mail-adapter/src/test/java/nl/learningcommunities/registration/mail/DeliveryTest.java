package nl.learningcommunities.registration.mail;

import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.OrganiserNotifications;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.notification.OutboxEntry;
import nl.learningcommunities.registration.rule.Messages;

/** Delivery against real SMTP servers: nothing lost, nothing sent twice, failures visible. */
class DeliveryTest {

    private final MailFixture f = new MailFixture();
    private final int port = freePort();
    private final GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @AfterEach
    void stopServer() {
        smtp.stop();
    }

    private Event quietEvent(String id) {
        return f.publish(meeting(id, 100).organiserNotifications(OrganiserNotifications.NONE).build());
    }

    @Test
    void fifty_registrations_while_smtp_is_down_are_all_delivered_once_it_returns() throws Exception {
        Event event = quietEvent("smtp-down");
        for (int n = 0; n < 50; n++) {
            f.register(event, "Deelnemer" + n, "deelnemer" + n + "@hu.example.org", Messages.DUTCH);
        }
        MailDispatcher dispatcher = f.dispatcher(MailFixture.smtp(port), "node-1");

        int triedWhileDown = 0;
        for (int settled = dispatcher.runOnce(); settled > 0; settled = dispatcher.runOnce()) {
            triedWhileDown += settled;
        }
        List<OutboxEntry> waiting = f.storage.claimDue("probe", 100, f.clock.instant().plusSeconds(5),
                Duration.ofMillis(1));
        smtp.start();
        f.clock.advance(Duration.ofSeconds(6));
        int sent = 0;
        for (int run = 0; run < 10 && sent < 50; run++) {
            sent += dispatcher.runOnce();
        }

        assertThat(triedWhileDown).isEqualTo(50);
        assertThat(waiting).hasSize(50).allSatisfy(e -> assertThat(e.lastError()).get().asString()
                .contains("cannot connect"));
        assertThat(smtp.waitForIncomingEmail(10_000, 50)).isTrue();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(50);
        Set<String> ids = new HashSet<>();
        for (MimeMessage message : received) {
            ids.add(message.getMessageID());
        }
        assertThat(ids).hasSize(50);
        assertThat(dispatcher.runOnce()).isZero();
    }

    @Test
    void a_4xx_answer_is_retried_later_and_a_5xx_answer_is_failed_with_the_servers_words() throws Exception {
        Event event = quietEvent("answers");
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
            MailDispatcher dispatcher = f.dispatcher(MailFixture.smtp(server.port()), "node-1");
            server.answerRecipientsWith("451 4.7.1 greylisted, try again later");
            Registration greylisted = f.register(event, "Grijs", "grijs@hu.example.org", Messages.DUTCH);
            dispatcher.runOnce();
            OutboxEntry retried = f.storage.about(greylisted.id()).get(0);

            server.answerRecipientsWith("550 5.1.1 no such user");
            Registration unknown = f.register(event, "Onbekend", "onbekend@hu.example.org", Messages.DUTCH);
            f.clock.advance(Duration.ofSeconds(1));
            dispatcher.runOnce();
            server.answerRecipientsWith("250 2.1.5 ok");
            f.clock.advance(Duration.ofSeconds(5));
            dispatcher.runOnce();

            assertThat(retried.state()).isEqualTo(OutboxEntry.DeliveryState.PENDING);
            assertThat(retried.lastError()).get().asString().contains("451");
            assertThat(retried.nextAttemptAt()).isEqualTo(f.clock.instant().minusSeconds(6).plusSeconds(5));
            assertThat(f.storage.about(greylisted.id()).get(0).state()).isEqualTo(OutboxEntry.DeliveryState.SENT);
            assertThat(f.storage.failed(event.id())).singleElement().satisfies(failed -> {
                assertThat(failed.notification().registrationId()).contains(unknown.id());
                assertThat(failed.lastError()).get().asString().contains("550").contains("no such user");
            });
            assertThat(server.accepted()).isEqualTo(1);
        }
    }

    @Test
    void retries_back_off_exponentially_up_to_the_cap() {
        MailDispatcher dispatcher = f.dispatcher(MailFixture.smtp(port), "node-1");

        assertThat(List.of(1, 2, 3, 4, 5, 6, 9).stream().map(dispatcher::backoff).toList()).containsExactly(
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
                Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60));
    }

    @Test
    void a_name_or_title_with_line_breaks_can_add_neither_a_header_nor_a_recipient() throws Exception {
        smtp.start();
        Event event = f.publish(meeting("injection", 10).organiserNotifications(OrganiserNotifications.NONE)
                .title(nl.learningcommunities.registration.event.LocalizedText.of(
                        "Bijeenkomst\r\nBcc: mallory@evil.example.org", "Meeting\r\nBcc: mallory@evil.example.org"))
                .build());
        Registration r = f.register(event, "Anna", "anna@hu.example.org", Messages.DUTCH);
        Notification evil = new Notification(UUID.randomUUID(), NotificationType.REMINDER, event.id(),
                java.util.Optional.of(r.id()), r.participant().email(),
                "Anna\r\nBcc: mallory@evil.example.org\r\nX-Injected: yes", Locale.ENGLISH, f.clock.instant(),
                java.util.Optional.empty(), Map.of());
        f.enqueue(evil);

        f.dispatcher(MailFixture.smtp(port), "node-1").runOnce();

        assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
        assertThat(smtp.getUserManager().getUserByEmail("mallory@evil.example.org")).isNull();
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        for (MimeMessage received : smtp.getReceivedMessages()) {
            assertThat(received.getAllRecipients()).hasSize(1);
            assertThat(((jakarta.mail.internet.InternetAddress) received.getAllRecipients()[0]).getAddress())
                    .isEqualTo("anna@hu.example.org");
            assertThat(received.getHeader("Bcc")).isNull();
            assertThat(received.getHeader("X-Injected")).isNull();
            assertThat(received.getHeader("Subject")).hasSize(1);
            assertThat(received.getSubject()).doesNotContain("\n").doesNotContain("\r");
        }
    }

    @Test
    void non_ascii_names_are_encoded_and_read_back_intact() throws Exception {
        smtp.start();
        Event event = quietEvent("encoding");
        f.register(event, "Zoë Ğül 😀", "zoe@hu.example.org", Messages.DUTCH);

        f.dispatcher(MailFixture.smtp(port), "node-1").runOnce();

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage received = smtp.getReceivedMessages()[0];
        assertThat(((jakarta.mail.internet.InternetAddress) received.getRecipients(Message.RecipientType.TO)[0])
                .getPersonal()).isEqualTo("Zoë Ğül 😀 Voorbeeld");
        assertThat(received.getHeader("To")[0]).startsWith("=?UTF-8?");
    }

    @Test
    void a_2_mb_value_does_not_break_the_dispatcher_or_its_batch() throws Exception {
        smtp.start();
        Event event = quietEvent("big");
        Registration r = f.register(event, "Anna", "anna@hu.example.org", Messages.DUTCH);
        Registration other = f.register(event, "Bram", "bram@hu.example.org", Messages.DUTCH);
        Notification huge = new Notification(UUID.randomUUID(), NotificationType.REMINDER, event.id(),
                java.util.Optional.of(r.id()), r.participant().email(), "Anna " + "x".repeat(2 * 1024 * 1024),
                Locale.ENGLISH, f.clock.instant(), java.util.Optional.empty(), Map.of("reason", "y".repeat(2 << 20)));
        f.enqueue(huge);
        MailDispatcher dispatcher = f.dispatcher(MailFixture.smtp(port), "node-1");

        int settled = dispatcher.runOnce();

        assertThat(settled).isEqualTo(3);
        assertThat(f.storage.about(other.id())).allSatisfy(e ->
                assertThat(e.state()).isEqualTo(OutboxEntry.DeliveryState.SENT));
        assertThat(f.storage.about(r.id())).extracting(OutboxEntry::state)
                .doesNotContain(OutboxEntry.DeliveryState.PENDING);
        assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
    }

    @Test
    void two_dispatchers_on_one_store_send_every_message_exactly_once() throws Exception {
        smtp.start();
        Event event = quietEvent("two-nodes");
        for (int n = 0; n < 100; n++) {
            f.register(event, "Deelnemer" + n, "deelnemer" + n + "@hu.example.org", Messages.ENGLISH);
        }
        List<MailDispatcher> nodes = List.of(f.dispatcher(MailFixture.smtp(port), "node-1"),
                f.dispatcher(MailFixture.smtp(port), "node-2"));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (MailDispatcher node : nodes) {
            runs.add(threads.submit(() -> {
                start.await();
                int total = 0;
                for (int settled = node.runOnce(); settled > 0; settled = node.runOnce()) {
                    total += settled;
                }
                return total;
            }));
        }
        start.countDown();
        int settled = 0;
        for (Future<Integer> run : runs) {
            settled += run.get(2, TimeUnit.MINUTES);
        }
        threads.shutdown();

        assertThat(settled).isEqualTo(100);
        assertThat(smtp.waitForIncomingEmail(10_000, 100)).isTrue();
        Set<String> ids = new HashSet<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            ids.add(message.getMessageID());
        }
        assertThat(smtp.getReceivedMessages()).hasSize(100);
        assertThat(ids).hasSize(100);
    }

    @Test
    void a_crashed_dispatchers_claim_lapses_and_another_node_sends() throws Exception {
        smtp.start();
        Event event = quietEvent("crash");
        f.register(event, "Anna", "anna@hu.example.org", Messages.DUTCH);
        List<OutboxEntry> lost = f.storage.claimDue("crashed-node", 10, f.clock.instant(), Duration.ofMinutes(5));
        MailDispatcher survivor = f.dispatcher(MailFixture.smtp(port), "node-2");

        int whileClaimed = survivor.runOnce();
        f.clock.advance(Duration.ofMinutes(6));
        int afterLease = survivor.runOnce();

        assertThat(whileClaimed).isZero();
        assertThat(afterLease).isEqualTo(1);
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(lost).hasSize(1);
        assertThat(f.storage.markSent(lost.get(0).notification().id(), "crashed-node", f.clock.instant())).isFalse();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void closing_waits_for_the_batch_in_hand_and_leaves_nothing_claimed() throws Exception {
        Event event = quietEvent("shutdown");
        for (int n = 0; n < 5; n++) {
            f.register(event, "Deelnemer" + n, "deelnemer" + n + "@hu.example.org", Messages.DUTCH);
        }
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<MimeMessage> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
        Mailer slow = new Mailer() {
            private final Session session = Session.getInstance(new java.util.Properties());

            @Override
            public Session session() {
                return session;
            }

            @Override
            public List<DeliveryResult> send(List<MimeMessage> messages) {
                sending.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                delivered.addAll(messages);
                return messages.stream().<DeliveryResult>map(m -> new DeliveryResult.Delivered()).toList();
            }
        };
        MailDispatcher dispatcher = f.dispatcher(slow, "node-1");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        Future<Integer> run = threads.submit(dispatcher::runOnce);
        sending.await(30, TimeUnit.SECONDS);
        Future<?> closing = threads.submit(dispatcher::close);

        release.countDown();
        closing.get(30, TimeUnit.SECONDS);

        assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(5);
        assertThat(delivered).hasSize(5);
        assertThat(f.storage.claimDue("after", 10, f.clock.instant().plus(Duration.ofHours(1)), Duration.ofMinutes(1)))
                .isEmpty();
        assertThat(dispatcher.runOnce()).isZero();
        threads.shutdown();
    }

    @Test
    void the_smtp_mailer_hands_a_message_the_dispatcher_withholds_to_no_server() throws Exception {
        smtp.start();
        SmtpMailer mailer = MailFixture.smtp(port);
        List<MimeMessage> messages = new ArrayList<>();
        for (String name : List.of("anna", "bram", "chris")) {
            MimeMessage message = new MimeMessage(mailer.session());
            message.setFrom("aanmelden@portal.example.org");
            message.setRecipients(Message.RecipientType.TO, name + "@hu.example.org");
            message.setSubject("Voor " + name);
            message.setText("Hallo " + name);
            messages.add(message);
        }

        List<DeliveryResult> results = mailer.send(messages, i -> i != 1);

        assertThat(results).hasSize(3);
        assertThat(results.get(0)).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(results.get(1)).isInstanceOf(DeliveryResult.TemporaryFailure.class);
        assertThat(results.get(2)).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
        assertThat(smtp.getReceivedMessages()).extracting(MimeMessage::getSubject)
                .containsExactlyInAnyOrder("Voor anna", "Voor chris");
    }

    @Test
    void the_development_mailer_writes_each_message_as_an_eml_file(@TempDir Path folder) throws Exception {
        Event event = quietEvent("files");
        f.register(event, "Anna", "anna@hu.example.org", Messages.DUTCH);

        f.dispatcher(FileMailer.into(folder.resolve("mail")), "node-1").runOnce();

        List<Path> files;
        try (var listing = Files.list(folder.resolve("mail"))) {
            files = listing.toList();
        }
        assertThat(files).singleElement().satisfies(file -> {
            assertThat(file.getFileName().toString()).endsWith(".eml");
            MimeMessage message = new MimeMessage(Session.getInstance(new java.util.Properties()),
                    Files.newInputStream(file));
            assertThat(message.getSubject()).startsWith("Bevestiging van je aanmelding");
            assertThat(new String(Files.readAllBytes(file))).contains("text/calendar");
        });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
