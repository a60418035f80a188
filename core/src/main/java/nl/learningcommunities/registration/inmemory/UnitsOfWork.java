package nl.learningcommunities.registration.inmemory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import nl.learningcommunities.registration.booking.Admission;
import nl.learningcommunities.registration.booking.Change;
import nl.learningcommunities.registration.booking.NotificationPlan;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.SeatBook;
import nl.learningcommunities.registration.booking.Seating;
import nl.learningcommunities.registration.booking.StoreResult;

/**
 * How the in-memory store changes registrations and stores them with their notifications: a unit of work decided,
 * finished and stored entirely under its event's lock, or — for the common admission — a {@link SeatReservation}
 * taken under the lock and built and stored after it, or withdrawn when building it fails.
 *
 * <p>Thread-safe: the registrations and the outbox are; each event's book is touched only under its lock.
 */
final class UnitsOfWork {

    private final StoredRegistrations registrations;
    private final InMemoryOutbox outbox;

    UnitsOfWork(StoredRegistrations registrations, InMemoryOutbox outbox) {
        this.registrations = registrations;
        this.outbox = outbox;
    }

    /**
     * One unit of work, under the book's lock, which this takes.
     *
     * @param book          the event's book
     * @param operation     the seating rules to apply
     * @param notifications what to announce
     * @return what the operation did; with {@code Done}, its changes as stored
     */
    StoreResult locked(EventBook book, Function<SeatBook, StoreResult> operation, NotificationPlan notifications) {
        return book.locked(() -> underLock(book, operation, notifications));
    }

    /**
     * One unit of work, done and stored entirely under the book's lock, which the caller holds (through
     * {@link EventBook#locked}).
     *
     * @param book          the event's book
     * @param operation     the seating rules to apply
     * @param notifications what to announce
     * @return what the operation did; with {@code Done}, its changes as stored
     */
    StoreResult underLock(EventBook book, Function<SeatBook, StoreResult> operation, NotificationPlan notifications) {
        InMemorySeatBook seats = new InMemorySeatBook(book, id -> registrations.named(book, id));
        Seating.Finished finished;
        Map<UUID, Long> placesInLine;
        try {
            StoreResult result = operation.apply(seats);
            if (!(result instanceof StoreResult.Done done)) {
                seats.rollback();
                return result;
            }
            finished = Seating.finish(done.changes(), notifications);
            placesInLine = done.placesInLine();
        } catch (RuntimeException | Error e) {
            seats.rollback();
            throw e;
        }
        for (Change change : finished.changes()) {
            registrations.commit(change.after());
        }
        outbox.append(finished.notifications());
        return new StoreResult.Done(finished.changes(), placesInLine);
    }

    /**
     * Builds a reserved registration after the lock was let go — its history line, notifications and tokens — and
     * stores it with its notifications. When building fails, the reservation is withdrawn and the failure thrown.
     *
     * @param book        the event's book, whose lock the caller no longer holds
     * @param reservation the place taken
     * @return done, with the registration as stored
     */
    StoreResult publish(EventBook book, SeatReservation reservation) {
        Admission admission = reservation.admission();
        Seating.Finished finished;
        try {
            finished = Seating.finish(List.of(new Change(Optional.empty(), reservation.placed())),
                    admission.notifications());
        } catch (RuntimeException | Error e) {
            withdraw(book, reservation, e);
            throw e;
        }
        Registration stored = finished.changes().get(0).after();
        registrations.commit(stored);
        outbox.append(finished.notifications());
        book.unpublished.remove(stored.id());
        reservation.unpublished().published();
        return new StoreResult.Done(finished.changes(), reservation.placesInLine());
    }

    /**
     * Gives a reservation's place back after building its registration failed; a seat it held goes to the first
     * in line, as any freed seat does (with the admission's plan announcing the promotion; when that fails too,
     * the seat waits for the next refill, and the failure is added to the first).
     */
    private void withdraw(EventBook book, SeatReservation reservation, Throwable failure) {
        reservation.unpublished().failed();
        try {
            synchronized (book) {
                reservation.withdraw(book);
            }
        } finally {
            reservation.unpublished().withdrawn();
        }
        if (reservation.tookSeat()) {
            try {
                locked(book, seats -> Seating.defineSeats(seats, seats.plan(), reservation.admission().now()),
                        reservation.admission().notifications());
            } catch (RuntimeException | Error again) {
                failure.addSuppressed(again);
            }
        }
    }
}
