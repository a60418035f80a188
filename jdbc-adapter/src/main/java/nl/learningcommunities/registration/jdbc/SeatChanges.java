package nl.learningcommunities.registration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import nl.learningcommunities.registration.booking.NotificationPlan;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.SeatBook;
import nl.learningcommunities.registration.booking.SeatPlan;
import nl.learningcommunities.registration.booking.Seating;
import nl.learningcommunities.registration.booking.StoreResult;

/**
 * Changes to an event's seats and to registrations already made, each in a transaction of its own that locks the
 * event's ledger and runs the seating rules on it ({@link EventWork}); a rule's refusal rolls it back.
 *
 * <p>Thread-safe.
 */
final class SeatChanges {

    /** A change to one registration, given the event's seat book and the registration as stored. */
    interface OnRegistration {
        StoreResult apply(SeatBook book, Registration current);
    }

    private final Transactor transactor;
    private final Tables tables;
    private final Rows rows;
    private final EventWork events;

    SeatChanges(Transactor transactor, Tables tables, Rows rows, EventWork events) {
        this.transactor = transactor;
        this.tables = tables;
        this.rows = rows;
        this.events = events;
    }

    /** Creates the event's ledger when it has none (a concurrent creator retries), then applies the plan. */
    StoreResult defineSeats(SeatPlan plan, Instant now, NotificationPlan notifications) {
        return transactor.inTransaction("defining seats of " + plan.eventId(), new Transactor.Work<StoreResult>() {
            @Override
            public StoreResult run(Connection c) throws SQLException {
                if (JdbcSeatBook.open(c, tables, rows, plan.eventId(), now).isEmpty()) {
                    try {
                        JdbcSeatBook.create(c, tables, plan);
                    } catch (SQLException e) {
                        throw new SQLException("another node created the ledger first", "40001", e);
                    }
                }
                return events.run(c, plan.eventId(), now, book -> Seating.defineSeats(book, plan, now), notifications);
            }

            @Override
            public boolean commit(StoreResult result) {
                return result instanceof StoreResult.Done;
            }
        });
    }

    Optional<SeatPlan> seatPlan(String eventId) {
        return transactor.inTransaction("reading seats of " + eventId,
                c -> JdbcSeatBook.open(c, tables, rows, eventId, Instant.EPOCH).map(JdbcSeatBook::plan));
    }

    /** @return the change's result; a conflict when the registration does not exist (or no longer) */
    StoreResult onRegistration(UUID registrationId, Instant now, OnRegistration operation,
                               NotificationPlan notifications) {
        Optional<String> eventId = transactor.inTransaction("finding registration " + registrationId,
                c -> eventOf(c, registrationId));
        if (eventId.isEmpty()) {
            return new StoreResult.Conflict(Optional.empty());
        }
        return inEvent("changing registration " + registrationId, eventId.get(), now, book -> book.find(registrationId)
                .map(current -> operation.apply(book, current))
                .orElseGet(() -> new StoreResult.Conflict(Optional.empty())), notifications);
    }

    StoreResult inEvent(String what, String eventId, Instant now, EventWork.Operation operation,
                        NotificationPlan notifications) {
        return transactor.inTransaction(what, new Transactor.Work<StoreResult>() {
            @Override
            public StoreResult run(Connection c) throws SQLException {
                return events.run(c, eventId, now, operation, notifications);
            }

            @Override
            public boolean commit(StoreResult result) {
                return result instanceof StoreResult.Done;
            }
        });
    }

    private Optional<String> eventOf(Connection c, UUID registrationId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT event_id FROM " + tables.registrations
                + " WHERE id = ?")) {
            s.setString(1, registrationId.toString());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
