package nl.learningcommunities.registration.testing;

import java.util.List;
import java.util.Optional;

import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventCatalogue;
import nl.learningcommunities.registration.event.EventRevision;
import nl.learningcommunities.registration.event.StoredEvent;

/** A catalogue that hands every call to another, for a fake to override the one or two calls it is about. */
public class ForwardingEventCatalogue implements EventCatalogue {

    private final EventCatalogue catalogue;

    /** @param catalogue the catalogue every call goes to */
    public ForwardingEventCatalogue(EventCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public Optional<Event> find(String eventId) {
        return catalogue.find(eventId);
    }

    @Override
    public List<Event> all() {
        return catalogue.all();
    }

    @Override
    public Optional<StoredEvent> stored(String eventId) {
        return catalogue.stored(eventId);
    }

    @Override
    public List<EventRevision> history(String eventId) {
        return catalogue.history(eventId);
    }

    @Override
    public boolean save(EventRevision revision, Optional<Event> imported) {
        return catalogue.save(revision, imported);
    }
}
