package nl.learningcommunities.registration.inmemory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.SeatBook;
import nl.learningcommunities.registration.booking.SeatPlan;
import nl.learningcommunities.registration.booking.SessionChoice;

/**
 * One unit of work on an {@link EventBook}: changes the book in place, remembers how to undo each change, and
 * keeps the registrations it wrote until the store commits them.
 */
final class InMemorySeatBook implements SeatBook {

    private final EventBook book;
    private final Function<UUID, Registration> committed;
    private final Map<UUID, Registration> written = new HashMap<>();
    private final Deque<Runnable> undo = new ArrayDeque<>();

    /**
     * @param book      the event's book, whose lock the caller holds
     * @param committed the stored registrations by id (null for none), waiting for one still being built
     */
    InMemorySeatBook(EventBook book, Function<UUID, Registration> committed) {
        this.book = book;
        this.committed = committed;
    }

    void rollback() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
        written.clear();
    }

    @Override
    public SeatPlan plan() {
        return book.plan;
    }

    @Override
    public void plan(SeatPlan plan) {
        SeatPlan previous = book.plan;
        book.plan = plan;
        undo.push(() -> book.plan = previous);
    }

    @Override
    public int seatsTaken() {
        return book.seatsTaken;
    }

    @Override
    public void seatsTaken(int taken) {
        int previous = book.seatsTaken;
        book.seatsTaken = taken;
        undo.push(() -> book.seatsTaken = previous);
    }

    @Override
    public long lastPosition() {
        return book.lastPosition;
    }

    @Override
    public void lastPosition(long position) {
        long previous = book.lastPosition;
        book.lastPosition = position;
        undo.push(() -> book.lastPosition = previous);
    }

    @Override
    public int waitingWithoutOffer() {
        return book.waiting.size();
    }

    @Override
    public Optional<UUID> firstWaiting() {
        return book.waiting.isEmpty() ? Optional.empty() : Optional.of(book.waiting.firstEntry().getValue());
    }

    @Override
    public List<UUID> offered() {
        return List.copyOf(book.offered);
    }

    @Override
    public int sessionSeated(String sessionId) {
        return book.session(sessionId).seated;
    }

    @Override
    public void sessionSeated(String sessionId, int seated) {
        EventBook.SessionBook session = book.session(sessionId);
        int previous = session.seated;
        session.seated = seated;
        undo.push(() -> session.seated = previous);
    }

    @Override
    public long sessionLastPosition(String sessionId) {
        return book.session(sessionId).lastPosition;
    }

    @Override
    public void sessionLastPosition(String sessionId, long position) {
        EventBook.SessionBook session = book.session(sessionId);
        long previous = session.lastPosition;
        session.lastPosition = position;
        undo.push(() -> session.lastPosition = previous);
    }

    @Override
    public Optional<UUID> firstWaitingInSession(String sessionId) {
        EventBook.SessionBook session = book.session(sessionId);
        return session.waiting.isEmpty() ? Optional.empty() : Optional.of(session.waiting.firstEntry().getValue());
    }

    @Override
    public Optional<UUID> activeWithEmail(String emailKey) {
        return Optional.ofNullable(book.activeByEmail.get(emailKey));
    }

    @Override
    public int activeInOrganisation(String organisationKey) {
        return book.perOrganisation.getOrDefault(organisationKey, 0);
    }

    @Override
    public int activeWithCode(String code) {
        return book.codeUses.getOrDefault(code, 0);
    }

    @Override
    public Optional<Registration> find(UUID registrationId) {
        Registration pending = written.get(registrationId);
        return pending != null ? Optional.of(pending) : Optional.ofNullable(committed.apply(registrationId));
    }

    @Override
    public void write(Optional<Registration> before, Registration after) {
        if (before.isEmpty()) {
            book.arrivals.add(after.id());
            undo.push(() -> book.arrivals.remove(book.arrivals.size() - 1));
        }
        before.ifPresent(b -> index(b, -1));
        index(after, +1);
        Registration previous = written.put(after.id(), after);
        undo.push(() -> {
            if (previous == null) {
                written.remove(after.id());
            } else {
                written.put(after.id(), previous);
            }
        });
    }

    Map<UUID, Registration> written() {
        return written;
    }

    /** Adds ({@code +1}) or removes ({@code -1}) a registration state from the book's indexes. */
    private void index(Registration r, int sign) {
        UUID id = r.id();
        if (r.status().isActive()) {
            String email = r.participant().email().key();
            if (sign > 0) {
                put(book.activeByEmail, email, id);
            } else if (id.equals(book.activeByEmail.get(email))) {
                remove(book.activeByEmail, email);
            }
            count(book.perOrganisation, r.participant().organisationKey(), sign);
            r.invitationCode().ifPresent(code -> count(book.codeUses, code, sign));
        }
        if (r.isWaiting()) {
            long position = r.waitlistPosition().getAsLong();
            if (sign > 0) {
                put(book.waiting, position, id);
            } else {
                remove(book.waiting, position);
            }
        }
        if (r.offerExpiresAt().isPresent()) {
            if (sign > 0 ? book.offered.add(id) : book.offered.remove(id)) {
                undo.push(sign > 0 ? () -> book.offered.remove(id) : () -> book.offered.add(id));
            }
        }
        for (SessionChoice choice : r.sessions()) {
            if (choice.placement() == SessionChoice.Placement.WAITLISTED) {
                var waiting = book.session(choice.sessionId()).waiting;
                long position = choice.position().getAsLong();
                if (sign > 0) {
                    put(waiting, position, id);
                } else {
                    remove(waiting, position);
                }
            }
        }
    }

    private <K, V> void put(Map<K, V> map, K key, V value) {
        V previous = map.put(key, value);
        undo.push(() -> restore(map, key, previous));
    }

    private <K, V> void remove(Map<K, V> map, K key) {
        V previous = map.remove(key);
        undo.push(() -> restore(map, key, previous));
    }

    private void count(Map<String, Integer> counts, String key, int delta) {
        counts.merge(key, delta, Integer::sum);
        undo.push(() -> counts.merge(key, -delta, Integer::sum));
    }

    private static <K, V> void restore(Map<K, V> map, K key, V previous) {
        if (previous == null) {
            map.remove(key);
        } else {
            map.put(key, previous);
        }
    }
}
