package nl.learningcommunities.registration.event;

import java.util.Objects;
import java.util.Optional;

/**
 * A published event as the catalogue keeps it: its current definition and revision number, and the definition
 * it was last imported from, against which the next import of a changed file is merged.
 *
 * <p>Immutable and thread-safe.
 *
 * @param event    the event as it stands
 * @param revision its current revision number, from 1
 * @param imported the definition last imported for it, if it was ever imported
 */
public record StoredEvent(Event event, long revision, Optional<Event> imported) {

    /** Checks the components. */
    public StoredEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(imported, "imported");
        if (revision < 1) {
            throw new IllegalArgumentException("revision numbers start at 1");
        }
    }
}
