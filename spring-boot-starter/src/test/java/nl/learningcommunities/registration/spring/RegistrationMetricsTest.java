package nl.learningcommunities.registration.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.event.OrganiserNotifications;
import nl.learningcommunities.registration.mail.Mailer;

/** With a MeterRegistry, the engine, the dispatcher, the outbox and housekeeping show in Micrometer. */
class RegistrationMetricsTest {

    @TempDir
    Path mail;

    private ApplicationContextRunner withMetrics() {
        return Starter.withDefaults(mail).withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));
    }

    @Test
    void registering_someone_counts_a_confirmed_outcome_and_times_the_seat_claim() {
        withMetrics().run(context -> {
            assertThat(context).hasSingleBean(MicrometerRegistrationMetrics.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            RegistrationEngine engine = context.getBean(RegistrationEngine.class);
            Meetings.publishOpenNow(engine, "gemeten", OrganiserNotifications.NONE);

            Meetings.register(engine, "gemeten", 1);

            assertThat(registry.get("registration.registrations").tags("event", "gemeten", "outcome", "confirmed")
                    .counter().count()).isEqualTo(1.0);
            assertThat(registry.get("registration.seat.claim").tag("event", "gemeten").timer().count()).isEqualTo(1);
        });
    }

    @Test
    void the_outbox_gauges_show_a_waiting_message_until_the_dispatcher_has_sent_it_and_counted_it() {
        RecordingMailer mailer = RecordingMailer.holding();
        withMetrics().withBean(Mailer.class, () -> mailer).withPropertyValues("registration.mail.interval=100ms")
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    RegistrationEngine engine = context.getBean(RegistrationEngine.class);
                    Meetings.publishOpenNow(engine, "wachtrij", OrganiserNotifications.NONE);
                    assertThat(gauge(registry, "registration.outbox.pending")).isZero();

                    Meetings.register(engine, "wachtrij", 1);

                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> gauge(registry, "registration.outbox.pending") == 1.0);
                    assertThat(gauge(registry, "registration.outbox.oldest.age")).isGreaterThanOrEqualTo(0.0);
                    assertThat(sent(registry)).isZero();

                    mailer.open();

                    await().atMost(Duration.ofSeconds(10)).until(() -> sent(registry) == 1.0
                            && gauge(registry, "registration.outbox.pending") == 0.0);
                    assertThat(gauge(registry, "registration.outbox.failed")).isZero();
                    assertThat(gauge(registry, "registration.outbox.oldest.age")).isZero();
                    assertThat(registry.get("registration.mail.sent").tag("type", "confirmation").counter().count())
                            .isEqualTo(1.0);
                });
    }

    @Test
    void a_housekeeping_run_is_timed_as_completed() {
        withMetrics().withPropertyValues("registration.housekeeping.cron=* * * * * *").run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);

            await().atMost(Duration.ofSeconds(10)).until(() -> registry.find("registration.housekeeping")
                    .tag("outcome", "completed").timers().stream().anyMatch(t -> t.count() > 0));
            assertThat(registry.find("registration.housekeeping").tag("outcome", "failed").timer()).isNull();
        });
    }

    @Test
    void without_a_meter_registry_there_are_no_metrics() {
        Starter.withDefaults(mail).run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(MicrometerRegistrationMetrics.class));
    }

    @Test
    void without_micrometer_on_the_class_path_the_starter_still_starts() {
        Starter.imported(Starter.newDatabase()).withPropertyValues("registration.mail.enabled=false")
                .withClassLoader(new FilteredClassLoader("io.micrometer", "org.springframework.boot.micrometer"))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(RegistrationEngine.class)
                        .doesNotHaveBean(MicrometerRegistrationMetrics.class));
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }

    private static double sent(MeterRegistry registry) {
        return Search.in(registry).name("registration.mail.sent").counters().stream().mapToDouble(Counter::count)
                .sum();
    }
}
