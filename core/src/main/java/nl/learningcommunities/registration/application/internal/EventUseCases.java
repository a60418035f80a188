package nl.learningcommunities.registration.application.internal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import nl.learningcommunities.registration.DefinitionException;
import nl.learningcommunities.registration.application.EventDirectory;
import nl.learningcommunities.registration.booking.SeatCounts;
import nl.learningcommunities.registration.booking.SeatPlan;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.Visibility;
import nl.learningcommunities.registration.rule.Messages;

/** The event directory. Thread-safe: holds only the immutable context. */
public final class EventUseCases implements EventDirectory {

    private final Context context;

    /**
     * @param context the ports and clock
     */
    public EventUseCases(Context context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public void publish(Event event) {
        Objects.requireNonNull(event, "event");
        Instant now = context.now();
        StoreResult result = context.store().defineSeats(SeatPlan.of(event), now, context.announcements(event, now));
        if (result instanceof StoreResult.Refused refused) {
            throw new DefinitionException("event " + event.id() + " cannot be published: "
                    + refused.reason().message(Messages.ENGLISH), null);
        }
        context.catalogue().save(event);
        context.publish(((StoreResult.Done) result).changes(), now);
    }

    @Override
    public void publishAll(List<Event> events) {
        events.forEach(this::publish);
    }

    @Override
    public Optional<Event> find(String eventId) {
        return context.catalogue().find(eventId);
    }

    @Override
    public List<Event> listed() {
        return all().stream().filter(e -> e.visibility() == Visibility.PUBLIC).toList();
    }

    @Override
    public List<Event> all() {
        return context.catalogue().all();
    }

    @Override
    public SeatCounts counts(String eventId) {
        context.event(eventId);
        return context.store().counts(eventId);
    }

    @Override
    public boolean isRegistrationOpen(String eventId) {
        return context.event(eventId).isRegistrationOpenAt(context.now());
    }
}
