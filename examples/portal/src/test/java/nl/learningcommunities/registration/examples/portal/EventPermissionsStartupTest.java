package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.context.support.GenericWebApplicationContext;

/**
 * An organiser route about no event it names, and not declared admin-only or own-only, stops the start: it would
 * be open to every organiser whatever their events.
 */
class EventPermissionsStartupTest {

    /** A new organiser route that lists something across events, which nobody thought of permissions for. */
    @Controller
    static class WithAnUncheckedRoute {
        @GetMapping("/organiser/everything.csv")
        void everything() {
        }

        @GetMapping("/api/admin/events/{eventId}/registrations")
        void perEvent(@PathVariable String eventId) {
        }
    }

    /** Only routes the permissions understand. */
    @Controller
    static class AllChecked {
        @GetMapping({"/organiser", "/organiser/events/new"})
        void crossEvent() {
        }

        @GetMapping({"/api/admin/events/{eventId}/registrations", "/organiser/registrations/{registrationId}/{action}"})
        void perEvent() {
        }
    }

    @Test
    void the_start_fails_naming_an_organiser_route_whose_event_cannot_be_checked() {
        try (GenericWebApplicationContext portal = portalWith(WithAnUncheckedRoute.class)) {
            assertThatThrownBy(() -> permissions().onApplicationEvent(new ContextRefreshedEvent(portal)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("[/organiser/everything.csv]");
        }
    }

    @Test
    void the_start_goes_on_when_every_organiser_route_names_its_event_or_is_declared() {
        try (GenericWebApplicationContext portal = portalWith(AllChecked.class)) {
            assertThatCode(() -> permissions().onApplicationEvent(new ContextRefreshedEvent(portal)))
                    .doesNotThrowAnyException();
        }
    }

    private static EventPermissions permissions() {
        return new EventPermissions(null, null);
    }

    private static GenericWebApplicationContext portalWith(Class<?> controller) {
        return RouteLimitsStartupTest.portalWith(controller);
    }
}
