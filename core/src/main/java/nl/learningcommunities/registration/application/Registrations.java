package nl.learningcommunities.registration.application;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.learningcommunities.registration.participant.TrustedIdentity;

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
     * waits for approval). The link sent to a new address asked for with {@link #changeDetails} is confirmed here
     * too: the registration then moves to the new address, keeping its status, and only the personal link sent to
     * the new address works from then on (its history line is {@code email-changed}).
     *
     * @param registrationId the registration
     * @param token          the token from the link
     * @return done; not found (for a wrong token); not allowed: {@code verification.expired}, or for a new address
     *         {@code email.change-expired}, {@code registration.duplicate} (the address registered meanwhile) or
     *         {@code registration.not-active}
     */
    ActionOutcome verifyEmail(UUID registrationId, String token);

    /**
     * @param registrationId the registration
     * @param token          the token from the personal link
     * @return the registration with its event, when the token opens it
     */
    Optional<ManagedRegistration> view(UUID registrationId, String token);

    /**
     * The registrations of the person the host says is logged in ("my registrations"): every registration whose
     * participant's address is the identity's (compared as {@link
     * nl.learningcommunities.registration.participant.EmailAddress#key()} does), across events, each as
     * {@link #view} shows it. Erased registrations, and those whose event is no longer in the catalogue, are left
     * out. Newest event first (by the event's start), and within an event the newest registration first.
     *
     * @param identity who is logged in, as the host vouches for them
     * @return their registrations; empty when they have none
     * @throws NullPointerException when {@code identity} is null
     */
    List<ManagedRegistration> registrationsOf(TrustedIdentity identity);

    /**
     * Opens one of the logged-in person's own registrations without the e-mailed link: hands out a fresh personal
     * link token, valid for one hour (or until the event's retention ends, if sooner), that {@link #view},
     * {@link #changeDetails}, {@link #cancel} and the other personal-link operations accept like the e-mailed one.
     * The token is stored hashed with the registration (a versioned update: a change another node makes at the same
     * time is kept, and the token is added again on top of it) and returned once; it is never mailed, the links sent
     * before keep working, and nothing is added to the registration's history. Personal-link tokens that have
     * expired are dropped from the registration when the new one is added.
     *
     * @param registrationId the registration
     * @param identity       who is logged in, as the host vouches for them
     * @return the raw token, when the registration exists, is not erased, its event is in the catalogue with its
     *         retention not yet over, and its participant's address is the identity's; empty otherwise (an unknown id
     *         and someone else's registration look the same)
     * @throws nl.learningcommunities.registration.StorageException when the storage fails, or the registration
     *         kept changing on other nodes while the token was added
     * @throws NullPointerException when {@code identity} is null
     */
    Optional<String> openAsOwner(UUID registrationId, TrustedIdentity identity);

    /**
     * Changes details and answers. Names, organisation, language and answers change at once. Another address does
     * not: it is kept as pending ({@link nl.learningcommunities.registration.booking.Registration#pendingEmail()})
     * and sent a verification link of its own, valid for the event's verification validity, while the current
     * address is told of the change (the new address masked); the registration keeps its address and its status until
     * that link is used ({@link #verifyEmail}). Asking for another address again replaces the pending one;
     * saving with the current address withdraws it. This holds for every event, with or without e-mail
     * verification: otherwise the personal link would send mail to any address. An address the host vouched for
     * ({@code TrustedIdentity}) cannot be changed at all.
     *
     * <p>Each registration may ask for at most 3 other addresses and make at most 10 changes (of either kind) in
     * any 24 hours, counted from its own history so that the limits hold across nodes; beyond them the change is
     * not allowed: {@code email.change-limit} (field {@code email}) or {@code registration.change-limit}. Saving
     * unchanged details changes nothing and sends nothing.
     *
     * @param command the change
     * @return done (the registration as stored, with any pending address); not found; not allowed (inactive,
     *         identity attributes changed, {@code registration.duplicate} for an address registered already, or a
     *         limit); or invalid
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
