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
        if (value == null) {
            return true;
        }
        if (!WellFormedTextValidator.isWellFormed(value)) {
            return refuse(context, WellFormedText.CODE);
        }
        return isPlain(value);
    }

    /** Reports a violation with another code than the constraint's own. */
    static boolean refuse(ConstraintValidatorContext context, String code) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(code).addConstraintViolation();
        return false;
    }
}
