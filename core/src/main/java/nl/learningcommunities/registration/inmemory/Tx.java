package nl.learningcommunities.registration.inmemory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import nl.learningcommunities.registration.booking.Change;
import nl.learningcommunities.registration.booking.Registration;

/**
 * One unit of work on an event book: the registrations it changed (committed together at the end) and an undo
 * journal for the book's counters, replayed if anything fails before the commit.
 */
final class Tx {

    private final Map<UUID, Registration> committed;
    private final Map<UUID, Registration> before = new LinkedHashMap<>();
    private final Map<UUID, Registration> after = new LinkedHashMap<>();
    private final Deque<Runnable> undo = new ArrayDeque<>();

    Tx(Map<UUID, Registration> committed) {
        this.committed = committed;
    }

    Optional<Registration> current(UUID id) {
        Registration pending = after.get(id);
        return pending != null ? Optional.of(pending) : Optional.ofNullable(committed.get(id));
    }

    void save(Registration registration) {
        UUID id = registration.id();
        if (!after.containsKey(id)) {
            before.put(id, committed.get(id));
        }
        after.put(id, registration);
    }

    void onRollback(Runnable action) {
        undo.push(action);
    }

    void rollback() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }

    List<Change> changes() {
        List<Change> changes = new ArrayList<>();
        after.forEach((id, state) -> changes.add(new Change(Optional.ofNullable(before.get(id)), state)));
        return changes;
    }
}
