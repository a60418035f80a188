package nl.learningcommunities.registration.application.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import nl.learningcommunities.registration.application.EventOutcome;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.SeatCounts;
import nl.learningcommunities.registration.booking.SeatPlan;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventFields;
import nl.learningcommunities.registration.event.EventRevision;
import nl.learningcommunities.registration.event.FieldChange;
import nl.learningcommunities.registration.event.InvalidEventException;
import nl.learningcommunities.registration.event.Session;
import nl.learningcommunities.registration.event.StoredEvent;
import nl.learningcommunities.registration.rule.Reason;

/**
 * Makes the next revision of a published event: the revision first, as a compare-and-set in the catalogue (so a
 * stale edit touches nothing), then its seats in the store, then the domain events of any promotions, then the
 * messages a material change sends. A capacity below the seats taken is refused before anything is written; when
 * seats are taken between that check and the store's own, the store refuses and a {@code reverted} revision takes
 * the store's capacities back. After every revision the latest revision's seats are defined where the store holds
 * others ({@link #reconcile}), so that the event and its seats agree however revisions on several nodes interleave
 * or a store fails half-way. Thread-safe: holds only the immutable context.
 */
final class EventRevisions {

    private static final int ATTEMPTS = 5;

    private final Context context;

    EventRevisions(Context context) {
        this.context = context;
    }

