package nl.learningcommunities.registration.examples.portal;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The route patterns the portal's handlers answer, for the start-up checks of the routes' guards. */
final class HandlerRoutes {

    private static final String MAPPING = "requestMappingHandlerMapping";

    private HandlerRoutes() {
    }

    /**
     * @param context a context that was refreshed
     * @return the patterns of its handlers, if it is the portal's own web context (not a child, such as a
     *         management port's, whose parent's routes were checked already)
     */
    static Optional<Set<String>> of(ApplicationContext context) {
        return mapping(context).map(mapping -> {
            Set<String> routes = new HashSet<>();
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                routes.addAll(info.getPatternValues());
            }
            return routes;
        });
    }

    /**
     * @param context a context that was refreshed
     * @return the classes of its handlers' beans, if it is the portal's own web context (as {@link #of})
     */
    static Optional<List<Class<?>>> handlerTypes(ApplicationContext context) {
        return mapping(context).map(mapping -> mapping.getHandlerMethods().values().stream()
                .<Class<?>>map(HandlerMethod::getBeanType).distinct().toList());
    }

    /** @return the handler mapping of the portal's own web context; empty for a child context or none at all */
    private static Optional<RequestMappingHandlerMapping> mapping(ApplicationContext context) {
        if (context.getParent() != null && context.getParent().containsBean(MAPPING) || !context.containsBean(MAPPING)) {
            return Optional.empty();
        }
        return Optional.of(context.getBean(MAPPING, RequestMappingHandlerMapping.class));
    }

    /**
     * @param pattern a route pattern
     * @return whether it is one of the organisers' (pages or admin API)
     */
    static boolean isOrganisers(String pattern) {
        return pattern.equals("/organiser") || pattern.startsWith("/organiser/") || pattern.equals("/api/admin")
                || pattern.startsWith("/api/admin/");
    }
}
