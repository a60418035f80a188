package nl.learningcommunities.registration.examples.portal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The rate limits on what sends mail, keyed on the route that handles the request: the handler mapping's
 * best-matching pattern, after the container decoded and normalised the path. So no spelling of an address
 * (percent-encoded letters, path parameters, another case or slash that still routes) reaches a handler without
 * passing its limit: the limit is asked by the handler's own route, not by the address as typed.
 *
 * <p>Each client (by {@link BoundedBuckets#clientOf address}) may make
 * {@code registration.limits.registrations-per-minute} registrations a minute, HTML form and API together, and
 * {@code registration.limits.mail-actions-per-minute} other requests that can send mail: every request of the
 * participant's pages and API that is no {@code GET}, {@code HEAD} or {@code OPTIONS} (details, sessions, cancel,
 * accept, decline, verification, and any such route added later), and the organiser's resend and messages, HTML and
 * API. Past either, 429 with {@code Retry-After}. At start-up, every route named here must have a handler, so that a
 * renamed route fails loudly instead of going unlimited.
 */
@Component
@EnableConfigurationProperties(LimitSettings.class)
final class RouteLimits implements HandlerInterceptor, WebMvcConfigurer, ApplicationListener<ContextRefreshedEvent> {

    /** The routes that register, by pattern; every method but the safe ones. */
    static final Set<String> REGISTRATIONS = Set.of("/api/events/{eventId}/registrations",
            "/events/{eventId}/register", "/events/{eventId}/group");

    /** The organiser's routes that send mail again and again, by pattern. */
    static final Set<String> ORGANISER_MAIL = Set.of("/api/admin/registrations/{registrationId}/resend",
            "/api/admin/events/{eventId}/messages", "/organiser/events/{eventId}/message/send");

    /** The organiser's buttons on a registration; {@code resend} among them sends mail. */
    static final String ORGANISER_ACTION = "/organiser/registrations/{registrationId}/{action}";

    private static final int MAX_CLIENTS = 100_000;
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private enum Kind { REGISTRATION, MAIL }

    private final BoundedBuckets registrations;
    private final BoundedBuckets mailActions;

    RouteLimits(PortalProperties properties, LimitSettings settings) {
        int perMinute = properties.limits().registrationsPerMinute();
        this.registrations = new BoundedBuckets(MAX_CLIENTS, perMinute, Duration.ofMinutes(1));
        this.mailActions = new BoundedBuckets(MAX_CLIENTS, settings.mailActionsPerMinute(perMinute),
                Duration.ofMinutes(1));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).order(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (request.getDispatcherType() != DispatcherType.REQUEST || !(handler instanceof HandlerMethod)) {
            return true;
        }
        Object best = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        // A handler method always has its pattern; were it missing, count the request as a public one.
        String pattern = best == null ? "" : best.toString();
        Kind kind = kindOf(request.getMethod(), pattern, request);
        if (kind == null) {
            return true;
        }
        BoundedBuckets buckets = kind == Kind.REGISTRATION ? registrations : mailActions;
        if (buckets.of(BoundedBuckets.clientOf(request)).tryConsume(1)) {
            return true;
        }
        response.setHeader("Retry-After", "60");
        Locale locale = LocaleContextHolder.getLocale();
        RequestLimits.reject(response, HttpStatus.TOO_MANY_REQUESTS, "request.too-many",
                kind == Kind.REGISTRATION ? "request.too-many" : "request.too-many-actions", locale,
                pattern.startsWith("/api/"));
        return false;
    }

    private static Kind kindOf(String method, String pattern, HttpServletRequest request) {
        if (SAFE.contains(method.toUpperCase(Locale.ROOT))) {
            return null;
        }
        if (REGISTRATIONS.contains(pattern)) {
            return Kind.REGISTRATION;
        }
        if (ORGANISER_MAIL.contains(pattern)) {
            return Kind.MAIL;
        }
        if (ORGANISER_ACTION.equals(pattern)) {
            @SuppressWarnings("unchecked")
            Map<String, String> variables = (Map<String, String>) request.getAttribute(
                    HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
            String action = variables == null ? null : variables.get("action");
            return action == null || action.strip().equalsIgnoreCase("resend") ? Kind.MAIL : null;
        }
        return HandlerRoutes.isOrganisers(pattern) ? null : Kind.MAIL;
    }

    /** Fails the start when a route named here has no handler: renamed, it would no longer be limited. */
    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        Optional<Set<String>> found = HandlerRoutes.of(event.getApplicationContext());
        if (found.isEmpty()) {
            return;
        }
        Set<String> routes = found.get();
        List<String> named = new ArrayList<>(REGISTRATIONS);
        named.addAll(ORGANISER_MAIL);
        named.add(ORGANISER_ACTION);
        List<String> missing = named.stream().filter(route -> !routes.contains(route)).sorted().toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("RouteLimits names routes that no handler has any more, so they would"
                    + " go unlimited; name their new patterns in RouteLimits: " + missing);
        }
    }
}
