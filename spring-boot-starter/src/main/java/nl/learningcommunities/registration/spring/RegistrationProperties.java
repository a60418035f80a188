package nl.learningcommunities.registration.spring;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of the registration library under {@code registration.*}, each also an environment variable
 * ({@code REGISTRATION_MAIL_FROM}, {@code REGISTRATION_MAIL_SMTP_HOST}…). Immutable and thread-safe.
 *
 * @param timeZone     the zone of the engine's clock (events carry their own zone; this one only names "now")
 * @param baseUrl      the portal's public address, under which e-mails link to {@code /registrations/{id}} and
 *                     {@code /events/{id}}; required for e-mail unless the application defines its own
 *                     {@code Links} bean
 * @param store        how the registrations are stored in the application's {@code DataSource}
 * @param mail         how e-mail leaves the application
 * @param housekeeping when lapsed offers, expired verifications, reminders, digests and erasures are handled
 * @param health       when the health indicators report DOWN
 */
@ConfigurationProperties("registration")
public record RegistrationProperties(@DefaultValue("Europe/Amsterdam") ZoneId timeZone, URI baseUrl,
                                     @DefaultValue Store store, @DefaultValue Mail mail,
                                     @DefaultValue Housekeeping housekeeping, @DefaultValue Health health) {

    /** @return the public address, if set */
    public Optional<URI> publicAddress() {
        return Optional.ofNullable(baseUrl);
    }

    /**
     * @param tablePrefix the prefix of the library's tables, so that they live beside the application's own
     * @param migrate     whether the library creates and upgrades its tables at start-up (Flyway, with a history
     *                    table of its own); turn off when a DBA applies the scripts
     * @param admissionBatchSize the most registrants for one event that one transaction admits together on a hot
     *                    event (group commit); 1 turns batching off
     */
    public record Store(@DefaultValue("lcr_") String tablePrefix, @DefaultValue("true") boolean migrate,
                        @DefaultValue("64") int admissionBatchSize) {
    }

    /**
     * @param enabled       whether this node sends the outbox; nodes that only take registrations may turn it off
     * @param from          the sender address; required while {@code enabled}
     * @param replyTo       where replies go, if not to the sender address
     * @param sender        the name the messages are signed with
     * @param smtp          the SMTP server; without a host, messages are written as {@code .eml} files (development)
     * @param directory     where {@code .eml} files go when no SMTP host is set
     * @param interval      the pause between two runs of the dispatcher
     * @param batchSize     how many messages a node claims at a time
     * @param lease         how long a claim lasts unless renewed: how long a crashed node holds others' mail up
     * @param firstRetry    the wait before the first retry after a failed send; it doubles per attempt
     * @param maxRetryDelay the longest wait between two retries
     * @param maxAttempts   the attempts after which a message that keeps failing for now is given up on
     */
    public record Mail(@DefaultValue("true") boolean enabled, String from, String replyTo,
                       @DefaultValue("Learning Communities hbo en mbo") String sender, @DefaultValue Smtp smtp,
                       @DefaultValue("./data/mail") Path directory, @DefaultValue("2s") Duration interval,
                       @DefaultValue("10") int batchSize, @DefaultValue("30s") Duration lease,
                       @DefaultValue("5s") Duration firstRetry, @DefaultValue("60s") Duration maxRetryDelay,
                       @DefaultValue("10") int maxAttempts) {

        /** @return the sender address, unless absent or blank */
        public Optional<String> fromAddress() {
            return Optional.ofNullable(from).map(String::strip).filter(f -> !f.isEmpty());
        }

        /** @return the reply-to address, unless absent or blank */
        public Optional<String> replyToAddress() {
            return Optional.ofNullable(replyTo).map(String::strip).filter(r -> !r.isEmpty());
        }
    }

    /**
     * @param host     the SMTP host; absent means the development mailer that writes {@code .eml} files
     * @param port     its port
     * @param username a login, if the server wants one
     * @param password its password
     * @param starttls whether to upgrade to TLS (required when true)
     * @param ssl      whether to speak TLS from the start (SMTPS, usually port 465)
     */
    public record Smtp(String host, @DefaultValue("587") int port, String username, String password,
                       @DefaultValue("true") boolean starttls, @DefaultValue("false") boolean ssl) {

        /** @return the host, unless absent or blank */
        public Optional<String> server() {
            return Optional.ofNullable(host).map(String::strip).filter(h -> !h.isEmpty());
        }

        /** @return the login name, unless absent or blank */
        public Optional<String> login() {
            return Optional.ofNullable(username).filter(u -> !u.isBlank());
        }

        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", username=" + username + ", password="
                    + (password == null ? "none" : "***") + ", starttls=" + starttls + ", ssl=" + ssl + "]";
        }
    }

    /**
     * @param enabled whether this node runs housekeeping (it is idempotent, so every node may)
     * @param cron    when it runs, as a Spring cron expression of six fields (second first), in {@code time-zone}
     */
    public record Housekeeping(@DefaultValue("true") boolean enabled, @DefaultValue("0 * * * * *") String cron) {
    }

    /**
     * @param outboxMaxPending the pending messages above which the outbox health is DOWN
     * @param outboxMaxWait    how long the oldest pending message may wait before the outbox health is DOWN, for
     *                         example because the mail server has been down that long
     */
    public record Health(@DefaultValue("1000") long outboxMaxPending, @DefaultValue("15m") Duration outboxMaxWait) {
    }
}
