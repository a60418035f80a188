package nl.learningcommunities.registration.inmemory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import nl.learningcommunities.registration.booking.Admission;
import nl.learningcommunities.registration.booking.NotificationPlan;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.booking.SeatCounts;
import nl.learningcommunities.registration.booking.SeatBook;
import nl.learningcommunities.registration.booking.SeatPlan;
import nl.learningcommunities.registration.booking.Seating;
import nl.learningcommunities.registration.booking.StatusChange;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.notification.NotificationOutbox;
import nl.learningcommunities.registration.notification.OutboxBacklog;
import nl.learningcommunities.registration.notification.OutboxEntry;
import nl.learningcommunities.registration.participant.EmailAddress;

/**
 * Registrations and their outbox in memory: for tests, the quickstart, and a single-node host that can afford
 * to lose everything on restart. Implements {@link RegistrationStore} and {@link NotificationOutbox} over one
 * shared state, so that a change and its notifications are committed together.
 *
 * <p>Thread-safe: each event has its own lock, so registrations for different events never wait on each
 * other. Nothing is shared between two instances: two engines sharing one store must share one instance.
 */
public final class InMemoryStorage implements RegistrationStore, NotificationOutbox {

    private final Map<String, EventBook> books = new ConcurrentHashMap<>();
    private final StoredRegistrations registrations = new StoredRegistrations();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final UnitsOfWork units = new UnitsOfWork(registrations, outbox);

    private InMemoryStorage() {
    }

    /** @return a new, empty storage */
    public static InMemoryStorage create() {
        return new InMemoryStorage();
    }

    // ---------------------------------------------------------------- seats

    @Override
    public StoreResult defineSeats(SeatPlan plan, Instant now, NotificationPlan notifications) {
        Objects.requireNonNull(plan, "plan");
        EventBook book = books.computeIfAbsent(plan.eventId(), EventBook::new);
        return units.locked(book, seats -> Seating.defineSeats(seats, plan, now), notifications);
    }

