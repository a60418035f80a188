package nl.learningcommunities.registration.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nl.learningcommunities.registration.DefinitionException;
import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.eligibility.EligibilityRule;
import nl.learningcommunities.registration.event.ApprovalMode;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventFormat;
import nl.learningcommunities.registration.event.Visibility;
import nl.learningcommunities.registration.inmemory.InMemoryEventCatalogue;
import nl.learningcommunities.registration.inmemory.InMemoryStorage;
import nl.learningcommunities.registration.testing.MutableClock;

class EventDefinitionsTest {

    static final String SEED = "/nl/learningcommunities/registration/programmes/learning-communities-2021.json";
    private final EventDefinitions definitions = EventDefinitions.create();

    @Test
    void the_seed_programme_holds_two_invitation_only_explorations_and_the_broad_online_meeting() {
        List<Event> events = definitions.readResource(SEED);

        assertThat(events).extracting(Event::id).containsExactly("verkenning-2021-03-16", "verkenning-2021-04-08",
                "brede-bijeenkomst-2021-06-09");
        assertThat(events.subList(0, 2)).allSatisfy(e -> {
            assertThat(e.visibility()).isEqualTo(Visibility.INVITATION_ONLY);
            assertThat(e.eligibility()).isInstanceOf(EligibilityRule.Invited.class);
        });
        assertThat(events.get(0).startsAt().getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
        assertThat(events.get(1).startsAt().getDayOfWeek()).isEqualTo(DayOfWeek.THURSDAY);
        Event broad = events.get(2);
        assertThat(broad.startsAt().getDayOfWeek()).isEqualTo(DayOfWeek.WEDNESDAY);
        assertThat(broad.startsAt().getZone()).isEqualTo(ZoneId.of("Europe/Amsterdam"));
        assertThat(broad.startsAt().toLocalTime()).isEqualTo(LocalTime.of(13, 0));
        assertThat(broad.endsAt().toLocalTime()).isEqualTo(LocalTime.of(17, 0));
        assertThat(broad.format()).isEqualTo(EventFormat.ONLINE);
        assertThat(broad.organisers()).containsExactly("Regieorgaan SIA", "Vereniging Hogescholen", "MBO Raad");
        assertThat(broad.contact().organisation()).isEqualTo("MBO Raad");
        assertThat(broad.contact().email().domain()).isEqualTo("example.org");
        assertThat(broad.programme()).contains("learning-communities-hbo-mbo-2021");
        assertThat(broad.approval()).isEqualTo(ApprovalMode.AUTOMATIC);
        assertThat(broad.retention()).isEqualTo(Period.ofMonths(12));
        assertThat(broad.reminderBefore()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void the_seed_programme_runs_on_a_fixed_clock_in_spring_2021() {
        InMemoryStorage storage = InMemoryStorage.create();
        RegistrationEngine engine = RegistrationEngine.builder().eventCatalogue(InMemoryEventCatalogue.create())
                .registrationStore(storage).notificationOutbox(storage)
                .clock(MutableClock.at(java.time.Instant.parse("2021-05-10T08:00:00Z"))).build();
        engine.events().publishAll(definitions.readResource(SEED));
        ParticipantDetails policyOfficer = new ParticipantDetails("Sanne", "Smit", "s.smit@roc.example.org",
                "ROC Voorbeeld", "beleidsmedewerker", "mbo", Locale.forLanguageTag("nl"));
        ParticipantDetails student = new ParticipantDetails("Tom", "Test", "tom@student.example.org", "Hogeschool",
                "student", "hbo", Locale.ENGLISH);
        Map<String, Object> answers = Map.of("board-representative", "nee");

        RegistrationOutcome invited = engine.registrations().register(RegisterCommand.of("brede-bijeenkomst-2021-06-09",
                policyOfficer).withAnswers(answers).withInvitationCode("lc-breed-2021"));
        RegistrationOutcome notTheAudience = engine.registrations().register(RegisterCommand.of(
                "brede-bijeenkomst-2021-06-09", student).withAnswers(answers).withInvitationCode("LC-BREED-2021"));
        RegistrationOutcome uninvited = engine.registrations().register(RegisterCommand.of(
                "brede-bijeenkomst-2021-06-09", new ParticipantDetails("Piet", "P", "piet@hu.example.org", "HU",
                        "expert", "hbo", Locale.ENGLISH)).withAnswers(answers));
        RegistrationOutcome exploration = engine.registrations().register(RegisterCommand.of("verkenning-2021-04-08",
                policyOfficer).withAnswers(Map.of("learning-community", "Zorg")));

        assertThat(invited).isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(((RegistrationOutcome.Refused) notTheAudience).reasons().get(0).code()).isEqualTo("eligibility.role");
        assertThat(((RegistrationOutcome.Refused) uninvited).reasons().get(0).code()).isEqualTo("eligibility.invitation");
        assertThat(((RegistrationOutcome.Refused) exploration).reasons().get(0).code())
                .isEqualTo("registration.window.closed");
    }

    @Test
    void a_definition_survives_a_round_trip_unchanged() {
        List<Event> seed = definitions.readResource(SEED);

        List<Event> again = definitions.read(definitions.write(seed));

        assertThat(again).isEqualTo(seed);
    }

    @Test
    void absent_fields_take_their_defaults() {
        Event minimal = definitions.read("""
                {"id": "mini", "title": {"nl": "Mini"}, "description": {"nl": "Klein"},
                 "contact": {"name": "M", "organisation": "O", "email": "m@example.org"},
                 "startsAt": "2027-06-09T13:00:00+02:00", "endsAt": "2027-06-09T17:00:00+02:00",
                 "registrationWindow": {"opensAt": "2027-04-01T09:00:00+02:00", "closesAt": "2027-06-08T12:00:00+02:00"}}
                """).get(0);

        assertThat(minimal.waitingList()).isTrue();
        assertThat(minimal.capacity()).isEmpty();
        assertThat(minimal.anonymousRegistration()).isTrue();
        assertThat(minimal.eligibility()).isInstanceOf(EligibilityRule.Everyone.class);
        assertThat(minimal.visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(minimal.title().in(Locale.ENGLISH)).isEqualTo("Mini");
    }

    @Test
    void a_typo_or_an_inconsistency_is_an_error_that_names_the_place() {
        assertThatThrownBy(() -> definitions.read("[{\"id\": \"x\", \"capasity\": 5}]"))
                .isInstanceOf(DefinitionException.class).hasMessageContaining("events[0]")
                .hasMessageContaining("capasity");
        assertThatThrownBy(() -> definitions.read("""
                {"id": "backwards", "title": {"nl": "T"}, "description": {"nl": "D"},
                 "contact": {"name": "M", "organisation": "O", "email": "m@example.org"},
                 "startsAt": "2027-06-09T17:00:00+02:00", "endsAt": "2027-06-09T13:00:00+02:00",
                 "registrationWindow": {"opensAt": "2027-04-01T09:00:00+02:00", "closesAt": "2027-06-08T12:00:00+02:00"}}
                """)).isInstanceOf(DefinitionException.class).hasMessageContaining("must end after it starts");
    }
}
