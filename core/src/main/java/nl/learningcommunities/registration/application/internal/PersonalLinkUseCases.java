package nl.learningcommunities.registration.application.internal;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import nl.learningcommunities.registration.application.ActionOutcome;
import nl.learningcommunities.registration.application.ManagedRegistration;
import nl.learningcommunities.registration.application.RegistrationRules;
import nl.learningcommunities.registration.booking.NotificationPlan;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.StatusChange;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.event.ApprovalMode;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.rule.Reason;
import nl.learningcommunities.registration.rule.Verdict;
import nl.learningcommunities.registration.token.AccessToken;
import nl.learningcommunities.registration.token.TokenPurpose;
import nl.learningcommunities.registration.token.Tokens;

/**
 * What a participant does with the personal links after registering: verify the address (a new one through
 * {@link DetailChanges}), view the registration, change sessions, cancel, accept or decline an offered place, and
 * download their own data. Thread-safe: holds only the immutable context.
 */
final class PersonalLinkUseCases {

    private final Context context;
    private final ParticipantSupport support;
    private final DetailChanges details;

    /**
     * @param context the ports and clock
     * @param support what the participant's use cases share
     * @param details the changes of details, for the link that verifies a new address
     */
    PersonalLinkUseCases(Context context, ParticipantSupport support, DetailChanges details) {
        this.context = Objects.requireNonNull(context, "context");
        this.support = Objects.requireNonNull(support, "support");
        this.details = Objects.requireNonNull(details, "details");
    }

    /** Verifies the address, or a new one the participant asked for. See {@code Registrations#verifyEmail}. */
    ActionOutcome verifyEmail(UUID registrationId, String token) {
        Instant now = context.now();
        Optional<Registration> found = context.registration(registrationId);
        if (found.isEmpty() || token == null || found.get().erased()) {
            return new ActionOutcome.NotFound();
        }
        Registration registration = found.get();
        Optional<AccessToken> matching = registration.tokens().stream()
                .filter(t -> t.purpose() == TokenPurpose.VERIFY_EMAIL && Tokens.matches(token, t.hash())).findFirst();
        if (matching.isEmpty()) {
            return registration.tokens().stream().filter(t -> t.purpose() == TokenPurpose.VERIFY_NEW_EMAIL
                    && Tokens.matches(token, t.hash())).findFirst()
                    .map(t -> details.verifyNewEmail(registrationId, token)).orElseGet(ActionOutcome.NotFound::new);
        }
        if (registration.status() != RegistrationStatus.PENDING_VERIFICATION) {
            return registration.status().isActive() ? new ActionOutcome.Done(registration)
                    : ParticipantSupport.notAllowed("registration.not-active");
        }
        if (!matching.get().admits(TokenPurpose.VERIFY_EMAIL, token, now)) {
            return ParticipantSupport.notAllowed("verification.expired");
        }
        Event event = context.event(registration.eventId());
        NotificationPlan plan = context.announcements(event, now);
        Set<RegistrationStatus> expected = EnumSet.of(RegistrationStatus.PENDING_VERIFICATION);
        StoreResult result = event.approval() == ApprovalMode.ORGANISER
                ? context.store().transition(registrationId, expected, new StatusChange(Optional.empty(),
                        RegistrationStatus.PENDING_APPROVAL, now, StatusChange.PARTICIPANT, "email-verified",
                        Optional.empty()), plan)
                : context.store().place(registrationId, expected, new StatusChange(Optional.empty(),
                        RegistrationStatus.CONFIRMED, now, StatusChange.PARTICIPANT, "email-verified",
                        Optional.empty()), plan);
        return support.action(result, now, "registration.not-pending-verification");
    }

    /** The registration the personal link opens. See {@code Registrations#view}. */
    Optional<ManagedRegistration> view(UUID registrationId, String token) {
        return support.opened(registrationId, token, context.now())
                .map(r -> support.managed(r, context.event(r.eventId())));
    }

