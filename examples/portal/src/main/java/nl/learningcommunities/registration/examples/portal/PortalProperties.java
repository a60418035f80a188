package nl.learningcommunities.registration.examples.portal;

import java.nio.file.Path;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The portal's own settings, under {@code registration.*}; each also as an environment variable
 * ({@code REGISTRATION_DATASOURCE_URL}…). The library's settings ({@code registration.mail.*},
 * {@code registration.base-url}, {@code registration.store.*}…) belong to the Spring Boot starter.
 *
 * @param datasource where the registrations are stored
 * @param events     which events are published at start-up
 * @param admin      the organiser's login
 * @param limits     limits a public form needs
 */
@ConfigurationProperties("registration")
public record PortalProperties(@DefaultValue Datasource datasource, @DefaultValue Events events,
                               @DefaultValue Admin admin, @DefaultValue Limits limits) {

    /**
     * @param url             a JDBC URL; PostgreSQL and MariaDB work by URL alone. Default: an H2 file under
     *                        {@code ./data/}
     * @param username        the database user
     * @param password        its password
     * @param tablePrefix     the prefix of the library's tables (handed to the starter's
     *                        {@code registration.store.table-prefix})
     * @param maximumPoolSize the connection pool's size
     */
    public record Datasource(@DefaultValue("jdbc:h2:file:./data/portal") String url, String username,
                             String password, @DefaultValue("lcr_") String tablePrefix,
                             @DefaultValue("10") int maximumPoolSize) {
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
