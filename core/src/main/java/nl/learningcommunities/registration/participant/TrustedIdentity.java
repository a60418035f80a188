package nl.learningcommunities.registration.participant;

import java.util.Objects;

/**
 * Who the host application says is logged in. When a host passes one, its attributes are what eligibility
 * checks, e-mail verification is skipped (the host already knows the address), and the participant cannot
 * claim a different name, address, organisation, role or sector.
 *
 * <p>Immutable and thread-safe.
 *
 * @param subject      the host's stable identifier of the person (for example the SSO subject)
 * @param givenName    given name
 * @param familyName   family name
 * @param email        e-mail address as the host knows it
 * @param organisation organisation (institution)
 * @param role         role
 * @param sector       sector
 */
public record TrustedIdentity(String subject, String givenName, String familyName, EmailAddress email,
                              String organisation, String role, String sector) {

    /** Checks that every attribute is present. */
    public TrustedIdentity {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(familyName, "familyName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(sector, "sector");
    }
}
