package nl.learningcommunities.registration.examples.idp;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The provider's clients: the portal's web client, built afresh at every look-up from the redirect URIs allowed at
 * that moment (so they can be added after start, once the portal's port is known), and the API clients
 * {@link TestIdentityProvider#accessToken} registers, one per audience and claims.
 */
final class IdpClients implements RegisteredClientRepository {

    /** ClientSettings key: the {@code aud} of an API client's access tokens. */
    static final String AUDIENCE = "nl.learningcommunities.idp.audience";

    /** ClientSettings key: the extra claims of an API client's access tokens (a map). */
    static final String CLAIMS = "nl.learningcommunities.idp.claims";

    private final String webClientRegistrationId = UUID.randomUUID().toString();
    private final String webClientSecret;
    private final Set<String> redirectUris = ConcurrentHashMap.newKeySet();
    private final Set<String> postLogoutRedirectUris = ConcurrentHashMap.newKeySet();
    private final List<Supplier<String>> redirectUriSuppliers = new CopyOnWriteArrayList<>();
    private final List<Supplier<String>> postLogoutRedirectUriSuppliers = new CopyOnWriteArrayList<>();

    private final Map<String, RegisteredClient> byId = new ConcurrentHashMap<>();
    private final Map<String, RegisteredClient> byClientId = new ConcurrentHashMap<>();
    private final Map<ApiKey, ApiClient> apiClients = new ConcurrentHashMap<>();
    private final AtomicInteger apiClientCount = new AtomicInteger();

    IdpClients(String webClientSecret) {
        this.webClientSecret = webClientSecret;
    }

    String webClientSecret() {
        return webClientSecret;
    }

    void allowRedirectUri(String uri) {
        redirectUris.add(Objects.requireNonNull(uri, "uri"));
    }

    void allowRedirectUri(Supplier<String> uri) {
        redirectUriSuppliers.add(Objects.requireNonNull(uri, "uri"));
    }

    void allowPostLogoutRedirectUri(String uri) {
        postLogoutRedirectUris.add(Objects.requireNonNull(uri, "uri"));
    }

    void allowPostLogoutRedirectUri(Supplier<String> uri) {
        postLogoutRedirectUriSuppliers.add(Objects.requireNonNull(uri, "uri"));
    }

    /** The API client for these token contents, registered on first use. */
    ApiClient apiClient(String audience, Map<String, Object> claims) {
        return apiClients.computeIfAbsent(new ApiKey(audience, claims), key -> {
            String clientId = "api-client-" + apiClientCount.incrementAndGet();
            String secret = TestIdentityProvider.randomSecret();
            RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(clientId)
                    .clientName("API client for " + audience)
                    .clientSecret(secret)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .clientSettings(ClientSettings.builder()
                            .setting(AUDIENCE, key.audience())
                            .setting(CLAIMS, key.claims())
                            .build())
                    .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(30)).build())
                    .build();
            save(client);
            return new ApiClient(clientId, secret);
        });
    }

    @Override
    public void save(RegisteredClient client) {
        if (TestIdentityProvider.WEB_CLIENT_ID.equals(client.getClientId())) {
            return; // built afresh at every look-up
        }
        byId.put(client.getId(), client);
        byClientId.put(client.getClientId(), client);
    }

    @Override
    public RegisteredClient findById(String id) {
        return webClientRegistrationId.equals(id) ? webClient() : byId.get(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return TestIdentityProvider.WEB_CLIENT_ID.equals(clientId) ? webClient() : byClientId.get(clientId);
    }

    private RegisteredClient webClient() {
        Set<String> redirects = current(redirectUris, redirectUriSuppliers);
        Set<String> postLogoutRedirects = current(postLogoutRedirectUris, postLogoutRedirectUriSuppliers);
        return RegisteredClient.withId(webClientRegistrationId)
                .clientId(TestIdentityProvider.WEB_CLIENT_ID)
                .clientName("Registration portal")
                .clientSecret(webClientSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(redirects))
                .postLogoutRedirectUris(uris -> uris.addAll(postLogoutRedirects))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(OidcScopes.EMAIL)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .build();
    }

    private static Set<String> current(Collection<String> fixed, List<Supplier<String>> suppliers) {
        Set<String> uris = new LinkedHashSet<>(fixed);
        for (Supplier<String> supplier : suppliers) {
            String uri = supplier.get();
            if (uri != null && !uri.isBlank()) {
                uris.add(uri);
            }
        }
        return uris;
    }

    record ApiClient(String clientId, String secret) {
    }

    private record ApiKey(String audience, Map<String, Object> claims) {

        ApiKey {
            Objects.requireNonNull(audience, "audience");
            claims = Map.copyOf(claims);
        }
    }
}
