package nl.learningcommunities.registration.participant;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A person registering for an event, as they registered: names, normalised e-mail address, organisation,
 * role and sector, the language they want their e-mail in, and their answers to the event's questions.
 *
 * <p>Immutable and thread-safe.
 *
 * @param givenName    given name
 * @param familyName   family name (including any prefix such as "van der")
 * @param email        normalised e-mail address
 * @param organisation the organisation they register for
 * @param role         their role, as the event's eligibility rules name roles (for example {@code projectleider})
 * @param sector       their sector, lower-case (for example {@code mbo} or {@code hbo})
 * @param locale       the language of their e-mail and pages ({@code nl} or {@code en})
 * @param answers      answers by question id
 * @param subject      the host's identifier of the logged-in person, when the host vouched for this participant
 */
public record Participant(String givenName, String familyName, EmailAddress email, String organisation,
                          String role, String sector, Locale locale, Map<String, Answer> answers,
                          Optional<String> subject) {

    /** Checks and copies the components. */
    public Participant {
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(familyName, "familyName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(role, "role");
        sector = Objects.requireNonNull(sector, "sector").strip().toLowerCase(Locale.ROOT);
        Objects.requireNonNull(locale, "locale");
        answers = Map.copyOf(Objects.requireNonNull(answers, "answers"));
        Objects.requireNonNull(subject, "subject");
    }

    /** @return given and family name, separated by a space */
    public String fullName() {
        return (givenName + " " + familyName).strip();
    }

    /** @return the organisation as compared for the per-organisation limit: trimmed and lower-cased */
    public String organisationKey() {
        return organisation.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * @param email the address
     * @return a copy with another address
     */
    public Participant withEmail(EmailAddress email) {
        return new Participant(givenName, familyName, email, organisation, role, sector, locale, answers, subject);
    }

    /**
     * @param answers the new answers
     * @return a copy with other answers
     */
    public Participant withAnswers(Map<String, Answer> answers) {
        return new Participant(givenName, familyName, email, organisation, role, sector, locale, answers, subject);
    }
}
