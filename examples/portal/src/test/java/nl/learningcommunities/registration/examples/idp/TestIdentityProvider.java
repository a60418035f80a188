package nl.learningcommunities.registration.examples.idp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * A real OpenID Connect provider for end-to-end tests, in-process on a random port of 127.0.0.1: Spring
 * Authorization Server in an application context of its own, with the people, groups and claims of a SURFconext
 * tenant, and a key pair and issuer of its own at every start.
 *
 * <p>Endpoints (relative to {@link #issuer()}): {@code /.well-known/openid-configuration},
 * {@code /oauth2/authorize}, {@code /oauth2/token}, {@code /oauth2/jwks}, {@code /userinfo},
 * {@code /connect/logout} (RP-initiated logout), {@code /login} (Spring Security's default login form: fields
 * {@code #username}, {@code #password}, submit {@link #LOGIN_SUBMIT_SELECTOR}).
 *
 * <p>The portal's web client {@link #WEB_CLIENT_ID} authenticates with client_secret_basic and
 * {@link #webClientSecret()} (random per start), may use authorization_code and refresh_token with scopes openid,
 * profile and email, must use PKCE, and is never asked for consent. Its redirect URIs and post-logout redirect URIs
 * are exact matches (except that a 127.0.0.1 redirect URI matches at any port), given in {@link Options} or
 * allowed after start with {@link #allowRedirectUri(String)}, since the portal's port is known only once it runs:
 * the client is built afresh from the URIs allowed at each request.
 *
 * <p>Thread-safe. The session cookie is {@code IDPSESSION}, on host 127.0.0.1, so it does not meet the portal's
 * cookie on localhost.
 */
public final class TestIdentityProvider implements AutoCloseable {

    public static final String ADMIN_GROUP = "urn:collab:group:test.surfconext.nl:nl:lc:admins";
    public static final String ORGANISER_GROUP = "urn:collab:group:test.surfconext.nl:nl:lc:organisers";
    public static final String COORDINATOR_GROUP = "urn:collab:group:test.surfconext.nl:nl:lc:coordinators";

    /** The portal's client id; its secret is {@link #webClientSecret()}. */
    public static final String WEB_CLIENT_ID = "registration-portal";

    /** The session cookie of the provider's login. */
    public static final String SESSION_COOKIE = "IDPSESSION";

    /** The login form's field ids and names. */
    public static final String LOGIN_USERNAME_FIELD = "username";
    public static final String LOGIN_PASSWORD_FIELD = "password";
    /** CSS selector of the login form's submit button ("Sign in"). */
    public static final String LOGIN_SUBMIT_SELECTOR = "form.login-form button[type=submit]";

    /** A participant: no groups. Password {@code wachtwoord-anna}. */
    public static final IdpUser ANNA = IdpUser.of("anna", "Anna", "de Vries", "anna.devries@hu.nl", "hu.nl",
            List.of("employee", "faculty"), List.of());
    /** A coordinator. Password {@code wachtwoord-bram}. */
    public static final IdpUser BRAM = IdpUser.of("bram", "Bram", "Jansen", "bram.jansen@rocva.nl", "rocva.nl",
            List.of("employee", "staff"), List.of(COORDINATOR_GROUP));
    /** An organiser (of one event, by the portal's own records). Password {@code wachtwoord-olga}. */
    public static final IdpUser OLGA = IdpUser.of("olga", "Olga", "Bakker", "olga.bakker@hu.nl", "hu.nl",
            List.of("employee"), List.of(ORGANISER_GROUP));
    /** An admin, and organiser. Password {@code wachtwoord-adam}. */
    public static final IdpUser ADAM = IdpUser.of("adam", "Adam", "Smit", "adam.smit@sia.example.org",
            "sia.example.org", List.of("employee"), List.of(ADMIN_GROUP, ORGANISER_GROUP));

    private static final int START_ATTEMPTS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConfigurableApplicationContext context;
    private final IdpSetup setup;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private boolean closed;

    private TestIdentityProvider(ConfigurableApplicationContext context, IdpSetup setup, int port) {
        this.context = context;
        this.setup = setup;
        this.port = port;
    }

    /** Starts a provider with the four default people and no redirect URIs yet. */
    public static TestIdentityProvider start() {
        return start(new Options());
    }

    /** Starts a provider; returns once it answers on its port. */
    public static TestIdentityProvider start(Options options) {
        RSAKey key = newKey();
        RuntimeException lastFailure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            // The issuer must be known before the context is built, so the port is chosen first; another process
            // taking it in between makes that attempt fail, and the next one picks another port.
            int port = freePort();
            IdpClients clients = new IdpClients(randomSecret());
            options.redirectUris.forEach(clients::allowRedirectUri);
            options.redirectUriSuppliers.forEach(clients::allowRedirectUri);
            options.postLogoutRedirectUris.forEach(clients::allowPostLogoutRedirectUri);
            options.postLogoutRedirectUriSuppliers.forEach(clients::allowPostLogoutRedirectUri);
            ConcurrentMap<String, IdpUser> people = new ConcurrentHashMap<>(options.people);
            IdpSetup setup = new IdpSetup("http://127.0.0.1:" + port, clients, people, key);
            try {
                return new TestIdentityProvider(run(setup, port), setup, port);
            } catch (RuntimeException e) {
                if (!portInUse(e)) {
                    throw e;
                }
                lastFailure = e;
            }
        }
        throw new IllegalStateException("No free port for the test identity provider", lastFailure);
    }

    private static ConfigurableApplicationContext run(IdpSetup setup, int port) {
        ApplicationContextInitializer<ConfigurableApplicationContext> handOver =
                context -> context.getBeanFactory().registerSingleton("idpSetup", setup);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(IdpConfiguration.class)
                .web(WebApplicationType.SERVLET)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .initializers(handOver);
        SpringApplication application = builder.application();
        if (loggingAlreadyInitialized()) {
            // Leave the logging as the portal's context set it up: initialising it again would reset its levels.
            List<ApplicationListener<?>> listeners = new ArrayList<>(application.getListeners());
            listeners.removeIf(LoggingApplicationListener.class::isInstance);
            application.setListeners(listeners);
        }
        return builder.run(
                // No application.properties: the portal's own is on this classpath.
                "--spring.config.name=test-identity-provider",
                "--spring.application.name=test-identity-provider",
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--server.servlet.session.cookie.name=" + SESSION_COOKIE,
                // Every endpoint is a filter; Tomcat runs filters only for a request some servlet is mapped to.
                "--server.servlet.register-default-servlet=true",
                "--server.tomcat.threads.max=16",
                "--server.tomcat.threads.min-spare=1",
                "--logging.level.org.apache.catalina=WARN",
                "--logging.level.org.apache.coyote=WARN",
                "--logging.level.org.springframework.boot.tomcat=WARN",
                "--logging.level.org.springframework.boot.web=WARN",
                "--logging.level.org.springframework.security.config.annotation.authentication.configuration=WARN");
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash: the {@code iss} of every token. */
    public String issuer() {
        return setup.issuer();
    }

    public int port() {
        return port;
    }

    /** The discovery document's address. */
    public String discoveryUri() {
        return issuer() + "/.well-known/openid-configuration";
    }

    public String jwkSetUri() {
        return issuer() + "/oauth2/jwks";
    }

    public String tokenUri() {
        return issuer() + "/oauth2/token";
    }

    /** The public half of this start's signing key (RS256). */
    public RSAPublicKey publicKey() {
        try {
            return setup.key().toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code kid} of this start's signing key. */
    public String keyId() {
        return setup.key().getKeyID();
    }

    /** The web client's secret, random per start. */
    public String webClientSecret() {
        return setup.clients().webClientSecret();
    }

    /** Allows the web client one more redirect URI (exact match), effective at once. */
    public TestIdentityProvider allowRedirectUri(String uri) {
        setup.clients().allowRedirectUri(uri);
        return this;
    }

    /** Allows the web client one more post_logout_redirect_uri (exact match), effective at once. */
    public TestIdentityProvider allowPostLogoutRedirectUri(String uri) {
        setup.clients().allowPostLogoutRedirectUri(uri);
        return this;
    }

    /** Adds a person, or replaces the one with that username, effective at the next login. */
    public TestIdentityProvider addUser(IdpUser person) {
        setup.people().put(person.username(), person);
        return this;
    }

    /** The person with this username, or null. */
    public IdpUser user(String username) {
        return setup.people().get(username);
    }

    /**
     * The portal's settings for signing in here, as of this writing: {@code registration.identity.oidc.issuer-uri},
     * {@code .client-id} ({@link #WEB_CLIENT_ID}) and {@code .client-secret}. With no
     * {@code registration.identity.api.*}, the admin API then takes this provider's tokens for audience
     * {@link #WEB_CLIENT_ID}.
     */
    public Map<String, String> portalProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("registration.identity.oidc.issuer-uri", issuer());
        properties.put("registration.identity.oidc.client-id", WEB_CLIENT_ID);
        properties.put("registration.identity.oidc.client-secret", webClientSecret());
        return properties;
    }

    /** {@link #accessToken(String, Map)} without extra claims. */
    public String accessToken(String audience) {
        return accessToken(audience, Map.of());
    }

    /**
     * An access token (a signed JWT) for a machine client, obtained with a real client_credentials request at this
     * provider's token endpoint. Its {@code aud} is {@code [audience]}; the claims are added as given, over the
     * defaults ({@code sub} is the API client's id unless the claims name one). One API client is registered per
     * distinct audience and claims, and reused.
     *
     * @param claims for example {@code Map.of("email", "x@hu.nl", "edumember_is_member_of", List.of(ADMIN_GROUP))}
     */
    public String accessToken(String audience, Map<String, ?> claims) {
        IdpClients.ApiClient client = setup.clients().apiClient(audience, Map.<String, Object>copyOf(claims));
        String basic = Base64.getEncoder().encodeToString(
                (form(client.clientId()) + ":" + form(client.secret())).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUri()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during the token request", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Token request refused: " + response.statusCode() + " " + response.body());
        }
        try {
            Object token = JSONObjectUtils.parse(response.body()).get("access_token");
            if (!(token instanceof String value)) {
                throw new IllegalStateException("No access_token in " + response.body());
            }
            return value;
        } catch (ParseException e) {
            throw new IllegalStateException("Token response is not JSON: " + response.body(), e);
        }
    }

    /** Stops the provider; again is harmless. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            context.close();
        }
    }

    @Override
    public String toString() {
        return "TestIdentityProvider[" + issuer() + "]";
    }

    /** The password of a person made with {@link IdpUser#of}: {@code wachtwoord-<username>}. */
    public static String passwordOf(String username) {
        return "wachtwoord-" + username;
    }

    static String randomSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean portInUse(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PortInUseException || cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static boolean loggingAlreadyInitialized() {
        try {
            ILoggerFactory factory = LoggerFactory.getILoggerFactory();
            return factory instanceof ch.qos.logback.classic.LoggerContext logback
                    && logback.getObject(LoggingSystem.class.getName()) != null;
        } catch (LinkageError e) {
            return false;
        }
    }

    /** How to start a provider: its people and the web client's redirect URIs. Not thread-safe. */
    public static final class Options {

        private final Map<String, IdpUser> people = new LinkedHashMap<>();
        private final List<String> redirectUris = new ArrayList<>();
        private final List<Supplier<String>> redirectUriSuppliers = new ArrayList<>();
        private final List<String> postLogoutRedirectUris = new ArrayList<>();
        private final List<Supplier<String>> postLogoutRedirectUriSuppliers = new ArrayList<>();

        /** Anna, Bram, Olga and Adam; no redirect URIs. */
        public Options() {
            for (IdpUser person : List.of(ANNA, BRAM, OLGA, ADAM)) {
                people.put(person.username(), person);
            }
        }

        /** Adds a person, or replaces the one with that username. */
        public Options user(IdpUser person) {
            people.put(person.username(), Objects.requireNonNull(person, "person"));
            return this;
        }

        /** Leaves out Anna, Bram, Olga and Adam. */
        public Options withoutDefaultUsers() {
            people.clear();
            return this;
        }

        /** Allows the web client this redirect URI, exactly. */
        public Options redirectUri(String uri) {
            redirectUris.add(Objects.requireNonNull(uri, "uri"));
            return this;
        }

        /** Allows the web client the redirect URI this gives at the time of each request (null: none). */
        public Options redirectUri(Supplier<String> uri) {
            redirectUriSuppliers.add(Objects.requireNonNull(uri, "uri"));
            return this;
        }

        /** Allows the web client this post_logout_redirect_uri, exactly. */
        public Options postLogoutRedirectUri(String uri) {
            postLogoutRedirectUris.add(Objects.requireNonNull(uri, "uri"));
            return this;
        }

        /** Allows the web client the post_logout_redirect_uri this gives at the time of each request (null: none). */
        public Options postLogoutRedirectUri(Supplier<String> uri) {
            postLogoutRedirectUriSuppliers.add(Objects.requireNonNull(uri, "uri"));
            return this;
        }
    }
}
