package nl.learningcommunities.registration.application;

import static nl.learningcommunities.registration.testing.TestEvents.NOW;

import java.util.ArrayList;
import java.util.List;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.booking.DomainEvent;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.inmemory.InMemoryEventCatalogue;
import nl.learningcommunities.registration.inmemory.InMemoryStorage;
import nl.learningcommunities.registration.testing.Mailbox;
import nl.learningcommunities.registration.testing.MutableClock;

/** An engine on in-memory adapters, a clock at {@code NOW}, and a recording listener. */
final class EngineFixture {

    final MutableClock clock = MutableClock.at(NOW);
    final InMemoryStorage storage = InMemoryStorage.create();
    final InMemoryEventCatalogue catalogue = InMemoryEventCatalogue.create();
    final List<DomainEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
    final RegistrationEngine engine = RegistrationEngine.builder().eventCatalogue(catalogue)
            .registrationStore(storage).notificationOutbox(storage).clock(clock).listener(events::add).build();
    final Mailbox mailbox = new Mailbox(storage);

    Event publish(Event event) {
        engine.events().publish(event);
        return event;
    }

    Registration registered(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationOutcome.Confirmed c) {
            return c.registration();
        }
        if (outcome instanceof RegistrationOutcome.Waitlisted w) {
            return w.registration();
        }
        if (outcome instanceof RegistrationOutcome.PendingApproval p) {
            return p.registration();
        }
        if (outcome instanceof RegistrationOutcome.PendingVerification p) {
            return p.registration();
        }
        throw new AssertionError("expected a stored registration, got " + outcome);
    }

    static String code(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationOutcome.Refused r) {
            return r.reasons().get(0).code();
        }
        if (outcome instanceof RegistrationOutcome.Invalid i) {
            return i.reasons().get(0).code();
        }
        throw new AssertionError("expected a refusal, got " + outcome);
    }

    static String code(ActionOutcome outcome) {
        if (outcome instanceof ActionOutcome.NotAllowed n) {
            return n.reasons().get(0).code();
        }
        throw new AssertionError("expected not allowed, got " + outcome);
    }
}
