package nl.learningcommunities.registration.rule;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * Why something was refused or invalid: a stable machine-readable {@code code} (for example
 * {@code eligibility.role} or {@code field.too-long}), the field it concerns when there is one, and the
 * arguments its message needs. Messages are localised in Dutch and English.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code  stable code, safe to match on in host code
 * @param field the input field the reason is about, if any (for example {@code email} or {@code answers.diet})
 * @param args  values the localised message refers to, in order
 */
public record Reason(String code, Optional<String> field, List<String> args) {

    private static final String BUNDLE = "nl.learningcommunities.registration.rule.messages";

    /** Validates and copies the components. */
    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(field, "field");
        args = List.copyOf(Objects.requireNonNull(args, "args"));
    }

    /**
     * A reason that is not about one field.
     *
     * @param code stable code
     * @param args message arguments
     * @return the reason
     */
    public static Reason of(String code, String... args) {
        return new Reason(code, Optional.empty(), List.of(args));
    }

    /**
     * A reason about one input field.
     *
     * @param field the field name as the host's form or JSON names it
     * @param code  stable code
     * @param args  message arguments
     * @return the reason
     */
    public static Reason ofField(String field, String code, String... args) {
        return new Reason(code, Optional.of(field), List.of(args));
    }

    /**
     * The message for a person, in the given locale (Dutch for {@code nl}, English otherwise).
     *
     * @param locale the reader's locale
     * @return the message; the code itself when no message is known for it
     */
    public String message(Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Messages.supported(locale),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        try {
            String pattern = bundle.getString(code);
            return new MessageFormat(pattern, bundle.getLocale()).format(args.toArray());
        } catch (MissingResourceException e) {
            return code;
        }
    }
}
