package nl.learningcommunities.registration.event;

import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A part of an event that participants pick, such as a workshop round, with a capacity and a waiting list of
 * its own. Two sessions that overlap in time cannot both be picked.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id          the session's id, unique within its event
 * @param title       title per language
 * @param startsAt    start
 * @param endsAt      end, after the start
 * @param capacity    seats; empty means unlimited. A full session puts new picks on its own waiting list.
 */
public record Session(String id, LocalizedText title, ZonedDateTime startsAt, ZonedDateTime endsAt,
                      OptionalInt capacity) {

    /** Checks the components. */
    public Session {
        Ids.requireSlug(id, "session id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        capacity = capacity == null ? OptionalInt.empty() : capacity;
        if (!endsAt.isAfter(startsAt)) {
            throw new InvalidEventException("sessions", "event.ends-before-start", "session " + id + " must end after it starts", id);
        }
        if (capacity.isPresent() && capacity.getAsInt() < 0) {
            throw new InvalidEventException("sessions", "field.invalid", "session " + id + " capacity must not be negative", id);
        }
    }

    /**
     * @param other another session
     * @return whether the two share any moment (touching end and start do not overlap)
     */
    public boolean overlaps(Session other) {
        return startsAt.isBefore(other.endsAt) && other.startsAt.isBefore(endsAt);
    }
}