    /**
     * @param eventId  the event
     * @param expected the revision the caller read, or empty to take whatever is current
     * @param change   what to make of the event as it stands
     * @param actor    who
     * @param action   the revision's action word
     * @param imported the definition to keep as the next import's base, if this is an import
     * @param notify   whether a material change tells participants
     * @return the outcome
     */
    EventOutcome revise(String eventId, OptionalLong expected, UnaryOperator<Event> change, String actor,
                        String action, Optional<Event> imported, boolean notify) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StoredEvent> found = context.catalogue().stored(eventId);
            if (found.isEmpty()) {
                return new EventOutcome.NotFound();
            }
            StoredEvent stored = found.get();
            if (expected.isPresent() && expected.getAsLong() != stored.revision()) {
                return new EventOutcome.Stale(stored);
            }
            Event changed;
            try {
                changed = change.apply(stored.event());
            } catch (InvalidEventException e) {
                return refused(e);
            }
            if (!changed.id().equals(eventId)) {
                return new EventOutcome.Refused(List.of(Reason.ofField("id", "event.id.changed")));
            }
            List<FieldChange> changes = EventFields.diff(stored.event(), changed);
            if (changes.isEmpty() && (imported.isEmpty() || imported.equals(stored.imported()))) {
                reconcile(eventId);
                return new EventOutcome.Saved(stored, List.of(), 0);
            }
            Instant now = context.now();
            boolean seatsMoved = !SeatPlan.of(stored.event()).equals(SeatPlan.of(changed));
            if (seatsMoved) {
                Optional<Reason> belowTaken = belowTaken(changed);
                if (belowTaken.isPresent()) {
                    return new EventOutcome.Refused(List.of(belowTaken.get()));
                }
            }
            EventRevision revision = new EventRevision(eventId, stored.revision() + 1, now, actor, action, changes,
                    changed);
            if (!context.catalogue().save(revision, imported)) {
                if (expected.isPresent()) {
                    return new EventOutcome.Stale(context.catalogue().stored(eventId).orElse(stored));
                }
                continue;
            }
            if (seatsMoved) {
                StoreResult result = context.store().defineSeats(SeatPlan.of(changed), now,
                        context.announcements(changed, now));
                if (result instanceof StoreResult.Refused refused) {
                    undo(revision, stored.event());
                    reconcile(eventId);
                    return new EventOutcome.Refused(List.of(refused.reason()));
                }
                context.publish(((StoreResult.Done) result).changes(), now);
            }
            reconcile(eventId);
            StoredEvent after = new StoredEvent(changed, revision.number(),
                    imported.isPresent() ? imported : stored.imported());
            int notified = notify && EventFields.material(changes) ? tellParticipants(changed, changes, now) : 0;
            return new EventOutcome.Saved(after, changes, notified);
        }
        throw new IllegalStateException("event " + eventId + " kept changing while it was revised");
    }

    /** A capacity (of the event or a session) below the seats already taken, as the store would refuse it. */
    private Optional<Reason> belowTaken(Event changed) {
        SeatCounts counts = context.store().counts(changed.id());
        int taken = counts.confirmed() + counts.offered();
        if (changed.capacity().isPresent() && changed.capacity().getAsInt() < taken) {
            return Optional.of(Reason.ofField("capacity", "capacity.below-taken", String.valueOf(taken)));
        }
        for (Session session : changed.sessions()) {
            SeatCounts.SessionCounts seats = counts.sessions().get(session.id());
            if (seats != null && session.capacity().isPresent() && session.capacity().getAsInt() < seats.seated()) {
                return Optional.of(Reason.ofField("sessions." + session.id() + ".capacity", "capacity.below-taken",
                        String.valueOf(seats.seated())));
            }
        }
        return Optional.empty();
    }

    /**
     * Makes the store's seats those of the latest revision. Revisions are stored in order, but their seats are
     * defined one after the other by whoever made them, and a store can fail between a revision and its seats: so
     * after every revision, and whenever an unchanged event is saved or imported, the latest revision's seats are
     * defined again where the store holds others. Where the store refuses them (seats were taken after the check),
     * the next revision ({@code reverted}, by {@code system}) takes back the capacities the store holds, so that
     * the event and its seats agree.
     *
     * @param eventId the event
     */
    void reconcile(String eventId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StoredEvent> found = context.catalogue().stored(eventId);
            if (found.isEmpty()) {
                return;
            }
            StoredEvent latest = found.get();
            SeatPlan wanted = SeatPlan.of(latest.event());
            Optional<SeatPlan> held = context.store().seatPlan(eventId);
            if (held.isPresent() && held.get().equals(wanted)) {
                return;
            }
            Instant now = context.now();
            StoreResult result = context.store().defineSeats(wanted, now, context.announcements(latest.event(), now));
            if (result instanceof StoreResult.Done done) {
                context.publish(done.changes(), now);
                return;
            }
            Event back = withCapacities(latest.event(), context.store().seatPlan(eventId).orElse(wanted));
            context.catalogue().save(new EventRevision(eventId, latest.revision() + 1, now, EventRevision.SYSTEM,
                    "reverted", EventFields.diff(latest.event(), back), back), Optional.empty());
        }
    }

    /**
     * The store refused the seats of a revision already stored (seats were taken after the check): while nobody
     * revised the event since, the next revision puts all of it back as it was, so that a refused change leaves
     * nothing of itself behind. Otherwise {@link #reconcile} takes back the capacities alone.
     */
    private void undo(EventRevision refused, Event before) {
        Optional<StoredEvent> latest = context.catalogue().stored(refused.eventId());
        if (latest.isPresent() && latest.get().revision() == refused.number()) {
            context.catalogue().save(new EventRevision(refused.eventId(), refused.number() + 1, context.now(),
                    EventRevision.SYSTEM, "reverted", EventFields.diff(refused.event(), before), before),
                    Optional.empty());
        }
    }

    /** The event with the capacities (its own and its sessions') of a seat plan. */
    private static Event withCapacities(Event event, SeatPlan plan) {
        return event.toBuilder().capacity(plan.capacity()).sessions(event.sessions().stream()
                .map(s -> new Session(s.id(), s.title(), s.startsAt(), s.endsAt(),
                        plan.sessionCapacities().getOrDefault(s.id(), s.capacity()))).toList()).build();
    }

    /**
     * @param event an event
     * @return the registrations a material change tells: confirmed, and waiting with or without an offer
     */
    List<Registration> toTell(Event event) {
        return context.store().list(new RegistrationQuery(event.id(),
                Set.of(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED), Optional.empty(), 0,
                Integer.MAX_VALUE));
    }

    private int tellParticipants(Event event, List<FieldChange> changes, Instant now) {
        List<String> fields = changes.stream().map(FieldChange::field).toList();
        int told = 0;
        for (Registration registration : toTell(event)) {
            if (tell(registration.id(), event, fields, now)) {
                told++;
            }
        }
        return told;
    }

    /** One message per registration, stored with a new version so that its calendar SEQUENCE goes up. */
    private boolean tell(UUID registrationId, Event event, List<String> fields, Instant now) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Registration> found = context.registration(registrationId);
            if (found.isEmpty() || found.get().erased() || !(found.get().status() == RegistrationStatus.CONFIRMED
                    || found.get().status() == RegistrationStatus.WAITLISTED)) {
                return false;
            }
            Registration current = found.get();
            StoreResult result = context.store().update(current, current.version(),
                    context.announcements(event, now).eventChanged(fields));
            if (result instanceof StoreResult.Done) {
                return true;
            }
        }
        return false;
    }

    static EventOutcome.Refused refused(InvalidEventException e) {
        return new EventOutcome.Refused(List.of(Reason.ofField(e.field(), e.code(), e.args().toArray(String[]::new))));
    }
}
