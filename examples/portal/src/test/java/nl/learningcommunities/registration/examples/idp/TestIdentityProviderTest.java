package nl.learningcommunities.registration.examples.idp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtException;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The test identity provider, spoken to over HTTP only: its discovery document, client_credentials tokens with the
 * audience and claims a test picks, a second instance as a genuinely different issuer, and the authorization code
 * flow with PKCE through its login form, whose ID token and userinfo carry the SURFconext claims.
 */
class TestIdentityProviderTest {

    private static final String REDIRECT_URI = "http://localhost:9/login/oauth2/code/surfconext";
    private static final String POST_LOGOUT_URI = "http://localhost:9/";
    private static final String LATE_REDIRECT_URI = "http://localhost:10/login/oauth2/code/surfconext";

    private static TestIdentityProvider idp;

    @BeforeAll
    static void start() {
        idp = TestIdentityProvider.start(new TestIdentityProvider.Options()
                .redirectUri(REDIRECT_URI)
                .postLogoutRedirectUri(POST_LOGOUT_URI));
    }

    @AfterAll
    static void stop() {
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void discoveryDocumentNamesTheEndpoints() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> response = browser.get(idp.discoveryUri());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> discovery = JSONObjectUtils.parse(response.body());
        String issuer = idp.issuer();
        assertThat(issuer).isEqualTo("http://127.0.0.1:" + idp.port());
        assertThat(discovery).containsEntry("issuer", issuer)
                .containsEntry("authorization_endpoint", issuer + "/oauth2/authorize")
                .containsEntry("token_endpoint", issuer + "/oauth2/token")
                .containsEntry("jwks_uri", issuer + "/oauth2/jwks")
                .containsEntry("userinfo_endpoint", issuer + "/userinfo")
                .containsEntry("end_session_endpoint", issuer + "/connect/logout");
        assertThat(browser.get(idp.jwkSetUri()).statusCode()).isEqualTo(200);

        // As the portal's client reads it.
        ClientRegistration registration = ClientRegistrations.fromIssuerLocation(issuer).registrationId("surfconext")
                .clientId(TestIdentityProvider.WEB_CLIENT_ID).clientSecret(idp.webClientSecret()).build();
        assertThat(registration.getProviderDetails().getAuthorizationUri()).isEqualTo(issuer + "/oauth2/authorize");
        assertThat(registration.getProviderDetails().getConfigurationMetadata())
                .containsEntry("end_session_endpoint", issuer + "/connect/logout");
    }

    @Test
    void clientCredentialsTokenCarriesTheChosenAudienceAndClaims() throws Exception {
        Map<String, Object> claims = Map.of("email", "robot@sia.example.org",
                "edumember_is_member_of", List.of(TestIdentityProvider.ADMIN_GROUP));
        String token = idp.accessToken("registration-admin-api", claims);

        // Nimbus, with the key set fetched from the provider.
        SignedJWT jwt = SignedJWT.parse(token);
        JWKSet keys = JWKSet.parse(new Browser().get(idp.jwkSetUri()).body());
        RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        JWTClaimsSet set = jwt.getJWTClaimsSet();
        assertThat(set.getIssuer()).isEqualTo(idp.issuer());
        assertThat(set.getAudience()).containsExactly("registration-admin-api");
        assertThat(set.getStringClaim("email")).isEqualTo("robot@sia.example.org");
        assertThat(set.getStringListClaim("edumember_is_member_of")).containsExactly(TestIdentityProvider.ADMIN_GROUP);

        // Spring Security, configured from the issuer as a resource server would be.
        Jwt decoded = JwtDecoders.fromIssuerLocation(idp.issuer()).decode(token);
        assertThat(decoded.getIssuer().toString()).isEqualTo(idp.issuer());
        assertThat(decoded.getAudience()).containsExactly("registration-admin-api");

        // The same audience and claims reuse the client; another audience gets its own.
        assertThat(SignedJWT.parse(idp.accessToken("registration-admin-api", claims)).getJWTClaimsSet().getSubject())
                .isEqualTo(set.getSubject());
        assertThat(SignedJWT.parse(idp.accessToken("other-api")).getJWTClaimsSet().getAudience())
                .containsExactly("other-api");
    }