    /** Changes the sessions chosen. See {@code Registrations#changeSessions}. */
    ActionOutcome changeSessions(UUID registrationId, String token, List<String> sessionIds) {
        Instant now = context.now();
        Optional<Registration> opened = support.opened(registrationId, token, now);
        if (opened.isEmpty()) {
            return new ActionOutcome.NotFound();
        }
        List<String> ids = sessionIds == null ? List.of() : List.copyOf(sessionIds);
        Registration current = opened.get();
        Event event = context.event(current.eventId());
        List<Reason> invalid = InputValidation.sessionIds(event, ids, "sessionIds");
        if (ids.size() > 20) {
            invalid.add(Reason.ofField("sessionIds", "field.too-many", "20"));
        }
        if (!invalid.isEmpty()) {
            return new ActionOutcome.Invalid(invalid);
        }
        Verdict overlap = RegistrationRules.sessionsDoNotOverlap(ids.stream()
                .map(id -> event.session(id).orElseThrow()).toList());
        if (overlap instanceof Verdict.Refused refused) {
            return new ActionOutcome.NotAllowed(List.of(refused.reason()));
        }
        StoreResult result = context.store().changeSessions(registrationId, ids, now,
                context.announcements(event, now));
        return support.action(result, now, "registration.not-active");
    }

    /** Cancels the registration. See {@code Registrations#cancel}. */
    ActionOutcome cancel(UUID registrationId, String token) {
        Instant now = context.now();
        Optional<Registration> opened = support.opened(registrationId, token, now);
        if (opened.isEmpty()) {
            return new ActionOutcome.NotFound();
        }
        Registration current = opened.get();
        String reason = current.offerExpiresAt().isPresent() ? "offer-declined"
                : current.status() == RegistrationStatus.WAITLISTED ? "left-waiting-list" : "cancelled-by-participant";
        Event event = context.event(current.eventId());
        StoreResult result = context.store().transition(registrationId, ParticipantSupport.ACTIVE,
                new StatusChange(Optional.empty(), RegistrationStatus.CANCELLED, now, StatusChange.PARTICIPANT, reason,
                        Optional.empty()), context.announcements(event, now));
        return support.action(result, now, "registration.not-active");
    }

    /** Accepts the place offered from the waiting list. See {@code Registrations#acceptOffer}. */
    ActionOutcome acceptOffer(UUID registrationId, String token) {
        Instant now = context.now();
        Optional<Registration> opened = support.opened(registrationId, token, now);
        if (opened.isEmpty()) {
            return new ActionOutcome.NotFound();
        }
        Event event = context.event(opened.get().eventId());
        StoreResult result = context.store().transition(registrationId, EnumSet.of(RegistrationStatus.WAITLISTED),
                new StatusChange(Optional.empty(), RegistrationStatus.CONFIRMED, now, StatusChange.PARTICIPANT,
                        "offer-accepted", Optional.empty()), context.announcements(event, now));
        return support.action(result, now, "offer.not-standing");
    }

    /** Declines the place offered from the waiting list. See {@code Registrations#declineOffer}. */
    ActionOutcome declineOffer(UUID registrationId, String token) {
        Instant now = context.now();
        Optional<Registration> opened = support.opened(registrationId, token, now);
        if (opened.isEmpty()) {
            return new ActionOutcome.NotFound();
        }
        Registration current = opened.get();
        boolean offerStands = current.status() == RegistrationStatus.WAITLISTED
                && current.offerExpiresAt().map(now::isBefore).orElse(false);
        if (!offerStands) {
            return ParticipantSupport.notAllowed("offer.not-standing");
        }
        Event event = context.event(current.eventId());
        StoreResult result = context.store().transition(registrationId, EnumSet.of(RegistrationStatus.WAITLISTED),
                new StatusChange(Optional.empty(), RegistrationStatus.CANCELLED, now, StatusChange.PARTICIPANT,
                        "offer-declined", Optional.empty()), context.announcements(event, now));
        return support.action(result, now, "offer.not-standing");
    }

    /** The participant's own data: every registration of the address. See {@code Registrations#exportPersonalData}. */
    Optional<String> exportPersonalData(UUID registrationId, String token) {
        return support.opened(registrationId, token, context.now())
                .map(r -> PersonalDataExport.of(context.store().findByEmail(r.participant().email()),
                        context.catalogue()));
    }
}
