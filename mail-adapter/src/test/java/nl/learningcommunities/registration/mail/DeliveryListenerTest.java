package nl.learningcommunities.registration.mail;

import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.OrganiserNotifications;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.notification.OutboxEntry;
import nl.learningcommunities.registration.notification.OutboxEntry.DeliveryState;
import nl.learningcommunities.registration.participant.EmailAddress;

/** What a {@link DeliveryListener} hears: each message sent, retried or failed, once its outbox entry is settled. */
class DeliveryListenerTest {

    private static final Locale DUTCH = Locale.forLanguageTag("nl");

    private final MailFixture f = new MailFixture();
    private final Recording listener = new Recording();

    private Event quietEvent(String id) {
        return f.publish(meeting(id, 100).organiserNotifications(OrganiserNotifications.NONE).build());
    }

    private MailDispatcher.Builder dispatcher(Mailer mailer, DeliveryListener listener) {
        return MailDispatcher.builder(f.storage, f.catalogue, f.storage, mailer, f.settings, f.clock)
                .claimant("node-1").retries(Duration.ofSeconds(5), Duration.ofSeconds(60)).listener(listener);
    }

    private OutboxEntry entryOf(Registration registration) {
        return f.storage.about(registration.id()).get(0);
    }

    @Test
    void the_listener_hears_one_message_sent_one_retried_and_one_failed_each_with_its_notification() {
        Event event = quietEvent("heard");
        Registration accepted = f.register(event, "Aart", "aart@hu.example.org", DUTCH);
        Registration greylisted = f.register(event, "Bea", "bea@hu.example.org", DUTCH);
        Registration unknown = f.register(event, "Cor", "cor@hu.example.org", DUTCH);
        ScriptedMailer mailer = new ScriptedMailer().answering(new DeliveryResult.Delivered(),
                new DeliveryResult.TemporaryFailure("451 4.7.1 greylisted, try again later"),
                new DeliveryResult.PermanentFailure("550 5.1.1 no such user"));
        MailDispatcher dispatcher = dispatcher(mailer, listener).build();

        int settled = dispatcher.runOnce();

        assertThat(settled).isEqualTo(3);
        assertThat(listener.heard).containsExactly(
                new Heard("sent", entryOf(accepted).notification().id(), accepted.id(), 0),
                new Heard("retried", entryOf(greylisted).notification().id(), greylisted.id(), 1),
                new Heard("failed", entryOf(unknown).notification().id(), unknown.id(), 1));
        assertThat(listener.notifications).extracting(Notification::type).containsOnly(NotificationType.CONFIRMATION);
        assertThat(List.of(entryOf(accepted).state(), entryOf(greylisted).state(), entryOf(unknown).state()))
                .containsExactly(DeliveryState.SENT, DeliveryState.PENDING, DeliveryState.FAILED);
    }

    @Test
    void a_retried_message_is_heard_again_when_it_is_sent_later() {
        Event event = quietEvent("later");
        Registration greylisted = f.register(event, "Bea", "bea@hu.example.org", DUTCH);
        ScriptedMailer mailer = new ScriptedMailer().answering(new DeliveryResult.TemporaryFailure("421 busy"));
        MailDispatcher dispatcher = dispatcher(mailer, listener).build();
        dispatcher.runOnce();
        int beforeItIsDue = dispatcher.runOnce();

        mailer.answering(new DeliveryResult.Delivered());
        f.clock.advance(Duration.ofSeconds(5));
        dispatcher.runOnce();

        UUID id = entryOf(greylisted).notification().id();
        assertThat(beforeItIsDue).isZero();
        assertThat(listener.heard).containsExactly(new Heard("retried", id, greylisted.id(), 1),
                new Heard("sent", id, greylisted.id(), 0));
    }

