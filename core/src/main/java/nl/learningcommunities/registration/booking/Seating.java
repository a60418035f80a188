package nl.learningcommunities.registration.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import nl.learningcommunities.registration.event.Promotion;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.rule.Reason;
import nl.learningcommunities.registration.token.AccessToken;

/**
 * SPI for store implementers: the seating rules of {@link RegistrationStore}, written once against a
 * {@link SeatBook}. A store locks the event, opens its book, calls one operation here, then {@link #finish}es
 * the changes and stores them with their notifications — or undoes everything when anything throws.
 *
 * <p>Stateless; each call works on the book it is given.
 */
public final class Seating {

    private final SeatBook book;
    private final BookChanges changes;
    private final SessionSeats sessions;

    private Seating(SeatBook book) {
        this.book = book;
        this.changes = new BookChanges(book);
        this.sessions = new SessionSeats(book, changes);
    }

    /**
     * The changes of one unit of work with their versions, tokens and notifications.
     *
     * @param changes       the changes, each registration's {@code after} with its new version and tokens
     * @param notifications the notifications to store with them
     */
    public record Finished(List<Change> changes, List<Notification> notifications) {
        /** Copies the components. */
        public Finished {
            changes = List.copyOf(changes);
            notifications = List.copyOf(notifications);
        }
    }

    /**
     * Asks the plan what to announce for each change, adds the tokens the notifications carry, and gives every
     * changed registration its next version.
     *
     * @param changes what an operation changed
     * @param plan    what to announce
     * @return the changes as to be stored, and their notifications
     */
    public static Finished finish(List<Change> changes, NotificationPlan plan) {
        List<Change> stored = new ArrayList<>();
        List<Notification> queued = new ArrayList<>();
        for (Change change : changes) {
            List<Notification> notifications = plan.notificationsFor(change);
            List<AccessToken> grants = notifications.stream().flatMap(n -> n.token().stream())
                    .map(t -> t.stored()).toList();
            long version = change.before().map(Registration::version).orElse(0L) + 1;
            stored.add(new Change(change.before(), change.after().withTokens(grants).withVersion(version)));
            queued.addAll(notifications);
        }
        return new Finished(stored, queued);
    }

    /**
     * For stores that claim a seat their own way: a new registration as placed in a seat.
     *
     * @param draft  the draft (status CONFIRMED, no history)
     * @param change the first history line
     * @return the registration, confirmed, with its sessions still requested
     */
    public static Registration seated(Registration draft, StatusChange change) {
        return draft.moveTo(RegistrationStatus.CONFIRMED, OptionalLong.empty(), Optional.empty(), draft.sessions(),
                retarget(change, draft, RegistrationStatus.CONFIRMED));
    }

    /**
     * For stores that claim a seat their own way: a new registration as placed on the waiting list.
     *
     * @param draft    the draft (status CONFIRMED, no history)
     * @param change   the first history line
     * @param position its waiting-list position
     * @return the registration, waitlisted
     */
    public static Registration queued(Registration draft, StatusChange change, long position) {
        return draft.moveTo(RegistrationStatus.WAITLISTED, OptionalLong.of(position), Optional.empty(),
                SessionSeats.requested(draft.sessions()), retarget(change, draft, RegistrationStatus.WAITLISTED));
    }

    // ---------------------------------------------------------------- operations

    /**
     * @param book the event's book
     * @param plan the new seat plan
     * @param now  the current moment
     * @return done with the promotions a raise made, or refused {@code capacity.below-taken}
     */
    public static StoreResult defineSeats(SeatBook book, SeatPlan plan, Instant now) {
        if (plan.capacity().isPresent() && plan.capacity().getAsInt() < book.seatsTaken()) {
            return refused("capacity.below-taken", "capacity", String.valueOf(book.seatsTaken()));
        }
        for (Map.Entry<String, OptionalInt> session : plan.sessionCapacities().entrySet()) {
            int seated = book.sessionSeated(session.getKey());
            if (session.getValue().isPresent() && session.getValue().getAsInt() < seated) {
                return refused("capacity.below-taken", "capacity", String.valueOf(seated));
            }
        }
        book.plan(plan);
        Seating work = new Seating(book);
        work.sessions.refill(plan.sessionCapacities().keySet());
        work.refillEvent(now);
        return work.changes.done();
    }

