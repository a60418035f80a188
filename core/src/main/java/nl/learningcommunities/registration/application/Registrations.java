package nl.learningcommunities.registration.application;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The participant's use cases: register (alone or as a group), verify the address, and, from the personal
 * link in every e-mail, view, change, cancel, and accept or decline an offered seat.
 *
 * <p>Thread-safe. Expected answers are typed outcomes; exceptions mean real failures: an unknown event id
 * ({@link nl.learningcommunities.registration.EventNotFoundException}) or the storage failing
 * ({@link nl.learningcommunities.registration.StorageException}), after which nothing was written.
 */
public interface Registrations {

    /**
     * Registers one participant: validates the input, runs the rules in order (window, anonymous allowed,
     * identity, not yet registered, eligibility, sessions), then claims a seat, a waiting-list place, or
     * records the registration as pending verification or approval, and queues its e-mail.
     *
     * @param command the request
     * @return confirmed, waitlisted, pending approval or verification; refused; or invalid
     */
    RegistrationOutcome register(RegisterCommand command);

    /**
     * Registers a coordinator's group all-or-nothing: every member gets a seat, or all go onto the waiting list,
     * or nobody is registered.
     *
     * @param command the request
     * @return registered (each member's outcome), refused, or invalid
     */
    GroupOutcome registerGroup(GroupRegisterCommand command);

    /**
     * Confirms the participant's address from the verification link; the registration then claims its seat (or
     * waits for approval).
     *
     * @param registrationId the registration
     * @param token          the token from the link
     * @return done; not found (also for a wrong or expired token); not allowed when already verified
     */
    ActionOutcome verifyEmail(UUID registrationId, String token);

    /**
     * @param registrationId the registration
     * @param token          the token from the personal link
     * @return the registration with its event, when the token opens it
     */
    Optional<ManagedRegistration> view(UUID registrationId, String token);

    /**
     * Changes details and answers.
     *
     * @param command the change
     * @return done, not found, not allowed (inactive, or identity attributes changed), or invalid
     */
    ActionOutcome changeDetails(ChangeDetailsCommand command);

    /**
     * Replaces the session picks, keeping seats in sessions kept.
     *
     * @param registrationId the registration
     * @param token          the token from the personal link
     * @param sessionIds     the new picks
     * @return done, not found, not allowed (inactive, overlapping sessions), or invalid (unknown session)
     */
    ActionOutcome changeSessions(UUID registrationId, String token, List<String> sessionIds);

    /**
     * Cancels: gives up a seat, leaves the waiting list, or declines an offered seat. A freed seat goes to the
     * first on the waiting list.
     *
     * @param registrationId the registration
     * @param token          the token from the personal link
     * @return done, not found, or not allowed when already cancelled or rejected
     */
    ActionOutcome cancel(UUID registrationId, String token);

    /**
     * Accepts a seat offered from the waiting list, before the offer lapses.
     *
     * @param registrationId the registration
     * @param token          the token from the personal link
     * @return done, not found, or not allowed when no offer stands
     */
    ActionOutcome acceptOffer(UUID registrationId, String token);

    /**
     * Declines a seat offered from the waiting list: the registration is cancelled (reason {@code offer-declined})
     * and the seat goes to the next in line at once, rather than when the offer lapses.
     *
     * @param registrationId the registration
     * @param token          the token from the personal link
     * @return done, not found, or not allowed ({@code offer.not-standing}) when no offer stands
     */
    ActionOutcome declineOffer(UUID registrationId, String token);

    /**
     * Everything stored about the participant of this registration, across events, as JSON (the right of
     * access of the GDPR).
     *
     * @param registrationId the registration
     * @param token          the token from the personal link
     * @return the JSON document, when the token opens the registration
     */
    Optional<String> exportPersonalData(UUID registrationId, String token);
}
