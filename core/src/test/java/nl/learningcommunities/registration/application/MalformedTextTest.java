package nl.learningcommunities.registration.application;

import static nl.learningcommunities.registration.testing.TestEvents.NOW;
import static nl.learningcommunities.registration.testing.TestEvents.at;
import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static nl.learningcommunities.registration.testing.TestEvents.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.eligibility.EligibilityRule;
import nl.learningcommunities.registration.eligibility.InvitationCode;
import nl.learningcommunities.registration.eligibility.Invitations;
import nl.learningcommunities.registration.event.Contact;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventStatus;
import nl.learningcommunities.registration.event.InvalidEventException;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.event.OrganiserAccess;
import nl.learningcommunities.registration.event.Question;
import nl.learningcommunities.registration.event.Session;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.rule.Messages;
import nl.learningcommunities.registration.rule.Reason;

/**
 * Text that is not well-formed Unicode — a lone surrogate half, as JSON can escape it ({@code \ud800}), or the
 * replacement character a decoder leaves for the bytes of one in a form post — is refused wherever the library takes
 * text, naming the field with {@code field.malformed-unicode}, and nothing is stored.
 */
class MalformedTextTest {

    private static final String EVENT = "malformed-text";
    private static final String LONE_HIGH = "\uD800";
    private static final String LONE_LOW = "\uDC00";
    private static final String MALFORMED = "field.malformed-unicode";

    private final EngineFixture fixture = new EngineFixture();

    MalformedTextTest() {
        fixture.publish(meeting(EVENT, 10)
                .sessions(List.of(session("ronde-1", 13, 14, 5)))
                .questions(List.of(
                        new Question("motivation", LocalizedText.of("Waarom?", "Why?"), Question.Type.TEXT, false,
                                OptionalInt.of(500), List.of()),
                        new Question("topics", LocalizedText.of("Onderwerpen", "Topics"),
                                Question.Type.MULTIPLE_CHOICE, false, OptionalInt.empty(),
                                List.of(new Question.Option("research", LocalizedText.of("Onderzoek", "Research"))))))
                .build());
    }

    static Stream<Arguments> malformedRegistrations() {
        return Stream.of(
                bad("a lone high surrogate in the given name", c -> with(c, details(c, 0, "Anna" + LONE_HIGH)),
                        "givenName"),
                bad("a lone low surrogate in the family name", c -> with(c, details(c, 1, LONE_LOW + "Vries")),
                        "familyName"),
                bad("a lone surrogate in the e-mail address",
                        c -> with(c, details(c, 2, "anna" + LONE_HIGH + "@hu.example.org")), "email"),
                bad("a lone surrogate in the organisation", c -> with(c, details(c, 3, "Hogeschool" + LONE_HIGH)),
                        "organisation"),
                bad("a lone surrogate in the role", c -> with(c, details(c, 4, LONE_LOW)), "role"),
                bad("a lone surrogate in the sector", c -> with(c, details(c, 5, "hbo" + LONE_HIGH)), "sector"),
                bad("the replacement character a form post of a lone surrogate leaves in a name",
                        c -> with(c, details(c, 0, "Anna\uFFFD\uFFFD\uFFFD")), "givenName"),
                bad("a high surrogate followed by another high surrogate",
                        c -> with(c, details(c, 0, "Anna\uD83D\uD83D")), "givenName"),
                bad("a lone surrogate in a text answer", c -> c.withAnswers(Map.of("motivation",
                        "Kennis" + LONE_HIGH)), "answers.motivation"),
                bad("a lone surrogate in an option of a multiple choice", c -> c.withAnswers(Map.of("topics",
                        List.of("research", LONE_LOW))), "answers.topics"),
                bad("a lone surrogate in a question id", c -> c.withAnswers(Map.of("motivation" + LONE_HIGH,
                        "Kennis")), "answers.motivation\uFFFD"),
                bad("a lone surrogate in a session id", c -> c.withSessions(List.of("ronde-1" + LONE_HIGH)),
                        "sessionIds[0]"),
                bad("a lone surrogate in the invitation code", c -> c.withInvitationCode("CODE" + LONE_HIGH),
                        "invitationCode"));
    }

