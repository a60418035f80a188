package nl.learningcommunities.registration.examples.portal;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

import nl.learningcommunities.registration.mail.Links;

/**
 * The portal's pages as the e-mails link to them: under {@code registration.base-url}, or, when that is not set,
 * under {@code http://localhost:<the port the server listens on>}.
 */
final class PortalLinks implements Links, ApplicationListener<WebServerInitializedEvent> {

    private final Optional<URI> configured;
    private volatile URI base = URI.create("http://localhost:8080");

    PortalLinks(Optional<URI> configured) {
        this.configured = configured;
        configured.ifPresent(uri -> base = uri);
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (configured.isEmpty()) {
            base = URI.create("http://localhost:" + event.getWebServer().getPort());
        }
    }

    @Override
    public URI manage(UUID registrationId, String token) {
        return Links.under(base).manage(registrationId, token);
    }

    @Override
    public URI verify(UUID registrationId, String token) {
        return Links.under(base).verify(registrationId, token);
    }

    @Override
    public URI event(String eventId) {
        return Links.under(base).event(eventId);
    }
}
