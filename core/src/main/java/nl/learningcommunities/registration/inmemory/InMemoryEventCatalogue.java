package nl.learningcommunities.registration.inmemory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventCatalogue;
import nl.learningcommunities.registration.event.EventRevision;
import nl.learningcommunities.registration.event.StoredEvent;

/** An {@link EventCatalogue} in memory, with every revision kept. Thread-safe: each event's entry is replaced atomically. */
public final class InMemoryEventCatalogue implements EventCatalogue {

    private record Entry(StoredEvent stored, List<EventRevision> history) {
    }

    private final Map<String, Entry> events = new ConcurrentHashMap<>();

    private InMemoryEventCatalogue() {
    }

    /** @return a new, empty catalogue */
    public static InMemoryEventCatalogue create() {
        return new InMemoryEventCatalogue();
    }

    @Override
    public Optional<Event> find(String eventId) {
        return stored(eventId).map(StoredEvent::event);
    }

    @Override
    public List<Event> all() {
        return events.values().stream().map(e -> e.stored().event())
                .sorted(Comparator.comparing((Event e) -> e.startsAt().toInstant()).thenComparing(Event::id)).toList();
    }

    @Override
    public Optional<StoredEvent> stored(String eventId) {
        return Optional.ofNullable(eventId).map(events::get).map(Entry::stored);
    }

    @Override
    public List<EventRevision> history(String eventId) {
        return Optional.ofNullable(eventId).map(events::get).map(Entry::history).orElse(List.of());
    }

    @Override
    public boolean save(EventRevision revision, Optional<Event> imported) {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(imported, "imported");
        boolean[] saved = {false};
        events.compute(revision.eventId(), (id, entry) -> {
            long current = entry == null ? 0 : entry.stored().revision();
            if (current != revision.number() - 1) {
                return entry;
            }
            List<EventRevision> history = new ArrayList<>(entry == null ? List.of() : entry.history());
            history.add(revision);
            Optional<Event> base = imported.isPresent() ? imported
                    : entry == null ? Optional.empty() : entry.stored().imported();
            saved[0] = true;
            return new Entry(new StoredEvent(revision.event(), revision.number(), base), List.copyOf(history));
        });
        return saved[0];
    }
}
