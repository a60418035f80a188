package nl.learningcommunities.registration.examples.portal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.event.Event;

/**
 * Every organiser page and admin API call is checked against the event it is about, before its handler runs: the
 * event of the route's {@code {eventId}}, of its {@code {registrationId}}, and of an {@code eventId} parameter. A
 * person who may not manage that event gets 403, so nothing of it (registrations, counts, exports, search results,
 * history) is read. Routes about no single event are for administrators, except the few that list only what the
 * person may see. At start-up every organiser route must be one of these kinds, so a route added later cannot
 * slip through unchecked. Thread-safe.
 */
@Component
final class EventPermissions implements HandlerInterceptor, WebMvcConfigurer,
        ApplicationListener<ContextRefreshedEvent> {

    /** Organiser routes about no single event that any organiser may open: their handlers show only what is theirs. */
    static final Set<String> OWN_ONLY = Set.of("/organiser", "/organiser/login");

    /** Routes about no single event that only administrators may use: creating events and the start-up import. */
    static final Set<String> ADMIN_ONLY = Set.of("/organiser/events/new", "/api/admin/events",
            "/organiser/events/{eventId}/copy", "/api/admin/events/{eventId}/copy", "/api/admin/imports/latest");

    private final RegistrationEngine engine;
    private final SignedIn signedIn;

    EventPermissions(RegistrationEngine engine, SignedIn signedIn) {
        this.engine = engine;
        this.signedIn = signedIn;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).order(Ordered.HIGHEST_PRECEDENCE + 10);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (request.getDispatcherType() != DispatcherType.REQUEST || !(handler instanceof HandlerMethod)) {
            return true;
        }
        Object best = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String pattern = best == null ? "" : best.toString();
        if (!HandlerRoutes.isOrganisers(pattern) || pattern.equals("/organiser/login")) {
            return true;
        }
        Optional<Person> person = signedIn.current();
        if (person.isEmpty()) {
            return true; // the security filter chain has answered already; a handler without one would not run
        }
        if (allowed(person.get(), pattern, request)) {
            return true;
        }
        String message = PortalMessages.text("auth.forbidden", LocaleContextHolder.getLocale(), "Forbidden.");
        if (pattern.startsWith("/api/")) {
            ApiProblems.write(response, HttpStatus.FORBIDDEN, "auth.forbidden", message);
        } else {
            PortalErrors.refuse(request, response, HttpStatus.FORBIDDEN, "auth.forbidden", null);
        }
        return false;
    }

    private boolean allowed(Person person, String pattern, HttpServletRequest request) {
        if (ADMIN_ONLY.contains(pattern)) {
            return person.admin();
        }
        if (OWN_ONLY.contains(pattern) || person.admin()) {
            return true;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        List<String> eventIds = new ArrayList<>();
        if (variables != null && variables.get("eventId") != null) {
            eventIds.add(variables.get("eventId"));
        }
        String parameter = request.getParameter("eventId");
        if (parameter != null) {
            eventIds.add(parameter);
        }
        if (variables != null && variables.get("registrationId") != null) {
            Optional<UUID> id = uuid(variables.get("registrationId"));
            if (id.isEmpty()) {
                return true; // not an id: the handler answers 400 or 404 and reads nothing
            }
            engine.organising().registration(id.get()).ifPresent(registration -> eventIds.add(registration.eventId()));
        }
        for (String eventId : eventIds) {
            Optional<Event> event = engine.events().find(eventId);
            if (event.isPresent() && !SignedIn.mayManage(person, event.get())) {
                return false;
            }
        }
        return true;
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Fails the start when an organiser route is about no event it names and is neither {@link #OWN_ONLY} nor
     * {@link #ADMIN_ONLY}: it would be open to every organiser, whatever their events.
     */
    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        Set<String> unchecked = new HashSet<>();
        for (String pattern : HandlerRoutes.of(event.getApplicationContext()).orElse(Set.of())) {
            if (HandlerRoutes.isOrganisers(pattern) && !ADMIN_ONLY.contains(pattern) && !OWN_ONLY.contains(pattern)
                    && !pattern.contains("{eventId}") && !pattern.contains("{registrationId}")) {
                unchecked.add(pattern);
            }
        }
        if (!unchecked.isEmpty()) {
            throw new IllegalStateException("Organiser routes about no event, so no permission could be checked;"
                    + " name them in EventPermissions (ADMIN_ONLY or OWN_ONLY): " + unchecked.stream().sorted().toList());
        }
    }
}
