package nl.learningcommunities.registration.application;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.event.Event;

/**
 * A registration as its participant sees it from their personal link.
 *
 * @param registration the registration
 * @param event        its event
 * @param onlineLink   the online-meeting link, present only while the registration is confirmed
 * @param placeInLine  its place in the waiting list now (1 is next), present only while it waits for a seat
 */
public record ManagedRegistration(Registration registration, Event event, Optional<URI> onlineLink,
                                  java.util.OptionalLong placeInLine) {
    /** Checks the components. */
    public ManagedRegistration {
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(onlineLink, "onlineLink");
        Objects.requireNonNull(placeInLine, "placeInLine");
    }
}