    @Override
    public Optional<SeatPlan> seatPlan(String eventId) {
        EventBook book = books.get(eventId);
        if (book == null) {
            return Optional.empty();
        }
        synchronized (book) {
            return Optional.ofNullable(book.plan);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The common admission (one registrant, no sessions, nothing refusing it) holds the event's lock only for
     * the seat decision: its history line, notifications and tokens are built, and it is stored, after the lock
     * is let go, while the book marks it as being built; whoever meets it in the book meanwhile waits for it.
     * Every other admission is decided and stored under the lock.
     */
    @Override
    public StoreResult admit(Admission admission) {
        EventBook book = book(admission.eventId());
        Optional<SeatReservation.Keys> keys = SeatReservation.Keys.of(admission);
        Decided decided = book.locked(() -> {
            Optional<String> key = admission.idempotencyKey();
            if (key.isPresent() && book.admittedWith.containsKey(key.get())) {
                return new Decided(null, new StoreResult.Refused(nl.learningcommunities.registration.rule.Reason.of(
                        "registration.replayed")));
            }
            Optional<SeatReservation> reservation = keys.flatMap(k -> SeatReservation.take(book, admission, k));
            if (reservation.isPresent()) {
                return new Decided(reservation.get(), null);
            }
            StoreResult result = units.underLock(book, seats -> Seating.admit(seats, admission),
                    admission.notifications());
            if (key.isPresent() && result instanceof StoreResult.Done done) {
                book.admittedWith.put(key.get(), done.changes().stream().map(c -> c.after().id()).toList());
            }
            return new Decided(null, result);
        });
        return decided.reservation() == null ? decided.result() : units.publish(book, decided.reservation());
    }

    /** What an admission's turn under the lock came to: a reservation to build and store, or the result. */
    private record Decided(SeatReservation reservation, StoreResult result) {
    }

    @Override
    public List<Registration> admittedWith(String eventId, String idempotencyKey) {
        EventBook book = books.get(eventId);
        if (book == null) {
            return List.of();
        }
        List<UUID> ids;
        synchronized (book) {
            ids = book.admittedWith.getOrDefault(idempotencyKey, List.of());
        }
        return ids.stream().map(id -> registrations.namedOrNone(book, id)).filter(Objects::nonNull).toList();
    }

    @Override
    public StoreResult place(UUID registrationId, Set<RegistrationStatus> expected, StatusChange change,
                             NotificationPlan notifications) {
        return onRegistration(registrationId, (seats, current) -> Seating.place(seats, current, expected, change),
                notifications);
    }

    @Override
    public StoreResult transition(UUID registrationId, Set<RegistrationStatus> expected, StatusChange change,
                                  NotificationPlan notifications) {
        return onRegistration(registrationId,
                (seats, current) -> Seating.transition(seats, current, expected, change), notifications);
    }

    @Override
    public StoreResult move(UUID registrationId, StatusChange change, NotificationPlan notifications) {
        return onRegistration(registrationId, (seats, current) -> Seating.move(seats, current, change), notifications);
    }

    @Override
    public StoreResult changeSessions(UUID registrationId, List<String> sessionIds, Instant now,
                                      NotificationPlan notifications) {
        return onRegistration(registrationId,
                (seats, current) -> Seating.changeSessions(seats, current, sessionIds, now), notifications);
    }

    @Override
    public StoreResult update(Registration updated, long expectedVersion, NotificationPlan notifications) {
        return onRegistration(updated.id(),
                (seats, current) -> Seating.update(seats, current, updated, expectedVersion), notifications);
    }

    @Override
    public StoreResult.Done refill(String eventId, Instant now, NotificationPlan notifications) {
        return (StoreResult.Done) units.locked(book(eventId), seats -> Seating.refill(seats, now), notifications);
    }

    // ---------------------------------------------------------------- queries

    @Override
    public Optional<Registration> find(UUID registrationId) {
        return registrations.find(registrationId);
    }

    @Override
    public Optional<Registration> findActive(String eventId, EmailAddress email) {
        EventBook book = books.get(eventId);
        if (book == null) {
            return Optional.empty();
        }
        String key = email.key();
        return book.locked(() -> Optional.ofNullable(book.activeByEmail.get(key))
                .map(id -> registrations.named(book, id)));
    }

    @Override
    public List<Registration> findByEmail(EmailAddress email) {
        return registrations.withEmail(email.key());
    }

    @Override
    public List<Registration> list(RegistrationQuery query) {
        List<Registration> result = new ArrayList<>();
        forEach(query, result::add);
        return result;
    }

    @Override
    public void forEach(RegistrationQuery query, Consumer<Registration> action) {
        EventBook book = books.get(query.eventId());
        if (book == null) {
            return;
        }
        List<UUID> ids;
        synchronized (book) {
            ids = List.copyOf(book.arrivals);
        }
        ids.stream().map(id -> registrations.namedOrNone(book, id)).filter(Objects::nonNull).filter(query::matches)
                .skip(query.offset()).limit(query.limit()).forEach(action);
    }

    @Override
    public java.util.OptionalLong placeInLine(Registration registration) {
        EventBook book = books.get(registration.eventId());
        if (!registration.isWaiting() || book == null) {
            return java.util.OptionalLong.empty();
        }
        synchronized (book) {
            long position = registration.waitlistPosition().getAsLong();
            return book.waiting.containsKey(position)
                    ? java.util.OptionalLong.of(book.waiting.headMap(position).size() + 1L)
                    : java.util.OptionalLong.empty();
        }
    }

    @Override
    public SeatCounts counts(String eventId) {
        EventBook book = books.get(eventId);
        if (book == null || book.plan == null) {
            return new SeatCounts(eventId, OptionalInt.empty(), 0, 0, 0, 0, Map.of());
        }
        return book.locked(() -> {
            int confirmed = 0;
            int pending = 0;
            for (UUID id : book.activeByEmail.values()) {
                RegistrationStatus status = registrations.named(book, id).status();
                if (status == RegistrationStatus.CONFIRMED) {
                    confirmed++;
                } else if (status == RegistrationStatus.PENDING_APPROVAL
                        || status == RegistrationStatus.PENDING_VERIFICATION) {
                    pending++;
                }
            }
            Map<String, SeatCounts.SessionCounts> sessions = new LinkedHashMap<>();
            book.plan.sessionCapacities().forEach((id, capacity) -> {
                EventBook.SessionBook session = book.session(id);
                sessions.put(id, new SeatCounts.SessionCounts(capacity, session.seated, session.waiting.size()));
            });
            return new SeatCounts(eventId, book.plan.capacity(), confirmed, book.offered.size(), book.waiting.size(),
                    pending, sessions);
        });
    }

    // ---------------------------------------------------------------- outbox

    @Override
    public int enqueue(List<Notification> notifications) {
        return outbox.add(notifications);
    }

    @Override
    public List<OutboxEntry> claimDue(String claimant, int max, Instant now, Duration lease) {
        return outbox.claimDue(claimant, max, now, lease);
    }

    @Override
    public boolean markSent(UUID notificationId, String claimant, Instant at) {
        return outbox.markSent(notificationId, claimant);
    }

    @Override
    public boolean markRetry(UUID notificationId, String claimant, String error, Instant retryAt) {
        return outbox.markRetry(notificationId, claimant, error, retryAt);
    }

    @Override
    public boolean markFailed(UUID notificationId, String claimant, String error) {
        return outbox.markFailed(notificationId, claimant, error);
    }

    @Override
    public OutboxBacklog backlog() {
        return outbox.backlog();
    }

    @Override
    public List<OutboxEntry> failed(String eventId) {
        return outbox.failed(eventId);
    }

    @Override
    public List<OutboxEntry> about(UUID registrationId) {
        return outbox.about(registrationId);
    }

    @Override
    public void erase(UUID registrationId) {
        outbox.erase(registrationId);
    }

    @Override
    public java.util.Set<UUID> extendClaims(java.util.Collection<UUID> ids, String claimant, Instant until) {
        return outbox.extendClaims(ids, claimant, until);
    }

    @Override
    public void eraseRecipient(String eventId, EmailAddress recipient) {
        outbox.eraseRecipient(eventId, recipient);
    }

    @Override
    public void eraseUnattached(String eventId) {
        outbox.eraseUnattached(eventId);
    }

    // ---------------------------------------------------------------- the unit of work

    private StoreResult onRegistration(UUID registrationId,
                                       java.util.function.BiFunction<SeatBook, Registration, StoreResult> operation,
                                       NotificationPlan notifications) {
        Optional<Registration> found = registrations.find(registrationId);
        if (found.isEmpty()) {
            return new StoreResult.Conflict(Optional.empty());
        }
        return units.locked(book(found.get().eventId()),
                seats -> operation.apply(seats, registrations.find(registrationId).orElseThrow()), notifications);
    }

    private EventBook book(String eventId) {
        EventBook book = books.get(eventId);
        if (book == null || book.plan == null) {
            throw new IllegalStateException("no seats defined for event " + eventId + "; publish the event first");
        }
        return book;
    }
}
