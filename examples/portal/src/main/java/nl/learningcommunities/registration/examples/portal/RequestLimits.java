package nl.learningcommunities.registration.examples.portal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The body cap a public form needs, before anything else reads the request: bodies larger than
 * {@code registration.limits.max-request-bytes} answer 413, and a body sent without a length is read no further
 * than the cap. The rate limits are keyed on the route that handles a request, so they live in
 * {@link RouteLimits} (and {@link LoginThrottle} for logins); {@link #reject} writes the answer for all of them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
final class RequestLimits extends OncePerRequestFilter {

    private final PortalProperties.Limits limits;

    RequestLimits(PortalProperties properties) {
        this.limits = properties.limits();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limits.maxRequestBytes()) {
            reject(response, HttpStatus.CONTENT_TOO_LARGE, "request.too-large", "request.too-large",
                    request.getLocale(), request.getRequestURI().startsWith(request.getContextPath() + "/api/"));
            return;
        }
        chain.doFilter(request.getContentLengthLong() < 0 ? new Capped(request, limits.maxRequestBytes()) : request,
                response);
    }

    /** A body sent without a length (chunked) is read up to the cap; past it, reading fails. */
    private static final class Capped extends jakarta.servlet.http.HttpServletRequestWrapper {
        private final long cap;

        Capped(HttpServletRequest request, long cap) {
            super(request);
            this.cap = cap;
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() throws IOException {
            jakarta.servlet.ServletInputStream in = super.getInputStream();
            return new jakarta.servlet.ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0 && ++read > cap) {
                        throw new IOException("request body larger than " + cap + " bytes");
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0 && (read += n) > cap) {
                        throw new IOException("request body larger than " + cap + " bytes");
                    }
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }

    /**
     * Answers a request that is refused before its handler: problem details for the API, a small page otherwise.
     *
     * @param response   the response
     * @param status     the status
     * @param code       the stable code in the API's {@code errors}
     * @param messageKey the key of the message in {@code messages.properties}
     * @param locale     the language of the message
     * @param api        whether the request is one of the JSON API's
     */
    static void reject(HttpServletResponse response, HttpStatus status, String code, String messageKey,
                       java.util.Locale locale, boolean api) throws IOException {
        String message = PortalMessages.text(messageKey, locale, status.getReasonPhrase());
        // The error page answers HTML or problem+json, as the client prefers, with the security headers.
        ApiProblems.write(response, status, code, message);
    }
}
