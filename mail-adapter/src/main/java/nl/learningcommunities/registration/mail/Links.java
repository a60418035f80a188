package nl.learningcommunities.registration.mail;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * The links in e-mails, which point into the host's portal. Implementations must be thread-safe.
 */
public interface Links {

    /**
     * @param registrationId the registration
     * @param token          the personal token
     * @return the page where the participant views, changes or cancels the registration (and answers an offer)
     */
    URI manage(UUID registrationId, String token);

    /**
     * @param registrationId the registration
     * @param token          the verification token
     * @return the page that confirms the participant's address
     */
    URI verify(UUID registrationId, String token);

    /**
     * @param eventId the event
     * @return the event's page
     */
    URI event(String eventId);

    /**
     * Links under one base URL: {@code {base}/registrations/{id}?token=…},
     * {@code {base}/registrations/{id}/verify?token=…} and {@code {base}/events/{eventId}}.
     *
     * @param base the portal's base URL, for example {@code https://intranet.example.nl/registratie}
     * @return the links
     */
    static Links under(URI base) {
        Objects.requireNonNull(base, "base");
        String root = base.toString().replaceAll("/+$", "");
        return new Links() {
            @Override
            public URI manage(UUID registrationId, String token) {
                return URI.create(root + "/registrations/" + registrationId + "?token=" + encode(token));
            }

            @Override
            public URI verify(UUID registrationId, String token) {
                return URI.create(root + "/registrations/" + registrationId + "/verify?token=" + encode(token));
            }

            @Override
            public URI event(String eventId) {
                return URI.create(root + "/events/" + encode(eventId));
            }

            private String encode(String value) {
                return URLEncoder.encode(value, StandardCharsets.UTF_8);
            }
        };
    }
}