    @Test
    void aSecondInstanceIsAnotherIssuerWithAnotherKey() throws Exception {
        try (TestIdentityProvider other = TestIdentityProvider.start()) {
            assertThat(other.issuer()).isNotEqualTo(idp.issuer());
            assertThat(other.keyId()).isNotEqualTo(idp.keyId());
            assertThat(other.publicKey().getModulus()).isNotEqualTo(idp.publicKey().getModulus());
            assertThat(other.webClientSecret()).isNotEqualTo(idp.webClientSecret());

            String foreign = other.accessToken("registration-admin-api");
            JwtDecoder decoder = JwtDecoders.fromIssuerLocation(idp.issuer());
            assertThatThrownBy(() -> decoder.decode(foreign)).isInstanceOf(JwtException.class);
            assertThat(decoder.decode(idp.accessToken("registration-admin-api")).getIssuer().toString())
                    .isEqualTo(idp.issuer());
        }
    }

    @Test
    void anAuthorizationRequestWithoutPkceIsRefused() throws Exception {
        Browser browser = new Browser();
        assertRefusedForWantOfPkce(browser.get(authorizeUri(REDIRECT_URI, "state-1", null)), "state-1");

        // Logged in, too.
        assertThat(browser.logIn(TestIdentityProvider.BRAM, authorizeUri(REDIRECT_URI, "state-2", new Pkce())))
                .isNotBlank();
        assertRefusedForWantOfPkce(browser.get(authorizeUri(REDIRECT_URI, "state-3", null)), "state-3");
    }

