package nl.learningcommunities.registration.application;

import static nl.learningcommunities.registration.testing.TestEvents.NOW;
import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static nl.learningcommunities.registration.testing.TestEvents.session;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.event.Question;
import nl.learningcommunities.registration.inmemory.InMemoryEventCatalogue;
import nl.learningcommunities.registration.inmemory.InMemoryStorage;
import nl.learningcommunities.registration.rule.Messages;
import nl.learningcommunities.registration.rule.Reason;
import nl.learningcommunities.registration.testing.MutableClock;

/** Bad input is refused with its field and code, a message in both languages, and nothing stored. */
class BadInputTest {

    private static final String LONG = "x".repeat(10_000);
    private static final String EVENT = "bad-input";

    private InMemoryStorage storage;
    private RegistrationEngine engine;

    @BeforeEach
    void publishAnEventWithQuestionsAndSessions() {
        storage = InMemoryStorage.create();
        engine = RegistrationEngine.builder().eventCatalogue(InMemoryEventCatalogue.create())
                .registrationStore(storage).notificationOutbox(storage).clock(MutableClock.at(NOW)).build();
        engine.events().publish(meeting(EVENT, 10)
                .sessions(List.of(session("ronde-1", 13, 14, 5)))
                .questions(List.of(
                        new Question("motivation", LocalizedText.of("Waarom?", "Why?"), Question.Type.TEXT, true,
                                OptionalInt.of(500), List.of()),
                        new Question("diet", LocalizedText.of("Dieet", "Diet"), Question.Type.SINGLE_CHOICE, false,
                                OptionalInt.empty(), List.of(new Question.Option("vegan", LocalizedText.of("Veganistisch",
                                        "Vegan")))),
                        new Question("topics", LocalizedText.of("Onderwerpen", "Topics"),
                                Question.Type.MULTIPLE_CHOICE, false, OptionalInt.empty(),
                                List.of(new Question.Option("research", LocalizedText.of("Onderzoek", "Research")))),
                        new Question("board", LocalizedText.of("Bestuurder?", "Board member?"), Question.Type.YES_NO,
                                false, OptionalInt.empty(), List.of())))
                .build());
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                bad("a blank given name", c -> with(c, details(c).givenName(" ")), "givenName", "field.required"),
                bad("a missing family name", c -> with(c, details(c).familyName(null)), "familyName", "field.required"),
                bad("a 10,000-character organisation", c -> with(c, details(c).organisation(LONG)), "organisation",
                        "field.too-long"),
                bad("a line break in a name", c -> with(c, details(c).familyName("Jansen\r\nBcc: x@evil.example")),
                        "familyName", "field.control-characters"),
                bad("a NUL in a role", c -> with(c, details(c).role("expert\u0000")), "role",
                        "field.control-characters"),
                bad("a right-to-left override in a name", c -> with(c, details(c).givenName("Anna\u202Etxet")),
                        "givenName", "field.control-characters"),
                bad("an address without a domain", c -> with(c, details(c).email("anna@")), "email", "email.invalid"),
                bad("an address with two at-signs", c -> with(c, details(c).email("a@b@example.org")), "email",
                        "email.invalid"),
                bad("an address with spaces inside", c -> with(c, details(c).email("anna de vries@example.org")),
                        "email", "email.invalid"),
                bad("a 10,000-character address", c -> with(c, details(c).email(LONG + "@example.org")), "email",
                        "field.too-long"),
                bad("no locale", c -> with(c, details(c).locale(null)), "locale", "field.required"),
                bad("no privacy consent", c -> new RegisterCommand(c.eventId(), c.participant(), c.identity(),
                        c.sessionIds(), c.answers(), c.invitationCode(), false), "privacyConsent",
                        "privacy.consent-required"),
                bad("an unknown session", c -> c.withSessions(List.of("ronde-9")), "sessionIds", "session.unknown"),
                bad("the same session twice", c -> c.withSessions(List.of("ronde-1", "ronde-1")), "sessionIds",
                        "session.duplicate"),
                bad("an unknown question", c -> c.withAnswers(Map.of("motivation", "Leren", "shoe-size", "44")),
                        "answers.shoe-size", "answer.unknown-question"),
                bad("a required question unanswered", c -> c.withAnswers(Map.of()), "answers.motivation",
                        "field.required"),
                bad("a text answer of the wrong type", c -> c.withAnswers(Map.of("motivation", 42)),
                        "answers.motivation", "answer.wrong-type"),
                bad("a text answer too long", c -> c.withAnswers(Map.of("motivation", LONG)), "answers.motivation",
                        "field.too-long"),
                bad("an unknown option", c -> c.withAnswers(Map.of("motivation", "Leren", "diet", "carnivore")),
                        "answers.diet", "answer.unknown-option"),
                bad("a list for a single choice", c -> c.withAnswers(Map.of("motivation", "Leren",
                        "diet", List.of("vegan"))), "answers.diet", "answer.wrong-type"),
                bad("a number for a multiple choice", c -> c.withAnswers(Map.of("motivation", "Leren", "topics", 7)),
                        "answers.topics", "answer.wrong-type"),
                bad("a word for yes or no", c -> c.withAnswers(Map.of("motivation", "Leren", "board", "perhaps")),
                        "answers.board", "answer.wrong-type"),
                bad("a 10,000-character invitation code", c -> c.withInvitationCode(LONG), "invitationCode",
                        "field.too-long"),
                bad("a blank event id", c -> new RegisterCommand(" ", c.participant(), c.identity(), c.sessionIds(),
                        c.answers(), c.invitationCode(), true), "eventId", "field.required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void is_refused_with_its_field_and_code_and_nothing_is_stored(String what, UnaryOperator<RegisterCommand> spoil,
                                                                String field, String code) {
        RegisterCommand command = spoil.apply(valid());

        RegistrationOutcome outcome = engine.registrations().register(command);

        assertThat(outcome).as(what).isInstanceOf(RegistrationOutcome.Invalid.class);
        List<Reason> reasons = ((RegistrationOutcome.Invalid) outcome).reasons();
        assertThat(reasons).as(what).anySatisfy(reason -> {
            assertThat(reason.field()).contains(field);
            assertThat(reason.code()).isEqualTo(code);
            assertThat(reason.message(Messages.DUTCH)).isNotEqualTo(code).doesNotContain("{");
            assertThat(reason.message(Locale.ENGLISH)).isNotEqualTo(code).isNotEqualTo(reason.message(Messages.DUTCH));
        });
        assertThat(storage.list(RegistrationQuery.all(EVENT))).isEmpty();
        assertThat(storage.claimDue("test", 100, NOW, java.time.Duration.ofMinutes(1))).isEmpty();
    }

    private static RegisterCommand valid() {
        return RegisterCommand.of(EVENT, new ParticipantDetails("Anna", "de Vries", "anna@hu.example.org",
                "Hogeschool Utrecht", "projectleider", "hbo", Locale.forLanguageTag("nl")))
                .withAnswers(Map.of("motivation", "Kennis delen"));
    }

    private static Arguments bad(String what, UnaryOperator<RegisterCommand> spoil, String field, String code) {
        return Arguments.of(what, spoil, field, code);
    }

    private static Details details(RegisterCommand command) {
        return new Details(command.participant());
    }

    private static RegisterCommand with(RegisterCommand command, ParticipantDetails details) {
        return new RegisterCommand(command.eventId(), details, command.identity(), command.sessionIds(),
                command.answers(), command.invitationCode(), command.privacyConsent());
    }

    /** Changes one field of the details. */
    private record Details(ParticipantDetails d) {
        ParticipantDetails givenName(String v) {
            return new ParticipantDetails(v, d.familyName(), d.email(), d.organisation(), d.role(), d.sector(), d.locale());
        }

        ParticipantDetails familyName(String v) {
            return new ParticipantDetails(d.givenName(), v, d.email(), d.organisation(), d.role(), d.sector(), d.locale());
        }

        ParticipantDetails email(String v) {
            return new ParticipantDetails(d.givenName(), d.familyName(), v, d.organisation(), d.role(), d.sector(), d.locale());
        }

        ParticipantDetails organisation(String v) {
            return new ParticipantDetails(d.givenName(), d.familyName(), d.email(), v, d.role(), d.sector(), d.locale());
        }

        ParticipantDetails role(String v) {
            return new ParticipantDetails(d.givenName(), d.familyName(), d.email(), d.organisation(), v, d.sector(), d.locale());
        }

        ParticipantDetails locale(Locale v) {
            return new ParticipantDetails(d.givenName(), d.familyName(), d.email(), d.organisation(), d.role(), d.sector(), v);
        }
    }

}
