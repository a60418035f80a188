package nl.learningcommunities.registration.booking;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How an event's seats stand.
 *
 * <p>Immutable and thread-safe.
 *
 * @param eventId   the event
 * @param capacity  the event's seats; empty means unlimited
 * @param confirmed confirmed registrations
 * @param offered   waitlisted registrations holding an offered seat
 * @param waiting   waitlisted registrations without an offer
 * @param pending   registrations awaiting verification or approval
 * @param sessions  per session id: seats, seated and waiting
 */
public record SeatCounts(String eventId, OptionalInt capacity, int confirmed, int offered, int waiting, int pending,
                         Map<String, SessionCounts> sessions) {

    /** Checks and copies the components. */
    public SeatCounts {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(capacity, "capacity");
        sessions = Map.copyOf(sessions);
    }

    /** @return seats neither confirmed nor offered; empty when unlimited */
    public OptionalInt seatsLeft() {
        return capacity.isPresent()
                ? OptionalInt.of(Math.max(0, capacity.getAsInt() - confirmed - offered)) : OptionalInt.empty();
    }

    /**
     * How a session's seats stand.
     *
     * @param capacity the session's seats; empty means unlimited
     * @param seated   seated participants
     * @param waiting  participants on the session's waiting list
     */
    public record SessionCounts(OptionalInt capacity, int seated, int waiting) {
        /** Checks the component. */
        public SessionCounts {
            Objects.requireNonNull(capacity, "capacity");
        }
    }
}
