package nl.learningcommunities.registration.application.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Validator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.learningcommunities.registration.EventNotFoundException;
import nl.learningcommunities.registration.application.Instrumentation;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.booking.Admission;
import nl.learningcommunities.registration.booking.Change;
import nl.learningcommunities.registration.booking.DomainEvent;
import nl.learningcommunities.registration.booking.DomainEventListener;
import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventCatalogue;
import nl.learningcommunities.registration.notification.NotificationOutbox;
import nl.learningcommunities.registration.token.TokenGenerator;

/** What every use case needs: the ports, the clock, and the validator. Immutable; thread-safe. */
public record Context(EventCatalogue catalogue, RegistrationStore store, NotificationOutbox outbox, Clock clock,
                      TokenGenerator tokens, List<DomainEventListener> listeners, Validator validator,
                      Instrumentation instrumentation) {

    private static final Logger LOG = LoggerFactory.getLogger(Context.class);

    /** Copies the listeners. */
    public Context {
        listeners = List.copyOf(listeners);
        java.util.Objects.requireNonNull(instrumentation, "instrumentation");
    }

    /** Runs a seat claim through the instrumentation. */
    StoreResult admit(Admission admission) {
        return instrumentation.seatClaim(admission.eventId(), admission.drafts().size(),
                () -> store.admit(admission));
    }

    /**
     * Tells the instrumentation how an attempt ended; never fails the use case. Input found invalid before the
     * event was looked up counts only when the event exists, so that made-up event ids make no metrics.
     */
    void attempted(String eventId, RegistrationOutcome outcome) {
        if (eventId == null
                || outcome instanceof RegistrationOutcome.Invalid && catalogue.find(eventId).isEmpty()) {
            return;
        }
        try {
            instrumentation.registrationAttempted(eventId, outcome);
        } catch (RuntimeException e) {
            LOG.warn("instrumentation {} failed on a registration outcome", instrumentation.getClass().getName(), e);
        }
    }

    /** The current moment, to the microsecond: what every store can keep exactly. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A registration by id; a null id names none, like an unknown one. */
    java.util.Optional<nl.learningcommunities.registration.booking.Registration> registration(UUID registrationId) {
        return registrationId == null ? java.util.Optional.empty() : store.find(registrationId);
    }

    Event event(String eventId) {
        return catalogue.find(eventId).orElseThrow(() -> new EventNotFoundException(eventId));
    }

    Announcements announcements(Event event, Instant now) {
        return new Announcements(event, tokens, now);
    }

    void publish(List<Change> changes, Instant at) {
        if (listeners.isEmpty()) {
            return;
        }
        for (Change change : changes) {
            for (DomainEvent event : DomainEvent.of(change, at, RandomIds::next)) {
                for (DomainEventListener listener : listeners) {
                    try {
                        listener.on(event);
                    } catch (RuntimeException e) {
                        LOG.warn("domain event listener {} failed on {} of registration {}",
                                listener.getClass().getName(), event.getClass().getSimpleName(),
                                event.registrationId(), e);
                    }
                }
            }
        }
    }
}
