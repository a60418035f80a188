package nl.learningcommunities.registration.application.constraints;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import nl.learningcommunities.registration.participant.EmailAddress;

/** Checks {@link ValidEmail}. Thread-safe. */
public final class ValidEmailValidator implements ConstraintValidator<ValidEmail, String> {

    /** Creates the validator. */
    public ValidEmailValidator() {
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value != null && !WellFormedTextValidator.isWellFormed(value)) {
            return PlainTextValidator.refuse(context, WellFormedText.CODE);
        }
        return value == null || value.isBlank() || EmailAddress.parse(value).isPresent();
    }
}
