package nl.learningcommunities.registration.examples.portal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The portal's settings, under {@code registration.*}; each also as an environment variable
 * ({@code REGISTRATION_DATASOURCE_URL}, {@code REGISTRATION_MAIL_SMTP_HOST}…).
 *
 * @param datasource where the registrations are stored
 * @param mail       how e-mail leaves the portal
 * @param events     which events are published at start-up
 * @param admin      the organiser's login
 * @param baseUrl    the portal's public address, for links in e-mails; by default {@code http://localhost:8080}
 * @param limits     limits a public form needs
 */
@ConfigurationProperties("registration")
public record PortalProperties(@DefaultValue Datasource datasource, @DefaultValue Mail mail,
                               @DefaultValue Events events, @DefaultValue Admin admin, URI baseUrl,
                               @DefaultValue Limits limits) {

    /** @return the configured public address, if set */
    public Optional<URI> publicAddress() {
        return Optional.ofNullable(baseUrl);
    }

    /**
     * @param url             a JDBC URL; PostgreSQL and MariaDB work by URL alone. Default: an H2 file under
     *                        {@code ./data/}
     * @param username        the database user
     * @param password        its password
     * @param tablePrefix     the prefix of the library's tables
     * @param maximumPoolSize the connection pool's size
     */
    public record Datasource(@DefaultValue("jdbc:h2:file:./data/portal") String url, String username,
                             String password, @DefaultValue("lcr_") String tablePrefix,
                             @DefaultValue("10") int maximumPoolSize) {
    }

    /**
     * @param from      the sender address
     * @param smtp      the SMTP server; without a host, messages are written as {@code .eml} files
     * @param directory where {@code .eml} files go when no SMTP host is set
     * @param interval  how often the outbox is sent
     * @param sender    the sender's display name
     * @param batchSize how many messages a node claims at a time
     * @param lease     how long a claim lasts unless renewed: how long a crashed node holds others' mail up
     */
    public record Mail(@DefaultValue("aanmelden@learningcommunities.example.org") String from,
                       @DefaultValue Smtp smtp,
                       @DefaultValue("./data/mail") Path directory, @DefaultValue("2s") Duration interval,
                       @DefaultValue("Learning Communities hbo en mbo") String sender,
                       @DefaultValue("10") int batchSize, @DefaultValue("30s") Duration lease) {
    }

    /**
     * @param host     the SMTP host; absent means the development mailer
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
    }

    /** @param location a folder of event-definition JSON files; absent means the demo programme */
    public record Events(Path location) {
        /** @return the folder, if one is set */
        public Optional<Path> folder() {
            return Optional.ofNullable(location);
        }
    }

    /**
     * @param username the organiser's user name
     * @param password the organiser's password; when absent, a random one is generated and logged at start-up
     */
    public record Admin(@DefaultValue("organisator") String username, String password) {
        /** Treats a blank user name (an empty environment variable) as the default. */
        public Admin {
            username = username == null || username.isBlank() ? "organisator" : username;
        }

        /** @return the password, unless absent or blank */
        public Optional<String> secret() {
            return Optional.ofNullable(password).filter(p -> !p.isBlank());
        }
    }

    /**
     * @param registrationsPerMinute registration attempts one client may make per minute
     * @param maxRequestBytes        the largest request body accepted
     */
    public record Limits(@DefaultValue("10") int registrationsPerMinute,
                         @DefaultValue("65536") long maxRequestBytes) {
    }
}
