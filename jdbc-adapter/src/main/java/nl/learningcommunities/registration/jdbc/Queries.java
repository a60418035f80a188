package nl.learningcommunities.registration.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.SeatCounts;
import nl.learningcommunities.registration.participant.EmailAddress;

/**
 * The store's reads: registrations by id, address, idempotency key or event (in pages, in arrival order), places in
 * line and seat counts. Each read is a transaction of its own, or one per page for a listing.
 *
 * <p>Thread-safe.
 */
final class Queries {

    private static final int PAGE = 500;

    private final Transactor transactor;
    private final Tables tables;
    private final Rows rows;

    Queries(Transactor transactor, Tables tables, Rows rows) {
        this.transactor = transactor;
        this.tables = tables;
        this.rows = rows;
    }

    List<Registration> admittedWith(String eventId, String idempotencyKey) {
        return transactor.inTransaction("reading an idempotency key", c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT registration_ids FROM " + tables.idempotencyKeys
                    + " WHERE event_id = ? AND idem_key = ?")) {
                s.setString(1, eventId);
                s.setString(2, idempotencyKey);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        ids.addAll(List.of(rs.getString(1).split(",")));
                    }
                }
            }
            Map<String, Registration> loaded = new HashMap<>();
            rows.loadAll(c, ids).forEach(r -> loaded.put(r.id().toString(), r));
            return ids.stream().map(loaded::get).filter(Objects::nonNull).toList();
        });
    }

    Optional<Registration> find(UUID registrationId) {
        return transactor.inTransaction("reading registration " + registrationId, c -> rows.load(c, registrationId));
    }

    Optional<Registration> findActive(String eventId, EmailAddress email) {
        List<Registration> found = byIds("SELECT id FROM " + tables.registrations
                + " WHERE event_id = ? AND active_email_key = ?", eventId, email.key());
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    List<Registration> findByEmail(EmailAddress email) {
        return byIds("SELECT id FROM " + tables.registrations + " WHERE email_key = ? ORDER BY created_at, arrival",
                email.key());
    }

    private List<Registration> byIds(String sql, String... args) {
        return transactor.inTransaction("reading registrations", c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                Rows.bindIds(s, List.of(args));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return rows.loadAll(c, ids);
        });
    }

    void forEach(RegistrationQuery query, Consumer<Registration> action) {
        long after = Long.MIN_VALUE;
        long skipped = 0;
        long given = 0;
        String statuses = query.statuses().isEmpty() ? ""
                : " AND status IN (" + "?, ".repeat(query.statuses().size() - 1) + "?)";
        while (given < query.limit()) {
            long from = after;
            Map<Long, Registration> page = transactor.inTransaction("listing registrations", c -> {
                Map<Long, String> ids = new LinkedHashMap<>();
                try (PreparedStatement s = c.prepareStatement("SELECT arrival, id FROM " + tables.registrations
                        + " WHERE event_id = ? AND arrival > ?" + statuses + " ORDER BY event_id, arrival LIMIT " + PAGE)) {
                    s.setString(1, query.eventId());
                    s.setLong(2, from);
                    int i = 3;
                    for (RegistrationStatus status : query.statuses()) {
                        s.setString(i++, status.name());
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            ids.put(rs.getLong(1), rs.getString(2));
                        }
                    }
                }
                Map<String, Registration> loaded = new HashMap<>();
                rows.loadAll(c, new ArrayList<>(ids.values())).forEach(r -> loaded.put(r.id().toString(), r));
                Map<Long, Registration> ordered = new LinkedHashMap<>();
                ids.forEach((arrival, id) -> ordered.put(arrival, loaded.get(id)));
                return ordered;
            });
            if (page.isEmpty()) {
                return;
            }
            for (Map.Entry<Long, Registration> entry : page.entrySet()) {
                after = entry.getKey();
                Registration registration = entry.getValue();
                if (registration == null || !query.matches(registration)) {
                    continue;
                }
                if (skipped < query.offset()) {
                    skipped++;
                } else if (given < query.limit()) {
                    action.accept(registration);
                    given++;
                }
            }
        }
    }

    OptionalLong placeInLine(Registration registration) {
        if (!registration.isWaiting()) {
            return OptionalLong.empty();
        }
        long ahead = transactor.inTransaction("placing " + registration.id() + " in line", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + tables.registrations
                    + " WHERE event_id = ? AND status = 'WAITLISTED' AND offer_expires_at IS NULL"
                    + " AND waitlist_position < ?")) {
                s.setString(1, registration.eventId());
                s.setLong(2, registration.waitlistPosition().getAsLong());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return OptionalLong.of(ahead + 1);
    }

    SeatCounts counts(String eventId) {
        return transactor.inTransaction("counting seats of " + eventId, c -> {
            OptionalInt capacity = OptionalInt.empty();
            try (PreparedStatement s = c.prepareStatement("SELECT capacity FROM " + tables.seatLedger
                    + " WHERE event_id = ?")) {
                s.setString(1, eventId);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        int value = rs.getInt(1);
                        capacity = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
                    }
                }
            }
            int confirmed = 0;
            int offered = 0;
            int waiting = 0;
            int pending = 0;
            try (PreparedStatement s = c.prepareStatement("SELECT status, offer_expires_at IS NULL, COUNT(*) FROM "
                    + tables.registrations + " WHERE event_id = ? GROUP BY status, offer_expires_at IS NULL")) {
                s.setString(1, eventId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        RegistrationStatus status = RegistrationStatus.valueOf(rs.getString(1));
                        int count = rs.getInt(3);
                        switch (status) {
                            case CONFIRMED -> confirmed += count;
                            case WAITLISTED -> {
                                if (rs.getBoolean(2)) {
                                    waiting += count;
                                } else {
                                    offered += count;
                                }
                            }
                            case PENDING_APPROVAL, PENDING_VERIFICATION -> pending += count;
                            default -> {
                            }
                        }
                    }
                }
            }
            Map<String, Integer> sessionWaiting = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT session_id, COUNT(*) FROM "
                    + tables.registrationSessions + " WHERE event_id = ? AND placement = 'WAITLISTED'"
                    + " GROUP BY session_id")) {
                s.setString(1, eventId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        sessionWaiting.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            Map<String, SeatCounts.SessionCounts> sessions = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT session_id, capacity, seated FROM "
                    + tables.sessionLedger + " WHERE event_id = ? ORDER BY session_id")) {
                s.setString(1, eventId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        int value = rs.getInt(2);
                        OptionalInt sessionCapacity = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
                        sessions.put(rs.getString(1), new SeatCounts.SessionCounts(sessionCapacity, rs.getInt(3),
                                sessionWaiting.getOrDefault(rs.getString(1), 0)));
                    }
                }
            }
            return new SeatCounts(eventId, capacity, confirmed, offered, waiting, pending, sessions);
        });
    }
}
