package nl.learningcommunities.registration.examples.portal;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The demo default when no identity provider is configured: one administrator account from
 * {@code registration.admin.*}, at a form login for the pages and HTTP Basic (never challenged) for the API.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SignOnConfigured.Not.class)
class DemoLoginConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DemoLoginConfiguration.class);

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
                .roles(Person.Role.ADMIN.name(), Person.Role.ORGANISER.name()).build());
    }
}
