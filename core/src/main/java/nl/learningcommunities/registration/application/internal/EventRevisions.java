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
import nl.learningcommunities.registration.booking.SeatPlan;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventFields;
import nl.learningcommunities.registration.event.EventRevision;
import nl.learningcommunities.registration.event.FieldChange;
import nl.learningcommunities.registration.event.InvalidEventException;
import nl.learningcommunities.registration.event.StoredEvent;
import nl.learningcommunities.registration.rule.Reason;

/**
 * Makes the next revision of a published event: seats first (a changed seat plan is defined in the store, which
 * refuses a capacity below the seats taken), then the revision as a compare-and-set in the catalogue, then the
 * domain events of any promotions, then the messages a material change sends. When the revision loses a race
 * after the seats moved, the seats are defined again from the event as it then stands, and the caller is told
 * the revision is stale. Thread-safe: holds only the immutable context.
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
                return new EventOutcome.Saved(stored, List.of(), 0);
            }
            Instant now = context.now();
            boolean seatsMoved = !SeatPlan.of(stored.event()).equals(SeatPlan.of(changed));
            if (seatsMoved) {
                StoreResult result = context.store().defineSeats(SeatPlan.of(changed), now,
                        context.announcements(changed, now));
                if (result instanceof StoreResult.Refused refused) {
                    return new EventOutcome.Refused(List.of(refused.reason()));
                }
                context.publish(((StoreResult.Done) result).changes(), now);
            }
            EventRevision revision = new EventRevision(eventId, stored.revision() + 1, now, actor, action, changes,
                    changed);
            if (context.catalogue().save(revision, imported)) {
                StoredEvent after = new StoredEvent(changed, revision.number(),
                        imported.isPresent() ? imported : stored.imported());
                int notified = notify && EventFields.material(changes)
                        ? tellParticipants(changed, changes, now) : 0;
                return new EventOutcome.Saved(after, changes, notified);
            }
            if (seatsMoved) {
                context.catalogue().find(eventId).ifPresent(latest ->
                        context.store().defineSeats(SeatPlan.of(latest), context.now(),
                                context.announcements(latest, context.now())));
            }
            if (expected.isPresent()) {
                return new EventOutcome.Stale(context.catalogue().stored(eventId).orElse(stored));
            }
        }
        throw new IllegalStateException("event " + eventId + " kept changing while it was revised");
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
            Optional<Registration> found = context.store().find(registrationId);
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
