package nl.learningcommunities.registration.booking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The seats of an event's sessions, in one seating operation: claiming a session seat or a place on the session's
 * waiting list, giving one back, and seating the first in line of a session that has room.
 *
 * <p>Not thread-safe: one operation's, under the event's lock.
 */
final class SessionSeats {

    private final SeatBook book;
    private final BookChanges changes;

    SessionSeats(SeatBook book, BookChanges changes) {
        this.book = book;
        this.changes = changes;
    }

    /** @return the choices with each requested session seated when it has room and nobody waits, else queued */
    List<SessionChoice> claim(UUID id, List<SessionChoice> choices) {
        List<SessionChoice> placed = new ArrayList<>();
        for (SessionChoice choice : choices) {
            if (choice.placement() != SessionChoice.Placement.REQUESTED) {
                placed.add(choice);
                continue;
            }
            String sessionId = choice.sessionId();
            OptionalInt capacity = book.plan().sessionCapacities().getOrDefault(sessionId, OptionalInt.empty());
            int seated = book.sessionSeated(sessionId);
            if (capacity.isEmpty()
                    || (book.firstWaitingInSession(sessionId).isEmpty() && seated < capacity.getAsInt())) {
                book.sessionSeated(sessionId, seated + 1);
                placed.add(new SessionChoice(sessionId, SessionChoice.Placement.SEATED, OptionalLong.empty()));
            } else {
                long position = book.sessionLastPosition(sessionId) + 1;
                book.sessionLastPosition(sessionId, position);
                placed.add(new SessionChoice(sessionId, SessionChoice.Placement.WAITLISTED, OptionalLong.of(position)));
            }
        }
        return placed;
    }

    /** @return the same sessions, each merely requested again */
    static List<SessionChoice> requested(List<SessionChoice> choices) {
        return choices.stream().map(c -> SessionChoice.requested(c.sessionId())).toList();
    }

    /** Gives back the session seat a choice holds, if it holds one. */
    void release(SessionChoice choice) {
        if (choice.placement() == SessionChoice.Placement.SEATED) {
            book.sessionSeated(choice.sessionId(), book.sessionSeated(choice.sessionId()) - 1);
        }
    }

    /** Seats the first in line of each session while it has room. */
    void refill(Collection<String> sessionIds) {
        for (String sessionId : sessionIds) {
            OptionalInt capacity = book.plan().sessionCapacities().getOrDefault(sessionId, OptionalInt.empty());
            while (capacity.isEmpty() || book.sessionSeated(sessionId) < capacity.getAsInt()) {
                Optional<UUID> first = book.firstWaitingInSession(sessionId);
                if (first.isEmpty()) {
                    break;
                }
                book.sessionSeated(sessionId, book.sessionSeated(sessionId) + 1);
                Registration waiting = changes.current(first.get());
                List<SessionChoice> choices = waiting.sessions().stream()
                        .map(c -> c.sessionId().equals(sessionId)
                                ? new SessionChoice(sessionId, SessionChoice.Placement.SEATED, OptionalLong.empty())
                                : c)
                        .toList();
                changes.save(waiting.withSessions(choices, waiting.updatedAt()));
            }
        }
    }
}
