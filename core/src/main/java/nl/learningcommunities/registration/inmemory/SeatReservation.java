package nl.learningcommunities.registration.inmemory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

import nl.learningcommunities.registration.booking.Admission;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.Seating;
import nl.learningcommunities.registration.booking.StatusChange;
import nl.learningcommunities.registration.event.EventStatus;

/**
 * The seat decision of the common admission, the one a rush is made of: one registrant, no sessions, nothing that
 * refuses it. Under the event's lock it takes the place — a seat, the next waiting-list position, or (for a
 * pending registration) just the address — and marks the registration {@link Unpublished} in the book; everything
 * else (the history line, the notifications and their tokens, storing) happens outside the lock. Every other
 * admission, and every one the rules refuse, is left to {@link Seating#admit} under the lock, which decides exactly
 * as this does where both apply.
 *
 * <p>Immutable once made; made and withdrawn only under the event's lock.
 */
final class SeatReservation {

    private enum Place { SEAT, WAIT, AS_IS }

    private final Admission admission;
    private final Registration draft;
    private final String emailKey;
    private final String organisationKey;
    private final Place place;
    private final long position;
    private final long placeInLine;
    private final Unpublished unpublished = new Unpublished();

    private SeatReservation(Admission admission, String emailKey, String organisationKey, Place place,
                            long position, long placeInLine) {
        this.admission = admission;
        this.draft = admission.drafts().get(0);
        this.emailKey = emailKey;
        this.organisationKey = organisationKey;
        this.place = place;
        this.position = position;
        this.placeInLine = placeInLine;
    }

    /** What the decision needs of an admission, worked out before the lock is taken. */
    record Keys(String emailKey, String organisationKey) {

        /**
         * @param admission an admission
         * @return its keys, when the admission is one a reservation may place: one registrant without sessions
         */
        static Optional<Keys> of(Admission admission) {
            if (admission.drafts().size() != 1 || !admission.drafts().get(0).sessions().isEmpty()) {
                return Optional.empty();
            }
            Registration draft = admission.drafts().get(0);
            return Optional.of(new Keys(draft.participant().email().key(), draft.participant().organisationKey()));
        }
    }

    /**
     * Takes the admission's place in the book, when nothing refuses it. Call only while holding the book's lock.
     *
     * @param book      the event's book
     * @param admission the admission
     * @param keys      its keys
     * @return the reservation; empty, with the book untouched, when the full rules must decide (or refuse)
     */
    static Optional<SeatReservation> take(EventBook book, Admission admission, Keys keys) {
        EventStatus status = book.plan.status();
        Registration draft = admission.drafts().get(0);
        if (status == EventStatus.CLOSED || status == EventStatus.CANCELLED
                || book.activeByEmail.containsKey(keys.emailKey())) {
            return Optional.empty();
        }
        OptionalInt limit = book.plan.organisationLimit();
        if (limit.isPresent()
                && book.perOrganisation.getOrDefault(keys.organisationKey(), 0) + 1 > limit.getAsInt()) {
            return Optional.empty();
        }
        Optional<String> code = draft.invitationCode();
        if (code.isPresent() && admission.invitationMaxUses().isPresent()
                && book.codeUses.getOrDefault(code.get(), 0) + 1 > admission.invitationMaxUses().getAsInt()) {
            return Optional.empty();
        }
        Place place = admission.claimsSeats() ? decide(book) : Place.AS_IS;
        if (place == null) {
            return Optional.empty();
        }
        long position = place == Place.WAIT ? book.lastPosition + 1 : 0;
        UUID id = draft.id();
        switch (place) {
            case SEAT -> book.seatsTaken++;
            case WAIT -> {
                book.lastPosition = position;
                book.waiting.put(position, id);
            }
            default -> {
            }
        }
        book.arrivals.add(id);
        book.activeByEmail.put(keys.emailKey(), id);
        book.perOrganisation.merge(keys.organisationKey(), 1, Integer::sum);
        code.ifPresent(c -> book.codeUses.merge(c, 1, Integer::sum));
        SeatReservation reservation = new SeatReservation(admission, keys.emailKey(), keys.organisationKey(), place,
                position, place == Place.WAIT ? book.waiting.size() : 0);
        book.unpublished.put(id, reservation.unpublished);
        admission.idempotencyKey().ifPresent(key -> book.admittedWith.put(key, List.of(id)));
        return Optional.of(reservation);
    }

    /** As {@code Seating.decide} for one seat: a seat when one is left and nobody waits; null when full. */
    private static Place decide(EventBook book) {
        OptionalInt capacity = book.plan.capacity();
        if (capacity.isEmpty() || (book.waiting.isEmpty() && book.seatsTaken + 1 <= capacity.getAsInt())) {
            return Place.SEAT;
        }
        return book.plan.waitingList() ? Place.WAIT : null;
    }

    /**
     * The registration as placed, with its first history line; built outside the lock.
     *
     * @return the new registration, before the store gives it its version and tokens
     */
    Registration placed() {
        StatusChange change = admission.change();
        return switch (place) {
            case SEAT -> Seating.seated(draft, change);
            case WAIT -> Seating.queued(draft, change, position);
            case AS_IS -> draft.moveTo(draft.status(), OptionalLong.empty(), Optional.empty(), draft.sessions(),
                    new StatusChange(Optional.empty(), draft.status(), change.at(), change.actor(), change.reason(),
                            change.note()));
        };
    }

    /** @return for a registration put on the waiting list, its place in line as decided; otherwise none */
    Map<UUID, Long> placesInLine() {
        return place == Place.WAIT ? Map.of(draft.id(), placeInLine) : Map.of();
    }

    /** @return the admission reserved for */
    Admission admission() {
        return admission;
    }

    /** @return the registration's state while it is being built */
    Unpublished unpublished() {
        return unpublished;
    }

    /** @return whether the reservation took a seat */
    boolean tookSeat() {
        return place == Place.SEAT;
    }

    /**
     * Gives the place back, after building the registration failed: the book is as if the admission had never
     * been made, except that a waiting-list position is not handed out again. Call only while holding the book's
     * lock.
     *
     * @param book the event's book
     */
    void withdraw(EventBook book) {
        UUID id = draft.id();
        switch (place) {
            case SEAT -> book.seatsTaken--;
            case WAIT -> book.waiting.remove(position, id);
            default -> {
            }
        }
        book.arrivals.remove(id);
        book.activeByEmail.remove(emailKey, id);
        book.perOrganisation.merge(organisationKey, -1, Integer::sum);
        draft.invitationCode().ifPresent(c -> book.codeUses.merge(c, -1, Integer::sum));
        admission.idempotencyKey().ifPresent(key -> book.admittedWith.remove(key, List.of(id)));
        book.unpublished.remove(id, unpublished);
    }
}
