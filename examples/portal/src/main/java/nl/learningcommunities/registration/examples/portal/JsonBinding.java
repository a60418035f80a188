package nl.learningcommunities.registration.examples.portal;

import java.util.List;
import java.util.Optional;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.type.LogicalType;

import nl.learningcommunities.registration.rule.Reason;

/**
 * How the JSON API reads a body, for every endpoint at once: as written, never coerced. {@code 1} or
 * {@code "true"} where {@code true} belongs, a number or {@code true} where text belongs, {@code "12"} or
 * {@code 12.5} where a whole number belongs are a 422 naming the field ({@code field.not-boolean},
 * {@code field.not-text}, {@code field.not-number}); JSON that cannot be read, or a body of another shape (a
 * number where a list belongs), stays a 400. Event definitions are read by the library's own reader, which is
 * as strict.
 */
@Configuration(proxyBeanMethods = false)
class JsonBinding {

    @Bean
    JsonMapperBuilderCustomizer readJsonAsWritten() {
        return builder -> builder
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /**
     * @param failure why a body could not be read
     * @return the field whose value is of the wrong kind, with the code of the kind it takes; empty when the body
     *         itself is malformed or of another shape
     */
    static Optional<Reason> misfit(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MismatchedInputException mismatch) {
                String code = code(mismatch.getTargetType());
                String field = field(mismatch.getPath());
                return code == null || field.isEmpty() ? Optional.empty() : Optional.of(Reason.ofField(field, code));
            }
        }
        return Optional.empty();
    }

    private static String code(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (CharSequence.class.isAssignableFrom(type) || type == Character.class || type == char.class) {
            return "field.not-text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "field.not-boolean";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "field.not-number";
        }
        return null;
    }

    /** The path as the API's errors name fields: {@code subject.nl}, {@code sessionIds[1]}. */
    private static String field(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference step : path) {
            if (step.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(step.getPropertyName());
            } else if (step.getIndex() >= 0) {
                field.append('[').append(step.getIndex()).append(']');
            }
        }
        return field.toString();
    }
}
