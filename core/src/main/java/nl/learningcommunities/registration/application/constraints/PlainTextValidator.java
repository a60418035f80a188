package nl.learningcommunities.registration.application.constraints;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link PlainText}. Thread-safe. */
public final class PlainTextValidator implements ConstraintValidator<PlainText, String> {

    /** Creates the validator. */
    public PlainTextValidator() {
    }

    /**
     * @param value a text
     * @return whether it holds no control or format characters
     */
    public static boolean isPlain(String value) {
        return value.codePoints().noneMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT && c != 0x200D);
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || isPlain(value);
    }
}
