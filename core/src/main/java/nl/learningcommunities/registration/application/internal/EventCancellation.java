package nl.learningcommunities.registration.application.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.learningcommunities.registration.booking.NotificationPlan;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.StatusChange;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.event.Event;

/**
 * Cancels the active registrations of a cancelled event, each with its own message (EVENT_CANCELLED). Run when an
 * organiser cancels the event, and again by housekeeping, so that a cancellation that stopped half-way (a node
 * that died, a database that failed) is finished, and nobody stays confirmed for an event that will not take place.
 * Thread-safe: holds only the immutable context.
 */
final class EventCancellation {

    private final Context context;

    EventCancellation(Context context) {
        this.context = context;
    }

    /**
     * Cancels every active registration, those without a seat first, so that no freed seat is offered to someone
     * who is about to be cancelled too; then once more, for anyone who registered on another node meanwhile.
     *
     * @param event the cancelled event
     * @param actor the history's actor: {@code StatusChange.organiser(name)}, or {@code StatusChange.SYSTEM}
     * @return how many were cancelled and told
     */
    int cancelRegistrations(Event event, String actor) {
        int told = 0;
        for (int sweep = 0; sweep < 2; sweep++) {
            List<Registration> active = new ArrayList<>(context.store().list(new RegistrationQuery(event.id(),
                    ParticipantUseCases.ACTIVE, Optional.empty(), 0, Integer.MAX_VALUE)));
            active.sort(Comparator.comparing(Registration::holdsSeat));
            for (Registration registration : active) {
                if (cancelOne(registration.id(), event, actor)) {
                    told++;
                }
            }
        }
        return told;
    }

    private boolean cancelOne(UUID registrationId, Event event, String actor) {
        Instant now = context.now();
        NotificationPlan announcements = context.announcements(event, now);
        // A seat or session place freed on the way out is not news to anyone: only the cancelled one is told.
        NotificationPlan onlyTheCancelled = change -> change.after().id().equals(registrationId)
                ? announcements.notificationsFor(change) : List.of();
        StoreResult result = context.store().transition(registrationId, ParticipantUseCases.ACTIVE,
                new StatusChange(Optional.empty(), RegistrationStatus.CANCELLED, now, actor,
                        "event-cancelled", Optional.empty()), onlyTheCancelled);
        if (result instanceof StoreResult.Done done) {
            context.publish(done.changes(), now);
            return true;
        }
        return false;
    }
}
