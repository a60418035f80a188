package nl.learningcommunities.registration.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.testing.MutableClock;
import nl.learningcommunities.registration.testing.TestEvents;

/**
 * The health contributor {@code registration}: its {@code outbox} is DOWN when too much mail waits or waited too
 * long, its {@code store} when the database does not answer. These nodes send no mail, so that what is queued
 * stays queued.
 */
class RegistrationHealthTest {

    private final MutableClock clock = MutableClock.at(TestEvents.NOW);

    private ApplicationContextRunner node() {
        return Starter.bare(Starter.newDatabase())
                .withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class,
                        HealthContributorRegistryAutoConfiguration.class))
                .withBean(Clock.class, () -> clock)
                .withPropertyValues("registration.mail.enabled=false", "registration.housekeeping.enabled=false");
    }

    @Test
    void the_outbox_is_up_while_nothing_waits() {
        node().run(context -> {
            Health outbox = part(context, "outbox");

            assertThat(outbox.getStatus()).isEqualTo(Status.UP);
            assertThat(outbox.getDetails()).containsEntry("pending", 0L).containsEntry("failed", 0L)
                    .containsEntry("maxPending", 1000L).containsEntry("maxWaitSeconds", 900L);
        });
    }

    @Test
    void the_outbox_is_down_when_more_messages_wait_than_allowed() {
        node().withPropertyValues("registration.health.outbox-max-pending=0").run(context -> {
            assertThat(part(context, "outbox").getStatus()).isEqualTo(Status.UP);
            registerSomeone(context);

            Health outbox = part(context, "outbox");

            assertThat(outbox.getStatus()).isEqualTo(Status.DOWN);
            assertThat(outbox.getDetails()).containsEntry("pending", 1L).containsEntry("failed", 0L);
        });
    }

    @Test
    void the_outbox_is_down_when_the_oldest_message_waited_longer_than_allowed() {
        node().run(context -> {
            registerSomeone(context);
            clock.advance(Duration.ofMinutes(15));
            assertThat(part(context, "outbox").getStatus()).isEqualTo(Status.UP);

            clock.advance(Duration.ofSeconds(1));
            Health outbox = part(context, "outbox");

            assertThat(outbox.getStatus()).isEqualTo(Status.DOWN);
            assertThat(outbox.getDetails()).containsEntry("pending", 1L).containsEntry("failed", 0L)
                    .containsEntry("oldestPendingWaitSeconds", 901L);
        });
    }

    @Test
    void the_outbox_wait_limit_is_a_property() {
        node().withPropertyValues("registration.health.outbox-max-wait=30s").run(context -> {
            registerSomeone(context);
            clock.advance(Duration.ofSeconds(31));

            assertThat(part(context, "outbox").getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void the_store_is_up_while_the_database_answers_and_down_once_the_data_source_is_closed() {
        node().run(context -> {
            assertThat(part(context, "store").getStatus()).isEqualTo(Status.UP);

            context.getBean(HikariDataSource.class).close();

            assertThat(part(context, "store").getStatus()).isEqualTo(Status.DOWN);
            assertThat(part(context, "outbox").getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void spring_boot_registers_the_contributor_under_the_name_registration() {
        node().run(context -> {
            HealthContributor registered = context.getBean(HealthContributorRegistry.class)
                    .getContributor("registration");

            assertThat(registered).isSameAs(context.getBean("registrationHealthContributor"));
        });
    }

    @Test
    void management_health_registration_enabled_false_turns_the_contributor_off() {
        node().withPropertyValues("management.health.registration.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean("registrationHealthContributor"));
    }

    @Test
    void spring_boot_imports_the_contributor_when_its_health_support_is_present() {
        Starter.imported(Starter.newDatabase()).withPropertyValues("registration.mail.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().hasBean("registrationHealthContributor"));
    }

    @Test
    void without_spring_boot_health_on_the_class_path_the_starter_still_starts() {
        Starter.imported(Starter.newDatabase()).withPropertyValues("registration.mail.enabled=false")
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(RegistrationEngine.class)
                        .doesNotHaveBean("registrationHealthContributor"));
    }

    private static Health part(AssertableApplicationContext context, String name) {
        CompositeHealthContributor registration = context.getBean("registrationHealthContributor",
                CompositeHealthContributor.class);
        return ((HealthIndicator) registration.getContributor(name)).health(true);
    }

    private static void registerSomeone(AssertableApplicationContext context) {
        RegistrationEngine engine = context.getBean(RegistrationEngine.class);
        Meetings.publishQuiet(engine, "gezond");
        Meetings.register(engine, "gezond", 1);
    }
}
