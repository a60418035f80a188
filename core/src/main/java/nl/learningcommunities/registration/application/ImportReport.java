package nl.learningcommunities.registration.application;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import nl.learningcommunities.registration.rule.Messages;
import nl.learningcommunities.registration.rule.Reason;

/**
 * What an import of event definitions did, per event and field. An import never throws for a business reason:
 * what it could not apply is reported here, and the rest applies.
 *
 * <p>Immutable and thread-safe.
 *
 * @param events one entry per imported definition, in the order given
 */
public record ImportReport(List<EventImport> events) {

    /** Copies the entries. */
    public ImportReport {
        events = List.copyOf(Objects.requireNonNull(events, "events"));
    }

    /** What became of one imported definition. */
    public enum Result {
        /** A new event was published from it. */
        CREATED,
        /** Fields it changed since the last import were applied to the event. */
        UPDATED,
        /** Nothing changed: the definition is as last imported, or every difference was kept or refused. */
        UNCHANGED,
        /** Nothing of it could be applied; see the reasons. */
        REFUSED
    }

    /**
     * What became of one imported definition.
     *
     * @param eventId   the event
     * @param result    created, updated, unchanged or refused
     * @param applied   fields the definition changed that were applied
     * @param kept      fields an organiser changed since the last import, kept as the organiser left them
     * @param conflicts fields both the definition and an organiser changed: the organiser's value stays
     * @param refused   what could not be applied, each reason naming its field (for example
     *                  {@code capacity.below-taken} on {@code capacity})
     */
    public record EventImport(String eventId, Result result, List<String> applied, List<String> kept,
                              List<String> conflicts, List<Reason> refused) {
        /** Checks and copies the components. */
        public EventImport {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(result, "result");
            applied = List.copyOf(applied);
            kept = List.copyOf(kept);
            conflicts = List.copyOf(conflicts);
            refused = List.copyOf(refused);
        }

        /** @return whether an organiser should look at this entry: a conflict or something refused */
        public boolean needsAttention() {
            return !conflicts.isEmpty() || !refused.isEmpty();
        }

        /** @return one line for a log, in English */
        public String summary() {
            StringBuilder line = new StringBuilder(eventId).append(": ").append(result.name().toLowerCase(java.util.Locale.ROOT));
            if (!applied.isEmpty()) {
                line.append("; applied ").append(String.join(", ", applied));
            }
            if (!kept.isEmpty()) {
                line.append("; kept organiser's ").append(String.join(", ", kept));
            }
            if (!conflicts.isEmpty()) {
                line.append("; conflicts (organiser's value kept) ").append(String.join(", ", conflicts));
            }
            if (!refused.isEmpty()) {
                line.append("; refused ").append(refused.stream()
                        .map(r -> r.field().map(f -> f + ": ").orElse("") + r.message(Messages.ENGLISH))
                        .collect(Collectors.joining(", ")));
            }
            return line.toString();
        }
    }

    /**
     * @param eventId an event
     * @return its entry, if the import had its definition
     */
    public java.util.Optional<EventImport> of(String eventId) {
        return events.stream().filter(e -> e.eventId().equals(eventId)).findFirst();
    }

    /** @return whether any entry has a conflict or something refused */
    public boolean needsAttention() {
        return events.stream().anyMatch(EventImport::needsAttention);
    }

    /** @return one line per event, for a log */
    @Override
    public String toString() {
        return events.stream().map(EventImport::summary).collect(Collectors.joining("\n"));
    }
}
