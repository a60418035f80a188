package nl.learningcommunities.registration.booking;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which registrations of an event to list, in order of arrival (creation time, then id).
 *
 * <p>Immutable and thread-safe.
 *
 * @param eventId  the event
 * @param statuses the statuses to include; empty means all
 * @param text     text to look for in name, address or organisation (without regard to case), if any
 * @param offset   how many to skip
 * @param limit    the most to return
 */
public record RegistrationQuery(String eventId, Set<RegistrationStatus> statuses, Optional<String> text,
                                int offset, int limit) {

    /** Checks the components. */
    public RegistrationQuery {
        Objects.requireNonNull(eventId, "eventId");
        statuses = Set.copyOf(statuses);
        Objects.requireNonNull(text, "text");
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
    }

    /**
     * @param eventId the event
     * @return every registration of the event
     */
    public static RegistrationQuery all(String eventId) {
        return new RegistrationQuery(eventId, Set.of(), Optional.empty(), 0, Integer.MAX_VALUE);
    }

    /**
     * @param registration a registration
     * @return whether it matches this query's status and text filters
     */
    public boolean matches(Registration registration) {
        if (!registration.eventId().equals(eventId)) {
            return false;
        }
        if (!statuses.isEmpty() && !statuses.contains(registration.status())) {
            return false;
        }
        return text.map(t -> {
            String needle = t.strip().toLowerCase(java.util.Locale.ROOT);
            var p = registration.participant();
            return (p.fullName() + "\n" + p.email().value() + "\n" + p.organisation())
                    .toLowerCase(java.util.Locale.ROOT).contains(needle);
        }).orElse(true);
    }
}
