package nl.learningcommunities.registration.event;

import java.util.Objects;

import nl.learningcommunities.registration.participant.EmailAddress;

/**
 * The person participants and the library write to about an event.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name         the contact's name
 * @param organisation the contact's organisation
 * @param email        the contact's address; organiser notifications go here
 */
public record Contact(String name, String organisation, EmailAddress email) {
    /** Checks the components. */
    public Contact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(email, "email");
    }
}
