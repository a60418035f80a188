package nl.learningcommunities.registration.examples.portal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Has Tomcat read a request's parameters (query string, form and multipart body) once, before anything else asks
 * for one, so that a body past the container's limits ({@code server.tomcat.max-http-form-post-size},
 * {@code spring.servlet.multipart.*}, {@code server.tomcat.max-part-count}…) or one that cannot be parsed is
 * refused here: 413 or 400 from the error page, and one line in the log. Tomcat reads a form or multipart body
 * itself, past {@link RequestLimits}' cap on the input stream, and stops at its own limits; from then on every
 * {@code getParameter} throws, which would otherwise surface in the CSRF filter as a 500 with a stack trace.
 *
 * <p>Runs after the character encoding is set, so form values are read as UTF-8.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
final class ParameterLimits extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ParameterLimits.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        IllegalStateException refused = null;
        try {
            request.getParameterMap();
        } catch (IllegalStateException e) {
            refused = e;
        }
        if (response.isCommitted()) {
            // Broken chunking or a body broken off: Tomcat has given up on the request, answers 400 (or nothing,
            // to a client that is gone) and closes the connection.
            LOG.warn("Refused {} {}: its body could not be read{}", request.getMethod(), request.getRequestURI(),
                    refused == null ? "" : " (" + reason(refused) + ")");
            return;
        }
        if (refused != null) {
            boolean tooLarge = refused instanceof InvalidParameterException invalid
                    && invalid.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value();
            HttpStatus status = tooLarge ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST;
            LOG.warn("Refused {} {} with {}: {}", request.getMethod(), request.getRequestURI(), status.value(),
                    reason(refused));
            PortalErrors.refuse(request, response, status, tooLarge ? "request.too-large" : "request.malformed",
                    null);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Tomcat's reason, on one line: the parser's own words where it wraps them, with what they are. */
    private static String reason(IllegalStateException refused) {
        Throwable cause = refused.getCause();
        String text = cause == null || cause.getMessage() == null ? String.valueOf(refused.getMessage())
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        text = text.replaceAll("\\p{Cntrl}", " ");
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
