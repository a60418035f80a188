package nl.learningcommunities.registration.event;

import java.util.Objects;

/**
 * One field of an event that a revision changed, with its value before and after as text for people (the
 * history page, the audit trail). An absent value is the empty string.
 *
 * <p>Immutable and thread-safe.
 *
 * @param field  the field, named as in the JSON definition ({@code capacity}, {@code startsAt}…)
 * @param before its value before, as text
 * @param after  its value after, as text
 */
public record FieldChange(String field, String before, String after) {

    /** Checks the components. */
    public FieldChange {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}
