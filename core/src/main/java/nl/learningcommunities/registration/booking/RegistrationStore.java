package nl.learningcommunities.registration.booking;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import nl.learningcommunities.registration.participant.EmailAddress;

/**
 * Port: where registrations live, and the one place seats are claimed. Every mutating operation is one unit
 * of work: it checks what only the store can check atomically (one active registration per address, the
 * per-organisation limit, invitation-code uses, capacity), changes the registrations, gives freed seats to the
 * waiting list in first-come order, and writes the {@link NotificationPlan}'s notifications into the outbox —
 * all of it, or none of it. A store must guarantee this also when several engines (application nodes) share
 * it. The core decides everything else.
 *
 * <p>Seating rules every store implements alike (the contract suite in the test-jar checks them):
 * <ul>
 *   <li>a claim gets an event seat when the event is unlimited, or when seats are left and nobody waits;
 *       otherwise it goes to the end of the waiting list, or is refused with {@code capacity.full} when the
 *       event has no waiting list;</li>
 *   <li>a group claim is all-or-nothing: all get seats, or all go to the waiting list in order;</li>
 *   <li>a registration holding an event seat holds a seat in each picked session, or a place on that session's
 *       own waiting list; without an event seat its picks stay {@code REQUESTED};</li>
 *   <li>when a seat comes free (cancellation, rejection, lapsed offer, raised capacity), the first on the
 *       waiting list gets it: confirmed at once, or offered until the plan's offer validity ends, by the
 *       event's {@link nl.learningcommunities.registration.event.Promotion}; likewise per session;</li>
 *   <li>every change increments the registration's version.</li>
 * </ul>
 *
 * <p>Implementations must be thread-safe. Failures of the storage itself are thrown as
 * {@link nl.learningcommunities.registration.RegistrationException}s.
 */
public interface RegistrationStore {

    /**
     * Defines or redefines the seats of an event. Counts are kept; raising a capacity promotes from the
     * waiting list. A capacity below the seats already taken (of the event or a session) is refused with
     * {@code capacity.below-taken}, so that confirmed registrations never exceed capacity.
     *
     * @param plan the seat plan
     * @param now  the current moment
     * @param notifications what to announce for promotions
     * @return done with the promotions made, or refused
     */
    StoreResult defineSeats(SeatPlan plan, Instant now, NotificationPlan notifications);

    /**
     * @param eventId an event
     * @return its seat plan, if defined
     */
    Optional<SeatPlan> seatPlan(String eventId);

    /**
     * Stores new registrations (one, or a coordinator's group) for one event. When the admission carries an
     * idempotency key, the store keeps it with the registrations in the same unit of work; an admission with a key
     * the event already has is refused with {@code registration.replayed} and writes nothing, also when the two
     * race on different nodes.
     *
     * @param admission the drafts and how to place them
     * @return done with a change per draft in order; or refused
     */
    StoreResult admit(Admission admission);

    /**
     * @param eventId        an event
     * @param idempotencyKey an admission's idempotency key
     * @return the registrations the admission with that key stored, in order; empty when none was stored
     */
    List<Registration> admittedWith(String eventId, String idempotencyKey);

    /**
     * Claims a seat (or a waiting-list place) for a registration that was pending, after verification or
     * approval.
     *
     * @param registrationId the registration
     * @param expected       the statuses it may be in
     * @param change         the history line (its {@code to} is replaced by the placement made)
     * @param notifications  what to announce
     * @return done; refused {@code capacity.full} when full without a waiting list; conflict otherwise
     */
    StoreResult place(UUID registrationId, Set<RegistrationStatus> expected, StatusChange change,
                      NotificationPlan notifications);

    /**
     * Moves a registration to another status without claiming a new seat: cancel, reject, leave the waiting
     * list, decline an offer (to {@code CANCELLED} or {@code REJECTED}, releasing what it holds and promoting);
     * verify into {@code PENDING_APPROVAL}; accept a standing offer (to {@code CONFIRMED}).
     *
     * @param registrationId the registration
     * @param expected       the statuses it may be in
     * @param change         the history line, whose {@code to} is the target
     * @param notifications  what to announce
     * @return done (with any promotions); conflict when not in an expected state or the offer lapsed
     */
    StoreResult transition(UUID registrationId, Set<RegistrationStatus> expected, StatusChange change,
                           NotificationPlan notifications);

