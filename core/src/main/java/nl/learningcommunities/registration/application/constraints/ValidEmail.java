package nl.learningcommunities.registration.application.constraints;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The text is an e-mail address the library accepts (see
 * {@link nl.learningcommunities.registration.participant.EmailAddress}). {@code null} is valid.
 * Code: {@code email.invalid}; a text that is not well-formed Unicode (see {@link WellFormedText}) is refused with
 * {@code field.malformed-unicode}.
 */
@Documented
@Constraint(validatedBy = ValidEmailValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidEmail {
    /** @return the message key */
    String message() default "email.invalid";

    /** @return the validation groups */
    Class<?>[] groups() default {};

    /** @return the payload */
    Class<? extends Payload>[] payload() default {};
}
