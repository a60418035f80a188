package nl.learningcommunities.registration.examples.portal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.util.MultiValueMap;

import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.examples.portal.ParticipantPageParts.Form;
import nl.learningcommunities.registration.participant.TrustedIdentity;
import nl.learningcommunities.registration.rule.Messages;

/**
 * The registration form as it is for the person at it: anonymous as always; vouched, when they signed in and their
 * institution passed every detail, which the form then shows read-only and the registration takes from the identity
 * whatever the form sends; or incomplete, when they signed in but not every detail came along, which the form then
 * prefills, editable, for an anonymous registration. Stateless.
 */
final class SignedInForm {

    /** The person's details, in the order of the form. */
    static final List<String> FIELDS = List.of("givenName", "familyName", "email", "organisation", "role", "sector");

    private SignedInForm() {
    }

    /** How the form treats the person at it. */
    enum Standing {
        /** Nobody signed in, or a demo login of whom nothing is known: the form as it always was. */
        ANONYMOUS,
        /** Signed in with a complete identity: the institution's details, read-only; registered with the identity. */
        VOUCHED,
        /** Signed in, but not every detail came along: those that did prefilled, editable; registered anonymously. */
        INCOMPLETE
    }

    /**
     * @param person who is signed in, if anyone
     * @return how the form treats them
     */
    static Standing standing(Optional<Person> person) {
        if (person.isEmpty()) {
            return Standing.ANONYMOUS;
        }
        if (person.get().identity().isPresent()) {
            return Standing.VOUCHED;
        }
        return person.get().known().isEmpty() && person.get().missing().isEmpty() ? Standing.ANONYMOUS
                : Standing.INCOMPLETE;
    }

    /**
     * @param person who is signed in, if anyone
     * @return the form as the page first shows it: the vouched details, or those the institution passed, or empty
     */
    static Form prefilled(Optional<Person> person) {
        return switch (standing(person)) {
            case VOUCHED -> withValues(Form.empty(), values(person.orElseThrow().identity().orElseThrow()));
            case INCOMPLETE -> withValues(Form.empty(), known(person.orElseThrow()));
            case ANONYMOUS -> Form.empty();
        };
    }

    /**
     * @param params what the form sent
     * @param event  the event
     * @param person who is signed in, if anyone
     * @return the form as sent, but with the vouched details in place of whatever it sent for them
     */
    static Form typed(MultiValueMap<String, String> params, Event event, Optional<Person> person) {
        Form form = Form.from(params, event);
        Optional<TrustedIdentity> identity = person.flatMap(Person::identity);
        return identity.isPresent() ? withValues(form, values(identity.get())) : form;
    }

    /**
     * The registration the form asks for: with a vouched identity its details and the identity, never what the form
     * sent for them; otherwise anonymous, with the details typed.
     *
     * @param event  the event
     * @param form   the form, as {@link #typed} read it
     * @param person who is signed in, if anyone
     * @param locale the page's language
     * @return the command
     */
    static RegisterCommand command(Event event, Form form, Optional<Person> person, Locale locale) {
        Locale language = Messages.supported(locale);
        Optional<TrustedIdentity> identity = person.flatMap(Person::identity);
        ParticipantDetails details = identity.map(id -> ParticipantDetails.of(id, language))
                .orElseGet(() -> form.details(language));
        RegisterCommand command = new RegisterCommand(event.id(), details, Optional.empty(), form.sessionIds(),
                form.answers(event), Optional.ofNullable(form.invitationCode()), form.privacyConsent());
        return identity.map(command::withIdentity).orElse(command);
    }

    /**
     * @param fields field names such as {@code email}
     * @param locale the page's language
     * @return their labels as a list in a sentence: "e-mailadres, rol"
     */
    static String labels(List<String> fields, Locale locale) {
        return fields.stream().map(field -> {
            String label = PortalMessages.text("field." + field, locale, field);
            return label.isEmpty() ? label : Character.toLowerCase(label.charAt(0)) + label.substring(1);
        }).collect(Collectors.joining(", "));
    }

    private static Map<String, String> values(TrustedIdentity identity) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("givenName", identity.givenName());
        values.put("familyName", identity.familyName());
        values.put("email", identity.email().value());
        values.put("organisation", identity.organisation());
        values.put("role", identity.role());
        values.put("sector", identity.sector());
        return values;
    }

    private static Map<String, String> known(Person person) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : FIELDS) {
            values.put(field, person.known().getOrDefault(field, ""));
        }
        return values;
    }

    private static Form withValues(Form form, Map<String, String> values) {
        Map<String, String> merged = new LinkedHashMap<>(form.values());
        merged.putAll(values);
        return new Form(merged, form.sessionIds(), form.answerValues(), form.invitationCode(), form.privacyConsent());
    }
}
