package nl.learningcommunities.registration.inmemory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import nl.learningcommunities.registration.booking.SeatPlan;

/**
 * The seat ledger and indexes of one event. Guarded by its own monitor; touched only while holding it, except
 * {@link #unpublished}, which the admitting thread empties when it has stored the registration.
 */
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
    /** The registrations whose place the book holds while they are being built outside the lock. */
    final Map<UUID, Unpublished> unpublished = new ConcurrentHashMap<>();

    EventBook(String eventId) {
        this.eventId = eventId;
    }

    /**
     * Runs work under this book's lock. Work that meets a registration whose admission failed
     * ({@link Unpublished.Withdrawing}) has undone itself; it runs again once the book let go of that
     * registration's place. Never call it while holding the lock already.
     *
     * @param work what to do
     * @param <T>  what it gives
     * @return what it gave
     */
    <T> T locked(Supplier<T> work) {
        while (true) {
            Unpublished withdrawing;
            synchronized (this) {
                try {
                    return work.get();
                } catch (Unpublished.Withdrawing e) {
                    withdrawing = e.registration;
                }
            }
            withdrawing.awaitSettled();
        }
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