    @ParameterizedTest(name = "{0} is refused naming its field")
    @MethodSource("malformedRegistrations")
    void a_registration_with_malformed_text_is_refused_naming_the_field_and_nothing_is_stored(
            String what, UnaryOperator<RegisterCommand> spoil, String field) {
        RegistrationOutcome outcome = fixture.engine.registrations().register(spoil.apply(valid()));

        assertThat(outcome).as(what).isInstanceOf(RegistrationOutcome.Invalid.class);
        assertThat(((RegistrationOutcome.Invalid) outcome).reasons()).as(what)
                .containsExactly(Reason.ofField(field, MALFORMED));
        assertThat(fixture.storage.list(RegistrationQuery.all(EVENT))).isEmpty();
        assertThat(fixture.storage.claimDue("test", 100, NOW, Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void the_message_says_in_dutch_and_english_what_is_wrong() {
        Reason reason = Reason.ofField("givenName", MALFORMED);

        assertThat(reason.message(Messages.DUTCH)).startsWith("Dit veld bevat tekens die geen geldige tekst zijn");
        assertThat(reason.message(Locale.ENGLISH)).startsWith("This field contains characters that are not valid text");
    }

    @Test
    void well_formed_text_outside_the_basic_plane_is_registered_as_typed() {
        RegistrationOutcome outcome = fixture.engine.registrations().register(with(valid(),
                details(valid(), 0, "Zoë \uD83C\uDF89")).withAnswers(Map.of("motivation", "Leren 😀")));

        assertThat(fixture.registered(outcome).participant().givenName()).isEqualTo("Zoë 🎉");
    }

    @Test
    void a_group_member_with_malformed_text_is_refused_naming_the_member_and_nobody_is_stored() {
        GroupRegisterCommand group = new GroupRegisterCommand(EVENT, Optional.empty(), List.of(
                new GroupRegisterCommand.Member(valid().participant(), List.of(), Map.of()),
                new GroupRegisterCommand.Member(details(valid(), 1, "Jansen" + LONE_HIGH), List.of(), Map.of())),
                Optional.empty(), true);

        GroupOutcome outcome = fixture.engine.registrations().registerGroup(group);

        assertThat(outcome).isInstanceOf(GroupOutcome.Invalid.class);
        assertThat(((GroupOutcome.Invalid) outcome).reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.field()).hasValueSatisfying(field -> assertThat(field).startsWith("members[1]")
                    .endsWith("familyName"));
            assertThat(reason.code()).isEqualTo(MALFORMED);
        });
        assertThat(fixture.storage.list(RegistrationQuery.all(EVENT))).isEmpty();
    }

    @Test
    void changed_details_with_malformed_text_are_refused_before_anything_is_looked_up() {
        ActionOutcome outcome = fixture.engine.registrations().changeDetails(new ChangeDetailsCommand(
                UUID.randomUUID(), "een-token", details(valid(), 3, LONE_LOW), Map.of("motivation", LONE_HIGH)));

        assertThat(outcome).isInstanceOf(ActionOutcome.Invalid.class);
        assertThat(((ActionOutcome.Invalid) outcome).reasons()).containsExactly(
                Reason.ofField("answers.motivation", MALFORMED), Reason.ofField("organisation", MALFORMED));
    }

    @Test
    void an_organisers_message_with_malformed_text_is_refused_and_nothing_is_queued() {
        Registration registration = fixture.registered(fixture.engine.registrations().register(valid()));
        List<?> before = fixture.mailbox.types(registration.id());

        MessageOutcome subject = fixture.engine.organising().message(new ParticipantMessage(EVENT,
                ParticipantMessage.Audience.CONFIRMED, LocalizedText.of("Let op" + LONE_HIGH, "Note"),
                LocalizedText.of("Tekst", "Text")), "organisator");
        MessageOutcome body = fixture.engine.organising().message(new ParticipantMessage(EVENT,
                ParticipantMessage.Audience.CONFIRMED, LocalizedText.of("Let op", "Note"),
                LocalizedText.of("Tekst", LONE_LOW + "Text")), "organisator");

        assertThat(subject).isEqualTo(new MessageOutcome.Invalid(List.of(Reason.ofField("subject", MALFORMED))));
        assertThat(body).isEqualTo(new MessageOutcome.Invalid(List.of(Reason.ofField("body", MALFORMED))));
        assertThat(fixture.mailbox.types(registration.id())).isEqualTo(before);
    }

    @Test
    void a_rejection_note_with_malformed_text_is_refused_and_the_registration_stays_as_it_was() {
        Registration registration = fixture.registered(fixture.engine.registrations().register(valid()));

        ActionOutcome outcome = fixture.engine.organising().reject(registration.id(), "organisator",
                Optional.of("Past niet" + LONE_HIGH));

        assertThat(outcome).isEqualTo(new ActionOutcome.Invalid(List.of(Reason.ofField("note", MALFORMED))));
        assertThat(fixture.storage.find(registration.id()).orElseThrow().status()).isEqualTo(registration.status());
    }

    @Test
    void a_cancellation_reason_with_malformed_text_is_refused_and_the_event_stays_open() {
        EventOutcome outcome = fixture.engine.events().cancel(EVENT, "Zaal" + LONE_LOW + " afgezegd", "organisator");

        assertThat(outcome).isEqualTo(new EventOutcome.Refused(List.of(Reason.ofField("reason", MALFORMED))));
        assertThat(fixture.engine.events().find(EVENT).orElseThrow().status()).isEqualTo(EventStatus.OPEN);
    }

    static Stream<Arguments> malformedEvents() {
        String bad = "Bijeenkomst" + LONE_HIGH;
        return Stream.of(
                event("the title", b -> b.title(LocalizedText.of(bad, "Meeting")), "title"),
                event("the language of the description", b -> b.description(new LocalizedText(Map.of(
                        "n" + LONE_LOW, "Beschrijving"))), "description"),
                event("the description", b -> b.description(LocalizedText.of("Beschrijving", bad)), "description"),
                event("an organiser", b -> b.organisers(List.of("MBO Raad", bad)), "organisers"),
                event("the contact's name", b -> b.contact(new Contact(bad, "MBO Raad",
                        EmailAddress.of("melina.groen@example.org"))), "contact"),
                event("the venue", b -> b.venue(Optional.of(bad)), "venue"),
                event("the programme", b -> b.programme(Optional.of(bad)), "programme"),
                event("a session's title", b -> b.sessions(List.of(new Session("ronde-1",
                        LocalizedText.of(bad, "Round"), at(2027, 6, 9, 13), at(2027, 6, 9, 14),
                        OptionalInt.empty()))), "sessions"),
                event("a question's option", b -> b.questions(List.of(new Question("topics",
                        LocalizedText.of("Onderwerpen", "Topics"), Question.Type.SINGLE_CHOICE, false,
                        OptionalInt.empty(), List.of(new Question.Option("research",
                        LocalizedText.of("Onderzoek", bad)))))), "questions"),
                event("an eligible role", b -> b.eligibility(new EligibilityRule.AnyOf(List.of(
                        new EligibilityRule.SectorIn(Set.of("hbo")), new EligibilityRule.RoleIn(Set.of(bad))))),
                        "eligibility"),
                event("an invitation code", b -> b.invitations(new Invitations(Set.of(), List.of(
                        new InvitationCode("CODE" + LONE_LOW, OptionalInt.empty(), Optional.empty())))),
                        "invitations"),
                event("an organisers' group", b -> b.organiserAccess(OrganiserAccess.of(List.of(),
                        List.of("urn:lc-organisers", bad))), "organiserAccess.groups[1]"),
                event("the cancellation reason", b -> b.status(EventStatus.CANCELLED)
                        .cancellationReason(Optional.of(bad)), "cancellationReason"));
    }

    @ParameterizedTest(name = "a lone surrogate in {0} makes no event")
    @MethodSource("malformedEvents")
    void an_event_with_a_lone_surrogate_in_any_text_cannot_be_made_and_the_error_names_the_field(
            String what, UnaryOperator<Event.Builder> spoil, String field) {
        assertThatThrownBy(() -> spoil.apply(meeting("met-fout", 10)).build()).as(what)
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.code()).isEqualTo(MALFORMED);
                });
    }

    @Test
    void an_event_keeps_a_replacement_character_already_in_its_texts_so_that_stored_events_still_load() {
        Event event = meeting("met-vervangteken", 10).title(LocalizedText.of("Caf\uFFFD", "Caf\uFFFD")).build();

        assertThat(event.title().in(Messages.DUTCH)).isEqualTo("Caf\uFFFD");
    }

    private static RegisterCommand valid() {
        return RegisterCommand.of(EVENT, new ParticipantDetails("Anna", "de Vries", "anna@hu.example.org",
                "Hogeschool Utrecht", "projectleider", "hbo", Locale.forLanguageTag("nl")));
    }

    private static Arguments bad(String what, UnaryOperator<RegisterCommand> spoil, String field) {
        return Arguments.of(what, spoil, field);
    }

    private static Arguments event(String what, UnaryOperator<Event.Builder> spoil, String field) {
        return Arguments.of(what, spoil, field);
    }

    /** The details with one field (by its place: given name, family name, e-mail, organisation, role, sector) set. */
    private static ParticipantDetails details(RegisterCommand command, int field, String value) {
        ParticipantDetails d = command.participant();
        return new ParticipantDetails(field == 0 ? value : d.givenName(), field == 1 ? value : d.familyName(),
                field == 2 ? value : d.email(), field == 3 ? value : d.organisation(), field == 4 ? value : d.role(),
                field == 5 ? value : d.sector(), d.locale());
    }

    private static RegisterCommand with(RegisterCommand command, ParticipantDetails details) {
        return new RegisterCommand(command.eventId(), details, command.identity(), command.sessionIds(),
                command.answers(), command.invitationCode(), command.privacyConsent());
    }
}