    private static void assertRefusedForWantOfPkce(HttpResponse<String> refused, String state) {
        assertThat(refused.statusCode()).isEqualTo(302);
        String location = refused.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT_URI + "?");
        Map<String, String> parameters = query(location);
        assertThat(parameters).containsEntry("error", "invalid_request").containsEntry("state", state)
                .doesNotContainKey("code");
        assertThat(parameters.get("error_description")).contains("code_challenge");
    }

    @Test
    void anUnregisteredRedirectUriIsRefusedUntilAllowed() throws Exception {
        Browser browser = new Browser();
        Pkce pkce = new Pkce();
        HttpResponse<String> refused = browser.get(authorizeUri(LATE_REDIRECT_URI, "late", pkce));
        assertThat(refused.statusCode()).isEqualTo(400);

        idp.allowRedirectUri(LATE_REDIRECT_URI);
        String code = browser.logIn(TestIdentityProvider.OLGA, authorizeUri(LATE_REDIRECT_URI, "late", pkce));
        Map<String, Object> tokens = browser.redeem(code, LATE_REDIRECT_URI, pkce.verifier);
        JWTClaimsSet idToken = SignedJWT.parse((String) tokens.get("id_token")).getJWTClaimsSet();
        assertThat(idToken.getStringListClaim("edumember_is_member_of"))
                .containsExactly(TestIdentityProvider.ORGANISER_GROUP);
    }

    @Test
    void annaLogsInWithPkceAndTheIdTokenCarriesHerSurfconextClaims() throws Exception {
        Browser browser = new Browser();
        Pkce pkce = new Pkce();
        String nonce = UUID.randomUUID().toString();
        String code = browser.logIn(TestIdentityProvider.ANNA,
                authorizeUri(REDIRECT_URI, "state-anna", pkce) + "&nonce=" + nonce);
        assertThat(browser.cookies.getCookieStore().getCookies()).extracting(HttpCookie::getName)
                .contains(TestIdentityProvider.SESSION_COOKIE).doesNotContain("JSESSIONID");

        // Redeeming the code without its verifier fails; with it, the tokens come.
        assertThat(browser.post(idp.tokenUri(), basicAuth(), Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT_URI)).statusCode()).isEqualTo(400);
        code = browser.logIn(null, authorizeUri(REDIRECT_URI, "state-anna", pkce) + "&nonce=" + nonce);
        Map<String, Object> tokens = browser.redeem(code, REDIRECT_URI, pkce.verifier);
        assertThat(tokens).containsKeys("access_token", "refresh_token", "id_token");

        IdpUser anna = TestIdentityProvider.ANNA;
        SignedJWT idToken = SignedJWT.parse((String) tokens.get("id_token"));
        assertThat(idToken.verify(new RSASSAVerifier(idp.publicKey()))).isTrue();
        JWTClaimsSet claims = idToken.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(idp.issuer());
        assertThat(claims.getAudience()).contains(TestIdentityProvider.WEB_CLIENT_ID);
        assertThat(claims.getSubject()).isEqualTo(anna.subject()).hasSize(40).doesNotContain("anna");
        assertThat(claims.getStringClaim("nonce")).isEqualTo(nonce);
        assertThat(claims.getStringClaim("email")).isEqualTo("anna.devries@hu.nl");
        assertThat(claims.getBooleanClaim("email_verified")).isTrue();
        assertThat(claims.getStringClaim("given_name")).isEqualTo("Anna");
        assertThat(claims.getStringClaim("family_name")).isEqualTo("de Vries");
        assertThat(claims.getStringClaim("name")).isEqualTo("Anna de Vries");
        assertThat(claims.getStringClaim("schac_home_organization")).isEqualTo("hu.nl");
        assertThat(claims.getStringListClaim("eduperson_affiliation")).containsExactly("employee", "faculty");
        assertThat(claims.getClaim("edumember_is_member_of")).isNull();
        assertThat(claims.getStringClaim("sid")).isNotBlank();

        JWTClaimsSet access = SignedJWT.parse((String) tokens.get("access_token")).getJWTClaimsSet();
        assertThat(access.getSubject()).isEqualTo(anna.subject());
        assertThat(access.getAudience()).contains(TestIdentityProvider.WEB_CLIENT_ID);

        // The userinfo endpoint tells the same.
        HttpResponse<String> userInfo = browser.http.send(HttpRequest.newBuilder(URI.create(idp.issuer() + "/userinfo"))
                .header("Authorization", "Bearer " + tokens.get("access_token")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(userInfo.statusCode()).isEqualTo(200);
        Map<String, Object> info = JSONObjectUtils.parse(userInfo.body());
        assertThat(info).containsEntry("sub", anna.subject()).containsEntry("email", "anna.devries@hu.nl")
                .containsEntry("schac_home_organization", "hu.nl")
                .containsEntry("eduperson_affiliation", List.of("employee", "faculty"));

        // A refresh brings a new ID token with the same claims.
        HttpResponse<String> refreshed = browser.post(idp.tokenUri(), basicAuth(), Map.of("grant_type", "refresh_token",
                "refresh_token", (String) tokens.get("refresh_token")));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        String renewedIdToken = (String) JSONObjectUtils.parse(refreshed.body()).get("id_token");
        JWTClaimsSet renewed = SignedJWT.parse(renewedIdToken).getJWTClaimsSet();
        assertThat(renewed.getSubject()).isEqualTo(anna.subject());
        assertThat(renewed.getStringClaim("email")).isEqualTo("anna.devries@hu.nl");

        // RP-initiated logout, with the newest ID token, returns to the registered post-logout URI.
        HttpResponse<String> logout = browser.get(idp.issuer() + "/connect/logout?id_token_hint="
                + renewedIdToken + "&post_logout_redirect_uri=" + form(POST_LOGOUT_URI) + "&state=bye");
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location")).hasValue(POST_LOGOUT_URI + "?state=bye");
        // Logged out: the next authorization request asks for the login form again.
        HttpResponse<String> again = browser.get(authorizeUri(REDIRECT_URI, "again", new Pkce()));
        assertThat(again.headers().firstValue("Location")).hasValue(idp.issuer() + "/login");
    }

    @Test
    void adamsIdTokenNamesHisGroups() throws Exception {
        Browser browser = new Browser();
        Pkce pkce = new Pkce();
        String code = browser.logIn(TestIdentityProvider.ADAM, authorizeUri(REDIRECT_URI, "adam", pkce));
        JWTClaimsSet claims = SignedJWT.parse((String) browser.redeem(code, REDIRECT_URI, pkce.verifier)
                .get("id_token")).getJWTClaimsSet();
        assertThat(claims.getStringListClaim("edumember_is_member_of"))
                .containsExactly(TestIdentityProvider.ADMIN_GROUP, TestIdentityProvider.ORGANISER_GROUP);
        assertThat(claims.getStringClaim("schac_home_organization")).isEqualTo("sia.example.org");
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        Browser browser = new Browser();
        browser.get(authorizeUri(REDIRECT_URI, "wrong", new Pkce()));
        String csrf = browser.csrfOfLoginPage();
        HttpResponse<String> response = browser.post(idp.issuer() + "/login", null,
                Map.of("username", "anna", "password", "wachtwoord-bram", "_csrf", csrf));
        assertThat(response.headers().firstValue("Location")).hasValue(idp.issuer() + "/login?error");
    }

    private static String authorizeUri(String redirectUri, String state, Pkce pkce) {
        String uri = idp.issuer() + "/oauth2/authorize?response_type=code"
                + "&client_id=" + TestIdentityProvider.WEB_CLIENT_ID
                + "&scope=" + form("openid profile email") + "&redirect_uri=" + form(redirectUri) + "&state=" + state;
        return pkce == null ? uri : uri + "&code_challenge=" + pkce.challenge + "&code_challenge_method=S256";
    }

    private static String basicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString((TestIdentityProvider.WEB_CLIENT_ID + ":"
                + form(idp.webClientSecret())).getBytes(StandardCharsets.UTF_8));
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String uri) {
        String query = URI.create(uri).getRawQuery();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static final class Pkce {

        final String verifier;
        final String challenge;

        Pkce() {
            byte[] random = new byte[32];
            new java.security.SecureRandom().nextBytes(random);
            verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try {
                challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A browser, as far as redirects and cookies go: it does not follow redirects, the test does. */
    private static final class Browser {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

        final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String uri) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(uri)).header("Accept", "text/html,*/*").build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String uri, String authorization, Map<String, String> parameters)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(parameters.entrySet().stream()
                            .map(entry -> form(entry.getKey()) + "=" + form(entry.getValue()))
                            .collect(Collectors.joining("&"))));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        String csrfOfLoginPage() throws IOException, InterruptedException {
            HttpResponse<String> page = get(idp.issuer() + "/login");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("id=\"" + TestIdentityProvider.LOGIN_USERNAME_FIELD + "\"")
                    .contains("id=\"" + TestIdentityProvider.LOGIN_PASSWORD_FIELD + "\"")
                    .contains("<form class=\"login-form\"").contains("<button type=\"submit\"");
            Matcher csrf = CSRF.matcher(page.body());
            assertThat(csrf.find()).isTrue();
            return csrf.group(1);
        }

        /**
         * Starts at the authorization endpoint, logs in on the form when sent there (as {@code person}; null:
         * already logged in), and follows the redirects back to the redirect URI; returns the code from there.
         */
        String logIn(IdpUser person, String authorizeUri) throws IOException, InterruptedException {
            HttpResponse<String> response = get(authorizeUri);
            assertThat(response.statusCode()).isEqualTo(302);
            String location = response.headers().firstValue("Location").orElseThrow();
            if (person != null) {
                assertThat(location).isEqualTo(idp.issuer() + "/login");
                String csrf = csrfOfLoginPage();
                response = post(idp.issuer() + "/login", null,
                        Map.of("username", person.username(), "password", person.password(), "_csrf", csrf));
                assertThat(response.statusCode()).isEqualTo(302);
                location = response.headers().firstValue("Location").orElseThrow();
                assertThat(location).startsWith(idp.issuer() + "/oauth2/authorize?");
                response = get(location);
                assertThat(response.statusCode()).isEqualTo(302);
                location = response.headers().firstValue("Location").orElseThrow();
            }
            return query(location).get("code");
        }

        Map<String, Object> redeem(String code, String redirectUri, String verifier) throws Exception {
            assertThat(code).isNotBlank();
            HttpResponse<String> response = post(idp.tokenUri(), basicAuth(), Map.of("grant_type", "authorization_code",
                    "code", code, "redirect_uri", redirectUri, "code_verifier", verifier));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSONObjectUtils.parse(response.body());
        }
    }
}
