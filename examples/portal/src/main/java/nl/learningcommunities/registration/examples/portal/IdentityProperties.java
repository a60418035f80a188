package nl.learningcommunities.registration.examples.portal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the portal signs people in at the institution's identity provider, under {@code registration.identity.*}
 * (each also as an environment variable, {@code REGISTRATION_IDENTITY_OIDC_ISSUER_URI}…). With no issuer set, nobody
 * signs in: participants register anonymously where an event allows it, and organisers use the demo login of
 * {@code registration.admin.*}. {@code docs/intranet-sign-on.md} shows the settings for SURFconext and Microsoft
 * Entra ID.
 *
 * @param oidc              the OpenID Connect client: issuer, client id and secret, scopes
 * @param claims            which claim carries which attribute; the defaults are SURFconext's
 * @param roles             the role each affiliation (or role claim value) stands for, such as
 *                          {@code registration.identity.roles.faculty=expert}; the first value of the claim found here
 *                          wins; empty means the claim's first value is the role
 * @param sectors           the sector of each organisation, keyed by the organisation claim's value (SURFconext: the
 *                          institution's domain), such as {@code registration.identity.sectors[hu.nl]=hbo}; used when
 *                          no sector claim is named
 * @param organisationNames the name shown for an organisation, keyed by the organisation claim's value, such as
 *                          {@code registration.identity.organisation-names[hu.nl]=Hogeschool Utrecht}; without one the
 *                          claim's value is the name
 * @param adminGroup        the group whose members are administrators: they see every event and create events
 * @param organiserGroup    the group whose members may open the organiser pages, where each sees the events that
 *                          name them (by address or group); blank means every signed-in person may, and still sees
 *                          only the events that name them
 * @param coordinatorGroup  the group whose members may register colleagues as a group (who then count as vouched
 *                          for by the coordinator); blank means nobody may
 * @param api               the admin API's access tokens
 */
@ConfigurationProperties("registration.identity")
public record IdentityProperties(@DefaultValue Oidc oidc, @DefaultValue Claims claims, Map<String, String> roles,
                                 Map<String, String> sectors, Map<String, String> organisationNames,
                                 String adminGroup, String organiserGroup, String coordinatorGroup,
                                 @DefaultValue Api api) {

    /** The registration id of the provider in Spring Security, and so in the redirect URI. */
    public static final String REGISTRATION_ID = "institution";

    /** Defaults absent tables to empty ones and copies them, keys compared without case. */
    public IdentityProperties {
        roles = lowerCaseKeys(roles);
        sectors = lowerCaseKeys(sectors);
        organisationNames = lowerCaseKeys(organisationNames);
        adminGroup = blankToNull(adminGroup);
        organiserGroup = blankToNull(organiserGroup);
        coordinatorGroup = blankToNull(coordinatorGroup);
    }

    /** @return whether a provider is configured, so that people sign in there */
    public boolean enabled() {
        return oidc.issuer().isPresent();
    }

    /** @return the administrators' group, if one is named */
    public Optional<String> admins() {
        return Optional.ofNullable(adminGroup);
    }

    /** @return the organisers' group, if one is named */
    public Optional<String> organisers() {
        return Optional.ofNullable(organiserGroup);
    }

    /** @return the coordinators' group, if one is named */
    public Optional<String> coordinators() {
        return Optional.ofNullable(coordinatorGroup);
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> table) {
        Map<String, String> copy = new LinkedHashMap<>();
        if (table != null) {
            table.forEach((key, value) -> {
                if (key != null && value != null && !value.isBlank()) {
                    copy.put(key.strip().toLowerCase(Locale.ROOT), value.strip());
                }
            });
        }
        return java.util.Collections.unmodifiableMap(copy);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * The OpenID Connect client (authorization code with PKCE; the endpoints come from the issuer's discovery
     * document, read on first use, so the portal starts while the provider is down).
     *
     * @param issuerUri    the provider's issuer, such as {@code https://connect.test.surfconext.nl}
     * @param clientId     the portal's client id at the provider
     * @param clientSecret its secret
     * @param scopes       the scopes asked for
     */
    public record Oidc(URI issuerUri, String clientId, String clientSecret,
                       @DefaultValue({"openid", "profile", "email"}) List<String> scopes) {

        /** Copies the scopes. */
        public Oidc {
            scopes = scopes == null ? List.of("openid", "profile", "email") : List.copyOf(scopes);
        }

        /** @return the issuer, if one is set */
        public Optional<URI> issuer() {
            return Optional.ofNullable(issuerUri).filter(uri -> !uri.toString().isBlank());
        }
    }

    /**
     * The claims the attributes of a trusted identity come from. A blank name means the attribute has no claim.
     *
     * @param subject      the person's stable identifier
     * @param email        the e-mail address
     * @param givenName    the given name
     * @param familyName   the family name
     * @param organisation the organisation (SURFconext: {@code schac_home_organization}, the institution's domain)
     * @param role         the values looked up in {@code registration.identity.roles} (SURFconext:
     *                     {@code eduperson_affiliation})
     * @param sector       the sector, if the provider sends one; blank means the table of sectors decides
     * @param groups       the groups, for the administrators', organisers' and coordinators' groups and for events
     *                     that name a group (SURFconext: {@code edumember_is_member_of}; Entra ID: {@code groups}
     *                     or {@code roles})
     */
    public record Claims(@DefaultValue("sub") String subject, @DefaultValue("email") String email,
                         @DefaultValue("given_name") String givenName, @DefaultValue("family_name") String familyName,
                         @DefaultValue("schac_home_organization") String organisation,
                         @DefaultValue("eduperson_affiliation") String role, String sector,
                         @DefaultValue("edumember_is_member_of") String groups) {
    }

    /**
     * The admin API's bearer tokens: JWTs from the provider, checked for signature, issuer, audience and time.
     *
     * @param issuerUri the tokens' issuer; default the sign-on provider's issuer
     * @param audience  the audience the tokens must name; default the portal's client id
     */
    public record Api(URI issuerUri, String audience) {
    }

    /** @return the issuer whose tokens the admin API takes, if any */
    public Optional<URI> apiIssuer() {
        return Optional.ofNullable(api.issuerUri()).filter(uri -> !uri.toString().isBlank()).or(oidc::issuer);
    }

    /** @return the audience the admin API's tokens must name */
    public Optional<String> apiAudience() {
        return Optional.ofNullable(api.audience()).filter(a -> !a.isBlank())
                .or(() -> Optional.ofNullable(oidc.clientId()).filter(id -> !id.isBlank()));
    }
}
