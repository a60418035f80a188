package nl.learningcommunities.registration.application;

import java.util.List;
import java.util.Objects;

import nl.learningcommunities.registration.event.FieldChange;
import nl.learningcommunities.registration.event.StoredEvent;
import nl.learningcommunities.registration.rule.Reason;

/** What became of an organiser's action on an event: create, update, copy, close, reopen, cancel. */
public sealed interface EventOutcome {

    /**
     * The action took effect (or changed nothing, when {@code changes} is empty and no revision was made).
     *
     * @param event    the event as it stands now, with its revision
     * @param changes  the fields the new revision changed; empty when nothing changed
     * @param notified how many participants are being told of the change
     */
    record Saved(StoredEvent event, List<FieldChange> changes, int notified) implements EventOutcome {
        /** Checks and copies the components. */
        public Saved {
            Objects.requireNonNull(event, "event");
            changes = List.copyOf(changes);
        }
    }

    /**
     * Someone changed the event since the revision the caller read; nothing was written. Read the event again,
     * show the organiser what changed, and let them decide.
     *
     * @param current the event as it stands, with its revision
     */
    record Stale(StoredEvent current) implements EventOutcome {
        /** Checks the component. */
        public Stale {
            Objects.requireNonNull(current, "current");
        }
    }

    /**
     * The action was refused and nothing was written: a field broke a rule ({@code event.ends-before-start},
     * {@code event.id.invalid}, {@code field.invalid}…, each naming its field), the id is taken
     * ({@code event.exists}), the capacity is below the seats taken ({@code capacity.below-taken}), or the event
     * is cancelled ({@code event.cancelled}).
     *
     * @param reasons why, with stable codes and fields
     */
    record Refused(List<Reason> reasons) implements EventOutcome {
        /** Copies the reasons. */
        public Refused {
            reasons = List.copyOf(reasons);
        }
    }

    /** No event with that id. */
    record NotFound() implements EventOutcome {
    }
}
