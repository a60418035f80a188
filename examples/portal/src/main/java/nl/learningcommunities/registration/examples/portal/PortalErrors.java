package nl.learningcommunities.registration.examples.portal;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.autoconfigure.error.AbstractErrorController;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.PermissionsPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

import nl.learningcommunities.registration.rule.Reason;

/**
 * Every error that reaches the container's error page, answered as the rest of the portal answers: the friendly
 * page ({@code templates/error.html}) for browsers, problem details ({@code application/problem+json}, with a
 * stable code in {@code errors}) for the API under {@code /api/**} and for clients that ask for JSON first. That
 * covers what no handler answers itself: a body or address the container or the firewall refuses, a wrong method
 * or media type, an unknown address, a refusal by a filter (see {@link #refuse}), a failure.
 *
 * <p>Always with the security headers: an error dispatch passes no header writer of Spring Security, so a refusal
 * before the security filters would go out without them. What the response lacks is written here, with the values
 * of {@link SecurityConfiguration}'s chains: the page's policy for the page, the API's for problem details.
 */
@Controller
@RequestMapping("${server.error.path:/error}")
final class PortalErrors extends AbstractErrorController {

    /** A request attribute: the message to show instead of the code's own, in the client's language. */
    static final String DETAIL = PortalErrors.class.getName() + ".detail";

    // The same values as SecurityConfiguration's; ErrorResponsesTest compares them with a normal page's and answer's.
    static final List<HeaderWriter> PAGE_HEADERS = defaults(
            new ContentSecurityPolicyHeaderWriter("default-src 'self'; script-src 'self'; style-src 'self';"
                    + " img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none';"
                    + " object-src 'none'"),
            new PermissionsPolicyHeaderWriter("camera=(), microphone=(), geolocation=()"));
    static final List<HeaderWriter> API_HEADERS = defaults(
            new ContentSecurityPolicyHeaderWriter("default-src 'none'; frame-ancestors 'none'"));

    PortalErrors(ErrorAttributes errorAttributes) {
        super(errorAttributes);
    }

    /**
     * Refuses a request outside a handler (a filter, an interceptor, a security handler): the error page answers,
     * for the API or for a browser, with the security headers.
     *
     * @param request  the request, to carry {@code detail}; may be null when there is none at hand
     * @param response the response, not yet committed
     * @param status   the status
     * @param code     the stable code, a key in {@code messages.properties}
     * @param detail   the message to show instead of the code's own, or null
     */
    static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
                       String detail) throws IOException {
        if (request != null && detail != null) {
            request.setAttribute(DETAIL, detail);
        }
        response.sendError(status.value(), code);
    }

    @RequestMapping
    Object error(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Map<String, Object> attributes = getErrorAttributes(request, ErrorAttributeOptions.of(
                ErrorAttributeOptions.Include.STATUS, ErrorAttributeOptions.Include.PATH,
                ErrorAttributeOptions.Include.MESSAGE));
        // Asked for itself, the error page is no page.
        HttpStatus status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null
                ? HttpStatus.NOT_FOUND : getStatus(request);
        String path = attributes.get("path") instanceof String original ? original : request.getRequestURI();
        String code = code(attributes.get("message"), status);
        String detail = request.getAttribute(DETAIL) instanceof String given ? given
                : ApiProblems.message(Reason.of(code), locale);
        if (wantsProblem(request, path)) {
            API_HEADERS.forEach(writer -> writer.writeHeaders(request, response));
            ResponseEntity<ProblemDetail> problem = ApiProblems.problem(status, List.of(Reason.of(code)), locale);
            problem.getBody().setDetail(detail);
            problem.getBody().setInstance(instance(path));
            return problem;
        }
        PAGE_HEADERS.forEach(writer -> writer.writeHeaders(request, response));
        Map<String, Object> model = new HashMap<>();
        model.put("status", status.value());
        // The page's own words cover most errors; these tell the visitor what to do about them.
        if (status == HttpStatus.CONTENT_TOO_LARGE || status == HttpStatus.TOO_MANY_REQUESTS
                || status == HttpStatus.SERVICE_UNAVAILABLE) {
            model.put("detail", detail);
        }
        return new ModelAndView("error", model, status);
    }

    /** The code a refusal sent along, if it is one of ours; otherwise the status's own. */
    static String code(Object message, HttpStatus status) {
        if (message instanceof String sent && sent.matches("[a-z]+(\\.[a-z-]+)+")
                && PortalMessages.text(sent, Locale.ENGLISH, null) != null) {
            return sent;
        }
        return switch (status) {
            case BAD_REQUEST -> "request.malformed";
            case UNAUTHORIZED -> "auth.required";
            case FORBIDDEN -> "auth.forbidden";
            case NOT_FOUND -> "request.not-found";
            case METHOD_NOT_ALLOWED -> "request.method";
            case NOT_ACCEPTABLE -> "request.not-acceptable";
            case CONTENT_TOO_LARGE -> "request.too-large";
            case UNSUPPORTED_MEDIA_TYPE -> "request.media-type";
            case TOO_MANY_REQUESTS -> "request.too-many";
            default -> status.is4xxClientError() ? "request.refused" : "server.error";
        };
    }

    /** The API's addresses, and clients that prefer JSON to HTML, get problem details; the rest the page. */
    static boolean wantsProblem(HttpServletRequest request, String path) {
        String api = request.getContextPath() + "/api";
        if (path.equals(api) || path.startsWith(api + "/")) {
            return true;
        }
        List<MediaType> accepted;
        try {
            accepted = new ArrayList<>(MediaType.parseMediaTypes(request.getHeader("Accept")));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        accepted.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : accepted) {
            if (type.isWildcardType() || type.isWildcardSubtype() || type.getQualityValue() == 0) {
                continue;
            }
            if ("json".equals(type.getSubtype()) || "json".equals(type.getSubtypeSuffix())) {
                return true;
            }
            if (type.isCompatibleWith(MediaType.TEXT_HTML) || type.isCompatibleWith(MediaType.APPLICATION_XHTML_XML)) {
                return false;
            }
        }
        return false;
    }

    static URI instance(String path) {
        try {
            return URI.create(path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<HeaderWriter> defaults(HeaderWriter... policies) {
        List<HeaderWriter> writers = new ArrayList<>(List.of(new XContentTypeOptionsHeaderWriter(),
                new XXssProtectionHeaderWriter(), new CacheControlHeadersWriter(), new HstsHeaderWriter(),
                new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY),
                new ReferrerPolicyHeaderWriter(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        writers.addAll(List.of(policies));
        return List.copyOf(writers);
    }
}