    @Test
    void a_message_given_up_on_after_its_last_temporary_failure_is_heard_failed_with_every_attempt() {
        Event event = quietEvent("given-up");
        Registration unreachable = f.register(event, "Dirk", "dirk@hu.example.org", DUTCH);
        ScriptedMailer mailer = new ScriptedMailer().answering(new DeliveryResult.TemporaryFailure("421 busy"),
                new DeliveryResult.TemporaryFailure("421 still busy"));
        MailDispatcher dispatcher = dispatcher(mailer, listener).attempts(2, 1).build();

        dispatcher.runOnce();
        f.clock.advance(Duration.ofSeconds(5));
        dispatcher.runOnce();

        UUID id = entryOf(unreachable).notification().id();
        assertThat(listener.heard).containsExactly(new Heard("retried", id, unreachable.id(), 1),
                new Heard("failed", id, unreachable.id(), 2));
        assertThat(f.storage.failed(event.id())).singleElement()
                .satisfies(e -> assertThat(e.lastError()).contains("421 still busy"));
    }

    @Test
    void a_message_that_cannot_be_composed_is_heard_failed() {
        Notification orphan = new Notification(UUID.randomUUID(), NotificationType.INVITATION, "no-such-event",
                Optional.empty(), EmailAddress.of("genodigde@hu.example.org"), "", DUTCH, f.clock.instant(),
                Optional.empty(), Map.of("invitationCode", "LC-1"));
        f.enqueue(orphan);
        ScriptedMailer mailer = new ScriptedMailer();

        int settled = dispatcher(mailer, listener).build().runOnce();

        assertThat(settled).isEqualTo(1);
        assertThat(mailer.handed).hasValue(0);
        assertThat(listener.heard).containsExactly(new Heard("failed", orphan.id(), null, 1));
    }

    @Test
    void a_listener_that_throws_stops_neither_the_batch_nor_the_next_run() {
        Event event = quietEvent("throwing");
        List<Registration> registrations = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            registrations.add(f.register(event, "Deelnemer" + n, "deelnemer" + n + "@hu.example.org", DUTCH));
        }
        ScriptedMailer mailer = new ScriptedMailer().answering(new DeliveryResult.Delivered(),
                new DeliveryResult.TemporaryFailure("451 greylisted"), new DeliveryResult.Delivered(),
                new DeliveryResult.PermanentFailure("550 no such user"), new DeliveryResult.Delivered(),
                new DeliveryResult.Delivered());
        Recording throwing = new Recording() {
            @Override
            void heard(Heard heard, Notification notification) {
                super.heard(heard, notification);
                throw new IllegalStateException("the metrics registry is gone");
            }
        };
        MailDispatcher dispatcher = dispatcher(mailer, throwing).batchSize(2).build();

        List<Integer> runs = List.of(dispatcher.runOnce(), dispatcher.runOnce(), dispatcher.runOnce());
        f.clock.advance(Duration.ofSeconds(5));
        int retry = dispatcher.runOnce();

