package nl.learningcommunities.registration.examples.portal;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may do what: the public pages and API for everyone; the organiser's pages behind a form login, its API
 * behind HTTP Basic, both with the one organiser account from {@code registration.admin.*}. CSRF protection on
 * every HTML form; strict security headers everywhere.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String ORGANISER = "ORGANISER";

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService organisers(PortalProperties properties, PasswordEncoder encoder) {
        String username = properties.admin().username();
        String password = properties.admin().secret().orElseGet(() -> {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            LOG.warn("No registration.admin.password set: the organiser logs in at /organiser with a password"
                    + " generated for this run: username {}, password {}", username, generated);
            return generated;
        });
        return new InMemoryUserDetailsManager(User.withUsername(username).password(encoder.encode(password))
                .roles(ORGANISER).build());
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/admin/**").hasRole(ORGANISER)
                        .anyRequest().permitAll())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, exception) -> {
                    response.setHeader("WWW-Authenticate", "Basic realm=\"registration\", charset=\"UTF-8\"");
                    ApiProblems.write(response, HttpStatus.UNAUTHORIZED, "auth.required",
                            PortalMessages.text("auth.required", request.getLocale(), "Log in."));
                }))
                .exceptionHandling(handling -> handling.accessDeniedHandler((request, response, exception) ->
                        ApiProblems.write(response, HttpStatus.FORBIDDEN, "auth.forbidden",
                                PortalMessages.text("auth.forbidden", request.getLocale(), "Forbidden."))))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // No cookies authenticate the API, so a forged cross-site request carries nothing to abuse.
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/organiser/login", "/organiser/login/**").permitAll()
                        .requestMatchers("/organiser/**").hasRole(ORGANISER)
                        .anyRequest().permitAll())
                .formLogin(form -> form.loginPage("/organiser/login").defaultSuccessUrl("/organiser", true)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/organiser/logout").logoutSuccessUrl("/"))
                .httpBasic(basic -> basic.disable())
                .csrf(Customizer.withDefaults())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .permissionsPolicyHeader(policy -> policy.policy("camera=(), microphone=(), geolocation=()")));
        return http.build();
    }
}