    /**
     * An organiser's move between the waiting list and confirmed: to {@code CONFIRMED}, a waiting registration
     * takes a seat ahead of the queue (the event's capacity grows by one when it is full); to {@code WAITLISTED},
     * a confirmed registration gives its seat to the first one waiting and joins the end of the list.
     *
     * @param registrationId the registration
     * @param change         the history line, whose {@code to} is {@code CONFIRMED} or {@code WAITLISTED}
     * @param notifications  what to announce
     * @return done (with the promotion a freed seat makes); refused {@code registration.not-waiting},
     *         {@code registration.not-confirmed}, {@code waitlist.disabled} or {@code waitlist.nobody-waiting};
     *         conflict when the registration does not exist
     */
    StoreResult move(UUID registrationId, StatusChange change, NotificationPlan notifications);

    /**
     * Replaces a registration's session picks, keeping its seats in sessions it keeps, releasing (and
     * promoting in) sessions it drops, and claiming seats or session waiting-list places in new ones.
     *
     * @param registrationId the registration, which must be active
     * @param sessionIds     the new picks
     * @param now            the current moment
     * @param notifications  what to announce
     * @return done (with any session promotions); conflict when not active
     */
    StoreResult changeSessions(UUID registrationId, List<String> sessionIds, Instant now,
                               NotificationPlan notifications);

    /**
     * Stores a change that claims and releases nothing: details, answers, attendance, tokens, erasure. The
     * store rejects a change of status, sessions, waiting-list position or offer made this way.
     *
     * @param updated         the registration as it should be
     * @param expectedVersion the version the caller read
     * @param notifications   what to announce
     * @return done; conflict when the version moved on
     */
    StoreResult update(Registration updated, long expectedVersion, NotificationPlan notifications);

    /**
     * Lapses offers that expired ({@code CANCELLED}, reason {@code offer-expired}) and gives every free seat of
     * the event and its sessions to the waiting lists. Safe to run at any time, on any node.
     *
     * @param eventId       the event
     * @param now           the current moment
     * @param notifications what to announce
     * @return the changes made
     */
    StoreResult.Done refill(String eventId, Instant now, NotificationPlan notifications);

    /**
     * @param registrationId a registration
     * @return it, if it exists
     */
    Optional<Registration> find(UUID registrationId);

    /**
     * @param eventId an event
     * @param email   an address
     * @return the active registration of that address for that event, if any
     */
    Optional<Registration> findActive(String eventId, EmailAddress email);

    /**
     * @param email an address
     * @return every registration of that address, for every event
     */
    List<Registration> findByEmail(EmailAddress email);

    /**
     * @param query which registrations
     * @return them, in order of arrival
     */
    List<Registration> list(RegistrationQuery query);

    /**
     * Streams matching registrations to an action without holding them all in memory (exports).
     *
     * @param query  which registrations; offset and limit apply
     * @param action what to do with each, in order of arrival
     */
    void forEach(RegistrationQuery query, Consumer<Registration> action);

    /**
     * @param eventId an event
     * @return how its seats stand
     */
    SeatCounts counts(String eventId);

    /**
     * Where a registration now stands in its event's waiting list: one more than the registrations waiting ahead
     * of it. Its stored {@link Registration#waitlistPosition()} only orders the list; this counts who is still in
     * it. The default reads the event's waiting list; stores override it with a count.
     *
     * @param registration a registration
     * @return its place in line, while it waits for a seat (waitlisted, no standing offer); empty otherwise
     */
    default java.util.OptionalLong placeInLine(Registration registration) {
        if (!registration.isWaiting()) {
            return java.util.OptionalLong.empty();
        }
        long position = registration.waitlistPosition().getAsLong();
        long[] ahead = {0};
        forEach(new RegistrationQuery(registration.eventId(), Set.of(RegistrationStatus.WAITLISTED),
                Optional.empty(), 0, Integer.MAX_VALUE), r -> {
                    if (r.isWaiting() && r.waitlistPosition().getAsLong() < position) {
                        ahead[0]++;
                    }
                });
        return java.util.OptionalLong.of(ahead[0] + 1);
    }
}
