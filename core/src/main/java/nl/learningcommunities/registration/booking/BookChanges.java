package nl.learningcommunities.registration.booking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What one seating operation changed in an event's book: each registration it wrote, as it was before the
 * operation and as it is now, and the places in line of those it put on the waiting list.
 *
 * <p>Not thread-safe: one operation's, under the event's lock.
 */
final class BookChanges {

    private final SeatBook book;
    private final Map<UUID, Optional<Registration>> before = new LinkedHashMap<>();
    private final Map<UUID, Registration> after = new LinkedHashMap<>();
    private final Map<UUID, Long> placesInLine = new LinkedHashMap<>();

    BookChanges(SeatBook book) {
        this.book = book;
    }

    /** @return the registration as this operation left it so far, else as the book has it */
    Registration current(UUID id) {
        Registration pending = after.get(id);
        return pending != null ? pending : book.find(id).orElseThrow(
                () -> new IllegalStateException("registration " + id + " vanished from its event's book"));
    }

    /** Writes a registration the book did not have. */
    void saveNew(Registration registration) {
        before.put(registration.id(), Optional.empty());
        book.write(Optional.empty(), registration);
        after.put(registration.id(), registration);
    }

    /** Writes a registration's new state, remembering the state it had before the operation. */
    void save(Registration registration) {
        UUID id = registration.id();
        Optional<Registration> previous = after.containsKey(id) ? Optional.of(after.get(id)) : book.find(id);
        before.putIfAbsent(id, previous);
        book.write(previous, registration);
        after.put(id, registration);
    }

    /** Records the place in line a new waiter got, counted among those without an offer. */
    void placeInLine(UUID id, long place) {
        placesInLine.put(id, place);
    }

    /** @return the operation's changes, in the order first written, with the places in line */
    StoreResult.Done done() {
        List<Change> changes = new ArrayList<>();
        after.forEach((id, state) -> changes.add(new Change(before.get(id), state)));
        return new StoreResult.Done(changes, placesInLine);
    }
}
