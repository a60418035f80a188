package nl.learningcommunities.registration.application.internal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import nl.learningcommunities.registration.application.ActionOutcome;
import nl.learningcommunities.registration.application.ChangeDetailsCommand;
import nl.learningcommunities.registration.application.GroupOutcome;
import nl.learningcommunities.registration.application.GroupRegisterCommand;
import nl.learningcommunities.registration.application.ManagedRegistration;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.application.Registrations;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.participant.TrustedIdentity;

/**
 * The participant's use cases: the entry that hands each to the part that does it, registering to
 * {@code RegisteringUseCases}, what a participant does with the personal links afterwards to
 * {@code PersonalLinkUseCases}, changing details to {@code DetailChanges}, and a logged-in person's own
 * registrations to {@code OwnRegistrations}. Thread-safe: holds only the immutable context.
 */
public final class ParticipantUseCases implements Registrations {

    /** The statuses of a registration that still holds, or waits for, a place. */
    static final Set<RegistrationStatus> ACTIVE = ParticipantSupport.ACTIVE;

    private final ParticipantSupport support;
    private final RegisteringUseCases registering;
    private final DetailChanges details;
    private final PersonalLinkUseCases personalLink;
    private final OwnRegistrations own;

    /**
     * Creates the participant's use cases over the context.
     *
     * @param context the ports and clock
     */
    public ParticipantUseCases(Context context) {
        Objects.requireNonNull(context, "context");
        this.support = new ParticipantSupport(context);
        this.registering = new RegisteringUseCases(context, support);
        this.details = new DetailChanges(context, support);
        this.personalLink = new PersonalLinkUseCases(context, support, details);
        this.own = new OwnRegistrations(context, support);
    }

    /** Registers one participant; see {@link Registrations#register}. Thread-safe. */
    @Override
    public RegistrationOutcome register(RegisterCommand command) {
        return registering.register(command);
    }

    /** Registers a coordinator's group; see {@link Registrations#registerGroup}. Thread-safe. */
    @Override
    public GroupOutcome registerGroup(GroupRegisterCommand command) {
        return registering.registerGroup(command);
    }

    /** Verifies the address, or a new one; see {@link Registrations#verifyEmail}. Thread-safe. */
    @Override
    public ActionOutcome verifyEmail(UUID registrationId, String token) {
        return personalLink.verifyEmail(registrationId, token);
    }

    /** The registration the personal link opens; see {@link Registrations#view}. Thread-safe. */
    @Override
    public Optional<ManagedRegistration> view(UUID registrationId, String token) {
        return personalLink.view(registrationId, token);
    }

    /** The logged-in person's own registrations; see {@link Registrations#registrationsOf}. Thread-safe. */
    @Override
    public List<ManagedRegistration> registrationsOf(TrustedIdentity identity) {
        return own.registrationsOf(identity);
    }

    /** A short-lived personal link for the logged-in owner; see {@link Registrations#openAsOwner}. Thread-safe. */
    @Override
    public Optional<String> openAsOwner(UUID registrationId, TrustedIdentity identity) {
        return own.openAsOwner(registrationId, identity);
    }

    /** Changes the participant's details; see {@link Registrations#changeDetails}. Thread-safe. */
    @Override
    public ActionOutcome changeDetails(ChangeDetailsCommand command) {
        return details.changeDetails(command);
    }

    /** Changes the sessions chosen; see {@link Registrations#changeSessions}. Thread-safe. */
    @Override
    public ActionOutcome changeSessions(UUID registrationId, String token, List<String> sessionIds) {
        return personalLink.changeSessions(registrationId, token, sessionIds);
    }

    /** Cancels the registration; see {@link Registrations#cancel}. Thread-safe. */
    @Override
    public ActionOutcome cancel(UUID registrationId, String token) {
        return personalLink.cancel(registrationId, token);
    }

    /** Accepts the place offered from the waiting list; see {@link Registrations#acceptOffer}. Thread-safe. */
    @Override
    public ActionOutcome acceptOffer(UUID registrationId, String token) {
        return personalLink.acceptOffer(registrationId, token);
    }

    /** Declines the place offered from the waiting list; see {@link Registrations#declineOffer}. Thread-safe. */
    @Override
    public ActionOutcome declineOffer(UUID registrationId, String token) {
        return personalLink.declineOffer(registrationId, token);
    }

    /** The participant's own data; see {@link Registrations#exportPersonalData}. Thread-safe. */
    @Override
    public Optional<String> exportPersonalData(UUID registrationId, String token) {
        return personalLink.exportPersonalData(registrationId, token);
    }

    // ---------------------------------------------------------------- shared with the organiser's use cases

    /** What the store did, as an outcome; see {@code ParticipantSupport#action}. */
    ActionOutcome action(StoreResult result, Instant now, String conflictCode) {
        return support.action(result, now, conflictCode);
    }

    /** Not allowed, for the one reason {@code code}. */
    static ActionOutcome notAllowed(String code) {
        return ParticipantSupport.notAllowed(code);
    }

    /** Whether every verification link of the registration has expired. */
    static boolean verificationLapsed(Registration registration, Instant now) {
        return ParticipantSupport.verificationLapsed(registration, now);
    }
}
