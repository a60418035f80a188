package nl.learningcommunities.registration.event;

import java.util.List;
import java.util.Optional;

/**
 * Port: where the engine finds the events people register for. Implementations must be thread-safe.
 */
public interface EventCatalogue {

    /**
     * @param eventId an event id
     * @return the event, if known
     */
    Optional<Event> find(String eventId);

    /** @return every event, ordered by start */
    List<Event> all();

    /**
     * Adds or replaces an event definition.
     *
     * @param event the event
     */
    void save(Event event);
}
