package nl.learningcommunities.registration.application.constraints;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The text is well-formed Unicode that no decoder damaged: every surrogate is one half of a pair (a lone
 * {@code \ud800}, as JSON can escape it, cannot be stored or sent as UTF-8), and there is no replacement
 * character U+FFFD (what a decoder puts where the bytes sent were not valid UTF-8, as in a form post of a lone
 * surrogate). Line breaks and other characters are left to other constraints. Applies to texts and, for values
 * such as answers, to every text inside a collection, array or map (keys and values); other values and
 * {@code null} are valid. Code: {@code field.malformed-unicode}.
 */
@Documented
@Constraint(validatedBy = WellFormedTextValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface WellFormedText {

    /** The code of a text that is not well-formed. */
    String CODE = "field.malformed-unicode";

    /** @return the message key */
    String message() default CODE;

    /** @return the validation groups */
    Class<?>[] groups() default {};

    /** @return the payload */
    Class<? extends Payload>[] payload() default {};
}
