package nl.learningcommunities.registration.examples.portal;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

/**
 * Keeps a participant on their registration's page after an action, without the personal link's token in any
 * address: the token is remembered in the browser's session, by registration id, for a short while, so that the
 * redirect after a form (and a reload of the page it leads to) carries no token in {@code Location}, history or
 * logs. The token itself still decides: the library checks it on every request, so a link revoked meanwhile stops
 * working here too. Thread-safe.
 */
@Component
final class ManageAccess {

    /** How long after the last action the page opens without the link. */
    static final Duration LIFETIME = Duration.ofMinutes(15);

    private static final String ATTRIBUTE = ManageAccess.class.getName();

    private final Clock clock;

    ManageAccess(Clock clock) {
        this.clock = clock;
    }

    /** A token remembered until a moment. */
    private record Grant(String token, Instant until) implements Serializable {
    }

    /**
     * Remembers a token that just opened a registration.
     *
     * @param session        the browser's session
     * @param registrationId the registration
     * @param token          the token of its personal link
     */
    void remember(HttpSession session, UUID registrationId, String token) {
        grants(session).put(registrationId, new Grant(token, clock.instant().plus(LIFETIME)));
    }

    /**
     * @param session        the browser's session, if it has one
     * @param registrationId a registration
     * @return the token remembered for it, while it is remembered
     */
    Optional<String> token(HttpSession session, UUID registrationId) {
        if (session == null) {
            return Optional.empty();
        }
        Map<UUID, Grant> grants = grants(session);
        Instant now = clock.instant();
        grants.values().removeIf(grant -> !now.isBefore(grant.until()));
        return Optional.ofNullable(grants.get(registrationId)).map(Grant::token);
    }

    @SuppressWarnings("unchecked")
    private static Map<UUID, Grant> grants(HttpSession session) {
        synchronized (WebUtils.getSessionMutex(session)) {
            Object grants = session.getAttribute(ATTRIBUTE);
            if (grants == null) {
                grants = new ConcurrentHashMap<UUID, Grant>();
                session.setAttribute(ATTRIBUTE, grants);
            }
            return (Map<UUID, Grant>) grants;
        }
    }
}
