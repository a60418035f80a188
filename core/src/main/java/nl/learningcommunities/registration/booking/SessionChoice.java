package nl.learningcommunities.registration.booking;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A session a participant picked, and where they stand in it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sessionId the session
 * @param placement requested (no event seat yet), seated or waitlisted
 * @param position  the place in the session's waiting list (order of arrival), when waitlisted
 */
public record SessionChoice(String sessionId, Placement placement, OptionalLong position) {

    /** Checks the components. */
    public SessionChoice {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(position, "position");
        if ((placement == Placement.WAITLISTED) != position.isPresent()) {
            throw new IllegalArgumentException("a waiting-list position goes with, and only with, WAITLISTED");
        }
    }

    /**
     * @param sessionId a session
     * @return a choice not yet placed
     */
    public static SessionChoice requested(String sessionId) {
        return new SessionChoice(sessionId, Placement.REQUESTED, OptionalLong.empty());
    }

    /** Where a participant stands in a session. */
    public enum Placement {
        /** Picked, but the registration holds no event seat yet. */
        REQUESTED,
        /** Has a seat in the session. */
        SEATED,
        /** On the session's own waiting list. */
        WAITLISTED
    }
}
