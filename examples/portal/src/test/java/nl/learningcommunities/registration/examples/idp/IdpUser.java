package nl.learningcommunities.registration.examples.idp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A person at the test identity provider, with the attributes a SURFconext tenant releases about them.
 *
 * @param username what the person types on the login form
 * @param password what the person types on the login form
 * @param subject the opaque, stable {@code sub} claim
 * @param givenName {@code given_name}
 * @param familyName {@code family_name}
 * @param email {@code email} (always released as verified)
 * @param homeOrganization {@code schac_home_organization}, a domain such as {@code hu.nl}
 * @param affiliations {@code eduperson_affiliation}, such as {@code employee}, {@code faculty}
 * @param groups {@code edumember_is_member_of}: group URNs; the claim is left out when there are none
 */
public record IdpUser(String username, String password, String subject, String givenName, String familyName,
        String email, String homeOrganization, List<String> affiliations, List<String> groups) {

    public IdpUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(familyName, "familyName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(homeOrganization, "homeOrganization");
        affiliations = List.copyOf(affiliations);
        groups = List.copyOf(groups);
    }

    /**
     * A person whose password is {@code wachtwoord-<username>} and whose {@code sub} is an opaque value derived
     * from the username and home organisation (so it is the same at every start, and at every instance).
     */
    public static IdpUser of(String username, String givenName, String familyName, String email,
            String homeOrganization, List<String> affiliations, List<String> groups) {
        return new IdpUser(username, TestIdentityProvider.passwordOf(username),
                opaqueSubject(username, homeOrganization), givenName, familyName, email, homeOrganization,
                affiliations, groups);
    }

    /** {@code name}: the given and family name. */
    public String name() {
        return givenName + " " + familyName;
    }

    /** The same person in other groups. */
    public IdpUser withGroups(List<String> otherGroups) {
        return new IdpUser(username, password, subject, givenName, familyName, email, homeOrganization, affiliations,
                otherGroups);
    }

    /**
     * The claims as they appear in the ID token and at the userinfo endpoint: {@code sub}, {@code name},
     * {@code given_name}, {@code family_name}, {@code email}, {@code email_verified}, {@code schac_home_organization},
     * {@code eduperson_affiliation}, {@code eduperson_scoped_affiliation}, {@code eduperson_principal_name} and,
     * when the person is in any group, {@code edumember_is_member_of}.
     */
    public Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("name", name());
        claims.put("given_name", givenName);
        claims.put("family_name", familyName);
        claims.put("email", email);
        claims.put("email_verified", Boolean.TRUE);
        claims.put("schac_home_organization", homeOrganization);
        claims.put("eduperson_affiliation", affiliations);
        claims.put("eduperson_scoped_affiliation",
                affiliations.stream().map(affiliation -> affiliation + "@" + homeOrganization).toList());
        claims.put("eduperson_principal_name", username + "@" + homeOrganization);
        if (!groups.isEmpty()) {
            claims.put("edumember_is_member_of", groups);
        }
        return Collections.unmodifiableMap(claims);
    }

    private static String opaqueSubject(String username, String homeOrganization) {
        try {
            String person = "urn:collab:person:" + homeOrganization + ":" + username;
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(person.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
