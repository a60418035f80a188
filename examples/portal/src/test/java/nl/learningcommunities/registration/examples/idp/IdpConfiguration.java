package nl.learningcommunities.registration.examples.idp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The test identity provider's application context: an embedded Tomcat, Spring Security with the OAuth 2.1
 * Authorization Server and OpenID Connect 1.0, a form login, and nothing else. Only Tomcat's auto-configuration is
 * imported: none of the portal's (DataSource, Flyway, the registration starter), and no component scan.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ImportAutoConfiguration(TomcatServletWebServerAutoConfiguration.class)
class IdpConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http, IdpSetup setup) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(oidc -> oidc.userInfoEndpoint(userInfo -> userInfo.userInfoMapper(
                            context -> userInfo(setup, context))));
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // The authorization endpoint sends a browser that has not logged in yet to the login form.
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain login(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    DelegatingFilterProxyRegistrationBean securityFilterChainRegistration() {
        DelegatingFilterProxyRegistrationBean registration =
                new DelegatingFilterProxyRegistrationBean("springSecurityFilterChain");
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        return registration;
    }

    @Bean
    UserDetailsService people(IdpSetup setup) {
        return username -> {
            IdpUser person = setup.people().get(username);
            if (person == null) {
                throw new UsernameNotFoundException("No such person");
            }
            return User.withUsername(person.username()).password(person.password()).roles("USER").build();
        };
    }

    /** Passwords and client secrets are test values, kept as they are; compared in constant time. */
    @Bean
    PasswordEncoder plainPasswords() {
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return raw.toString();
            }

            @Override
            public boolean matches(CharSequence raw, String stored) {
                return raw != null && stored != null && MessageDigest.isEqual(
                        raw.toString().getBytes(StandardCharsets.UTF_8), stored.getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    @Bean
    RegisteredClientRepository registeredClients(IdpSetup setup) {
        return setup.clients();
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(IdpSetup setup) {
        return new ImmutableJWKSet<>(new JWKSet(setup.key()));
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdpSetup setup) {
        return AuthorizationServerSettings.builder().issuer(setup.issuer()).build();
    }

    /**
     * ID tokens carry the person's SURFconext claims and opaque {@code sub}; the web client's access tokens the
     * same {@code sub}. A client_credentials access token gets the audience and claims its API client was
     * registered with.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims(IdpSetup setup) {
        return context -> {
            if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                    ClientSettings settings = context.getRegisteredClient().getClientSettings();
                    String audience = settings.getSetting(IdpClients.AUDIENCE);
                    Map<String, Object> claims = settings.getSetting(IdpClients.CLAIMS);
                    if (audience != null) {
                        context.getClaims().audience(List.of(audience));
                    }
                    if (claims != null) {
                        context.getClaims().claims(all -> all.putAll(claims));
                    }
                }
                return;
            }
            Authentication principal = context.getPrincipal();
            IdpUser person = principal == null ? null : setup.people().get(principal.getName());
            if (person == null) {
                return;
            }
            if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                context.getClaims().claims(all -> all.putAll(person.claims()));
            } else if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getClaims().subject(person.subject());
            }
        };
    }

    private static OidcUserInfo userInfo(IdpSetup setup, OidcUserInfoAuthenticationContext context) {
        String principalName = context.getAuthorization().getPrincipalName();
        IdpUser person = setup.people().get(principalName);
        return person == null ? OidcUserInfo.builder().subject(principalName).build()
                : new OidcUserInfo(person.claims());
    }
}
