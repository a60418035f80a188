package nl.learningcommunities.registration.mail;

import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.OrganiserNotifications;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.rule.Messages;

/**
 * Two dispatchers with the default settings share one outbox, and one dies while it holds a claim: the other sends
 * everything one lease — 30 seconds — later, and only what the dead one had handed to the server goes twice.
 */
class CrashedNodeTest {

    private final MailFixture f = new MailFixture();
    private final List<String> server = RecordingServer.inbox();
    private final CountDownLatch endOfTest = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        endOfTest.countDown();
        threads.shutdownNow();
    }

    @Test
    void by_default_a_run_claims_ten_entries_for_thirty_seconds() {
        LeasedOutbox outbox = new LeasedOutbox();
        Event event = quietEvent("defaults");
        for (int n = 0; n < 25; n++) {
            Registration r = f.register(event, "Deelnemer" + n, "deelnemer" + n + "@hu.example.org", Messages.DUTCH);
            outbox.enqueue(List.of(f.notification(NotificationType.REMINDER, r, Map.of())));
        }
        MailDispatcher node = MailDispatcher.builder(outbox, f.catalogue, f.storage, new RecordingServer(server),
                f.settings, f.clock).claimant("node-a").build();

        int settled = node.runOnce();

        assertThat(settled).isEqualTo(10);
        assertThat(outbox.claims()).singleElement().isEqualTo(
                new LeasedOutbox.Claim("node-a", 10, f.clock.instant(), Duration.ofSeconds(30)));
    }

    @Test
    void the_other_node_sends_everything_one_lease_after_a_crash_and_only_what_was_handed_over_goes_twice()
            throws Exception {
        Event event = quietEvent("crash");
        for (int n = 0; n < 25; n++) {
            f.register(event, "Deelnemer" + n, "deelnemer" + n + "@hu.example.org", Messages.DUTCH);
        }
        CountDownLatch crashed = new CountDownLatch(1);
        Mailer dying = new Mailer() {
            private final Session session = Session.getInstance(new Properties());

            @Override
            public Session session() {
                return session;
            }

            @Override
            public List<DeliveryResult> send(List<MimeMessage> messages) {
                for (int i = 0; i < 3; i++) {
                    server.add(RecordingServer.id(messages.get(i)));
                }
                crashed.countDown();
                RecordingServer.hang(endOfTest);
                throw new NodeKilled();
            }
        };
        MailDispatcher a = MailDispatcher.builder(f.storage, f.catalogue, f.storage, dying, f.settings, f.clock)
                .claimant("node-a").build();
        MailDispatcher b = MailDispatcher.builder(f.storage, f.catalogue, f.storage, new RecordingServer(server),
                f.settings, f.clock).claimant("node-b").build();
        threads.submit(a::runOnce);
        assertThat(crashed.await(30, TimeUnit.SECONDS)).isTrue();
        List<String> handedOverByA = List.copyOf(server);

        int whileAHoldsItsClaim = drain(b);
        f.clock.advance(Duration.ofSeconds(30));
        int afterOneLease = drain(b);

        assertThat(whileAHoldsItsClaim).isEqualTo(15);
        assertThat(afterOneLease).isEqualTo(10);
        assertThat(server.stream().distinct()).hasSize(25);
        assertThat(RecordingServer.twice(server)).hasSize(3).containsExactlyInAnyOrderElementsOf(handedOverByA);
        assertThat(f.storage.claimDue("probe", 100, f.clock.instant().plus(Duration.ofDays(1)), Duration.ofSeconds(1)))
                .as("nothing left to send").isEmpty();
    }

    /** What ends a node's thread abruptly: nothing after it runs, nothing is settled or handed back. */
    private static final class NodeKilled extends Error {
        private static final long serialVersionUID = 1L;
    }

    private Event quietEvent(String id) {
        return f.publish(meeting(id, 100).organiserNotifications(OrganiserNotifications.NONE).build());
    }

    private static int drain(MailDispatcher node) {
        int total = 0;
        for (int settled = node.runOnce(); settled > 0; settled = node.runOnce()) {
            total += settled;
        }
        return total;
    }
}
