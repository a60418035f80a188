package nl.learningcommunities.registration.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.Instrumentation;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.booking.DomainEvent;
import nl.learningcommunities.registration.booking.DomainEventListener;
import nl.learningcommunities.registration.mail.DeliveryListener;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.testing.MutableClock;
import nl.learningcommunities.registration.testing.TestEvents;
import nl.learningcommunities.registration.token.TokenGenerator;

/** The host's listeners, instrumentation and token generator are wired in beside the starter's own metrics. */
class HostExtensionsTest {

    @TempDir
    Path mail;

    private final MutableClock clock = MutableClock.at(TestEvents.NOW);

    @Test
    void a_hosts_domain_event_listener_is_told_of_a_registration() {
        List<DomainEvent> told = new CopyOnWriteArrayList<>();
        Starter.withDefaults(mail).withBean(Clock.class, () -> clock)
                .withBean(DomainEventListener.class, () -> told::add).run(context -> {
                    RegistrationEngine engine = context.getBean(RegistrationEngine.class);
                    Meetings.publishQuiet(engine, "gehoord");

                    Meetings.register(engine, "gehoord", 1);

                    assertThat(told).isNotEmpty();
                });
    }

    @Test
    void a_hosts_instrumentation_measures_beside_the_starters_metrics() {
        List<String> calls = new CopyOnWriteArrayList<>();
        Starter.withDefaults(mail).withBean(Clock.class, () -> clock)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(Instrumentation.class, () -> new Instrumentation() {
                    @Override
                    public <T> T seatClaim(String eventId, int people, Supplier<T> claim) {
                        calls.add("claim " + eventId + " for " + people);
                        return claim.get();
                    }

                    @Override
                    public void registrationAttempted(String eventId, RegistrationOutcome outcome) {
                        calls.add(Instrumentation.nameOf(outcome));
                    }
                }).run(context -> {
                    RegistrationEngine engine = context.getBean(RegistrationEngine.class);
                    Meetings.publishQuiet(engine, "dubbel");

                    Meetings.register(engine, "dubbel", 1);

                    assertThat(calls).containsExactly("claim dubbel for 1", "confirmed");
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get("registration.seat.claim").timer().count()).isEqualTo(1);
                    assertThat(registry.get("registration.registrations").counter().count()).isEqualTo(1.0);
                });
    }

    @Test
    void a_hosts_delivery_listener_is_told_beside_the_starters_metrics() {
        List<Notification> sent = new CopyOnWriteArrayList<>();
        Starter.withDefaults(mail).withBean(Clock.class, () -> clock)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(DeliveryListener.class, () -> new DeliveryListener() {
                    @Override
                    public void sent(Notification notification) {
                        sent.add(notification);
                    }
                })
                .withPropertyValues("registration.mail.interval=50ms").run(context -> {
                    RegistrationEngine engine = context.getBean(RegistrationEngine.class);
                    Meetings.publishQuiet(engine, "verstuurd");

                    Meetings.register(engine, "verstuurd", 1);

                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 1
                            && registry.find("registration.mail.sent").counter() != null
                            && registry.get("registration.mail.sent").counter().count() == 1.0);
                });
    }

    @Test
    void a_hosts_token_generator_makes_the_personal_link_tokens() {
        Starter.withDefaults(mail).withBean(Clock.class, () -> clock)
                .withBean(TokenGenerator.class, () -> () -> "vaste-token-voor-de-test-0123456789abcdef").run(context -> {
                    RegistrationEngine engine = context.getBean(RegistrationEngine.class);
                    Meetings.publishQuiet(engine, "sleutel");
                    var registration = Meetings.register(engine, "sleutel", 1);

                    assertThat(engine.registrations().view(registration.id(),
                            "vaste-token-voor-de-test-0123456789abcdef")).isPresent();
                });
    }
}
