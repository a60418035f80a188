package nl.learningcommunities.registration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventCatalogue;
import nl.learningcommunities.registration.event.EventRevision;
import nl.learningcommunities.registration.event.FieldChange;
import nl.learningcommunities.registration.event.StoredEvent;
import nl.learningcommunities.registration.json.EventDefinitions;

/**
 * Events kept in the database as their JSON definitions, with every revision in {@code event_revisions} and an
 * entry in the audit trail. A save is a compare-and-set on the event row's revision number, in one transaction with
 * its revision row and audit entry. {@link #find} serves a definition from memory for a short time after each read,
 * so that a rush on one event does not read it for every registration; {@link #stored} and {@link #history} always
 * read the database. Thread-safe.
 */
final class JdbcEventCatalogue implements EventCatalogue {

    private record Parsed(String definition, Event event, long readAtNanos) {
    }

    private static final int DETAILS = 2000;
    private static final TypeReference<List<FieldChange>> CHANGES = new TypeReference<>() {
    };

    private final Transactor transactor;
    private final Tables tables;
    private final EventDefinitions definitions = EventDefinitions.create();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();
    private final long freshNanos;

    JdbcEventCatalogue(Transactor transactor, Tables tables, Duration cacheTime) {
        this.transactor = transactor;
        this.tables = tables;
        this.freshNanos = cacheTime.toNanos();
    }

    @Override
    public Optional<Event> find(String eventId) {
        Parsed known = parsed.get(eventId);
        if (known != null && System.nanoTime() - known.readAtNanos() < freshNanos) {
            return Optional.of(known.event());
        }
        return stored(eventId).map(StoredEvent::event);
    }

    @Override
    public List<Event> all() {
        List<String[]> rows = transactor.inTransaction("reading events", c -> {
            List<String[]> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, definition FROM " + tables.events
                    + " ORDER BY starts_at, id")) {
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            return found;
        });
        return rows.stream().map(row -> parse(row[0], row[1])).toList();
    }

    @Override
    public Optional<StoredEvent> stored(String eventId) {
        if (eventId == null) {
            return Optional.empty();
        }
        Optional<String[]> row = transactor.inTransaction("reading event " + eventId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT definition, revision, imported_definition FROM "
                    + tables.events + " WHERE id = ?")) {
                s.setString(1, eventId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                            : Optional.empty();
                }
            }
        });
        return row.map(r -> new StoredEvent(parse(eventId, r[0]), Long.parseLong(r[1]),
                Optional.ofNullable(r[2]).map(this::read)));
    }

    @Override
    public List<EventRevision> history(String eventId) {
        if (eventId == null) {
            return List.of();
        }
        return transactor.inTransaction("reading the history of " + eventId, c -> {
            List<EventRevision> revisions = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT revision, at, actor, action, changes, definition"
                    + " FROM " + tables.eventRevisions + " WHERE event_id = ? ORDER BY revision")) {
                s.setString(1, eventId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        revisions.add(new EventRevision(eventId, rs.getLong(1), Rows.instant(rs.getLong(2)),
                                rs.getString(3), rs.getString(4), json.readValue(rs.getString(5), CHANGES),
                                read(rs.getString(6))));
                    }
                }
            }
            return revisions;
        });
    }

    @Override
    public boolean save(EventRevision revision, Optional<Event> imported) {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(imported, "imported");
        Event event = revision.event();
        String definition = write(event);
        Optional<String> base = imported.map(this::write);
        boolean saved = transactor.inTransaction("saving revision " + revision.number() + " of " + event.id(),
                new Transactor.Work<Boolean>() {
                    @Override
                    public Boolean run(Connection c) throws SQLException {
                        if (!(revision.number() == 1 ? insert(c, revision, definition, base)
                                : advance(c, revision, definition, base))) {
                            return false;
                        }
                        record(c, revision, definition);
                        return true;
                    }

                    @Override
                    public boolean commit(Boolean result) {
                        return result;
                    }
                });
        if (saved) {
            parsed.put(event.id(), new Parsed(definition, event, System.nanoTime()));
        }
        return saved;
    }

    private boolean insert(Connection c, EventRevision revision, String definition, Optional<String> base)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + tables.events + " WHERE id = ?")) {
            s.setString(1, revision.eventId());
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + tables.events
                + " (id, definition, starts_at, updated_at, revision, imported_definition) VALUES (?, ?, ?, ?, 1, ?)")) {
            s.setString(1, revision.eventId());
            s.setString(2, definition);
            s.setLong(3, Rows.micros(revision.event().startsAt().toInstant()));
            s.setLong(4, Rows.micros(revision.at()));
            s.setString(5, base.orElse(null));
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Transactor.duplicate(e)) {
                // another node inserted the same event between our look and our insert: it won
                throw new SQLException("another node published " + revision.eventId() + " first", "40001", e);
            }
            throw e;
        }
    }

    private boolean advance(Connection c, EventRevision revision, String definition, Optional<String> base)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + tables.events + " SET definition = ?,"
                + " starts_at = ?, updated_at = ?, revision = ?, imported_definition = COALESCE(?, imported_definition)"
                + " WHERE id = ? AND revision = ?")) {
            s.setString(1, definition);
            s.setLong(2, Rows.micros(revision.event().startsAt().toInstant()));
            s.setLong(3, Rows.micros(revision.at()));
            s.setLong(4, revision.number());
            s.setString(5, base.orElse(null));
            s.setString(6, revision.eventId());
            s.setLong(7, revision.number() - 1);
            return s.executeUpdate() == 1;
        }
    }

    private void record(Connection c, EventRevision revision, String definition) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + tables.eventRevisions
                + " (event_id, revision, at, actor, action, changes, definition) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, revision.eventId());
            s.setLong(2, revision.number());
            s.setLong(3, Rows.micros(revision.at()));
            s.setString(4, revision.actor());
            s.setString(5, revision.action());
            s.setString(6, json.writeValueAsString(revision.changes()));
            s.setString(7, definition);
            s.executeUpdate();
        }
        String details = "revision " + revision.number() + (revision.changes().isEmpty() ? "" : ": "
                + revision.changes().stream().map(FieldChange::field).collect(Collectors.joining(", ")));
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + tables.auditTrail
                + " (at, actor, action, event_id, registration_id, details) VALUES (?, ?, ?, ?, NULL, ?)")) {
            s.setLong(1, Rows.micros(revision.at()));
            s.setString(2, revision.actor());
            s.setString(3, "event-" + revision.action());
            s.setString(4, revision.eventId());
            s.setString(5, details.length() > DETAILS ? details.substring(0, DETAILS) : details);
            s.executeUpdate();
        }
    }

    private String write(Event event) {
        return definitions.write(List.of(event));
    }

    private Event read(String definition) {
        return definitions.read(definition).get(0);
    }

    private Event parse(String id, String definition) {
        Parsed known = parsed.get(id);
        Event event = known != null && known.definition().equals(definition) ? known.event() : read(definition);
        parsed.put(id, new Parsed(definition, event, System.nanoTime()));
        return event;
    }
}
