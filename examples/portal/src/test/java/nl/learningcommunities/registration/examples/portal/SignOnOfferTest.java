package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.event.Event;

/**
 * With sign-on enabled, a visitor who is not signed in is offered to log in and register with their institution's
 * details; where the meeting takes only vouched registrations, the event page and the form lead to logging in
 * instead of to a form that would be refused. The provider is never reached: nobody logs in here.
 */
@SpringBootTest(properties = {
        "registration.datasource.url=jdbc:h2:mem:portal-sign-on-offer;DB_CLOSE_DELAY=-1",
        "registration.events.location=target/test-classes/test-events",
        "registration.mail.interval=1h",
        "registration.mail.directory=target/test-mail",
        "registration.identity.oidc.issuer-uri=http://127.0.0.1:9/unreachable",
        "registration.identity.oidc.client-id=portal",
        "registration.identity.oidc.client-secret=geheim"})
@AutoConfigureMockMvc
class SignOnOfferTest {

    /** Signing in from a page comes back to that page. */
    private static String signInReturningTo(String path) {
        return "href=\"/signin?return=" + path + "\"";
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationEngine engine;

    private Event copy(boolean anonymous) {
        Event copy = engine.events().find("open-meeting").orElseThrow().toBuilder()
                .id("offer-" + UUID.randomUUID().toString().substring(0, 8)).capacity(OptionalInt.of(50))
                .anonymousRegistration(anonymous).build();
        engine.events().create(copy, "organisator");
        return copy;
    }

    private String page(String path) throws Exception {
        return mvc.perform(get(path).header("Accept-Language", "en")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void a_visitor_may_register_anonymously_or_log_in_to_register_with_their_institutions_details()
            throws Exception {
        Event event = copy(true);

        String eventPage = page("/events/" + event.id());
        String form = page("/events/" + event.id() + "/register");

        assertThat(eventPage).contains("id=\"register-link\"", "id=\"sign-in-to-register\"",
                signInReturningTo("/events/" + event.id()),
                "Log in to register with your institution’s details").doesNotContain("id=\"login-required\"");
        assertThat(form).contains("id=\"register-form\"", "id=\"sign-in-to-register\"",
                        signInReturningTo("/events/" + event.id() + "/register"))
                .doesNotContain("readonly");
    }

    @Test
    void where_only_vouched_registrations_count_the_pages_lead_to_logging_in() throws Exception {
        Event event = copy(false);

        String eventPage = page("/events/" + event.id());
        String form = page("/events/" + event.id() + "/register");

        assertThat(eventPage).contains("id=\"login-required\"", "id=\"sign-in-to-register\"",
                        signInReturningTo("/events/" + event.id()))
                .doesNotContain("id=\"register-link\"");
        assertThat(form).contains("id=\"login-required\"", signInReturningTo("/events/" + event.id() + "/register"))
                .doesNotContain("id=\"register-form\"");
    }
}
