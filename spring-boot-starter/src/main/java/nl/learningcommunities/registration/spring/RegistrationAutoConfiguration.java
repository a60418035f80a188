package nl.learningcommunities.registration.spring;

import java.time.Clock;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.Instrumentation;
import nl.learningcommunities.registration.booking.DomainEventListener;
import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.event.EventCatalogue;
import nl.learningcommunities.registration.jdbc.JdbcStorage;
import nl.learningcommunities.registration.mail.Branding;
import nl.learningcommunities.registration.mail.DeliveryListener;
import nl.learningcommunities.registration.mail.FileMailer;
import nl.learningcommunities.registration.mail.Links;
import nl.learningcommunities.registration.mail.MailDispatcher;
import nl.learningcommunities.registration.mail.MailSettings;
import nl.learningcommunities.registration.mail.Mailer;
import nl.learningcommunities.registration.mail.SmtpMailer;
import nl.learningcommunities.registration.mail.SmtpSettings;
import nl.learningcommunities.registration.notification.NotificationOutbox;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.token.TokenGenerator;

/**
 * Wires the registration library from {@code registration.*} onto the application's own {@code DataSource}: the
 * JDBC store (migrated at start-up), the engine, the mailer, the outbox dispatcher and housekeeping, the last two
 * run by {@link RegistrationJobs}. It only maps properties onto the library's builders. Every bean backs off when
 * the application defines its own of the same type, so any piece can be replaced; e-mail is left out with
 * {@code registration.mail.enabled=false}.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@EnableConfigurationProperties(RegistrationProperties.class)
public class RegistrationAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationAutoConfiguration.class);

    /** Created by Spring Boot from {@code META-INF/spring/…AutoConfiguration.imports}. */
    public RegistrationAutoConfiguration() {
    }

    /**
     * @param properties the settings
     * @return the system clock in {@code registration.time-zone}
     */
    @Bean
    @ConditionalOnMissingBean
    public Clock registrationClock(RegistrationProperties properties) {
        return Clock.system(properties.timeZone());
    }

    /**
     * @param dataSource the application's {@code DataSource}
     * @param properties the settings
     * @return the JDBC store, migrated unless {@code registration.store.migrate=false}
     */
    @Bean
    @ConditionalOnMissingBean(RegistrationStore.class)
    @ConditionalOnSingleCandidate(DataSource.class)
    public JdbcStorage registrationStorage(DataSource dataSource, RegistrationProperties properties) {
        JdbcStorage storage = JdbcStorage.builder(dataSource).tablePrefix(properties.store().tablePrefix())
                .admissionBatchSize(properties.store().admissionBatchSize()).build();
        if (properties.store().migrate()) {
            int applied = storage.migrate();
            LOG.info("Registration store ready ({} migrations applied, tables {}*)", applied,
                    properties.store().tablePrefix());
        } else {
            LOG.info("Registration store ready; its tables are not migrated (registration.store.migrate=false)");
        }
        return storage;
    }

    /**
     * @param storage the JDBC store
     * @return its event catalogue
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(JdbcStorage.class)
    public EventCatalogue registrationEventCatalogue(JdbcStorage storage) {
        return storage.eventCatalogue();
    }

    /**
     * @param catalogue       where the events are
     * @param store           where registrations are stored
     * @param outbox          the outbox the store writes into
     * @param clock           the clock
     * @param listeners       told of every domain event, in their order
     * @param instrumentation how the engine is measured (the Micrometer metrics, when present), in their order
     * @param tokens          the token generator, if the application defines one
     * @return the engine
     */
    @Bean
    @ConditionalOnMissingBean
    public RegistrationEngine registrationEngine(EventCatalogue catalogue, RegistrationStore store,
                                                 NotificationOutbox outbox, Clock clock,
                                                 ObjectProvider<DomainEventListener> listeners,
                                                 ObjectProvider<Instrumentation> instrumentation,
                                                 ObjectProvider<TokenGenerator> tokens) {
        RegistrationEngine.Builder builder = RegistrationEngine.builder().eventCatalogue(catalogue)
                .registrationStore(store).notificationOutbox(outbox).clock(clock)
                .instrumentation(Instrumentations.of(instrumentation.orderedStream().toList()));
        listeners.orderedStream().forEach(builder::listener);
        tokens.ifAvailable(builder::tokenGenerator);
        return builder.build();
    }

    /**
     * @param engine       the engine whose housekeeping runs
     * @param dispatcher   the dispatcher, when this node sends mail
     * @param properties   the settings
     * @param clock        the clock
     * @param listeners    told of housekeeping runs
     * @return the node's background work, started and stopped with the application
     */
    @Bean
    @ConditionalOnMissingBean
    public RegistrationJobs registrationJobs(RegistrationEngine engine, ObjectProvider<MailDispatcher> dispatcher,
                                             RegistrationProperties properties, Clock clock,
                                             ObjectProvider<HousekeepingListener> listeners) {
        return new RegistrationJobs(Optional.ofNullable(dispatcher.getIfUnique()), properties.mail().interval(),
                properties.housekeeping().enabled() ? Optional.of(engine.housekeeping()) : Optional.empty(),
                properties.housekeeping().cron(), properties.timeZone(), clock,
                listeners.orderedStream().toList());
    }

    /** The e-mail side: on unless {@code registration.mail.enabled=false}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "registration.mail", name = "enabled", matchIfMissing = true)
    public static class MailConfiguration {

        /** Created by Spring. */
        public MailConfiguration() {
        }

        /**
         * @param properties the settings
         * @return links under {@code registration.base-url}
         * @throws MissingRegistrationPropertyException when {@code registration.base-url} is not set
         */
        @Bean
        @ConditionalOnMissingBean
        public Links registrationLinks(RegistrationProperties properties) {
            return Links.under(properties.publicAddress().orElseThrow(() -> new MissingRegistrationPropertyException(
                    "registration.base-url", "e-mails link to each participant's registration page under the "
                    + "portal's public address, for example https://intranet.example.nl/registratie")));
        }

        /**
         * @param properties the settings
         * @return the SMTP mailer, or without {@code registration.mail.smtp.host} the {@code .eml} file mailer
         */
        @Bean
        @ConditionalOnMissingBean
        public Mailer registrationMailer(RegistrationProperties properties) {
            RegistrationProperties.Smtp smtp = properties.mail().smtp();
            if (smtp.server().isEmpty()) {
                LOG.warn("No SMTP host set (registration.mail.smtp.host): e-mails are written as .eml files to {}",
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

        /**
         * @param properties the settings
         * @param links      where e-mails link to
         * @return sender, links and plain branding
         * @throws MissingRegistrationPropertyException when {@code registration.mail.from} is not set
         */
        @Bean
        @ConditionalOnMissingBean
        public MailSettings registrationMailSettings(RegistrationProperties properties, Links links) {
            RegistrationProperties.Mail mail = properties.mail();
            String from = mail.fromAddress().orElseThrow(() -> new MissingRegistrationPropertyException(
                    "registration.mail.from", "it is the address confirmations and calendar invites are sent from"));
            MailSettings settings = MailSettings.of(EmailAddress.of(from), links, Branding.plain(mail.sender()));
            return mail.replyToAddress().map(r -> settings.withReplyTo(EmailAddress.of(r))).orElse(settings);
        }

        /**
         * @param outbox     the outbox to drain
         * @param catalogue  where the events are
         * @param store      where the registrations are
         * @param mailer     how to send
         * @param settings   sender, links and branding
         * @param clock      the clock
         * @param properties the settings
         * @param listeners  told how each message ended (the Micrometer metrics, when present)
         * @return the dispatcher, not yet started: {@link RegistrationJobs} starts and stops it
         */
        @Bean
        @ConditionalOnMissingBean
        public MailDispatcher registrationMailDispatcher(NotificationOutbox outbox, EventCatalogue catalogue,
                                                         RegistrationStore store, Mailer mailer,
                                                         MailSettings settings, Clock clock,
                                                         RegistrationProperties properties,
                                                         ObjectProvider<DeliveryListener> listeners) {
            RegistrationProperties.Mail mail = properties.mail();
            return MailDispatcher.builder(outbox, catalogue, store, mailer, settings, clock)
                    .batchSize(mail.batchSize()).lease(mail.lease())
                    .retries(mail.firstRetry(), mail.maxRetryDelay())
                    .attempts(mail.maxAttempts(), 1)
                    .listener(DeliveryListeners.of(listeners.orderedStream().toList())).build();
        }
    }
}
