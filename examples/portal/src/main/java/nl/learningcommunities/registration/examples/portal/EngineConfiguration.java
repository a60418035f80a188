package nl.learningcommunities.registration.examples.portal;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.spring.RegistrationProperties;

/**
 * What of the library's wiring is the portal's own; the Spring Boot starter does the rest (store, engine, mailer,
 * dispatcher, housekeeping, health and metrics) from {@code registration.*}. The portal brings its database under
 * {@code registration.datasource.*} (an H2 file by default), links that follow the port it listens on, and the
 * start-up import of its event definitions.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    static final String DEMO_PROGRAMME = "/demo/learning-communities-2027.json";

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(PortalProperties properties) {
        PortalProperties.Datasource settings = properties.datasource();
        HikariConfig config = new HikariConfig();
        config.setPoolName("registration");
        config.setJdbcUrl(settings.url());
        if (settings.username() != null) {
            config.setUsername(settings.username());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.maximumPoolSize());
        return new HikariDataSource(config);
    }

    @Bean
    PortalLinks portalLinks(RegistrationProperties properties) {
        return new PortalLinks(properties.publicAddress());
    }

    @Bean
    StartupImport startupImport() {
        return new StartupImport();
    }

    @Bean
    ApplicationRunner importEvents(RegistrationEngine engine, PortalProperties properties, StartupImport imports) {
        return args -> imports.run(engine, properties.events().folder());
    }
}
