package nl.learningcommunities.registration.examples.portal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventFields;
import nl.learningcommunities.registration.event.FieldChange;

/**
 * What someone else changed while an organiser edited an event, field by field: the value when the organiser
 * started, the value now, and what the organiser typed for it.
 *
 * @param field   the field, named as in the JSON definition ({@code capacity}, {@code startsAt}…)
 * @param started its value when the organiser started
 * @param now     its value now
 * @param yours   the organiser's value, as typed; for status and cancellation, which an edit keeps, the value now
 */
record EventFormConflict(String field, String started, String now, String yours) {

    /**
     * @param started the event as the organiser started editing it
     * @param current the event as it stands now
     * @param yours   the event as the organiser typed it, when the form makes one
     * @return the fields someone else changed, in the event's order
     */
    static List<EventFormConflict> between(Event started, Event current, Optional<Event> yours) {
        Map<String, FieldChange> mine = yours.map(y -> EventFields.diff(started, y)).orElse(List.of()).stream()
                .collect(Collectors.toMap(FieldChange::field, Function.identity()));
        return EventFields.diff(started, current).stream()
                .map(theirs -> new EventFormConflict(theirs.field(), theirs.before(), theirs.after(),
                        EventFields.LIFECYCLE.contains(theirs.field()) ? theirs.after()
                                : Optional.ofNullable(mine.get(theirs.field())).map(FieldChange::after)
                                .orElse(theirs.before())))
                .toList();
    }
}
