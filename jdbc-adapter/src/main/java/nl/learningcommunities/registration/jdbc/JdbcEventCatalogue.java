package nl.learningcommunities.registration.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventCatalogue;
import nl.learningcommunities.registration.json.EventDefinitions;

/**
 * Events kept in the database as their JSON definitions, parsed once per stored version, and served from
 * memory for a short time after each read, so that a rush on one event does not read its definition for every
 * registration. Thread-safe.
 */
final class JdbcEventCatalogue implements EventCatalogue {

    private record Parsed(String definition, Event event, long readAtNanos) {
    }

    private final Transactor transactor;
    private final Tables tables;
    private final Dialect dialect;
    private final Clock clock;
    private final EventDefinitions definitions = EventDefinitions.create();
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();
    private final long freshNanos;

    JdbcEventCatalogue(Transactor transactor, Tables tables, Dialect dialect, Clock clock,
                       java.time.Duration cacheTime) {
        this.transactor = transactor;
        this.tables = tables;
        this.dialect = dialect;
        this.clock = clock;
        this.freshNanos = cacheTime.toNanos();
    }

    @Override
    public Optional<Event> find(String eventId) {
        Parsed known = parsed.get(eventId);
        if (known != null && System.nanoTime() - known.readAtNanos() < freshNanos) {
            return Optional.of(known.event());
        }
        List<Event> found = query("SELECT id, definition FROM " + tables.events + " WHERE id = ?", eventId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<Event> all() {
        return query("SELECT id, definition FROM " + tables.events + " ORDER BY starts_at, id", null);
    }

    @Override
    public void save(Event event) {
        Objects.requireNonNull(event, "event");
        String definition = definitions.write(List.of(event));
        transactor.inTransaction("saving event " + event.id(), c -> {
            try (PreparedStatement s = c.prepareStatement(dialect.upsertEvent(tables.events))) {
                s.setString(1, event.id());
                s.setString(2, definition);
                s.setLong(3, Rows.micros(event.startsAt().toInstant()));
                s.setLong(4, Rows.micros(clock.instant()));
                s.executeUpdate();
            }
            return null;
        });
        parsed.put(event.id(), new Parsed(definition, event, System.nanoTime()));
    }

    private List<Event> query(String sql, String id) {
        List<String[]> rows = transactor.inTransaction("reading events", c -> {
            List<String[]> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                if (id != null) {
                    s.setString(1, id);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            return found;
        });
        List<Event> events = new ArrayList<>();
        long now = System.nanoTime();
        for (String[] row : rows) {
            Parsed known = parsed.get(row[0]);
            Event event = known != null && known.definition().equals(row[1]) ? known.event()
                    : definitions.read(row[1]).get(0);
            parsed.put(row[0], new Parsed(row[1], event, now));
            events.add(event);
        }
        return events;
    }
}
