package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.booking.RegistrationQuery;

/**
 * With forwarded headers switched on as docs/portal.md says but no proxy named, the portal trusts no one's
 * {@code X-Forwarded-For}, not even one from this machine: a client that makes up a new address for every request
 * still has only its own bucket. (That a named proxy's forwarded clients do count is in {@link RouteLimitsTest}.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "registration.datasource.url=jdbc:h2:mem:portal-spoofing;DB_CLOSE_DELAY=-1",
        "registration.events.location=target/test-classes/test-events",
        "registration.admin.password=spoof-wachtwoord",
        "registration.limits.registrations-per-minute=2",
        "server.forward-headers-strategy=native",
        "registration.mail.interval=1h",
        "registration.mail.directory=target/test-mail"})
class ForwardedForSpoofingTest {

    @LocalServerPort
    int port;

    @Autowired
    RegistrationEngine engine;

    @Test
    void a_spoofed_x_forwarded_for_from_an_address_that_is_no_configured_proxy_gets_no_fresh_bucket() {
        String family = "Vermomd-" + UUID.randomUUID();

        List<Integer> statuses = List.of(post(Api.at(port).from("203.0.113.80"), family),
                post(Api.at(port).from("203.0.113.81"), family), post(Api.at(port).from("203.0.113.82"), family),
                post(Api.at(port).from("10.0.0.7"), family), post(Api.at(port), family));

        assertThat(statuses).containsExactly(201, 201, 429, 429, 429);
        assertThat(engine.organising().list(RegistrationQuery.all("full-meeting")).stream()
                .filter(r -> r.participant().familyName().equals(family))).hasSize(2);
    }

    private static int post(Api api, String family) {
        Map<String, Object> body = ApiContract.registrant("Anna");
        body.put("familyName", family);
        return api.post("/api/events/full-meeting/registrations", body).status();
    }
}