    /**
     * @param book      the event's book
     * @param admission the new registrations
     * @return done, or refused (closed or cancelled event, duplicate, organisation limit, invitation used up, full)
     */
    public static StoreResult admit(SeatBook book, Admission admission) {
        switch (book.plan().status()) {
            case CLOSED -> {
                return refused("registration.closed", null);
            }
            case CANCELLED -> {
                return refused("event.cancelled", null);
            }
            default -> {
            }
        }
        List<Registration> drafts = admission.drafts();
        Set<String> emails = new HashSet<>();
        Map<String, Integer> organisations = new LinkedHashMap<>();
        for (Registration draft : drafts) {
            String key = draft.participant().email().key();
            if (book.activeWithEmail(key).isPresent() || !emails.add(key)) {
                return refused("registration.duplicate", "email");
            }
            organisations.merge(draft.participant().organisationKey(), 1, Integer::sum);
        }
        OptionalInt limit = book.plan().organisationLimit();
        if (limit.isPresent()) {
            for (Map.Entry<String, Integer> org : organisations.entrySet()) {
                if (book.activeInOrganisation(org.getKey()) + org.getValue() > limit.getAsInt()) {
                    return refused("organisation.limit", "organisation", String.valueOf(limit.getAsInt()));
                }
            }
        }
        Optional<String> code = drafts.get(0).invitationCode();
        if (code.isPresent() && admission.invitationMaxUses().isPresent()
                && book.activeWithCode(code.get()) + drafts.size() > admission.invitationMaxUses().getAsInt()) {
            return refused("eligibility.invitation.exhausted", "invitationCode");
        }
        Decision decision = admission.claimsSeats() ? decide(book, drafts.size()) : Decision.AS_IS;
        if (decision == Decision.FULL) {
            return refused("capacity.full", null);
        }
        Seating work = new Seating(book);
        StatusChange first = admission.change();
        for (Registration draft : drafts) {
            work.changes.saveNew(switch (decision) {
                case SEAT -> work.seat(draft, first);
                case WAIT -> work.enqueue(draft, first);
                default -> draft.moveTo(draft.status(), OptionalLong.empty(), Optional.empty(), draft.sessions(),
                        retarget(first, draft, draft.status()));
            });
            if (decision == Decision.WAIT) {
                work.changes.placeInLine(draft.id(), (long) book.waitingWithoutOffer());
            }
        }
        return work.changes.done();
    }

    /**
     * Claims a seat or waiting-list place for a pending registration.
     *
     * @param book     the event's book
     * @param current  the registration
     * @param expected the statuses it may be in
     * @param change   the history line
     * @return done, refused {@code capacity.full}, or conflict
     */
    public static StoreResult place(SeatBook book, Registration current, Set<RegistrationStatus> expected,
                                    StatusChange change) {
        if (!expected.contains(current.status()) || current.status() == RegistrationStatus.CONFIRMED
                || current.status() == RegistrationStatus.WAITLISTED || !current.status().isActive()) {
            return new StoreResult.Conflict(Optional.of(current));
        }
        Decision decision = decide(book, 1);
        if (decision == Decision.FULL) {
            return refused("capacity.full", null);
        }
        Seating work = new Seating(book);
        work.changes.save(decision == Decision.SEAT ? work.seat(current, change) : work.enqueue(current, change));
        return work.changes.done();
    }

    /**
     * See {@link RegistrationStore#transition}.
     *
     * @param book     the event's book
     * @param current  the registration
     * @param expected the statuses it may be in
     * @param change   the history line, whose {@code to} is the target
     * @return done or conflict
     */
    public static StoreResult transition(SeatBook book, Registration current, Set<RegistrationStatus> expected,
                                         StatusChange change) {
        if (!expected.contains(current.status()) || !current.status().isActive()) {
            return new StoreResult.Conflict(Optional.of(current));
        }
        RegistrationStatus to = change.to();
        StatusChange line = new StatusChange(Optional.of(current.status()), to, change.at(), change.actor(),
                change.reason(), change.note());
        Seating work = new Seating(book);
        switch (to) {
            case CANCELLED, REJECTED -> {
                Set<String> touched = work.release(current);
                work.changes.save(current.moveTo(to, OptionalLong.empty(), Optional.empty(),
                        SessionSeats.requested(current.sessions()), line));
                work.sessions.refill(touched);
                work.refillEvent(change.at());
            }
            case PENDING_APPROVAL -> {
                if (current.status() != RegistrationStatus.PENDING_VERIFICATION) {
                    return new StoreResult.Conflict(Optional.of(current));
                }
                work.changes.save(current.moveTo(to, OptionalLong.empty(), Optional.empty(), current.sessions(), line));
            }
            case CONFIRMED -> {
                boolean offerStands = current.offerExpiresAt().map(change.at()::isBefore).orElse(false);
                if (!offerStands) {
                    return new StoreResult.Conflict(Optional.of(current));
                }
                work.changes.save(current.moveTo(to, OptionalLong.empty(), Optional.empty(),
                        work.sessions.claim(current.id(), current.sessions()), line));
            }
            default -> {
                return new StoreResult.Conflict(Optional.of(current));
            }
        }
        return work.changes.done();
    }

