package nl.learningcommunities.registration.examples.portal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.participant.TrustedIdentity;

/**
 * Turns the claims of an ID token, user-info answer or access token into a {@link Person}: the trusted identity
 * the library registers with, the person's groups and their roles in the portal, all as
 * {@code registration.identity.*} says. Thread-safe.
 */
final class ClaimMapping {

    private static final int MAX_GROUPS = 500;
    private static final int MAX_TEXT = 256;

    private final IdentityProperties properties;

    ClaimMapping(IdentityProperties properties) {
        this.properties = properties;
    }

    /**
     * @param claims the claims, as the provider sent them
     * @return the person they describe
     */
    Person person(Map<String, Object> claims) {
        IdentityProperties.Claims names = properties.claims();
        Map<String, String> known = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        Optional<String> subject = first(claims, names.subject());
        // An address the provider itself says is unverified vouches for nothing (and opens nobody's registrations).
        Optional<EmailAddress> email = Boolean.FALSE.equals(claims.get("email_verified")) ? Optional.empty()
                : first(claims, names.email()).flatMap(EmailAddress::parse);
        email.ifPresent(address -> known.put("email", address.value()));
        first(claims, names.givenName()).ifPresent(name -> known.put("givenName", name));
        first(claims, names.familyName()).ifPresent(name -> known.put("familyName", name));
        Optional<String> organisationKey = first(claims, names.organisation());
        organisationKey.ifPresent(key -> known.put("organisation",
                properties.organisationNames().getOrDefault(key.toLowerCase(Locale.ROOT), key)));
        role(claims).ifPresent(role -> known.put("role", role));
        sector(claims, organisationKey).ifPresent(sector -> known.put("sector", sector));
        for (String field : List.of("givenName", "familyName", "email", "organisation", "role", "sector")) {
            if (!known.containsKey(field)) {
                missing.add(field);
            }
        }
        Optional<TrustedIdentity> identity = subject.isPresent() && missing.isEmpty()
                ? Optional.of(new TrustedIdentity(subject.get(), known.get("givenName"), known.get("familyName"),
                        email.get(), known.get("organisation"), known.get("role"), known.get("sector")))
                : Optional.empty();
        Set<String> groups = groups(claims);
        String actor = email.map(EmailAddress::value).or(() -> subject)
                .or(() -> first(claims, "client_id")).orElse("unknown");
        return new Person(actor, email, groups, roles(groups), identity, known, missing);
    }

    /**
     * @param groups a person's groups
     * @return the portal roles those groups give
     */
    Set<Person.Role> roles(Set<String> groups) {
        Set<Person.Role> roles = EnumSet.noneOf(Person.Role.class);
        if (properties.admins().filter(groups::contains).isPresent()) {
            roles.add(Person.Role.ADMIN);
            roles.add(Person.Role.ORGANISER);
        }
        if (properties.organisers().map(groups::contains).orElse(true)) {
            roles.add(Person.Role.ORGANISER);
        }
        // Colleagues a coordinator registers count as vouched for, so only a named group may: none means nobody.
        if (properties.coordinators().filter(groups::contains).isPresent()) {
            roles.add(Person.Role.COORDINATOR);
        }
        return roles;
    }

    private Optional<String> role(Map<String, Object> claims) {
        List<String> values = all(claims, properties.claims().role());
        if (properties.roles().isEmpty()) {
            return values.stream().findFirst();
        }
        return values.stream().map(value -> properties.roles().get(value.toLowerCase(Locale.ROOT)))
                .filter(java.util.Objects::nonNull).findFirst();
    }

    private Optional<String> sector(Map<String, Object> claims, Optional<String> organisation) {
        String claim = properties.claims().sector();
        if (claim != null && !claim.isBlank()) {
            return first(claims, claim);
        }
        return organisation.map(key -> properties.sectors().get(key.toLowerCase(Locale.ROOT)));
    }

    private Set<String> groups(Map<String, Object> claims) {
        Set<String> groups = new LinkedHashSet<>();
        for (String group : all(claims, properties.claims().groups())) {
            if (groups.size() == MAX_GROUPS) {
                break;
            }
            groups.add(group);
        }
        return groups;
    }

    private static Optional<String> first(Map<String, Object> claims, String name) {
        return all(claims, name).stream().findFirst();
    }

    /** Every text value of a claim: a string, or the strings of a list; blank, overlong and other values are left. */
    private static List<String> all(Map<String, Object> claims, String name) {
        if (name == null || name.isBlank()) {
            return List.of();
        }
        Object value = claims.get(name);
        Collection<?> values = value instanceof Collection<?> collection ? collection
                : value == null ? List.of() : List.of(value);
        List<String> texts = new ArrayList<>();
        for (Object each : values) {
            if (each instanceof String text && !text.isBlank() && text.length() <= MAX_TEXT
                    && text.codePoints().noneMatch(Character::isISOControl)) {
                texts.add(text.strip());
            }
        }
        return texts;
    }
}
