package nl.learningcommunities.registration.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.event.EventCatalogue;
import nl.learningcommunities.registration.inmemory.InMemoryEventCatalogue;
import nl.learningcommunities.registration.inmemory.InMemoryStorage;
import nl.learningcommunities.registration.jdbc.JdbcStorage;
import nl.learningcommunities.registration.mail.Branding;
import nl.learningcommunities.registration.mail.Links;
import nl.learningcommunities.registration.mail.MailDispatcher;
import nl.learningcommunities.registration.mail.MailSettings;
import nl.learningcommunities.registration.mail.Mailer;
import nl.learningcommunities.registration.notification.NotificationOutbox;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.testing.MutableClock;
import nl.learningcommunities.registration.testing.TestEvents;

/** Every bean of the starter gives way to the host's own of its type; the host's is the one in the context. */
class BackingOffTest {

    @TempDir
    Path mail;

    static Stream<Arguments> pieces() {
        return Stream.of(
                Arguments.of(Clock.class, HostClock.class),
                Arguments.of(EventCatalogue.class, HostCatalogue.class),
                Arguments.of(RegistrationEngine.class, HostEngine.class),
                Arguments.of(Links.class, HostLinks.class),
                Arguments.of(Mailer.class, HostMailer.class),
                Arguments.of(MailSettings.class, HostMailSettings.class),
                Arguments.of(MailDispatcher.class, HostDispatcher.class),
                Arguments.of(RegistrationJobs.class, HostJobs.class),
                Arguments.of(MicrometerRegistrationMetrics.class, HostMetrics.class));
    }

    @ParameterizedTest(name = "a host''s own {0} is the one in the context")
    @MethodSource("pieces")
    void a_hosts_own_bean_is_the_one_in_the_context(Class<?> type, Class<?> host) {
        Starter.withDefaults(mail).withUserConfiguration(host).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeanNamesForType(type)).containsExactly("host");
        });
    }

    @Test
    void a_hosts_own_registration_health_contributor_is_the_one_in_the_context() {
        Starter.withDefaults(mail).withUserConfiguration(HostHealth.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean("registrationHealthContributor")).isSameAs(context.getBean(HostHealth.class)
                    .indicator);
        });
    }

    @Test
    void a_hosts_own_store_replaces_the_jdbc_store_and_the_engine_uses_it_with_the_hosts_catalogue() {
        Starter.withDefaults(mail).withUserConfiguration(HostStore.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeanNamesForType(RegistrationStore.class)).containsExactly("host");
            assertThat(context.getBeanNamesForType(NotificationOutbox.class)).containsExactly("host");
            assertThat(context.getBeanNamesForType(EventCatalogue.class)).containsExactly("hostCatalogue");
            assertThat(context).doesNotHaveBean(JdbcStorage.class);

            RegistrationEngine engine = context.getBean(RegistrationEngine.class);
            Meetings.publishQuiet(engine, "in-memory");
            Meetings.register(engine, "in-memory", 1);
            assertThat(context.getBean(InMemoryStorage.class).backlog().pending()).isEqualTo(1);
            assertThat(context.getBean(InMemoryEventCatalogue.class).find("in-memory")).isPresent();
        });
    }

    @Test
    void a_host_that_brings_its_own_store_must_bring_an_event_catalogue_too() {
        Starter.withDefaults(mail).withBean("host", InMemoryStorage.class, InMemoryStorage::create).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(NoSuchBeanDefinitionException.class)
                    .hasMessageContaining(EventCatalogue.class.getName());
        });
    }

    @Test
    void a_hosts_own_links_make_the_base_url_unnecessary() {
        Starter.bare(Starter.newDatabase()).withUserConfiguration(HostLinks.class)
                .withPropertyValues("registration.mail.from=" + Starter.FROM, "registration.mail.directory=" + mail)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(MailSettings.class).links()).isSameAs(context.getBean("host"));
                });
    }

    @Test
    void a_hosts_own_mail_settings_make_the_sender_address_unnecessary() {
        Starter.bare(Starter.newDatabase()).withUserConfiguration(HostMailSettings.class)
                .withPropertyValues("registration.base-url=" + Starter.BASE_URL, "registration.mail.directory=" + mail)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(MailDispatcher.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class HostClock {
        @Bean
        Clock host() {
            return MutableClock.at(TestEvents.NOW);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostStore {
        @Bean
        InMemoryStorage host() {
            return InMemoryStorage.create();
        }

        @Bean
        InMemoryEventCatalogue hostCatalogue() {
            return InMemoryEventCatalogue.create();
        }

        @Bean
        Clock hostClock() {
            return MutableClock.at(TestEvents.NOW);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostCatalogue {
        @Bean
        InMemoryEventCatalogue host() {
            return InMemoryEventCatalogue.create();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostEngine {
        @Bean
        RegistrationEngine host() {
            InMemoryStorage storage = InMemoryStorage.create();
            return RegistrationEngine.builder().eventCatalogue(InMemoryEventCatalogue.create())
                    .registrationStore(storage).notificationOutbox(storage).clock(Clock.systemUTC()).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostLinks {
        @Bean
        Links host() {
            return Links.under(URI.create("https://portal.example.org/aanmelden"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostMailer {
        @Bean
        RecordingMailer host() {
            return RecordingMailer.delivering();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostMailSettings {
        @Bean
        MailSettings host() {
            return MailSettings.of(EmailAddress.of("noreply@portal.example.org"),
                    Links.under(URI.create("https://portal.example.org")), Branding.plain("Portal"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostDispatcher {
        @Bean
        MailDispatcher host(JdbcStorage storage, Mailer mailer, MailSettings settings) {
            return MailDispatcher.builder(storage, storage.eventCatalogue(), storage, mailer, settings,
                    Clock.systemUTC()).claimant("host-node").build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostJobs {
        @Bean
        RegistrationJobs host() {
            return new RegistrationJobs(Optional.empty(), Duration.ofSeconds(5), Optional.empty(), "0 0 3 * * *",
                    ZoneOffset.UTC, Clock.systemUTC(), List.of());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostMetrics {
        @Bean
        SimpleMeterRegistry registry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        MicrometerRegistrationMetrics host(JdbcStorage storage) {
            return new MicrometerRegistrationMetrics(new SimpleMeterRegistry(), storage, Clock.systemUTC());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostHealth {
        final HealthIndicator indicator = () -> Health.up().withDetail("host", true).build();

        @Bean
        HealthIndicator registrationHealthContributor() {
            return indicator;
        }
    }
}
