package nl.learningcommunities.registration.examples.portal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may do what.
 *
 * <p>With an identity provider ({@code registration.identity.oidc.issuer-uri}), people sign in there (authorization
 * code with PKCE): participants register with their vouched details and see "Mijn aanmeldingen"; organisers and
 * administrators get their roles from the provider's groups, and {@link EventPermissions} checks each event; the
 * admin API takes the provider's access tokens (JWT, issuer and audience checked); logging out also ends the
 * provider's session where it supports that. Without one, the demo default: one administrator account from
 * {@code registration.admin.*}, at a form login and over HTTP Basic.
 *
 * <p>Either way: the public pages and API are open; the admin API never sends a {@code WWW-Authenticate: Basic}
 * challenge, so no browser caches credentials for it, and {@link CrossSiteGuard} refuses state-changing calls a
 * cross-site form or script could make; every HTML form carries a CSRF token; strict security headers everywhere.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class SecurityConfiguration {

    /** The path that starts signing in at the provider. */
    static final String SIGN_IN = OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI
            + "/" + IdentityProperties.REGISTRATION_ID;

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /**
     * The pages' policy. Browsers hold a form's redirects to {@code form-action} too, so logging out (a form that
     * redirects to the provider's end-session endpoint) needs the provider's origin there.
     */
    static String contentSecurityPolicy(IdentityProperties identity) {
        return identity.oidc().issuer().map(issuer -> CONTENT_SECURITY_POLICY.replace("form-action 'self'",
                "form-action 'self' " + issuer.getScheme() + "://" + issuer.getRawAuthority()))
                .orElse(CONTENT_SECURITY_POLICY);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

    private static final String[] ORGANISER_ROLES = {Person.Role.ORGANISER.name(), Person.Role.ADMIN.name()};

    /**
     * Spring Security observes authentications and authorization decisions (as timers, with the actuator's
     * registry), but not each filter of each request: otherwise every filter of a chain is wrapped in an
     * observation that starts, stops and counts two events per request, for spans no tracer here reads. In the
     * portal benchmark's profile that was about a sixth of the portal's CPU per registration over the JSON API.
     * The server's own {@code http.server.requests} observation is kept.
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, IdentityProperties identity, ObjectProvider<JwtDecoder> decoder,
                            ObjectProvider<Converter<Jwt, AbstractAuthenticationToken>> callers) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/admin/**").hasAnyRole(ORGANISER_ROLES)
                        .anyRequest().permitAll())
                .addFilterBefore(adminOnly(new CrossSiteGuard()), BasicAuthenticationFilter.class)
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, exception) -> {
                            if (identity.enabled()) {
                                response.setHeader("WWW-Authenticate", "Bearer realm=\"registration\"");
                            }
                            ApiProblems.write(response, HttpStatus.UNAUTHORIZED, "auth.required",
                                    PortalMessages.text("auth.required", request.getLocale(), "Log in."));
                        })
                        .accessDeniedHandler((request, response, exception) ->
                                ApiProblems.write(response, HttpStatus.FORBIDDEN, "auth.forbidden",
                                        PortalMessages.text("auth.forbidden", request.getLocale(), "Forbidden."))))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // No cookie authenticates the API: a forged cross-site request carries nothing to abuse, and
                // CrossSiteGuard refuses it besides.
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        if (identity.enabled()) {
            AuthenticationEntryPoint invalidToken = (request, response, exception) -> {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"registration\", error=\"invalid_token\"");
                ApiProblems.write(response, HttpStatus.UNAUTHORIZED, "auth.invalid-token",
                        PortalMessages.text("auth.invalid-token", request.getLocale(), "Invalid token."));
            };
            http.oauth2ResourceServer(server -> server
                    .jwt(jwt -> jwt.decoder(decoder.getObject()).jwtAuthenticationConverter(callers.getObject()))
                    .authenticationEntryPoint(invalidToken)
                    .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                        @Override
                        public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                            filter.setAuthenticationFailureHandler(tokenFailures(invalidToken));
                            return filter;
                        }
                    }));
        } else {
            // The demo account over HTTP Basic, for scripts; without a challenge, so browsers never prompt or cache.
            http.httpBasic(basic -> basic.authenticationEntryPoint((request, response, exception) ->
                    ApiProblems.write(response, HttpStatus.UNAUTHORIZED, "auth.required",
                            PortalMessages.text("auth.required", request.getLocale(), "Log in."))));
        }
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, IdentityProperties identity,
                              ObjectProvider<ClientRegistrationRepository> clients,
                              ObjectProvider<OAuth2UserService<OidcUserRequest, OidcUser>> people) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/organiser/login", "/organiser/login/**").permitAll()
                        .requestMatchers("/organiser/**").hasAnyRole(ORGANISER_ROLES)
                        .requestMatchers("/my-registrations", "/my-registrations/**", SignInPages.PATH).authenticated()
                        .requestMatchers("/events/*/group", "/events/*/group/**").hasRole(Person.Role.COORDINATOR.name())
                        .anyRequest().permitAll())
                .httpBasic(basic -> basic.disable())
                .csrf(Customizer.withDefaults())
                .headers(headers -> pageHeaders(headers, identity));
        if (identity.enabled()) {
            ClientRegistrationRepository repository = clients.getObject();
            DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
                    repository, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
            resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
            OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(repository);
            logout.setPostLogoutRedirectUri("{baseUrl}/?signedOut");
            logout.setDefaultTargetUrl("/?signedOut");
            http.oauth2Login(login -> login
                            .loginPage(SIGN_IN)
                            .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(resolver))
                            .userInfoEndpoint(userInfo -> userInfo.oidcUserService(people.getObject()))
                            .failureHandler(signInFailures()))
                    .addFilterBefore(new SignOnAvailability(repository), OAuth2AuthorizationRequestRedirectFilter.class)
                    .exceptionHandling(handling -> handling
                            .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(SIGN_IN)))
                    .logout(out -> out.logoutUrl("/logout").logoutSuccessHandler(logout));
        } else {
            http.formLogin(form -> form.loginPage("/organiser/login").defaultSuccessUrl("/organiser", true)
                            .permitAll())
                    .logout(out -> out.logoutUrl("/organiser/logout").logoutSuccessUrl("/"));
        }
        return http.build();
    }

    /**
     * A token that could not be checked because the provider's keys could not be read is 503
     * ({@code signin.unavailable}), not a 500 and not the caller's fault; any other failure is the token's: 401.
     */
    private static AuthenticationFailureHandler tokenFailures(AuthenticationEntryPoint invalidToken) {
        return (request, response, exception) -> {
            if (exception instanceof AuthenticationServiceException) {
                LOG.warn("An access token could not be checked: {}", exception.getMessage());
                response.setHeader("Retry-After", "30");
                ApiProblems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "signin.unavailable",
                        PortalMessages.text("signin.unavailable", request.getLocale(), "Unavailable."));
            } else {
                invalidToken.commence(request, response, exception);
            }
        };
    }

    /** Says in the log why signing in failed (the provider's error code, never a token), then shows the page. */
    private static AuthenticationFailureHandler signInFailures() {
        SimpleUrlAuthenticationFailureHandler page = new SimpleUrlAuthenticationFailureHandler("/signin-failed");
        return (request, response, exception) -> {
            String code = exception instanceof OAuth2AuthenticationException oauth
                    ? oauth.getError().getErrorCode() : exception.getClass().getSimpleName();
            LOG.info("Signing in at the identity provider failed: {}", code);
            page.onAuthenticationFailure(request, response, exception);
        };
    }

    private static void pageHeaders(HeadersConfigurer<HttpSecurity> headers, IdentityProperties identity) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(identity)))
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                .permissionsPolicyHeader(policy -> policy.policy("camera=(), microphone=(), geolocation=()"));
    }

    /** The guard for the admin API only: the public API's registration is open to other sites' pages by design. */
    private static jakarta.servlet.Filter adminOnly(CrossSiteGuard guard) {
        return (request, response, chain) -> {
            jakarta.servlet.http.HttpServletRequest http = (jakarta.servlet.http.HttpServletRequest) request;
            String path = http.getRequestURI().substring(http.getContextPath().length());
            if (path.startsWith("/api/admin/") || path.equals("/api/admin")) {
                guard.doFilter(request, response, chain);
            } else {
                chain.doFilter(request, response);
            }
        };
    }
}
