package nl.learningcommunities.registration.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import nl.learningcommunities.registration.DefinitionException;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.OrganiserAccess;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.rule.Reason;

/** A definition names who may manage the event besides the administrators under {@code organiserAccess}. */
class OrganiserAccessDefinitionsTest {

    private static final String GROUP = "urn:collab:group:surfconext.nl:nl:surfnet:diensten:lc-organisers";

    private final EventDefinitions definitions = EventDefinitions.create();

    private static String definition(String organiserAccess) {
        return """
                {"id": "toegang", "title": {"nl": "Toegang"}, "description": {"nl": "Wie beheert"},
                 "contact": {"name": "M", "organisation": "O", "email": "m@example.org"},
                 "startsAt": "2027-06-09T13:00:00+02:00", "endsAt": "2027-06-09T17:00:00+02:00",
                 "registrationWindow": {"opensAt": "2027-04-01T09:00:00+02:00", "closesAt": "2027-06-08T12:00:00+02:00"}
                 %s}""".formatted(organiserAccess.isEmpty() ? "" : ", \"organiserAccess\": " + organiserAccess);
    }

    @Test
    void the_access_list_is_read_normalised_and_written_back_the_same() {
        Event event = definitions.read(definition("""
                {"emails": ["Anna@HU.nl", "anna@hu.nl"], "groups": [" %s "]}""".formatted(GROUP))).get(0);

        assertThat(event.organiserAccess()).isEqualTo(new OrganiserAccess(List.of(EmailAddress.of("Anna@hu.nl")),
                List.of(GROUP)));
        assertThat(event.organisers()).isEmpty();
        String written = definitions.write(List.of(event));
        assertThat(written).contains("\"organiserAccess\"").contains("\"Anna@hu.nl\"").contains("\"" + GROUP + "\"");
        assertThat(definitions.read(written)).containsExactly(event);
    }

    @Test
    void a_definition_without_an_access_list_names_nobody_and_either_list_may_be_left_out() {
        assertThat(definitions.read(definition("")).get(0).organiserAccess()).isEqualTo(OrganiserAccess.NONE);
        assertThat(definitions.read(definition("{\"groups\": [\"urn:g\"]}")).get(0).organiserAccess().groups())
                .containsExactly("urn:g");
        assertThat(definitions.read(definition("{}")).get(0).organiserAccess()).isEqualTo(OrganiserAccess.NONE);
    }

    @Test
    void an_unknown_key_inside_the_access_list_is_refused_naming_the_field() {
        assertThatThrownBy(() -> definitions.read(definition("{\"emails\": [], \"grups\": [\"urn:g\"]}")))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.reasons())
                        .containsExactly(Reason.ofField("organiserAccess", "field.invalid")))
                .hasMessageContaining("grups");
    }

    @Test
    void an_address_that_is_not_one_or_a_blank_group_is_refused_naming_its_entry() {
        assertThatThrownBy(() -> definitions.read(definition("{\"emails\": [\"a@hu.nl\", \"geen adres\"]}")))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.reasons())
                        .containsExactly(Reason.ofField("organiserAccess.emails[1]", "email.invalid")));
        assertThatThrownBy(() -> definitions.read(definition("{\"groups\": [\"\"]}")))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.reasons())
                        .containsExactly(Reason.ofField("organiserAccess.groups[0]", "field.required")));
    }

    @Test
    void a_number_where_an_address_belongs_is_refused_as_not_text() {
        assertThatThrownBy(() -> definitions.read(definition("{\"emails\": [5]}")))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.reasons())
                        .containsExactly(Reason.ofField("organiserAccess", "field.not-text")));
    }
}
