package nl.learningcommunities.registration.inmemory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import nl.learningcommunities.registration.booking.SeatPlan;

/** The seat ledger and indexes of one event. Guarded by its own monitor; touched only while holding it. */
final class EventBook {

    final String eventId;
    SeatPlan plan;
    int seatsTaken;
    long lastPosition;
    final Map<String, UUID> activeByEmail = new HashMap<>();
    final Map<String, Integer> perOrganisation = new HashMap<>();
    final Map<String, Integer> codeUses = new HashMap<>();
    final TreeMap<Long, UUID> waiting = new TreeMap<>();
    final Set<UUID> offered = new HashSet<>();
    final Map<String, SessionBook> sessions = new HashMap<>();
    final List<UUID> arrivals = new ArrayList<>();
    /** The registrations each idempotency key admitted. */
    final Map<String, List<UUID>> admittedWith = new HashMap<>();

    EventBook(String eventId) {
        this.eventId = eventId;
    }

    SessionBook session(String sessionId) {
        return sessions.computeIfAbsent(sessionId, id -> new SessionBook());
    }

    static final class SessionBook {
        int seated;
        long lastPosition;
        final TreeMap<Long, UUID> waiting = new TreeMap<>();
    }
}
