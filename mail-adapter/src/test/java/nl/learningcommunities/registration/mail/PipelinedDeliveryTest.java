package nl.learningcommunities.registration.mail;

import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventCatalogue;
import nl.learningcommunities.registration.event.OrganiserNotifications;
import nl.learningcommunities.registration.notification.OutboxEntry;
import nl.learningcommunities.registration.rule.Messages;
import nl.learningcommunities.registration.testing.ForwardingEventCatalogue;

/**
 * A batch is rendered and sent in two stages that overlap: the first messages reach the server while the rest are
 * still being rendered, and closing, settling and starting again work as they do with one stage.
 */
class PipelinedDeliveryTest {

    /** How long a fake waits for the other stage before it reports that it waited in vain: a hang guard. */
    private static final long GUARD_MILLIS = 30_000;

    private final MailFixture f = new MailFixture();
    private final int port = freePort();
    private final GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        smtp.stop();
        threads.shutdownNow();
    }

    @Test
    void the_first_message_reaches_the_server_while_the_next_one_is_still_being_rendered() {
        smtp.start();
        Event event = quietEvent("overlap");
        for (int n = 0; n < 3; n++) {
            f.register(event, "Deelnemer" + n, "deelnemer" + n + "@hu.example.org", Messages.DUTCH);
        }
        AtomicInteger rendered = new AtomicInteger();
        AtomicBoolean waitedInVain = new AtomicBoolean();
        EventCatalogue secondWaitsForTheFirstToArrive = new ForwardingEventCatalogue(f.catalogue) {
            @Override
            public Optional<Event> find(String eventId) {
                if (rendered.incrementAndGet() == 2) {
                    waitedInVain.set(!smtp.waitForIncomingEmail(GUARD_MILLIS, 1));
                }
                return super.find(eventId);
            }
        };
        MailDispatcher dispatcher = MailDispatcher.builder(f.storage, secondWaitsForTheFirstToArrive, f.storage,
                MailFixture.smtp(port), f.settings, f.clock).claimant("node-1").build();

        int settled = dispatcher.runOnce();

        assertThat(settled).isEqualTo(3);
        assertThat(waitedInVain).as("rendering the second message waited for the first to arrive, in vain").isFalse();
        assertThat(smtp.waitForIncomingEmail(GUARD_MILLIS, 3)).isTrue();
        assertThat(f.storage.claimDue("after", 10, f.clock.instant().plus(Duration.ofHours(1)), Duration.ofMinutes(1)))
                .isEmpty();
        dispatcher.close();
    }

    @Test
    void closing_while_a_batch_streams_to_the_server_finishes_the_message_in_hand_and_hands_the_rest_back()
            throws Exception {
        Event event = quietEvent("closing");
        for (int n = 0; n < 4; n++) {
            f.register(event, "Deelnemer" + n, "deelnemer" + n + "@hu.example.org", Messages.DUTCH);
        }
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        List<String> received = RecordingServer.inbox();
        Mailer firstHangs = new RecordingServer(received) {
            @Override
            void deliver(MimeMessage message) {
                if (sending.getCount() > 0) {
                    sending.countDown();
                    RecordingServer.hang(answer);
                }
                super.deliver(message);
            }
        };
        MailDispatcher dispatcher = f.dispatcher(firstHangs, "node-1");
        Future<Integer> run = threads.submit(dispatcher::runOnce);
        assertThat(sending.await(GUARD_MILLIS, TimeUnit.MILLISECONDS)).isTrue();

        Thread closing = new Thread(dispatcher::close, "closing");
        closing.start();
        await().atMost(Duration.ofMillis(GUARD_MILLIS)).until(() -> closing.getState() == Thread.State.WAITING);
        answer.countDown();
        closing.join(GUARD_MILLIS);

        assertThat(run.get(GUARD_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo(4);
        assertThat(received).hasSize(1);
        List<OutboxEntry> entries = f.storage.claimDue("probe", 10, f.clock.instant(), Duration.ofMillis(1));
        assertThat(entries).hasSize(3).allSatisfy(e -> assertThat(e.lastError()).get().asString()
                .contains("dispatcher stopped before sending"));
    }

    @Test
    void a_dispatcher_started_again_after_closing_renders_and_sends_and_closing_ends_its_render_thread() {
        smtp.start();
        Event event = quietEvent("restart");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        MailDispatcher dispatcher = f.dispatcher(MailFixture.smtp(port), "node-restart");
        try {
            f.register(event, "Anna", "anna@hu.example.org", Messages.DUTCH);
            dispatcher.start(scheduler, Duration.ofMillis(20));
            await().atMost(Duration.ofMillis(GUARD_MILLIS)).until(() -> smtp.getReceivedMessages().length == 1);
            dispatcher.close();
            await().atMost(Duration.ofMillis(GUARD_MILLIS)).until(() -> !renderThreadAlive("node-restart"));

            f.register(event, "Bram", "bram@hu.example.org", Messages.DUTCH);
            dispatcher.start(scheduler, Duration.ofMillis(20));
            await().atMost(Duration.ofMillis(GUARD_MILLIS)).until(() -> smtp.getReceivedMessages().length == 2);
            dispatcher.close();

            await().atMost(Duration.ofMillis(GUARD_MILLIS)).until(() -> !renderThreadAlive("node-restart"));
            assertThat(f.storage.backlog().pending()).isZero();
            assertThat(f.storage.claimDue("after", 10, f.clock.instant().plus(Duration.ofHours(1)),
                    Duration.ofMinutes(1))).isEmpty();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void a_host_executor_that_renders_at_once_renders_the_whole_batch_before_sending() {
        smtp.start();
        Event event = quietEvent("at-once");
        for (int n = 0; n < 3; n++) {
            f.register(event, "Deelnemer" + n, "deelnemer" + n + "@hu.example.org", Messages.DUTCH);
        }
        MailDispatcher dispatcher = MailDispatcher.builder(f.storage, f.catalogue, f.storage, MailFixture.smtp(port),
                f.settings, f.clock).claimant("node-at-once").renderer(Runnable::run).build();

        int settled = dispatcher.runOnce();

        assertThat(settled).isEqualTo(3);
        assertThat(smtp.waitForIncomingEmail(GUARD_MILLIS, 3)).isTrue();
        assertThat(renderThreadAlive("node-at-once")).as("a render thread of the dispatcher's").isFalse();
        dispatcher.close();
    }

    private Event quietEvent(String id) {
        return f.publish(meeting(id, 100).organiserNotifications(OrganiserNotifications.NONE).build());
    }

    private static boolean renderThreadAlive(String claimant) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("mail-render-" + claimant));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
