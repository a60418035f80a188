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

/** The seat ledger of one event. Guarded by its own monitor; every field is touched only while holding it. */
final class EventBook {

    final String eventId;
    SeatPlan plan;
    final Map<String, UUID> activeByEmail = new HashMap<>();
    final Map<String, Integer> perOrganisation = new HashMap<>();
    final Map<String, Integer> codeUses = new HashMap<>();
    int seatsTaken;
    final TreeMap<Long, UUID> waiting = new TreeMap<>();
    long lastPosition;
    final Set<UUID> offered = new HashSet<>();
    final Map<String, SessionBook> sessions = new HashMap<>();
    final List<UUID> arrivals = new ArrayList<>();

    EventBook(String eventId) {
        this.eventId = eventId;
    }

    SessionBook session(String sessionId) {
        return sessions.computeIfAbsent(sessionId, id -> new SessionBook());
    }

    static final class SessionBook {
        int seated;
        final TreeMap<Long, UUID> waiting = new TreeMap<>();
        long lastPosition;
    }
}
