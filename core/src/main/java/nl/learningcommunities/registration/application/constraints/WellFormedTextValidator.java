package nl.learningcommunities.registration.application.constraints;

import java.util.Collection;
import java.util.Map;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link WellFormedText}. Thread-safe. */
public final class WellFormedTextValidator implements ConstraintValidator<WellFormedText, Object> {

    private static final char REPLACEMENT = '\uFFFD';

    /** Creates the validator. */
    public WellFormedTextValidator() {
    }

    /**
     * @param text a text
     * @return whether every surrogate in it is paired and it holds no replacement character U+FFFD
     */
    public static boolean isWellFormed(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == REPLACEMENT || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == length || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /**
     * @param value a text, or a collection, array or map holding texts
     * @return whether every text in it is well-formed; values that hold no text are
     */
    public static boolean holdsWellFormedText(Object value) {
        if (value instanceof CharSequence text) {
            return isWellFormed(text);
        }
        if (value instanceof Collection<?> values) {
            return values.stream().allMatch(WellFormedTextValidator::holdsWellFormedText);
        }
        if (value instanceof Object[] values) {
            return java.util.Arrays.stream(values).allMatch(WellFormedTextValidator::holdsWellFormedText);
        }
        if (value instanceof Map<?, ?> values) {
            return values.entrySet().stream().allMatch(e -> holdsWellFormedText(e.getKey())
                    && holdsWellFormedText(e.getValue()));
        }
        return true;
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        return holdsWellFormedText(value);
    }
}
