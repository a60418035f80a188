package nl.learningcommunities.registration.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nl.learningcommunities.registration.DefinitionException;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.rule.Reason;

/**
 * An event definition is read as written: a value of the wrong kind is never coerced into the kind its field takes
 * but refused naming the field, and text that is not well-formed Unicode is refused too.
 */
class StrictEventDefinitionsTest {

    private final EventDefinitions definitions = EventDefinitions.create();

    /** A minimal definition with one field replaced by raw JSON. */
    private static String definition(String field, String json) {
        String minimal = """
                {"id": "strikt", "title": {"nl": "Strikt", "en": "Strict"}, "description": {"nl": "Streng"},
                 "contact": {"name": "M", "organisation": "O", "email": "m@example.org"},
                 "startsAt": "2027-06-09T13:00:00+02:00", "endsAt": "2027-06-09T17:00:00+02:00",
                 "registrationWindow": {"opensAt": "2027-04-01T09:00:00+02:00", "closesAt": "2027-06-08T12:00:00+02:00"},
                 "capacity": 40, "waitingList": true, "format": "ONLINE"}""";
        return minimal.replaceFirst("(\"" + field + "\": )(\\{[^}]*\\}|\"[^\"]*\"|[0-9a-z]+)",
                java.util.regex.Matcher.quoteReplacement("\"" + field + "\": " + json));
    }

    @Test
    void the_definition_as_written_is_read() {
        Event event = definitions.read(definition("capacity", "40")).get(0);

        assertThat(event.capacity()).hasValue(40);
        assertThat(event.waitingList()).isTrue();
    }

    static Stream<Arguments> coerced() {
        return Stream.of(
                Arguments.of("a number as a title", "title", "{\"nl\": 5}", "field.not-text"),
                Arguments.of("true as a description", "description", "{\"nl\": true}", "field.not-text"),
                Arguments.of("a number as the contact's name", "contact",
                        "{\"name\": 7, \"organisation\": \"O\", \"email\": \"m@example.org\"}", "field.not-text"),
                Arguments.of("a number in quotes as the capacity", "capacity", "\"40\"", "field.not-number"),
                Arguments.of("a fraction as the capacity", "capacity", "40.5", "field.not-number"),
                Arguments.of("an empty text as the capacity", "capacity", "\"\"", "field.not-number"),
                Arguments.of("1 for true", "waitingList", "1", "field.not-boolean"),
                Arguments.of("\"true\" in quotes", "waitingList", "\"true\"", "field.not-boolean"),
                Arguments.of("\"yes\" for true", "waitingList", "\"yes\"", "field.not-boolean"),
                Arguments.of("a number for the format", "format", "1", "field.invalid"));
    }

    @ParameterizedTest(name = "{0} is refused naming the field")
    @MethodSource("coerced")
    void a_value_of_the_wrong_kind_is_refused_naming_the_field(String what, String field, String json,
                                                               String code) {
        String text = definition(field, json);

        assertThatThrownBy(() -> definitions.read(text)).as(what)
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.reasons())
                        .containsExactly(Reason.ofField(field, code)));
    }

    @Test
    void an_escaped_lone_surrogate_in_a_text_is_refused_naming_the_field() {
        String text = definition("description", "{\"nl\": \"Streng\\ud800\"}");

        assertThatThrownBy(() -> definitions.read(text)).isInstanceOfSatisfying(DefinitionException.class,
                e -> assertThat(e.reasons()).containsExactly(Reason.ofField("description",
                        "field.malformed-unicode")));
    }

    @Test
    void an_escaped_surrogate_pair_is_one_character_and_is_read() {
        Event event = definitions.read(definition("title", "{\"nl\": \"Feest \\ud83c\\udf89\"}")).get(0);

        assertThat(event.title().values()).isEqualTo(java.util.Map.of("nl", "Feest 🎉"));
        assertThat(definitions.read(definitions.write(List.of(event)))).containsExactly(event);
    }
}
