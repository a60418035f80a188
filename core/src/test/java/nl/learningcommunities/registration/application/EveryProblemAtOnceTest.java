package nl.learningcommunities.registration.application;

import static nl.learningcommunities.registration.testing.TestEvents.NOW;
import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.eligibility.EligibilityRule;
import nl.learningcommunities.registration.eligibility.InvitationCode;
import nl.learningcommunities.registration.eligibility.Invitations;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.event.Question;
import nl.learningcommunities.registration.inmemory.InMemoryEventCatalogue;
import nl.learningcommunities.registration.inmemory.InMemoryStorage;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.rule.Reason;
import nl.learningcommunities.registration.testing.MutableClock;

/**
 * A registration with several mistakes names all of them in one answer: the fields, the unanswered questions and a
 * missing or wrong invitation code, so that a person fixes their form once.
 */
class EveryProblemAtOnceTest {

    private static final Question BOARD = new Question("board", LocalizedText.of("Bestuurder?", "Board member?"),
            Question.Type.YES_NO, true, OptionalInt.empty(), List.of());
    private static final Invitations CODE = new Invitations(Set.of(EmailAddress.of("bram@hu.example.org")),
            List.of(new InvitationCode("LC-2027", OptionalInt.empty(), Optional.empty())));

    private RegistrationEngine engine;

    @BeforeEach
    void publishMeetingsByInvitation() {
        InMemoryStorage storage = InMemoryStorage.create();
        engine = RegistrationEngine.builder().eventCatalogue(InMemoryEventCatalogue.create())
                .registrationStore(storage).notificationOutbox(storage).clock(MutableClock.at(NOW)).build();
        engine.events().publish(meeting("earlier", 10).programme(Optional.of("lc")).build());
        engine.events().publish(meeting("by-invitation", 10).programme(Optional.of("lc")).questions(List.of(BOARD))
                .eligibility(new EligibilityRule.Invited()).invitations(CODE).build());
        engine.events().publish(meeting("invitation-or-earlier", 10).programme(Optional.of("lc"))
                .questions(List.of(BOARD)).invitations(CODE)
                .eligibility(new EligibilityRule.AllOf(List.of(new EligibilityRule.SectorIn(Set.of("mbo", "hbo")),
                        new EligibilityRule.AnyOf(List.of(new EligibilityRule.Invited(),
                                new EligibilityRule.ProgrammeParticipation("lc",
                                        EligibilityRule.ProgrammeParticipation.Level.REGISTERED))))))
                .build());
    }

    @Test
    void a_blank_name_an_unanswered_question_and_no_code_are_named_together() {
        RegistrationOutcome outcome = engine.registrations().register(command("by-invitation", " ", "anna@hu.example.org"));

        assertThat(problems(outcome)).containsExactlyInAnyOrder("givenName field.required",
                "answers.board field.required", "invitationCode eligibility.invitation");
    }

    @Test
    void a_wrong_code_is_named_with_the_other_problems() {
        RegistrationOutcome outcome = engine.registrations().register(command("by-invitation", " ",
                "anna@hu.example.org").withInvitationCode("GERADEN"));

        assertThat(problems(outcome)).contains("givenName field.required", "invitationCode eligibility.invitation.code");
    }

    @Test
    void when_only_an_answer_is_missing_a_missing_code_is_named_too() {
        RegistrationOutcome outcome = engine.registrations().register(command("by-invitation", "Anna",
                "anna@hu.example.org"));

        assertThat(problems(outcome)).containsExactlyInAnyOrder("answers.board field.required",
                "invitationCode eligibility.invitation");
    }

    @Test
    void nobody_is_asked_for_a_code_the_rule_does_not_ask_of_them() {
        engine.registrations().register(RegisterCommand.of("earlier", details("Carla", "carla@hu.example.org")));

        RegistrationOutcome invitedByAddress = engine.registrations().register(command("by-invitation", " ",
                "bram@hu.example.org"));
        RegistrationOutcome takenPartBefore = engine.registrations().register(command("invitation-or-earlier", " ",
                "carla@hu.example.org"));
        RegistrationOutcome newcomer = engine.registrations().register(command("invitation-or-earlier", " ",
                "dirk@hu.example.org"));

        assertThat(problems(invitedByAddress)).containsExactlyInAnyOrder("givenName field.required",
                "answers.board field.required");
        assertThat(problems(takenPartBefore)).containsExactlyInAnyOrder("givenName field.required",
                "answers.board field.required");
        assertThat(problems(newcomer)).contains("invitationCode eligibility.invitation");
    }

    @Test
    void an_invalid_address_leaves_the_invitation_to_the_next_round() {
        RegistrationOutcome outcome = engine.registrations().register(command("by-invitation", "Anna", "anna@"));

        assertThat(problems(outcome)).containsExactlyInAnyOrder("email email.invalid", "answers.board field.required");
    }

    private static RegisterCommand command(String eventId, String givenName, String email) {
        return RegisterCommand.of(eventId, details(givenName, email));
    }

    private static ParticipantDetails details(String givenName, String email) {
        return new ParticipantDetails(givenName, "de Vries", email, "Hogeschool Utrecht", "projectleider", "hbo",
                Locale.forLanguageTag("nl"));
    }

    private static List<String> problems(RegistrationOutcome outcome) {
        assertThat(outcome).isInstanceOf(RegistrationOutcome.Invalid.class);
        return ((RegistrationOutcome.Invalid) outcome).reasons().stream().map(EveryProblemAtOnceTest::problem)
                .toList();
    }

    private static String problem(Reason reason) {
        return reason.field().orElse("") + " " + reason.code();
    }
}
