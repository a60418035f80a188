package nl.learningcommunities.registration.examples.portal;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import nl.learningcommunities.registration.event.Event;

/**
 * Who is signed in, as a {@link Person}, and what that lets them do with an event: the one place the portal decides
 * permissions. An administrator manages every event; anyone else with the organiser role manages the events whose
 * organiser access names their address or one of their groups. Thread-safe.
 */
@Component
final class SignedIn {

    private final ClaimMapping mapping;
    private final IdentityProperties identity;

    SignedIn(IdentityProperties identity) {
        this.identity = identity;
        this.mapping = new ClaimMapping(identity);
    }

    /** @return whether people sign in at an identity provider (otherwise only the demo organiser logs in) */
    boolean signOnEnabled() {
        return identity.enabled();
    }

    /** @return the person of the current request, if someone is signed in */
    Optional<Person> current() {
        return person(SecurityContextHolder.getContext().getAuthentication());
    }

    /**
     * @param authentication an authentication, possibly anonymous or absent
     * @return the person it is, if someone is signed in
     */
    Optional<Person> person(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        if (authentication.getPrincipal() instanceof OidcUser user) {
            return Optional.of(withRoles(mapping.person(user.getClaims()), authentication));
        }
        if (authentication instanceof JwtAuthenticationToken token) {
            return Optional.of(withRoles(mapping.person(token.getToken().getClaims()), authentication));
        }
        return Optional.of(Person.demo(authentication.getName(), roles(authentication)));
    }

    /**
     * @param person a signed-in person
     * @param event  an event
     * @return whether they may see and manage it
     */
    static boolean mayManage(Person person, Event event) {
        return person.admin() || person.roles().contains(Person.Role.ORGANISER)
                && event.organiserAccess().permits(person.email(), person.groups());
    }

    /** The roles granted at sign-in stand, so a role cannot appear between requests by a changed table. */
    private static Person withRoles(Person person, Authentication authentication) {
        return new Person(person.actor(), person.email(), person.groups(), roles(authentication), person.identity(),
                person.known(), person.missing());
    }

    private static Set<Person.Role> roles(Authentication authentication) {
        Set<Person.Role> roles = EnumSet.noneOf(Person.Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            for (Person.Role role : Person.Role.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }
}
