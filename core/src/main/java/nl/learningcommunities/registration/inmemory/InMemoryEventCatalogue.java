package nl.learningcommunities.registration.inmemory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventCatalogue;

/** An {@link EventCatalogue} in memory. Thread-safe. */
public final class InMemoryEventCatalogue implements EventCatalogue {

    private final Map<String, Event> events = new ConcurrentHashMap<>();

    private InMemoryEventCatalogue() {
    }

    /** @return a new, empty catalogue */
    public static InMemoryEventCatalogue create() {
        return new InMemoryEventCatalogue();
    }

    @Override
    public Optional<Event> find(String eventId) {
        return Optional.ofNullable(events.get(eventId));
    }

    @Override
    public List<Event> all() {
        return events.values().stream().sorted(Comparator.comparing(Event::startsAt).thenComparing(Event::id)).toList();
    }

    @Override
    public void save(Event event) {
        Objects.requireNonNull(event, "event");
        events.put(event.id(), event);
    }
}
