package nl.learningcommunities.registration.event;

import java.util.List;
import java.util.Objects;

/**
 * An event, or a part of it, broke one of its invariants: it names the field (as the JSON definition and
 * {@link EventFields} name it) and a stable code that hosts can show next to that field.
 */
public class InvalidEventException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String code;
    private final List<String> args;

    /**
     * @param field   the field, for example {@code endsAt}
     * @param code    the stable code, for example {@code event.ends-before-start}
     * @param message what is wrong, in English, for logs
     * @param args    values the localised message refers to
     */
    public InvalidEventException(String field, String code, String message, String... args) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
        this.code = Objects.requireNonNull(code, "code");
        this.args = List.of(args);
    }

    /** @return the field the error is about */
    public String field() {
        return field;
    }

    /** @return the stable code */
    public String code() {
        return code;
    }

    /** @return the values the localised message refers to */
    public List<String> args() {
        return args;
    }
}
