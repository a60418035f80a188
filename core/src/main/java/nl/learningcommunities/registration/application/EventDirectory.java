package nl.learningcommunities.registration.application;

import java.util.List;
import java.util.Optional;

import nl.learningcommunities.registration.booking.SeatCounts;
import nl.learningcommunities.registration.event.Event;

/**
 * The events people can register for. Thread-safe.
 */
public interface EventDirectory {

    /**
     * Publishes an event, or a changed definition of one: it goes into the catalogue and its seats into the
     * store. Counts are kept; a raised capacity promotes from the waiting list.
     *
     * @param event the event
     * @throws nl.learningcommunities.registration.DefinitionException when its capacity is below the seats
     *         already taken; nothing changes then
     */
    void publish(Event event);

    /**
     * @param events events to publish, in order
     */
    void publishAll(List<Event> events);

    /**
     * @param eventId an event id
     * @return the event, if published
     */
    Optional<Event> find(String eventId);

    /** @return the public events, ordered by start */
    List<Event> listed();

    /** @return every event, including invitation-only ones, ordered by start */
    List<Event> all();

    /**
     * @param eventId an event
     * @return how its seats stand
     * @throws nl.learningcommunities.registration.EventNotFoundException when unknown
     */
    SeatCounts counts(String eventId);

    /**
     * @param eventId an event
     * @return whether registration is open now
     * @throws nl.learningcommunities.registration.EventNotFoundException when unknown
     */
    boolean isRegistrationOpen(String eventId);
}
