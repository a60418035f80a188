package nl.learningcommunities.registration.event;

import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import nl.learningcommunities.registration.participant.EmailAddress;

/** An event names who may manage it besides the administrators: people by address, members of provider groups. */
class OrganiserAccessTest {

    private static final String GROUP = "urn:collab:group:surfconext.nl:nl:surfnet:diensten:lc-organisers";

    @Test
    void addresses_are_kept_once_whatever_their_case_and_groups_once_trimmed_in_the_order_first_named() {
        OrganiserAccess access = OrganiserAccess.of(List.of("Anna@HU.nl", " anna@hu.nl ", "joost@mboraad.nl"),
                List.of(" " + GROUP + " ", GROUP, "urn:other"));

        assertThat(access.emails()).extracting(EmailAddress::value).containsExactly("Anna@hu.nl", "joost@mboraad.nl");
        assertThat(access.groups()).containsExactly(GROUP, "urn:other");
        assertThat(access.isEmpty()).isFalse();
    }

    @Test
    void a_person_named_by_address_is_permitted_whatever_the_case_of_the_address() {
        OrganiserAccess access = OrganiserAccess.of(List.of("anna@hu.nl"), List.of());

        assertThat(access.permits(Optional.of(EmailAddress.of("ANNA@hu.NL")), Set.of())).isTrue();
        assertThat(access.permits(Optional.of(EmailAddress.of("piet@hu.nl")), Set.of())).isFalse();
        assertThat(access.permits(Optional.empty(), Set.of())).isFalse();
    }

    @Test
    void a_member_of_a_named_group_is_permitted_and_groups_are_compared_exactly() {
        OrganiserAccess access = OrganiserAccess.of(List.of(), List.of(GROUP));

        assertThat(access.permits(Optional.empty(), Set.of("urn:unrelated", GROUP))).isTrue();
        assertThat(access.permits(Optional.of(EmailAddress.of("anna@hu.nl")), Set.of(GROUP.toUpperCase()))).isFalse();
    }

    @Test
    void without_an_access_list_nobody_but_the_administrators_may_manage_the_event() {
        Event event = meeting("zonder-lijst", 10).organiserAccess(null).build();

        assertThat(event.organiserAccess()).isEqualTo(OrganiserAccess.NONE);
        assertThat(OrganiserAccess.NONE.isEmpty()).isTrue();
        assertThat(OrganiserAccess.NONE.permits(Optional.of(EmailAddress.of("anna@hu.nl")), Set.of(GROUP))).isFalse();
        assertThat(new OrganiserAccess(null, null)).isEqualTo(OrganiserAccess.NONE);
    }

    @Test
    void an_event_keeps_its_access_list_through_a_changed_copy_and_the_organising_institutions_stay_apart() {
        OrganiserAccess access = OrganiserAccess.of(List.of("anna@hu.nl"), List.of(GROUP));
        Event event = meeting("met-lijst", 10).organiserAccess(access).build();

        Event changed = event.toBuilder().capacity(java.util.OptionalInt.of(20)).build();

        assertThat(changed.organiserAccess()).isEqualTo(access);
        assertThat(changed.organisers()).containsExactly("Regieorgaan SIA", "Vereniging Hogescholen", "MBO Raad");
    }

    @Test
    void a_change_of_the_access_list_is_a_field_change_named_organiser_access_that_tells_no_participant() {
        Event before = meeting("lijst-gewijzigd", 10).build();
        Event after = before.toBuilder().organiserAccess(OrganiserAccess.of(List.of("anna@hu.nl"), List.of(GROUP)))
                .build();

        List<FieldChange> changes = EventFields.diff(before, after);

        assertThat(changes).containsExactly(new FieldChange("organiserAccess", "",
                "emails: anna@hu.nl | groups: " + GROUP));
        assertThat(EventFields.material(changes)).isFalse();
    }

    @Test
    void an_address_that_is_not_one_is_refused_naming_its_entry() {
        assertThatThrownBy(() -> OrganiserAccess.of(List.of("anna@hu.nl", "geen adres"), List.of()))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo("organiserAccess.emails[1]");
                    assertThat(e.code()).isEqualTo("email.invalid");
                });
    }

    @Test
    void a_blank_a_missing_or_an_overlong_group_is_refused_naming_its_entry() {
        assertRefused(() -> OrganiserAccess.of(List.of(), List.of(GROUP, "  ")), "organiserAccess.groups[1]",
                "field.required");
        assertRefused(() -> OrganiserAccess.of(List.of(), Arrays.asList((String) null)), "organiserAccess.groups[0]",
                "field.required");
        assertRefused(() -> new OrganiserAccess(Arrays.asList((EmailAddress) null), List.of()),
                "organiserAccess.emails[0]", "field.required");
        assertRefused(() -> OrganiserAccess.of(List.of(), List.of("g".repeat(257))), "organiserAccess.groups[0]",
                "field.too-long");
        assertRefused(() -> OrganiserAccess.of(List.of(), List.of("urn:a\nurn:b")), "organiserAccess.groups[0]",
                "field.control-characters");
        assertRefused(() -> OrganiserAccess.of(List.of(), List.of("urn:\ud800")), "organiserAccess.groups[0]",
                "field.malformed-unicode");
        assertThat(OrganiserAccess.of(List.of(), List.of("g".repeat(256))).groups()).hasSize(1);
    }

    @Test
    void at_most_a_hundred_addresses_and_a_hundred_groups_are_named_repeats_not_counted() {
        List<String> hundred = IntStream.range(0, 100).mapToObj(i -> "p" + i + "@hu.nl").toList();
        List<String> withRepeats = new ArrayList<>(hundred);
        withRepeats.add("P0@HU.nl");
        List<String> tooMany = new ArrayList<>(hundred);
        tooMany.add("p100@hu.nl");

        assertThat(OrganiserAccess.of(withRepeats, List.of()).emails()).hasSize(100);
        assertRefused(() -> OrganiserAccess.of(tooMany, List.of()), "organiserAccess.emails", "field.too-many");
        assertRefused(() -> OrganiserAccess.of(List.of(), IntStream.range(0, 101).mapToObj(i -> "g" + i).toList()),
                "organiserAccess.groups", "field.too-many");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable making, String field,
                                      String code) {
        assertThatThrownBy(making).isInstanceOfSatisfying(InvalidEventException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.code()).isEqualTo(code);
        });
    }
}
