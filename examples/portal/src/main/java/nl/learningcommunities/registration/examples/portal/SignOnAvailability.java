package nl.learningcommunities.registration.examples.portal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers "signing in is unavailable" (503, {@code signin.unavailable}, on the portal's error page) when the identity
 * provider's discovery document cannot be read, instead of the bare 500 Spring Security would send. Thread-safe.
 */
final class SignOnAvailability extends OncePerRequestFilter {

    private final ClientRegistrationRepository registrations;

    SignOnAvailability(ClientRegistrationRepository registrations) {
        this.registrations = registrations;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(SecurityConfiguration.SIGN_IN)
                && registrations.findByRegistrationId(IdentityProperties.REGISTRATION_ID) == null) {
            PortalErrors.refuse(request, response, HttpStatus.SERVICE_UNAVAILABLE, "signin.unavailable", null);
            return;
        }
        chain.doFilter(request, response);
    }
}
