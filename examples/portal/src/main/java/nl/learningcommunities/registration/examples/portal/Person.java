package nl.learningcommunities.registration.examples.portal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.participant.TrustedIdentity;

/**
 * The signed-in person as the portal knows them: from the identity provider's claims, from an access token, or
 * from the demo login. Immutable and thread-safe.
 *
 * @param actor     the name the library records as the actor of what they do: the address, else the subject
 * @param email     their address, when the provider sent a valid one
 * @param groups    their groups, as the provider names them
 * @param roles     what the groups let them do in the portal
 * @param identity  the trusted identity to register with, when every attribute could be mapped
 * @param known     the attributes that could be mapped, by field name ({@code givenName}, {@code email}…), for a form
 *                  that cannot be vouched for as a whole
 * @param missing   the attributes that could not be mapped, by field name
 */
record Person(String actor, Optional<EmailAddress> email, Set<String> groups, Set<Role> roles,
              Optional<TrustedIdentity> identity, Map<String, String> known, List<String> missing) {

    /** What a person may do in the portal, besides registering themselves. */
    enum Role {
        /** Sees and manages every event, and creates events. */
        ADMIN,
        /** Opens the organiser pages, where they manage the events that name them. */
        ORGANISER,
        /** Registers colleagues as a group. */
        COORDINATOR;

        /** @return the Spring Security authority of the role */
        String authority() {
            return "ROLE_" + name();
        }
    }

    /** Copies the collections. */
    Person {
        groups = Set.copyOf(groups);
        roles = roles.isEmpty() ? Set.of() : java.util.EnumSet.copyOf(roles);
        known = Map.copyOf(known);
        missing = List.copyOf(missing);
    }

    /**
     * @param actor the demo login's user name
     * @param roles its roles
     * @return a person the demo login signed in, of whom nothing is vouched
     */
    static Person demo(String actor, Set<Role> roles) {
        return new Person(actor, Optional.empty(), Set.of(), roles, Optional.empty(), Map.of(), List.of());
    }

    /** @return whether they are an administrator */
    boolean admin() {
        return roles.contains(Role.ADMIN);
    }
}
