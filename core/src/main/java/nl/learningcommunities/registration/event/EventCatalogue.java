package nl.learningcommunities.registration.event;

import java.util.List;
import java.util.Optional;

/**
 * Port: where published events live, each with its numbered revisions. Once an event is published the catalogue
 * owns it; definition files are imports into it and never its source of truth.
 *
 * <p>{@link #save} is a compare-and-set on the revision number, so that two organisers (or two nodes) editing
 * the same event never overwrite each other silently: the second one's save is refused and it must read again.
 * The contract suite in the test-jar ({@code EventLifecycleContract}) holds every implementation to this, through
 * the engine.
 *
 * <p>Implementations must be thread-safe, also when several application nodes share the catalogue. Failures of
 * the storage itself are thrown as {@link RuntimeException}s of the adapter (a
 * {@code nl.learningcommunities.registration.RegistrationException} for the library's own).
 */
public interface EventCatalogue {

    /**
     * @param eventId an event id
     * @return the event as it stands, if published
     */
    Optional<Event> find(String eventId);

    /** @return every published event as it stands, ordered by start, then id */
    List<Event> all();

    /**
     * @param eventId an event id
     * @return the event with its revision number and last imported definition, if published
     */
    Optional<StoredEvent> stored(String eventId);

    /**
     * @param eventId an event id
     * @return its revisions, oldest first; empty when the event is unknown
     */
    List<EventRevision> history(String eventId);

    /**
     * Stores a revision as the event's current state, if the revision before it is the current one: revision 1
     * when the event is unknown, revision n when n - 1 is current. Otherwise nothing changes.
     *
     * @param revision the revision, holding the event as it stands after it
     * @param imported the definition the revision was imported from, to keep as the base of the next import;
     *                 empty keeps the base stored before
     * @return true when stored; false when another revision got there first (the caller reads again)
     */
    boolean save(EventRevision revision, Optional<Event> imported);
}
