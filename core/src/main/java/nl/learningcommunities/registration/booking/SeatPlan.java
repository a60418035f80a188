package nl.learningcommunities.registration.booking;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventStatus;
import nl.learningcommunities.registration.event.Promotion;
import nl.learningcommunities.registration.event.Session;

/**
 * What a store needs to know to claim seats atomically for an event: the capacities, whether a full event
 * takes a waiting list, how freed seats go to it, and the per-organisation limit. The store keeps the seat
 * plan itself, so that a capacity change and a concurrent claim can never overbook.
 *
 * <p>Immutable and thread-safe.
 *
 * @param eventId           the event
 * @param capacity          the event's seats; empty means unlimited
 * @param waitingList       whether a full event takes a waiting list
 * @param promotion         how a freed seat goes to the waiting list
 * @param organisationLimit at most this many active registrations per organisation, if limited
 * @param sessionCapacities seats per session id; empty means unlimited
 * @param status            whether the event takes new registrations: only when {@code OPEN}; the store refuses
 *                          others under its lock ({@code registration.closed}, {@code event.cancelled}), so that no
 *                          node admits anyone after an organiser closed or cancelled the event
 */
public record SeatPlan(String eventId, OptionalInt capacity, boolean waitingList, Promotion promotion,
                       OptionalInt organisationLimit, Map<String, OptionalInt> sessionCapacities,
                       EventStatus status) {

    /** Checks and copies the components. */
    public SeatPlan {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(promotion, "promotion");
        Objects.requireNonNull(organisationLimit, "organisationLimit");
        sessionCapacities = Map.copyOf(sessionCapacities);
        Objects.requireNonNull(status, "status");
    }

    /**
     * @param event an event definition
     * @return its seat plan
     */
    public static SeatPlan of(Event event) {
        Map<String, OptionalInt> sessions = new java.util.HashMap<>();
        for (Session session : event.sessions()) {
            sessions.put(session.id(), session.capacity());
        }
        return new SeatPlan(event.id(), event.capacity(), event.waitingList(), event.promotion(),
                event.organisationLimit(), sessions, event.status());
    }

    /**
     * @param capacity the new event capacity
     * @return this plan with another event capacity
     */
    public SeatPlan withCapacity(OptionalInt capacity) {
        return new SeatPlan(eventId, capacity, waitingList, promotion, organisationLimit, sessionCapacities, status);
    }
}
