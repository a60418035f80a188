package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.mock.web.MockServletContext;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.context.support.GenericWebApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** A route the limits name but no handler has any more (renamed, say) stops the start instead of going unlimited. */
class RouteLimitsStartupTest {

    /** A portal whose API registration moved to another address; every other limited route is still there. */
    @Controller
    static class MovedRegistration {
        @PostMapping("/api/events/{eventId}/sign-ups")
        void register(@PathVariable String eventId) {
        }

        @PostMapping({"/events/{eventId}/register", "/events/{eventId}/group",
                "/api/admin/registrations/{registrationId}/resend",
                "/api/admin/events/{eventId}/messages", "/organiser/events/{eventId}/message/send",
                "/organiser/registrations/{registrationId}/{action}"})
        void rest() {
        }
    }

    /** The same portal with the registration where the limits expect it. */
    @Controller
    static class AllInPlace extends MovedRegistration {
        @PostMapping("/api/events/{eventId}/registrations")
        void registerHere(@PathVariable String eventId) {
        }
    }

    @Test
    void the_start_fails_naming_the_route_when_a_limited_route_has_no_handler_any_more() {
        try (GenericWebApplicationContext portal = portalWith(MovedRegistration.class)) {
            assertThatThrownBy(() -> limits().onApplicationEvent(new ContextRefreshedEvent(portal)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("[/api/events/{eventId}/registrations]");
        }
    }

    @Test
    void the_start_goes_on_when_every_limited_route_has_its_handler() {
        try (GenericWebApplicationContext portal = portalWith(AllInPlace.class)) {
            assertThatCode(() -> limits().onApplicationEvent(new ContextRefreshedEvent(portal)))
                    .doesNotThrowAnyException();
        }
    }

    private static RouteLimits limits() {
        return new RouteLimits(new PortalProperties(null, null, null, new PortalProperties.Limits(10, 65_536)),
                new LimitSettings(null, 5, Duration.ofMinutes(5)));
    }

    /** A web context with Spring MVC's handler mapping and one controller, as the start-up checks see it. */
    static GenericWebApplicationContext portalWith(Class<?> controller) {
        GenericWebApplicationContext context = new GenericWebApplicationContext(new MockServletContext());
        context.registerBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        context.registerBean(controller);
        context.refresh();
        return context;
    }
}
