package nl.learningcommunities.registration.examples.portal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import nl.learningcommunities.registration.EventNotFoundException;
import nl.learningcommunities.registration.rule.Reason;

/**
 * The JSON API's errors as RFC 9457 problem details ({@code application/problem+json}) with an {@code errors}
 * array of {@code {field, code, message}}; never a stack trace.
 */
@RestControllerAdvice(assignableTypes = {PublicApi.class, OrganiserApi.class, EventAdminApi.class})
final class ApiProblems {

    private static final Logger LOG = LoggerFactory.getLogger(ApiProblems.class);

    /** A failure the API answers with a status and reasons. */
    static final class ApiException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final HttpStatus status;
        private final transient List<Reason> reasons;

        ApiException(HttpStatus status, List<Reason> reasons) {
            super(status.getReasonPhrase(), null, false, false);
            this.status = status;
            this.reasons = List.copyOf(reasons);
        }

        ApiException(HttpStatus status, String code) {
            this(status, List.of(Reason.of(code)));
        }
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> failed(ApiException e, Locale locale) {
        return problem(e.status, e.reasons, locale);
    }

    @ExceptionHandler(nl.learningcommunities.registration.event.InvalidEventException.class)
    ResponseEntity<ProblemDetail> invalidEvent(nl.learningcommunities.registration.event.InvalidEventException e,
                                               Locale locale) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, List.of(Reason.ofField(e.field(), e.code(),
                e.args().toArray(String[]::new))), locale);
    }

    @ExceptionHandler(EventNotFoundException.class)
    ResponseEntity<ProblemDetail> unknownEvent(EventNotFoundException e, Locale locale) {
        return problem(HttpStatus.NOT_FOUND, List.of(Reason.ofField("eventId", "event.unknown")), locale);
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MissingServletRequestParameterException.class})
    ResponseEntity<ProblemDetail> unreadable(Exception e, Locale locale) {
        // A value of the wrong kind in a field (1 for true, a number for a text) names that field: a 422.
        return JsonBinding.misfit(e).map(misfit -> problem(HttpStatus.UNPROCESSABLE_CONTENT, List.of(misfit), locale))
                .orElseGet(() -> problem(HttpStatus.BAD_REQUEST, List.of(Reason.of("request.malformed")), locale));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e, Locale locale) {
        // A registration id that is no UUID names nothing that exists.
        return problem(HttpStatus.NOT_FOUND, List.of(Reason.of("registration.unknown")), locale);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(Exception e, Locale locale) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, List.of(Reason.of("request.media-type")), locale);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(Exception e, Locale locale) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, List.of(Reason.of("request.method")), locale);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noSuchPath(Exception e, Locale locale) {
        return problem(HttpStatus.NOT_FOUND, List.of(Reason.of("request.not-found")), locale);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, Locale locale) {
        LOG.error("The registration API failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, List.of(Reason.of("server.error")), locale);
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, List<Reason> reasons, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(PortalMessages.text("problem." + status.value(), locale, status.getReasonPhrase()));
        problem.setDetail(reasons.isEmpty() ? status.getReasonPhrase() : message(reasons.get(0), locale));
        problem.setProperty("errors", errors(reasons, locale));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /**
     * For filters, interceptors and security handlers, which answer outside the API's handlers: the error page
     * ({@link PortalErrors}) answers with these problem details, or with the friendly page where the request is no
     * API request, and with the security headers either way.
     *
     * @param response the response, not yet committed
     * @param status   the status
     * @param code     the stable code in {@code errors}, a key in {@code messages.properties}
     * @param detail   the message, in the client's language
     */
    static void write(HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        // The request carries the detail where one is at hand: in the security filters and Spring MVC it is.
        HttpServletRequest request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes
                bound ? bound.getRequest() : null;
        PortalErrors.refuse(request, response, status, code, detail);
    }

    static List<Map<String, Object>> errors(List<Reason> reasons, Locale locale) {
        return reasons.stream().map(r -> error(r.field().map(ApiProblems::field).orElse(null), r.code(),
                message(r, locale))).toList();
    }

    static String message(Reason reason, Locale locale) {
        String text = reason.message(locale);
        return text.equals(reason.code()) ? PortalMessages.text(reason.code(), locale, reason.code()) : text;
    }

    /** The library names the participant's fields under {@code participant.}; the API's body has them on top. */
    static String field(String field) {
        return field.startsWith("participant.") ? field.substring("participant.".length()) : field;
    }

    private static Map<String, Object> error(String field, String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("code", code);
        error.put("message", message);
        return error;
    }
}
