package nl.learningcommunities.registration.examples.portal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of a list in the event editor, as typed: a session, a question, an option of a question, an
 * eligibility condition or an invitation code. Values are keyed as the request names them after the row's
 * prefix ({@code title.nl}, {@code startsAt.date}…). Mutable, one per request; not thread-safe.
 */
final class EventFormRow {

    /** Keys holding a choice (a select or a checkbox) rather than typed text: they do not make a row filled. */
    private static final Set<String> CHOICES = Set.of("type", "required", "kind", "level");

    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<EventFormRow> options = new ArrayList<>();

    /**
     * @param key a value's key, such as {@code title.nl}
     * @return what was typed, or the empty string
     */
    public String value(String key) {
        return values.getOrDefault(key, "");
    }

    /**
     * @param key a checkbox's key
     * @return whether it is ticked
     */
    public boolean checked(String key) {
        return "true".equals(values.get(key));
    }

    /** @return the options of a question row, in order; empty for other rows */
    public List<EventFormRow> options() {
        return options;
    }

    EventFormRow set(String key, String value) {
        values.put(key, value == null ? "" : value);
        return this;
    }

    /** @return whether nothing was typed in it: it is left out of the event */
    boolean blank() {
        boolean typed = values.entrySet().stream()
                .anyMatch(e -> !CHOICES.contains(e.getKey()) && !e.getValue().isBlank());
        return !typed && options.stream().allMatch(EventFormRow::blank);
    }
}