    /**
     * See {@link RegistrationStore#move}.
     *
     * @param book    the event's book
     * @param current the registration
     * @param change  the history line, whose {@code to} is {@code CONFIRMED} or {@code WAITLISTED}
     * @return done (with the promotion a freed seat makes), or refused with the reason the state gives
     */
    public static StoreResult move(SeatBook book, Registration current, StatusChange change) {
        StatusChange line = new StatusChange(Optional.of(current.status()), change.to(), change.at(), change.actor(),
                change.reason(), change.note());
        Seating work = new Seating(book);
        switch (change.to()) {
            case CONFIRMED -> {
                if (!current.isWaiting()) {
                    return refused("registration.not-waiting", null);
                }
                OptionalInt capacity = book.plan().capacity();
                if (capacity.isPresent() && book.seatsTaken() >= capacity.getAsInt()) {
                    book.plan(book.plan().withCapacity(OptionalInt.of(book.seatsTaken() + 1)));
                }
                work.changes.save(work.seat(current, line));
            }
            case WAITLISTED -> {
                if (current.status() != RegistrationStatus.CONFIRMED) {
                    return refused("registration.not-confirmed", null);
                }
                if (!book.plan().waitingList()) {
                    return refused("waitlist.disabled", null);
                }
                if (book.firstWaiting().isEmpty()) {
                    return refused("waitlist.nobody-waiting", null);
                }
                Set<String> touched = work.release(current);
                work.changes.save(work.enqueue(current, line));
                work.sessions.refill(touched);
                work.refillEvent(change.at());
            }
            default -> throw new IllegalArgumentException("a move goes to CONFIRMED or WAITLISTED, not " + change.to());
        }
        return work.changes.done();
    }

    /**
     * See {@link RegistrationStore#changeSessions}.
     *
     * @param book       the event's book
     * @param current    the registration
     * @param sessionIds the new picks
     * @param now        the current moment
     * @return done or conflict
     */
    public static StoreResult changeSessions(SeatBook book, Registration current, List<String> sessionIds,
                                             Instant now) {
        if (!current.status().isActive()) {
            return new StoreResult.Conflict(Optional.of(current));
        }
        Seating work = new Seating(book);
        List<SessionChoice> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (SessionChoice choice : current.sessions()) {
            if (sessionIds.contains(choice.sessionId())) {
                kept.add(choice);
            } else {
                dropped.add(choice.sessionId());
                work.sessions.release(choice);
            }
        }
        for (String sessionId : sessionIds) {
            if (kept.stream().noneMatch(c -> c.sessionId().equals(sessionId))) {
                kept.add(SessionChoice.requested(sessionId));
            }
        }
        List<SessionChoice> placed = current.status() == RegistrationStatus.CONFIRMED
                ? work.sessions.claim(current.id(), kept) : kept;
        work.changes.save(current.withSessions(placed, now));
        work.sessions.refill(dropped);
        return work.changes.done();
    }

    /**
     * See {@link RegistrationStore#update}.
     *
     * @param book            the event's book
     * @param current         the registration as stored
     * @param updated         as it should be
     * @param expectedVersion the version the caller read
     * @return done, refused (address taken, organisation limit) or conflict
     */
    public static StoreResult update(SeatBook book, Registration current, Registration updated, long expectedVersion) {
        if (current.version() != expectedVersion) {
            return new StoreResult.Conflict(Optional.of(current));
        }
        if (current.status() != updated.status() || !current.sessions().equals(updated.sessions())
                || !current.waitlistPosition().equals(updated.waitlistPosition())
                || !current.offerExpiresAt().equals(updated.offerExpiresAt())
                || !current.eventId().equals(updated.eventId())) {
            throw new IllegalArgumentException("update() cannot change status, seats or sessions");
        }
        boolean active = current.status().isActive();
        String newEmail = updated.participant().email().key();
        String oldOrg = current.participant().organisationKey();
        String newOrg = updated.participant().organisationKey();
        if (active && !current.participant().email().key().equals(newEmail)
                && book.activeWithEmail(newEmail).isPresent()) {
            return refused("registration.duplicate", "email");
        }
        OptionalInt limit = book.plan().organisationLimit();
        if (active && !updated.erased() && !oldOrg.equals(newOrg) && limit.isPresent()
                && book.activeInOrganisation(newOrg) + 1 > limit.getAsInt()) {
            return refused("organisation.limit", "organisation", String.valueOf(limit.getAsInt()));
        }
        Seating work = new Seating(book);
        work.changes.save(updated);
        return work.changes.done();
    }

