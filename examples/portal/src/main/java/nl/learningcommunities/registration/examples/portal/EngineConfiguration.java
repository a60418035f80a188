package nl.learningcommunities.registration.examples.portal;

import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.jdbc.JdbcStorage;
import nl.learningcommunities.registration.mail.Branding;
import nl.learningcommunities.registration.mail.FileMailer;
import nl.learningcommunities.registration.mail.MailDispatcher;
import nl.learningcommunities.registration.mail.MailSettings;
import nl.learningcommunities.registration.mail.Mailer;
import nl.learningcommunities.registration.mail.SmtpMailer;
import nl.learningcommunities.registration.mail.SmtpSettings;
import nl.learningcommunities.registration.participant.EmailAddress;

/** The library, wired as beans from {@code registration.*}: store, engine, mailer, dispatcher and housekeeping. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    static final String DEMO_PROGRAMME = "/demo/learning-communities-2027.json";

    private static final Logger LOG = LoggerFactory.getLogger(EngineConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.system(ZoneId.of("Europe/Amsterdam"));
    }

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
    JdbcStorage storage(DataSource dataSource, PortalProperties properties) {
        JdbcStorage storage = JdbcStorage.builder(dataSource).tablePrefix(properties.datasource().tablePrefix())
                .build();
        int applied = storage.migrate();
        LOG.info("Registration store ready ({} migrations applied)", applied);
        return storage;
    }

    @Bean
    RegistrationEngine registrationEngine(JdbcStorage storage, Clock clock) {
        return RegistrationEngine.builder().eventCatalogue(storage.eventCatalogue()).registrationStore(storage)
                .notificationOutbox(storage).clock(clock).build();
    }

    @Bean
    StartupImport startupImport() {
        return new StartupImport();
    }

    @Bean
    ApplicationRunner importEvents(RegistrationEngine engine, PortalProperties properties, StartupImport imports) {
        return args -> imports.run(engine, properties.events().folder());
    }

    @Bean
    Mailer mailer(PortalProperties properties) {
        PortalProperties.Smtp smtp = properties.mail().smtp();
        if (smtp.server().isEmpty()) {
            LOG.info("No SMTP host set (registration.mail.smtp.host): e-mails are written as .eml files to {}",
                    properties.mail().directory().toAbsolutePath().normalize());
            return FileMailer.into(properties.mail().directory());
        }
        SmtpSettings.Security security = smtp.ssl() ? SmtpSettings.Security.SMTPS
                : smtp.starttls() ? SmtpSettings.Security.STARTTLS : SmtpSettings.Security.NONE;
        SmtpSettings settings = SmtpSettings.of(smtp.server().get(), smtp.port(), security);
        if (smtp.login().isPresent()) {
            settings = settings.withLogin(smtp.login().get(), smtp.password() == null ? "" : smtp.password());
        }
        LOG.info("Sending e-mail through {}", settings);
        return SmtpMailer.create(settings);
    }

    @Bean(destroyMethod = "shutdown")
    ScheduledExecutorService registrationScheduler() {
        return Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "registration-scheduler");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    PortalLinks portalLinks(PortalProperties properties) {
        return new PortalLinks(properties.publicAddress());
    }

    @Bean(destroyMethod = "close")
    MailDispatcher mailDispatcher(JdbcStorage storage, Mailer mailer, PortalProperties properties, Clock clock,
                                  ScheduledExecutorService registrationScheduler, PortalLinks links) {
        MailSettings settings = MailSettings.of(EmailAddress.of(properties.mail().from()), links,
                Branding.plain(properties.mail().sender()));
        MailDispatcher dispatcher = MailDispatcher.builder(storage, storage.eventCatalogue(), storage, mailer,
                settings, clock).batchSize(properties.mail().batchSize()).lease(properties.mail().lease()).build();
        dispatcher.start(registrationScheduler, properties.mail().interval());
        return dispatcher;
    }

    @Bean
    ApplicationRunner housekeeping(RegistrationEngine engine, ScheduledExecutorService registrationScheduler) {
        return args -> registrationScheduler.scheduleWithFixedDelay(() -> {
            try {
                engine.housekeeping().run();
            } catch (RuntimeException e) {
                LOG.warn("Housekeeping failed; it runs again in a minute", e);
            }
        }, 1, 60, TimeUnit.SECONDS);
    }
}
