package nl.learningcommunities.registration.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One numbered revision of a published event: the event as it stood after it, who made it, when, why, and which
 * fields it changed. Revision 1 is the event's creation (or first import); every later change to the event —
 * an organiser's edit, a capacity change, a seat given beyond capacity, closing, reopening, cancelling, an import
 * of a changed definition — is the next number.
 *
 * <p>Immutable and thread-safe.
 *
 * @param eventId the event
 * @param number  the revision number, from 1
 * @param at      when it was made
 * @param actor   who made it: an organiser's name, or {@code import} or {@code system}
 * @param action  what was done, a stable word: {@code created}, {@code imported}, {@code updated},
 *                {@code capacity-changed}, {@code seat-given}, {@code closed}, {@code reopened}, {@code cancelled},
 *                {@code copied}
 * @param changes the fields it changed (all set fields for revision 1 are not listed: it lists none)
 * @param event   the event as it stood after this revision
 */
public record EventRevision(String eventId, long number, Instant at, String actor, String action,
                            List<FieldChange> changes, Event event) {

    /** The actor of revisions an import makes. */
    public static final String IMPORT = "import";

    /** The actor of revisions the library makes on its own. */
    public static final String SYSTEM = "system";

    /** Checks and copies the components. */
    public EventRevision {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(event, "event");
        changes = List.copyOf(changes);
        if (number < 1) {
            throw new IllegalArgumentException("revision numbers start at 1");
        }
        if (!eventId.equals(event.id())) {
            throw new IllegalArgumentException("revision of " + eventId + " holds event " + event.id());
        }
    }
}
