package nl.learningcommunities.registration.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;

import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.participant.Participant;
import nl.learningcommunities.registration.rule.Verdict;

/** Each eligibility rule, alone and composed. */
class EligibilityRuleTest {

    private static final Instant NOW = Instant.parse("2027-05-03T08:00:00Z");
    private static final Participant ANNA = new Participant("Anna", "de Vries", EmailAddress.of("anna@hu.example.org"),
            "Hogeschool Utrecht", "Projectleider", "HBO", Locale.ENGLISH, Map.of(), Optional.empty());

    private static EligibilityContext context(Participant p, String code, Invitations invitations,
                                              ProgrammeHistory history) {
        return new EligibilityContext(p, Optional.ofNullable(code), invitations, NOW, history);
    }

    private static EligibilityContext anna() {
        return context(ANNA, null, Invitations.NONE, ProgrammeHistory.NONE);
    }

    private static String code(Verdict verdict) {
        return ((Verdict.Refused) verdict).reason().code();
    }

    @Test
    void role_sector_domain_and_organisation_compare_without_regard_to_case() {
        assertThat(new EligibilityRule.RoleIn(Set.of("projectleider")).check(anna()).isAllowed()).isTrue();
        assertThat(new EligibilityRule.SectorIn(Set.of("hbo", "mbo")).check(anna()).isAllowed()).isTrue();
        assertThat(new EligibilityRule.EmailDomainIn(Set.of("example.org")).check(anna()).isAllowed()).isTrue();
        assertThat(new EligibilityRule.OrganisationIn(Set.of(" hogeschool utrecht ")).check(anna()).isAllowed())
                .isTrue();
    }

    @Test
    void each_rule_refuses_with_its_own_code() {
        assertThat(code(new EligibilityRule.RoleIn(Set.of("bestuurder")).check(anna()))).isEqualTo("eligibility.role");
        assertThat(code(new EligibilityRule.SectorIn(Set.of("mbo")).check(anna()))).isEqualTo("eligibility.sector");
        assertThat(code(new EligibilityRule.EmailDomainIn(Set.of("mboraad.nl")).check(anna())))
                .isEqualTo("eligibility.email-domain");
        assertThat(code(new EligibilityRule.OrganisationIn(Set.of("MBO Raad")).check(anna())))
                .isEqualTo("eligibility.organisation");
        assertThat(code(new EligibilityRule.Invited().check(anna()))).isEqualTo("eligibility.invitation");
        assertThat(code(new EligibilityRule.ProgrammeParticipation("lc",
                EligibilityRule.ProgrammeParticipation.Level.REGISTERED).check(anna())))
                .isEqualTo("eligibility.programme.registered");
    }

    @Test
    void a_look_alike_domain_is_not_a_subdomain() {
        Participant mallory = new Participant("M", "X", EmailAddress.of("m@evilexample.org"), "X", "x", "hbo",
                Locale.ENGLISH, Map.of(), Optional.empty());
        assertThat(new EligibilityRule.EmailDomainIn(Set.of("example.org"))
                .check(context(mallory, null, Invitations.NONE, ProgrammeHistory.NONE)).isAllowed()).isFalse();
    }

    @Test
    void an_invitation_is_an_address_on_the_list_or_a_valid_unexpired_code() {
        InvitationCode open = new InvitationCode("LC-EXPERTS", OptionalInt.of(30), Optional.empty());
        InvitationCode expired = new InvitationCode("LC-OUD", OptionalInt.empty(),
                Optional.of(ZonedDateTime.of(2027, 1, 1, 0, 0, 0, 0, ZoneId.of("Europe/Amsterdam"))));
        Invitations invitations = new Invitations(Set.of(EmailAddress.of("Anna@HU.example.org")), List.of(open, expired));
        Participant bram = new Participant("Bram", "B", EmailAddress.of("bram@roc.example.org"), "ROC", "expert",
                "mbo", Locale.ENGLISH, Map.of(), Optional.empty());
        EligibilityRule invited = new EligibilityRule.Invited();

        assertThat(invited.check(context(ANNA, null, invitations, ProgrammeHistory.NONE)).isAllowed()).isTrue();
        assertThat(invited.check(context(bram, " lc-experts ", invitations, ProgrammeHistory.NONE)).isAllowed())
                .isTrue();
        assertThat(code(invited.check(context(bram, "LC-OUD", invitations, ProgrammeHistory.NONE))))
                .isEqualTo("eligibility.invitation.expired");
        assertThat(code(invited.check(context(bram, "GUESS", invitations, ProgrammeHistory.NONE))))
                .isEqualTo("eligibility.invitation.code");
    }

    @Test
    void programme_participation_asks_the_history() {
        ProgrammeHistory attendedLc = (email, programme, level) -> programme.equals("lc")
                && email.equals(ANNA.email());
        EligibilityRule rule = new EligibilityRule.ProgrammeParticipation("lc",
                EligibilityRule.ProgrammeParticipation.Level.ATTENDED);

        assertThat(rule.check(context(ANNA, null, Invitations.NONE, attendedLc)).isAllowed()).isTrue();
        assertThat(code(rule.check(anna()))).isEqualTo("eligibility.programme.attended");
    }

    @Test
    void all_of_gives_the_first_refusal_any_of_the_first_reason_and_not_its_own_code() {
        EligibilityRule wrongRole = new EligibilityRule.RoleIn(Set.of("bestuurder"));
        EligibilityRule wrongSector = new EligibilityRule.SectorIn(Set.of("mbo"));
        EligibilityRule rightRole = new EligibilityRule.RoleIn(Set.of("projectleider"));

        assertThat(code(new EligibilityRule.AllOf(List.of(rightRole, wrongSector, wrongRole)).check(anna())))
                .isEqualTo("eligibility.sector");
        assertThat(new EligibilityRule.AnyOf(List.of(wrongRole, rightRole)).check(anna()).isAllowed()).isTrue();
        assertThat(code(new EligibilityRule.AnyOf(List.of(wrongRole, wrongSector)).check(anna())))
                .isEqualTo("eligibility.role");
        assertThat(code(new EligibilityRule.Not(rightRole, null).check(anna()))).isEqualTo("eligibility.excluded");
        assertThat(new EligibilityRule.Not(wrongRole, "eligibility.board-only").check(anna()).isAllowed()).isTrue();
    }
}
