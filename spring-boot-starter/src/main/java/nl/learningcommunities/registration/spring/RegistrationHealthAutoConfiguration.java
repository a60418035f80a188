package nl.learningcommunities.registration.spring;

import java.time.Clock;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.notification.NotificationOutbox;

/**
 * The health contributor {@code registration}, with {@code store} (the store answers) and {@code outbox} (the
 * backlog and the oldest pending message are below {@code registration.health.*}; failed messages are counted),
 * when Spring Boot's health support is present. Off with {@code management.health.registration.enabled=false}.
 */
@AutoConfiguration(after = RegistrationAutoConfiguration.class)
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean({RegistrationStore.class, NotificationOutbox.class})
@ConditionalOnEnabledHealthIndicator("registration")
public class RegistrationHealthAutoConfiguration {

    /** Created by Spring Boot from {@code META-INF/spring/…AutoConfiguration.imports}. */
    public RegistrationHealthAutoConfiguration() {
    }

    /**
     * @param store      the store to ask
     * @param outbox     the outbox to measure
     * @param clock      the clock the oldest message's wait is measured with
     * @param properties the thresholds
     * @return {@code registration}, composed of {@code store} and {@code outbox}
     */
    @Bean
    @ConditionalOnMissingBean(name = "registrationHealthContributor")
    public CompositeHealthContributor registrationHealthContributor(RegistrationStore store,
                                                                    NotificationOutbox outbox, Clock clock,
                                                                    RegistrationProperties properties) {
        return CompositeHealthContributor.fromMap(Map.of(
                "store", new StoreHealthIndicator(store),
                "outbox", new OutboxHealthIndicator(outbox, clock, properties.health())));
    }
}
