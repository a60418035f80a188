package nl.learningcommunities.registration.application;

import java.util.Locale;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import nl.learningcommunities.registration.application.constraints.PlainText;
import nl.learningcommunities.registration.application.constraints.ValidEmail;
import nl.learningcommunities.registration.participant.TrustedIdentity;

/**
 * The personal details a registration form asks for.
 *
 * <p>Immutable and thread-safe. Validated by the engine; each invalid field gives a code and a localised
 * message.
 *
 * @param givenName    given name; required, at most 100 characters, no control characters
 * @param familyName   family name; required, at most 100 characters
 * @param email        e-mail address; required, valid, at most 254 characters
 * @param organisation organisation; required, at most 200 characters
 * @param role         role (for example {@code projectleider}); required, at most 100 characters
 * @param sector       sector (for example {@code mbo}); required, at most 50 characters
 * @param locale       language of e-mail and pages; {@code nl} or {@code en} (others map to English)
 */
public record ParticipantDetails(
        @NotBlank @Size(max = 100) @PlainText String givenName,
        @NotBlank @Size(max = 100) @PlainText String familyName,
        @NotBlank @Size(max = 254) @ValidEmail String email,
        @NotBlank @Size(max = 200) @PlainText String organisation,
        @NotBlank @Size(max = 100) @PlainText String role,
        @NotBlank @Size(max = 50) @PlainText String sector,
        @NotNull Locale locale) {

    /**
     * The details as the host vouches for them.
     *
     * @param identity the logged-in person
     * @param locale   the language they use
     * @return the details
     */
    public static ParticipantDetails of(TrustedIdentity identity, Locale locale) {
        return new ParticipantDetails(identity.givenName(), identity.familyName(), identity.email().value(),
                identity.organisation(), identity.role(), identity.sector(), locale);
    }
}
