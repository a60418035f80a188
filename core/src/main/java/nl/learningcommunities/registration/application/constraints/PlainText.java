package nl.learningcommunities.registration.application.constraints;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The text holds no control characters (no line breaks, tabs, NUL, bidirectional overrides…): what a name,
 * organisation or address may contain. {@code null} is valid. Code: {@code field.control-characters}; a text that
 * is not well-formed Unicode (see {@link WellFormedText}) is refused first, with {@code field.malformed-unicode}.
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {
    /** @return the message key */
    String message() default "field.control-characters";

    /** @return the validation groups */
    Class<?>[] groups() default {};

    /** @return the payload */
    Class<? extends Payload>[] payload() default {};
}
