package nl.learningcommunities.registration.spring;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.context.annotation.Bean;

import nl.learningcommunities.registration.notification.NotificationOutbox;

/**
 * The library's Micrometer meters ({@link MicrometerRegistrationMetrics}), when the application has a
 * {@code MeterRegistry} (Spring Boot's actuator, or any registry bean). They show on {@code /actuator/metrics},
 * and in Prometheus format when the application adds {@code micrometer-registry-prometheus}.
 */
@AutoConfiguration(after = {MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
        SimpleMetricsExportAutoConfiguration.class, RegistrationAutoConfiguration.class})
@ConditionalOnClass({MeterRegistry.class, MetricsAutoConfiguration.class})
@ConditionalOnBean({MeterRegistry.class, NotificationOutbox.class})
public class RegistrationMetricsAutoConfiguration {

    /** Created by Spring Boot from {@code META-INF/spring/…AutoConfiguration.imports}. */
    public RegistrationMetricsAutoConfiguration() {
    }

    /**
     * @param registry the application's registry
     * @param outbox   the outbox whose backlog the gauges show
     * @param clock    the clock
     * @return the meters, which the engine, dispatcher and housekeeping report to
     */
    @Bean
    @ConditionalOnMissingBean
    public MicrometerRegistrationMetrics registrationMetrics(MeterRegistry registry, NotificationOutbox outbox,
                                                             Clock clock) {
        return new MicrometerRegistrationMetrics(registry, outbox, clock);
    }
}
