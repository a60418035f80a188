package nl.learningcommunities.registration.application.constraints;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text that is not well-formed Unicode is refused with its own code; every well-formed text passes. */
class WellFormedTextTest {

    private static final ValidatorFactory FACTORY = Validation.byProvider(HibernateValidator.class).configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    record Person(@PlainText String name, @ValidEmail String email, @WellFormedText Object answer) {
    }

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @ParameterizedTest(name = "\"{0}\" is well-formed")
    @ValueSource(strings = {"", "Anna", "Zoë Çelik-Øster", "Łukasz 🎉", "日本語", "\uD83D\uDE00 at the start",
            "at the end \uD83D\uDE00", "a\u200Db"})
    void well_formed_text_passes(String text) {
        assertThat(WellFormedTextValidator.isWellFormed(text)).isTrue();
        assertThat(VALIDATOR.validate(new Person(text, null, text))).isEmpty();
    }

    @ParameterizedTest(name = "{index}: a malformed text is refused")
    @ValueSource(strings = {"Anna\uD800", "\uD800Anna", "An\uDC00na", "\uDE00\uD83D", "Anna\uD83D\uD83D",
            "Jos\uFFFD", "\uFFFD"})
    void a_lone_surrogate_half_or_a_replacement_character_is_refused(String text) {
        assertThat(WellFormedTextValidator.isWellFormed(text)).isFalse();
        assertThat(codes(new Person(text, null, null))).containsExactly("name:field.malformed-unicode");
        assertThat(codes(new Person(null, text + "@hu.example.org", null)))
                .containsExactly("email:field.malformed-unicode");
        assertThat(codes(new Person(null, null, text))).containsExactly("answer:field.malformed-unicode");
    }

    @Test
    void plain_text_still_refuses_control_characters_with_its_own_code() {
        assertThat(codes(new Person("Anna\nBcc: x@evil.example", null, null)))
                .containsExactly("name:field.control-characters");
        assertThat(codes(new Person(null, "anna@", null))).containsExactly("email:email.invalid");
    }

    @Test
    void every_text_inside_a_list_or_map_is_checked_and_values_without_text_pass() {
        assertThat(WellFormedTextValidator.holdsWellFormedText(List.of("a", "b\uD800"))).isFalse();
        assertThat(WellFormedTextValidator.holdsWellFormedText(new Object[] {"a", "\uDC00"})).isFalse();
        assertThat(WellFormedTextValidator.holdsWellFormedText(Map.of("k\uD800", "v"))).isFalse();
        assertThat(WellFormedTextValidator.holdsWellFormedText(Map.of("k", List.of("\uFFFD")))).isFalse();
        assertThat(WellFormedTextValidator.holdsWellFormedText(Map.of("k", List.of("v", "w")))).isTrue();
        assertThat(WellFormedTextValidator.holdsWellFormedText(42)).isTrue();
        assertThat(WellFormedTextValidator.holdsWellFormedText(Boolean.TRUE)).isTrue();
        assertThat(WellFormedTextValidator.holdsWellFormedText(null)).isTrue();
    }

    private static List<String> codes(Person person) {
        Set<ConstraintViolation<Person>> violations = VALIDATOR.validate(person);
        return violations.stream().map(v -> v.getPropertyPath() + ":" + v.getMessageTemplate()).toList();
    }
}
