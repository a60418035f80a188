package nl.learningcommunities.registration.application;

import java.util.List;
import java.util.Objects;

import nl.learningcommunities.registration.event.FieldChange;

/**
 * What saving a change to an event would do, asked before saving it: which fields change, whether the change is
 * material (time, time zone, place, online link or format), and how many participants would be told.
 *
 * <p>Immutable and thread-safe.
 *
 * @param changes   the fields that would change
 * @param material  whether participants would be told
 * @param confirmed how many confirmed participants would get an updated calendar invite
 * @param waiting   how many waiting participants would get a short message
 */
public record ChangePreview(List<FieldChange> changes, boolean material, int confirmed, int waiting) {

    /** Copies the changes. */
    public ChangePreview {
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
    }

    /** @return how many participants would be told */
    public int notified() {
        return confirmed + waiting;
    }
}
