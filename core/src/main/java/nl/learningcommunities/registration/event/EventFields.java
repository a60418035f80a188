package nl.learningcommunities.registration.event;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fields of an {@link Event}, one per record component, named as the JSON definition names them: what changed
 * between two versions, which changes are material to participants, and the three-way merge of an import.
 *
 * <p>Stateless and thread-safe.
 */
public final class EventFields {

    /**
     * The fields whose change participants must hear of: when and where the event takes place, and how.
     * A change of title, description, capacity or rules tells nobody.
     */
    public static final Set<String> MATERIAL = Set.of("startsAt", "endsAt", "onlineLink", "venue", "format");

    /** Fields an import never sets: they follow an organiser's decisions in the catalogue. */
    public static final Set<String> LIFECYCLE = Set.of("status", "cancellationReason");

    private static final RecordComponent[] COMPONENTS = Event.class.getRecordComponents();
    private static final Constructor<Event> CANONICAL = canonical();

    private EventFields() {
    }

    /**
     * What a three-way merge of an import made of each field.
     *
     * @param event     the merged event
     * @param applied   fields the import changed and that were taken over
     * @param kept      fields an organiser changed since the last import and the import left alone: kept
     * @param conflicts fields both changed differently: the organiser's value stays
     */
    public record Merge(Event event, List<String> applied, List<String> kept, List<String> conflicts) {
        /** Copies the lists. */
        public Merge {
            Objects.requireNonNull(event, "event");
            applied = List.copyOf(applied);
            kept = List.copyOf(kept);
            conflicts = List.copyOf(conflicts);
        }
    }

    /**
     * @param before an event
     * @param after  the same event, changed
     * @return the fields that differ, in the record's order, with their values as text
     */
    public static List<FieldChange> diff(Event before, Event after) {
        List<FieldChange> changes = new ArrayList<>();
        for (RecordComponent component : COMPONENTS) {
            Object a = value(before, component);
            Object b = value(after, component);
            if (!Objects.equals(a, b)) {
                changes.add(new FieldChange(component.getName(), text(a), text(b)));
            }
        }
        return changes;
    }

    /**
     * @param changes what a revision changed
     * @return whether participants must be told: a material field changed
     */
    public static boolean material(Collection<FieldChange> changes) {
        return changes.stream().anyMatch(c -> MATERIAL.contains(c.field()));
    }

    /**
     * Merges an imported definition into the event as it stands. A field the import changed since the base
     * (the definition last imported) is applied when the organiser left it alone; a field the organiser changed
     * is kept; a field both changed differently is a conflict, and the organiser's value stays. The lifecycle
     * fields ({@link #LIFECYCLE}) and the id always stay as they are.
     *
     * @param base     the definition last imported
     * @param incoming the definition imported now
     * @param current  the event as it stands in the catalogue
     * @return the merge
     * @throws InvalidEventException when the merged fields do not make a valid event together
     */
    public static Merge merge(Event base, Event incoming, Event current) {
        Map<String, Object> values = values(current);
        List<String> applied = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (RecordComponent component : COMPONENTS) {
            String name = component.getName();
            if (name.equals("id") || LIFECYCLE.contains(name)) {
                continue;
            }
            Object was = value(base, component);
            Object file = value(incoming, component);
            Object now = value(current, component);
            boolean fileChanged = !Objects.equals(was, file);
            boolean organiserChanged = !Objects.equals(was, now);
            if (fileChanged && !organiserChanged) {
                values.put(name, file);
                applied.add(name);
            } else if (fileChanged && !Objects.equals(file, now)) {
                conflicts.add(name);
            } else if (!fileChanged && organiserChanged) {
                kept.add(name);
            }
        }
        return new Merge(build(values), applied, kept, conflicts);
    }

    private static Map<String, Object> values(Event event) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (RecordComponent component : COMPONENTS) {
            values.put(component.getName(), value(event, component));
        }
        return values;
    }

    private static Event build(Map<String, Object> values) {
        try {
            return CANONICAL.newInstance(values.values().toArray());
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build an event", e);
        }
    }

    private static Object value(Event event, RecordComponent component) {
        try {
            return component.getAccessor().invoke(event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read event field " + component.getName(), e);
        }
    }

    private static Constructor<Event> canonical() {
        try {
            return Event.class.getDeclaredConstructor(Arrays.stream(Event.class.getRecordComponents())
                    .map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value as people read it: no {@code Optional[…]}, texts per language, lists one item after another. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(EventFields::text).orElse("");
        }
        if (value instanceof OptionalInt optional) {
            return optional.isPresent() ? String.valueOf(optional.getAsInt()) : "";
        }
        if (value instanceof LocalizedText text) {
            return text.values().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining(" | "));
        }
        if (value instanceof OrganiserAccess access) {
            return access.isEmpty() ? "" : "emails: " + text(access.emails()) + " | groups: " + text(access.groups());
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(EventFields::text).collect(Collectors.joining("; "));
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
        return String.valueOf(value);
    }
}
