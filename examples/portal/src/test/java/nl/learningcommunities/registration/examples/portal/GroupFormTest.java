package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import nl.learningcommunities.registration.application.GroupRegisterCommand;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.examples.portal.ParticipantPageParts.Problems;
import nl.learningcommunities.registration.participant.TrustedIdentity;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.rule.Reason;

/**
 * The coordinator's group form: empty rows are left out, the filled ones become the members in order, and the
 * library's {@code members[i]} reasons are put back on the right row and field, naming the colleague by the number
 * the page shows.
 */
class GroupFormTest {

    static final TrustedIdentity BRAM = new TrustedIdentity("bram-sub", "Bram", "Bakker",
            EmailAddress.of("bram@rocva.nl"), "ROC van Amsterdam", "projectleider", "mbo");

    private static final Locale DUTCH = Locale.forLanguageTag("nl");

    /** Rows 1 and 3 filled, row 2 left with only the prefilled organisation and sector, row 4 with spaces. */
    static MultiValueMap<String, String> params() {
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        row(params, 1, "Carla", "Peeters", "carla@rocva.nl", "docent");
        params.add("member-2-organisation", "ROC van Amsterdam");
        params.add("member-2-sector", "mbo");
        params.add("member-2-role", "");
        row(params, 3, "Daan", "Smit", " daan@rocva.nl ", "expert");
        params.add("member-3-answer.board", "no");
        params.add("member-4-givenName", "  ");
        params.add("sessionIds", "ochtend");
        params.add("invitationCode", "LC-GROEP");
        params.add("privacyConsent", "true");
        return params;
    }

    private static void row(MultiValueMap<String, String> params, int number, String given, String family,
                            String email, String role) {
        params.add("member-" + number + "-givenName", given);
        params.add("member-" + number + "-familyName", family);
        params.add("member-" + number + "-email", email);
        params.add("member-" + number + "-organisation", "ROC van Amsterdam");
        params.add("member-" + number + "-role", role);
        params.add("member-" + number + "-sector", "mbo");
        params.add("member-" + number + "-answer.board", "yes");
    }

    @Test
    void empty_rows_are_left_out_and_the_filled_ones_become_the_members_in_order() {
        Event event = SignedInFormTest.meeting();
        GroupForm form = GroupForm.from(params(), event);

        GroupRegisterCommand command = form.command(event, BRAM, DUTCH);

        assertThat(form.rows()).hasSize(GroupForm.ROWS);
        assertThat(form.filled()).extracting(GroupForm.Row::number).containsExactly(1, 3);
        assertThat(command.eventId()).isEqualTo("form-unit");
        assertThat(command.coordinator()).contains(BRAM);
        assertThat(command.invitationCode()).contains("LC-GROEP");
        assertThat(command.privacyConsent()).isTrue();
        assertThat(command.members()).hasSize(2);
        GroupRegisterCommand.Member daan = command.members().get(1);
        assertThat(daan.participant().givenName()).isEqualTo("Daan");
        assertThat(daan.participant().email()).isEqualTo("daan@rocva.nl");
        assertThat(daan.participant().role()).isEqualTo("expert");
        assertThat(daan.participant().locale()).isEqualTo(DUTCH);
        assertThat(daan.sessionIds()).containsExactly("ochtend");
        assertThat(daan.answers()).isEqualTo(Map.of("board", "yes"));
    }

    @Test
    void without_consent_or_code_the_command_says_so() {
        Event event = SignedInFormTest.meeting();
        MultiValueMap<String, String> params = params();
        params.remove("privacyConsent");
        params.set("invitationCode", " ");

        GroupRegisterCommand command = GroupForm.from(params, event).command(event, BRAM, DUTCH);

        assertThat(command.privacyConsent()).isFalse();
        assertThat(command.invitationCode()).isEmpty();
    }

    @Test
    void an_empty_form_has_the_coordinators_organisation_and_sector_in_every_row_and_no_members() {
        GroupForm form = GroupForm.empty(BRAM);

        assertThat(form.rows()).hasSize(GroupForm.ROWS).allSatisfy(row -> {
            assertThat(row.value("organisation")).isEqualTo("ROC van Amsterdam");
            assertThat(row.value("sector")).isEqualTo("mbo");
            assertThat(row.value("givenName")).isEmpty();
        });
        assertThat(form.filled()).isEmpty();
        assertThat(form.rows().get(2).id("email")).isEqualTo("member-3-email");
    }

    @Test
    void a_reason_about_a_member_goes_to_the_row_the_page_shows_it_in() {
        Event event = SignedInFormTest.meeting();
        GroupForm form = GroupForm.from(params(), event);

        Problems problems = form.problems(List.of(
                Reason.ofField("privacyConsent", "privacy.consent-required"),
                Reason.ofField("members[1].email", "registration.duplicate"),
                Reason.ofField("members[0].participant.givenName", "field.required"),
                Reason.ofField("members[1].answers.board", "field.required"),
                Reason.of("capacity.full")), event, DUTCH);

        assertThat(problems.has("member-3-email")).isTrue();
        assertThat(problems.has("member-1-givenName")).isTrue();
        assertThat(problems.has("member-3-answer-board")).isTrue();
        assertThat(problems.has("privacyConsent")).isTrue();
        assertThat(problems.all()).extracting(Map.Entry::getKey).containsExactly(null, "member-1-givenName",
                "member-3-email", "member-3-answer-board", "privacyConsent");
        assertThat(problems.all().get(1).getValue()).startsWith("Collega 1, voornaam: ");
        assertThat(problems.all().get(2).getValue()).startsWith("Collega 3, e-mailadres: ");
        assertThat(problems.all().get(3).getValue()).startsWith("Collega 3, Bestuurder? ");
        assertThat(problems.all().get(4).getValue()).startsWith("Toestemming: ");
    }

    @Test
    void a_reason_about_a_member_as_a_whole_goes_to_their_first_field_in_english_too() {
        Event event = SignedInFormTest.meeting();
        GroupForm form = GroupForm.from(params(), event);

        Problems problems = form.problems(List.of(Reason.ofField("members[1]", "eligibility.refused")), event,
                Locale.ENGLISH);

        assertThat(problems.all()).extracting(Map.Entry::getKey).containsExactly("member-3-givenName");
        assertThat(problems.all().get(0).getValue()).startsWith("Colleague 3: ");
        assertThat(Optional.ofNullable(GroupForm.problem("x").of("member-1-givenName"))).contains(List.of("x"));
    }
}