        assertThat(runs).containsExactly(2, 2, 1);
        assertThat(retry).isEqualTo(1);
        assertThat(mailer.handed).hasValue(6);
        assertThat(throwing.heard).extracting(Heard::what)
                .containsExactly("sent", "retried", "sent", "failed", "sent", "sent");
        assertThat(registrations).extracting(r -> entryOf(r).state()).containsExactly(DeliveryState.SENT,
                DeliveryState.SENT, DeliveryState.SENT, DeliveryState.FAILED, DeliveryState.SENT);
    }

    @Test
    void a_message_whose_claim_another_node_took_over_while_it_was_sent_is_not_heard() {
        Event event = quietEvent("taken-over");
        Registration r = f.register(event, "Els", "els@hu.example.org", DUTCH);
        List<OutboxEntry> takenOver = new ArrayList<>();
        ScriptedMailer mailer = new ScriptedMailer() {
            @Override
            public List<DeliveryResult> send(List<MimeMessage> messages) {
                f.clock.advance(Duration.ofSeconds(31));
                takenOver.addAll(f.storage.claimDue("node-2", 10, f.clock.instant(), Duration.ofSeconds(30)));
                return super.send(messages);
            }
        }.answering(new DeliveryResult.Delivered());

        int settled = dispatcher(mailer, listener).build().runOnce();

        assertThat(settled).isEqualTo(1);
        assertThat(takenOver).hasSize(1);
        assertThat(listener.heard).as("node-1 could not settle it, so it was neither sent nor failed").isEmpty();
        assertThat(entryOf(r).state()).isEqualTo(DeliveryState.PENDING);
        assertThat(entryOf(r).claimedBy()).contains("node-2");
    }

    @Test
    void a_message_handed_back_unsent_is_not_heard() {
        Event event = quietEvent("handed-back");
        Registration r = f.register(event, "Fenna", "fenna@hu.example.org", DUTCH);
        AtomicInteger withheld = new AtomicInteger();
        Mailer slow = new ScriptedMailer() {
            @Override
            public List<DeliveryResult> send(List<MimeMessage> messages, IntPredicate mayStillSend) {
                f.clock.advance(Duration.ofSeconds(25));
                List<DeliveryResult> results = new ArrayList<>();
                for (int i = 0; i < messages.size(); i++) {
                    if (mayStillSend.test(i)) {
                        results.add(new DeliveryResult.Delivered());
                    } else {
                        withheld.incrementAndGet();
                        results.add(new DeliveryResult.TemporaryFailure("withheld"));
                    }
                }
                return results;
            }
        };

        int settled = dispatcher(slow, listener).build().runOnce();

        assertThat(settled).isEqualTo(1);
        assertThat(withheld).hasValue(1);
        assertThat(listener.heard).isEmpty();
        assertThat(entryOf(r).state()).isEqualTo(DeliveryState.PENDING);
        assertThat(entryOf(r).lastError()).get().asString().contains("handed back unsent");
    }

    @Test
    void the_default_listener_hears_nothing_and_the_dispatcher_works_without_one() {
        Event event = quietEvent("nobody-listens");
        Registration r = f.register(event, "Gijs", "gijs@hu.example.org", DUTCH);
        DeliveryListener none = DeliveryListener.none();
        none.sent(entryOf(r).notification());
        none.retried(entryOf(r).notification(), 1);
        none.failed(entryOf(r).notification(), 1);

        int settled = MailDispatcher.builder(f.storage, f.catalogue, f.storage,
                new ScriptedMailer().answering(new DeliveryResult.Delivered()), f.settings, f.clock).build().runOnce();

        assertThat(settled).isEqualTo(1);
        assertThat(entryOf(r).state()).isEqualTo(DeliveryState.SENT);
    }

    /**
     * What the listener heard about one message.
     *
     * @param what           sent, retried or failed
     * @param notificationId the message
     * @param registrationId the registration it is about, or {@code null}
     * @param attempts       the attempts it was told (0 for sent, which is told none)
     */
    record Heard(String what, UUID notificationId, UUID registrationId, int attempts) {
    }

    /** A listener that records what it hears. Thread-safe. */
    private static class Recording implements DeliveryListener {
        final List<Heard> heard = Collections.synchronizedList(new ArrayList<>());
        final List<Notification> notifications = Collections.synchronizedList(new ArrayList<>());

        void heard(Heard heard, Notification notification) {
            this.heard.add(heard);
            notifications.add(notification);
        }

        @Override
        public void sent(Notification notification) {
            heard(new Heard("sent", notification.id(), notification.registrationId().orElse(null), 0), notification);
        }

        @Override
        public void retried(Notification notification, int attempts) {
            heard(new Heard("retried", notification.id(), notification.registrationId().orElse(null), attempts),
                    notification);
        }

        @Override
        public void failed(Notification notification, int attempts) {
            heard(new Heard("failed", notification.id(), notification.registrationId().orElse(null), attempts),
                    notification);
        }
    }

    /** A mailer that answers each message with the next scripted answer, and counts what it was handed. */
    private static class ScriptedMailer implements Mailer {
        private final Session session = Session.getInstance(new Properties());
        private final Queue<DeliveryResult> answers = new ConcurrentLinkedQueue<>();
        final AtomicInteger handed = new AtomicInteger();

        ScriptedMailer answering(DeliveryResult... results) {
            answers.addAll(List.of(results));
            return this;
        }

        @Override
        public Session session() {
            return session;
        }

        @Override
        public List<DeliveryResult> send(List<MimeMessage> messages) {
            List<DeliveryResult> results = new ArrayList<>();
            for (MimeMessage ignored : messages) {
                int n = handed.incrementAndGet();
                DeliveryResult answer = answers.poll();
                if (answer == null) {
                    throw new AssertionError("no answer scripted for message " + n);
                }
                results.add(answer);
            }
            return results;
        }
    }
}
