package nl.learningcommunities.registration.participant;

import java.util.List;
import java.util.Objects;

/**
 * A participant's answer to one of an event's questions, typed by the question's kind.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface Answer {

    /** @return the answer as text, for lists and exports (choices joined with {@code "; "}) */
    String asText();

    /**
     * Free text.
     *
     * @param text the text
     */
    record Text(String text) implements Answer {
        /** Checks the text is present. */
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String asText() {
            return text;
        }
    }

    /**
     * One option of a single-choice question.
     *
     * @param option the option's id
     */
    record Choice(String option) implements Answer {
        /** Checks the option is present. */
        public Choice {
            Objects.requireNonNull(option, "option");
        }

        @Override
        public String asText() {
            return option;
        }
    }

    /**
     * Options of a multiple-choice question, in the order given.
     *
     * @param options the options' ids
     */
    record Choices(List<String> options) implements Answer {
        /** Copies the options. */
        public Choices {
            options = List.copyOf(options);
        }

        @Override
        public String asText() {
            return String.join("; ", options);
        }
    }

    /**
     * Yes or no.
     *
     * @param yes whether the answer is yes
     */
    record YesNo(boolean yes) implements Answer {
        @Override
        public String asText() {
            return yes ? "yes" : "no";
        }
    }
}
