package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.event.Contact;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.event.Question;
import nl.learningcommunities.registration.event.RegistrationWindow;
import nl.learningcommunities.registration.examples.portal.ParticipantPageParts.Form;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.participant.TrustedIdentity;

/**
 * The registration form for whoever is at it: what the institution vouches for wins over whatever the form sends; an
 * incomplete identity only prefills; nobody signed in registers with what they typed.
 */
class SignedInFormTest {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    static final TrustedIdentity ANNA = new TrustedIdentity("anna-sub", "Anna", "de Vries",
            EmailAddress.of("anna@hu.nl"), "Hogeschool Utrecht", "docent", "hbo");

    static Event meeting() {
        return Event.builder("form-unit")
                .title(LocalizedText.of("Bijeenkomst", "Meeting"))
                .description(LocalizedText.of("Omschrijving", "Description"))
                .organisers(List.of("MBO Raad"))
                .contact(new Contact("Melina Groen", "MBO Raad", EmailAddress.of("melina@example.org")))
                .onlineLink(Optional.of(URI.create("https://meet.example.org/x")))
                .startsAt(ZonedDateTime.of(2027, 6, 9, 13, 0, 0, 0, AMSTERDAM))
                .endsAt(ZonedDateTime.of(2027, 6, 9, 17, 0, 0, 0, AMSTERDAM))
                .registrationWindow(new RegistrationWindow(ZonedDateTime.of(2027, 4, 1, 9, 0, 0, 0, AMSTERDAM),
                        ZonedDateTime.of(2027, 6, 8, 12, 0, 0, 0, AMSTERDAM)))
                .capacity(OptionalInt.of(10))
                .questions(List.of(new Question("board", LocalizedText.of("Bestuurder?", "Board member?"),
                        Question.Type.YES_NO, true, OptionalInt.empty(), List.of())))
                .build();
    }

    static Person vouched(TrustedIdentity identity) {
        return new Person(identity.email().value(), Optional.of(identity.email()), Set.of(), Set.of(),
                Optional.of(identity), Map.of("givenName", identity.givenName(), "familyName",
                identity.familyName(), "email", identity.email().value(), "organisation", identity.organisation(),
                "role", identity.role(), "sector", identity.sector()), List.of());
    }

    static Person incomplete() {
        return new Person("anna@hu.nl", Optional.of(EmailAddress.of("anna@hu.nl")), Set.of(), Set.of(),
                Optional.empty(), Map.of("givenName", "Anna", "email", "anna@hu.nl", "organisation", "hu.nl"),
                List.of("familyName", "role", "sector"));
    }

    /** Someone edits the read-only fields (or crafts the request) to claim another address, role and name. */
    static MultiValueMap<String, String> tampered() {
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        params.add("givenName", "Mallory");
        params.add("familyName", "Bestuur");
        params.add("email", "mallory@evil.example");
        params.add("organisation", "Elders");
        params.add("role", "bestuurder");
        params.add("sector", "mbo");
        params.add("answer.board", "yes");
        params.add("privacyConsent", "true");
        return params;
    }

    @Test
    void the_vouched_values_win_over_a_tampered_form() {
        Event event = meeting();
        Optional<Person> anna = Optional.of(vouched(ANNA));

        Form form = SignedInForm.typed(tampered(), event, anna);
        RegisterCommand command = SignedInForm.command(event, form, anna, Locale.forLanguageTag("en"));

        assertThat(command.identity()).contains(ANNA);
        assertThat(command.participant()).isEqualTo(ParticipantDetails.of(ANNA, Locale.ENGLISH));
        assertThat(command.answers()).containsEntry("board", "yes");
        assertThat(command.privacyConsent()).isTrue();
        assertThat(form.value("email")).as("the form shown again shows the vouched address").isEqualTo("anna@hu.nl");
        assertThat(form.value("role")).isEqualTo("docent");
    }

    @Test
    void a_vouched_person_sees_their_institutions_details() {
        Form form = SignedInForm.prefilled(Optional.of(vouched(ANNA)));

        assertThat(SignedInForm.standing(Optional.of(vouched(ANNA)))).isEqualTo(SignedInForm.Standing.VOUCHED);
        assertThat(form.values()).containsEntry("givenName", "Anna").containsEntry("familyName", "de Vries")
                .containsEntry("email", "anna@hu.nl").containsEntry("organisation", "Hogeschool Utrecht")
                .containsEntry("role", "docent").containsEntry("sector", "hbo");
    }

    @Test
    void an_incomplete_identity_prefills_what_is_known_and_registers_anonymously_with_what_was_typed() {
        Event event = meeting();
        Optional<Person> person = Optional.of(incomplete());

        Form prefilled = SignedInForm.prefilled(person);
        MultiValueMap<String, String> params = tampered();
        params.set("givenName", "Anna");
        params.set("email", "anna@hu.nl");
        RegisterCommand command = SignedInForm.command(event, SignedInForm.typed(params, event, person), person,
                Locale.forLanguageTag("nl"));

        assertThat(SignedInForm.standing(person)).isEqualTo(SignedInForm.Standing.INCOMPLETE);
        assertThat(prefilled.value("givenName")).isEqualTo("Anna");
        assertThat(prefilled.value("organisation")).isEqualTo("hu.nl");
        assertThat(prefilled.value("role")).isEmpty();
        assertThat(command.identity()).isEmpty();
        assertThat(command.participant().role()).isEqualTo("bestuurder");
        assertThat(command.participant().familyName()).isEqualTo("Bestuur");
        assertThat(SignedInForm.labels(incomplete().missing(), Locale.forLanguageTag("nl")))
                .isEqualTo("achternaam, rol, sector");
        assertThat(SignedInForm.labels(List.of("email"), Locale.ENGLISH)).isEqualTo("e-mail address");
    }

    @Test
    void nobody_signed_in_and_a_demo_login_register_with_what_they_typed() {
        Event event = meeting();
        for (Optional<Person> person : List.of(Optional.<Person>empty(),
                Optional.of(Person.demo("organisator", Set.of(Person.Role.ADMIN))))) {
            RegisterCommand command = SignedInForm.command(event, SignedInForm.typed(tampered(), event, person),
                    person, Locale.forLanguageTag("nl"));

            assertThat(SignedInForm.standing(person)).isEqualTo(SignedInForm.Standing.ANONYMOUS);
            assertThat(SignedInForm.prefilled(person).values()).isEmpty();
            assertThat(command.identity()).isEmpty();
            assertThat(command.participant().email()).isEqualTo("mallory@evil.example");
        }
    }
}
