package nl.learningcommunities.registration.examples.portal;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps cross-site requests off the admin API's state-changing calls, whatever credentials a browser may hold: a
 * call that is not {@code GET}, {@code HEAD} or {@code OPTIONS} must say {@code Content-Type: application/json}
 * (which no HTML form can send, and which a cross-site script cannot send without a CORS preflight the portal never
 * grants), must not come with {@code Sec-Fetch-Site} other than {@code same-origin} or {@code none}, and must not
 * come with an {@code Origin} other than the portal's own. Tools such as curl send neither header. Refusals are
 * problem+json: 415 {@code request.json-required}, 403 {@code request.cross-site}. Thread-safe.
 */
final class CrossSiteGuard extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> SAME_SITE = Set.of("same-origin", "none");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            chain.doFilter(request, response);
            return;
        }
        Locale locale = request.getLocale();
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        String origin = request.getHeader("Origin");
        if (fetchSite != null && !SAME_SITE.contains(fetchSite.strip().toLowerCase(Locale.ROOT))
                || origin != null && !sameOrigin(origin, request)) {
            ApiProblems.write(response, HttpStatus.FORBIDDEN, "request.cross-site",
                    PortalMessages.text("request.cross-site", locale, "Cross-site requests are refused."));
            return;
        }
        if (!isJson(request.getContentType())) {
            ApiProblems.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "request.json-required",
                    PortalMessages.text("request.json-required", locale, "Send JSON."));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isCompatibleWith(MediaType.APPLICATION_JSON)
                    || "application".equals(type.getType()) && type.getSubtype().endsWith("+json");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI uri = URI.create(origin.strip());
            int port = uri.getPort() == -1 ? defaultPort(uri.getScheme()) : uri.getPort();
            return request.getScheme().equalsIgnoreCase(uri.getScheme())
                    && request.getServerName().equalsIgnoreCase(uri.getHost())
                    && request.getServerPort() == port;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
}
