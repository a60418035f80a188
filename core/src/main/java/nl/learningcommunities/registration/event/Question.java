package nl.learningcommunities.registration.event;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A custom field on an event's registration form.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id        the question's id, unique within its event; answers are keyed by it
 * @param label     the question per language
 * @param type      the kind of answer
 * @param required  whether an answer is required
 * @param maxLength longest text answer (text questions); defaults to 2,000
 * @param options   the options of a choice question
 */
public record Question(String id, LocalizedText label, Type type, boolean required, OptionalInt maxLength,
                       List<Option> options) {

    /** The longest text answer when a question sets none. */
    public static final int DEFAULT_MAX_LENGTH = 2000;

    /** Checks the components. */
    public Question {
        Ids.requireSlug(id, "question id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        maxLength = maxLength == null ? OptionalInt.empty() : maxLength;
        options = options == null ? List.of() : List.copyOf(options);
        boolean choice = type == Type.SINGLE_CHOICE || type == Type.MULTIPLE_CHOICE;
        if (choice && options.isEmpty()) {
            throw new InvalidEventException("questions", "question.options-required", "choice question " + id + " needs options", id);
        }
        if (!choice && !options.isEmpty()) {
            throw new InvalidEventException("questions", "question.no-options", "question " + id + " of type " + type + " takes no options", id);
        }
        Set<String> seen = new HashSet<>();
        for (Option option : options) {
            if (!seen.add(option.id())) {
                throw new InvalidEventException("questions", "event.id.repeated", "question " + id + " repeats option " + option.id(), option.id());
            }
        }
    }

    /** @return the longest text answer accepted */
    public int effectiveMaxLength() {
        return maxLength.orElse(DEFAULT_MAX_LENGTH);
    }

    /**
     * @param optionId an option id
     * @return whether this question offers it
     */
    public boolean hasOption(String optionId) {
        return options.stream().anyMatch(o -> o.id().equals(optionId));
    }

    /** The kinds of question. */
    public enum Type {
        /** Free text. */
        TEXT,
        /** Exactly one option. */
        SINGLE_CHOICE,
        /** Any number of options. */
        MULTIPLE_CHOICE,
        /** Yes or no. */
        YES_NO
    }

    /**
     * An option of a choice question.
     *
     * @param id    the option's id
     * @param label the option per language
     */
    public record Option(String id, LocalizedText label) {
        /** Checks the components. */
        public Option {
            Ids.requireSlug(id, "option id");
            Objects.requireNonNull(label, "label");
        }
    }
}
