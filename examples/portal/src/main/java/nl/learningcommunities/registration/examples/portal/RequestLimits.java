package nl.learningcommunities.registration.examples.portal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Limits a public form needs, before anything else reads the request: bodies larger than
 * {@code registration.limits.max-request-bytes} answer 413, and each client (by address) may post
 * {@code registration.limits.registrations-per-minute} registrations a minute; past that, 429 with
 * {@code Retry-After}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
final class RequestLimits extends OncePerRequestFilter {

    private static final int MAX_CLIENTS = 100_000;
    private static final java.util.regex.Pattern REGISTRATION_POST =
            java.util.regex.Pattern.compile("/api/events/[^/]+/registrations|/events/[^/]+/register");

    private final PortalProperties.Limits limits;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RequestLimits(PortalProperties properties) {
        this.limits = properties.limits();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limits.maxRequestBytes()) {
            reject(request, response, HttpStatus.CONTENT_TOO_LARGE, "request.too-large");
            return;
        }
        if (isRegistration(request) && !bucketFor(request.getRemoteAddr()).tryConsume(1)) {
            response.setHeader("Retry-After", "60");
            reject(request, response, HttpStatus.TOO_MANY_REQUESTS, "request.too-many");
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

    private static boolean isRegistration(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "POST".equals(request.getMethod()) && REGISTRATION_POST.matcher(path).matches();
    }

    private Bucket bucketFor(String client) {
        if (buckets.size() > MAX_CLIENTS) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(client, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limits.registrationsPerMinute())
                        .refillGreedy(limits.registrationsPerMinute(), Duration.ofMinutes(1)).build())
                .build());
    }

    private static void reject(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                               String code) throws IOException {
        java.util.Locale locale = request.getLocale();
        String message = PortalMessages.text(code, locale, status.getReasonPhrase());
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            ApiProblems.write(response, status, code, message);
        } else {
            response.setStatus(status.value());
            response.setContentType("text/html;charset=UTF-8");
            String lang = nl.learningcommunities.registration.rule.Messages.supported(locale).getLanguage();
            response.getWriter().write("<!DOCTYPE html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
                    + "<title>" + status.value() + "</title></head><body><main><h1>" + status.value() + "</h1><p>"
                    + org.springframework.web.util.HtmlUtils.htmlEscape(message) + "</p></main></body></html>");
        }
    }
}
