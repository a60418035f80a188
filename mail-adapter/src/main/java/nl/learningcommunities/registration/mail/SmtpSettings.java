package nl.learningcommunities.registration.mail;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the institution's SMTP server. Connect, read and write time-outs are always set, so a hung mail
 * server never holds a dispatcher for long.
 *
 * <p>Immutable and thread-safe. Its {@code toString} never shows the password.
 *
 * @param host           the server's host name
 * @param port           the port (25, 587 for STARTTLS, 465 for SMTPS)
 * @param security       plain, STARTTLS (required), or SMTPS
 * @param username       the login, if the server wants one
 * @param password       the password of the login
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for an answer
 * @param writeTimeout   how long a write may take
 * @param trustAnyCertificate whether to accept the server's certificate without validating it (only for an
 *                       internal relay with a self-signed certificate, or a test server); off by default
 */
public record SmtpSettings(String host, int port, Security security, Optional<String> username,
                           Optional<String> password, Duration connectTimeout, Duration readTimeout,
                           Duration writeTimeout, boolean trustAnyCertificate) {

    /** How the connection is secured. */
    public enum Security {
        /** No encryption (a relay on the same host or network only). */
        NONE,
        /** Upgrade with STARTTLS, and refuse to send when the server cannot. */
        STARTTLS,
        /** TLS from the first byte (SMTPS, usually port 465). */
        SMTPS
    }

    /** Checks the components. */
    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535");
        }
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("username and password go together");
        }
    }

    /**
     * @param host     the server
     * @param port     the port
     * @param security how the connection is secured
     * @return settings without login, with time-outs of 10 s (connect) and 30 s (read and write)
     */
    public static SmtpSettings of(String host, int port, Security security) {
        return new SmtpSettings(host, port, security, Optional.empty(), Optional.empty(), Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(30), false);
    }

    /**
     * @param username the login
     * @param password its password
     * @return a copy that logs in
     */
    public SmtpSettings withLogin(String username, String password) {
        return new SmtpSettings(host, port, security, Optional.of(username), Optional.of(password), connectTimeout,
                readTimeout, writeTimeout, trustAnyCertificate);
    }

    /**
     * @return a copy that accepts the server's certificate without validating it (self-signed relays, tests)
     */
    public SmtpSettings trustingAnyCertificate() {
        return new SmtpSettings(host, port, security, username, password, connectTimeout, readTimeout, writeTimeout,
                true);
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", " + security + username.map(u -> ", user " + u).orElse("")
                + (trustAnyCertificate ? ", trusting any certificate" : "") + "]";
    }
}
