package nl.learningcommunities.registration.mail;

import static nl.learningcommunities.registration.testing.TestEvents.NOW;
import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.OrganiserNotifications;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.notification.OutboxEntry;
import nl.learningcommunities.registration.notification.OutboxEntry.DeliveryState;
import nl.learningcommunities.registration.rule.Messages;

/**
 * A live node renews its claims while it sends, so that a slow server does not let them lapse; and a node whose
 * claim was taken over, or is running out unrenewed, hands no further message of its batch to the server. Leases
 * here are short and run on the wall clock.
 */
class ClaimRenewalTest {

    private static final Duration LEASE = Duration.ofMillis(1200);

    private final MailFixture f = new MailFixture();
    private final List<String> server = RecordingServer.inbox();
    private final LeasedOutbox outbox = new LeasedOutbox();
    private final Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), NOW));
    private final CountDownLatch sending = new CountDownLatch(1);
    private final CountDownLatch answers = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    /** A server that takes its time over the first message, until the test lets it answer. */
    private final Mailer slow = new RecordingServer(server) {
        @Override
        void deliver(MimeMessage message) {
            sending.countDown();
            hang(answers);
            super.deliver(message);
        }
    };

    @AfterEach
    void stop() {
        answers.countDown();
        threads.shutdownNow();
    }

    @Test
    void by_default_claims_are_renewed_every_ten_seconds() {
        assertThat(BatchClaims.renewalInterval(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void a_slow_server_cannot_make_a_live_nodes_claim_lapse() throws Exception {
        outbox.enqueue(reminders(5));
        MailDispatcher a = node("node-a", slow);
        MailDispatcher b = node("node-b", new RecordingServer(server));
        Future<Integer> aRun = threads.submit(a::runOnce);
        assertThat(sending.await(30, TimeUnit.SECONDS)).isTrue();

        Instant threeLeasesLater = clock.instant().plus(LEASE.multipliedBy(3));
        AtomicInteger bSettled = new AtomicInteger();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            bSettled.addAndGet(b.runOnce());
            return clock.instant().isAfter(threeLeasesLater);
        });
        List<OutboxEntry> meanwhile = outbox.all();
        answers.countDown();

        assertThat(aRun.get(30, TimeUnit.SECONDS)).isEqualTo(5);
        assertThat(bSettled).hasValue(0);
        assertThat(meanwhile).allSatisfy(e -> assertThat(e.claimedBy()).contains("node-a"));
        assertThat(outbox.extensions()).isGreaterThanOrEqualTo(2);
        assertThat(server).hasSize(5).doesNotHaveDuplicates();
        assertThat(outbox.all()).extracting(OutboxEntry::state).containsOnly(DeliveryState.SENT);
        a.close();
        b.close();
    }

    @Test
    void a_node_whose_claim_was_taken_over_hands_that_message_to_no_server() throws Exception {
        List<Notification> queued = reminders(3);
        outbox.enqueue(queued);
        MailDispatcher a = node("node-a", slow);
        Future<Integer> aRun = threads.submit(a::runOnce);
        assertThat(sending.await(30, TimeUnit.SECONDS)).isTrue();

        UUID second = queued.get(1).id();
        outbox.takeOver(second, "node-b", clock.instant().plus(Duration.ofMinutes(1)));
        int renewalsBefore = outbox.extensions();
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.extensions() > renewalsBefore);
        answers.countDown();

        assertThat(aRun.get(30, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(server).containsExactly(messageId(queued.get(0)), messageId(queued.get(2)));
        assertThat(outbox.entry(second).claimedBy()).contains("node-b");
        assertThat(outbox.entry(second).state()).isEqualTo(DeliveryState.PENDING);
        a.close();
    }

    @Test
    void unrenewed_a_message_goes_to_the_server_only_while_a_third_of_its_lease_is_left() {
        Event event = quietEvent("unrenewed");
        List<Registration> registered = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            registered.add(f.register(event, "Deelnemer" + n, "deelnemer" + n + "@hu.example.org", Messages.DUTCH));
        }
        AtomicBoolean first = new AtomicBoolean(true);
        Mailer firstTakes21Seconds = new RecordingServer(server) {
            @Override
            void deliver(MimeMessage message) {
                super.deliver(message);
                if (first.getAndSet(false)) {
                    f.clock.advance(Duration.ofSeconds(21));
                }
            }
        };
        MailDispatcher a = MailDispatcher.builder(f.storage, f.catalogue, f.storage, firstTakes21Seconds, f.settings,
                f.clock).claimant("node-a").build();

        int settled = a.runOnce();

        assertThat(settled).isEqualTo(3);
        assertThat(server).hasSize(1);
        List<OutboxEntry> handedBack = registered.stream().flatMap(r -> f.storage.about(r.id()).stream())
                .filter(e -> e.state() == DeliveryState.PENDING).toList();
        assertThat(handedBack).hasSize(2).allSatisfy(e -> {
            assertThat(e.claimedBy()).isEmpty();
            assertThat(e.nextAttemptAt()).isEqualTo(f.clock.instant());
        });
        assertThat(a.runOnce()).isEqualTo(2);
        assertThat(server).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void closing_hands_the_rest_of_the_batch_back_after_the_message_in_hand() throws Exception {
        List<Notification> queued = reminders(4);
        outbox.enqueue(queued);
        MailDispatcher a = node("node-a", slow);
        Future<Integer> aRun = threads.submit(a::runOnce);
        assertThat(sending.await(30, TimeUnit.SECONDS)).isTrue();

        Thread closing = new Thread(a::close, "closing");
        closing.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> closing.getState() == Thread.State.WAITING);
        answers.countDown();
        closing.join(30_000);

        assertThat(aRun.get(30, TimeUnit.SECONDS)).isEqualTo(4);
        assertThat(server).containsExactly(messageId(queued.get(0)));
        assertThat(outbox.all()).filteredOn(e -> e.state() == DeliveryState.PENDING).hasSize(3)
                .allSatisfy(e -> assertThat(e.claimedBy()).isEmpty());
    }

    private MailDispatcher node(String name, Mailer mailer) {
        return MailDispatcher.builder(outbox, f.catalogue, f.storage, mailer, f.settings, clock).claimant(name)
                .lease(LEASE).claimRenewal(outbox).build();
    }

    private Event quietEvent(String id) {
        return f.publish(meeting(id, 100).organiserNotifications(OrganiserNotifications.NONE).build());
    }

    private List<Notification> reminders(int count) {
        Event event = quietEvent("renewal-" + count);
        List<Notification> notifications = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Registration r = f.register(event, "Deelnemer" + n, "deelnemer" + n + "@hu.example.org", Messages.DUTCH);
            notifications.add(f.notification(NotificationType.REMINDER, r, Map.of()));
        }
        return notifications;
    }

    private static String messageId(Notification n) {
        return "<" + n.id() + "@" + MailFixture.DOMAIN + ">";
    }
}
