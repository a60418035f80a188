package nl.learningcommunities.registration.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import nl.learningcommunities.registration.booking.NotificationPlan;
import nl.learningcommunities.registration.booking.SeatBook;
import nl.learningcommunities.registration.booking.Seating;
import nl.learningcommunities.registration.booking.StoreResult;

/**
 * The full rules on one event inside a transaction: locks the event's ledger, runs a {@link Seating} operation over
 * the event's book, and writes what it changed with its notifications.
 */
final class EventWork {

    /** A {@link Seating} operation on an event's book. */
    interface Operation {
        StoreResult apply(SeatBook book);
    }

    private final Tables tables;
    private final Rows rows;
    private final OutboxRows outbox;

    EventWork(Tables tables, Rows rows, OutboxRows outbox) {
        this.tables = tables;
        this.rows = rows;
        this.outbox = outbox;
    }

    /**
     * @return the operation's result; when done, its changes as stored (versions, tokens) are written with their
     *         notifications
     * @throws IllegalStateException when the event has no seats defined
     */
    StoreResult run(Connection c, String eventId, Instant now, Operation operation, NotificationPlan notifications)
            throws SQLException {
        JdbcSeatBook book = JdbcSeatBook.open(c, tables, rows, eventId, now).orElseThrow(() ->
                new IllegalStateException("no seats defined for event " + eventId + "; publish the event first"));
        try {
            StoreResult result = operation.apply(book);
            if (!(result instanceof StoreResult.Done done)) {
                return result;
            }
            Seating.Finished finished = Seating.finish(done.changes(), notifications);
            for (int i = 0; i < finished.changes().size(); i++) {
                book.write(Optional.of(done.changes().get(i).after()), finished.changes().get(i).after());
            }
            book.flush();
            outbox.insert(c, finished.notifications());
            return new StoreResult.Done(finished.changes(), done.placesInLine());
        } catch (JdbcSeatBook.SqlFailure e) {
            throw e.getCause();
        }
    }
}