    /**
     * See {@link RegistrationStore#refill}.
     *
     * @param book the event's book
     * @param now  the current moment
     * @return the changes made
     */
    public static StoreResult.Done refill(SeatBook book, Instant now) {
        Seating work = new Seating(book);
        for (UUID id : book.offered()) {
            Registration offered = work.changes.current(id);
            if (!offered.offerExpiresAt().orElseThrow().isAfter(now)) {
                work.release(offered);
                work.changes.save(offered.moveTo(RegistrationStatus.CANCELLED, OptionalLong.empty(), Optional.empty(),
                        SessionSeats.requested(offered.sessions()), new StatusChange(Optional.of(offered.status()),
                                RegistrationStatus.CANCELLED, now, StatusChange.SYSTEM, "offer-expired",
                                Optional.empty())));
            }
        }
        work.sessions.refill(book.plan().sessionCapacities().keySet());
        work.refillEvent(now);
        return work.changes.done();
    }

    // ---------------------------------------------------------------- the rules

    private enum Decision { SEAT, WAIT, FULL, AS_IS }

    private static Decision decide(SeatBook book, int seats) {
        OptionalInt capacity = book.plan().capacity();
        if (capacity.isEmpty()
                || (book.firstWaiting().isEmpty() && book.seatsTaken() + seats <= capacity.getAsInt())) {
            return Decision.SEAT;
        }
        return book.plan().waitingList() ? Decision.WAIT : Decision.FULL;
    }

    private Registration seat(Registration registration, StatusChange change) {
        book.seatsTaken(book.seatsTaken() + 1);
        return registration.moveTo(RegistrationStatus.CONFIRMED, OptionalLong.empty(), Optional.empty(),
                sessions.claim(registration.id(), registration.sessions()),
                retarget(change, registration, RegistrationStatus.CONFIRMED));
    }

    private Registration enqueue(Registration registration, StatusChange change) {
        long position = book.lastPosition() + 1;
        book.lastPosition(position);
        return registration.moveTo(RegistrationStatus.WAITLISTED, OptionalLong.of(position), Optional.empty(),
                SessionSeats.requested(registration.sessions()),
                retarget(change, registration, RegistrationStatus.WAITLISTED));
    }

    private static StatusChange retarget(StatusChange change, Registration registration, RegistrationStatus to) {
        boolean isNew = registration.history().isEmpty();
        return new StatusChange(isNew ? Optional.empty() : Optional.of(registration.status()), to, change.at(),
                change.actor(), change.reason(), change.note());
    }

    /** Releases the event seat and every session seat; returns the sessions touched. */
    private Set<String> release(Registration registration) {
        if (registration.holdsSeat()) {
            book.seatsTaken(book.seatsTaken() - 1);
        }
        Set<String> touched = new LinkedHashSet<>();
        for (SessionChoice choice : registration.sessions()) {
            sessions.release(choice);
            touched.add(choice.sessionId());
        }
        return touched;
    }

    private void refillEvent(Instant now) {
        OptionalInt capacity = book.plan().capacity();
        Promotion promotion = book.plan().promotion();
        while (capacity.isEmpty() || book.seatsTaken() < capacity.getAsInt()) {
            Optional<UUID> first = book.firstWaiting();
            if (first.isEmpty()) {
                break;
            }
            book.seatsTaken(book.seatsTaken() + 1);
            Registration waiting = changes.current(first.get());
            if (promotion.mode() == Promotion.Mode.OFFER) {
                changes.save(waiting.moveTo(RegistrationStatus.WAITLISTED, waiting.waitlistPosition(),
                        Optional.of(now.plus(promotion.offerValidity())), waiting.sessions(),
                        new StatusChange(Optional.of(RegistrationStatus.WAITLISTED), RegistrationStatus.WAITLISTED,
                                now, StatusChange.SYSTEM, "offer-made", Optional.empty())));
            } else {
                changes.save(waiting.moveTo(RegistrationStatus.CONFIRMED, OptionalLong.empty(), Optional.empty(),
                        sessions.claim(waiting.id(), waiting.sessions()),
                        new StatusChange(Optional.of(RegistrationStatus.WAITLISTED), RegistrationStatus.CONFIRMED,
                                now, StatusChange.SYSTEM, "promoted", Optional.empty())));
            }
        }
    }

    private static StoreResult refused(String code, String field, String... args) {
        return new StoreResult.Refused(field == null ? Reason.of(code, args) : Reason.ofField(field, code, args));
    }
}
