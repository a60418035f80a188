package nl.learningcommunities.registration.application.internal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import nl.learningcommunities.registration.application.ActionOutcome;
import nl.learningcommunities.registration.application.ChangeDetailsCommand;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegistrationRules;
import nl.learningcommunities.registration.booking.PendingEmail;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.StatusChange;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.participant.Participant;
import nl.learningcommunities.registration.rule.Messages;
import nl.learningcommunities.registration.rule.Reason;
import nl.learningcommunities.registration.rule.Verdict;
import nl.learningcommunities.registration.token.TokenPurpose;
import nl.learningcommunities.registration.token.Tokens;

/**
 * Changing a registration's details with its personal link, the address included: another address waits for its
 * own verification, within limits on how often a registration may change. Thread-safe: holds only the immutable
 * context.
 */
final class DetailChanges {

    private static final int ATTEMPTS = 5;

    /** How many changes of address a registration may ask for in {@link #CHANGE_WINDOW}: each mails a new address. */
    static final int ADDRESS_CHANGES_PER_WINDOW = 3;
    /** How many changes of details a registration may make in {@link #CHANGE_WINDOW}: each sends an e-mail. */
    static final int DETAIL_CHANGES_PER_WINDOW = 10;
    /** The window the limits count in, backwards from now, over the registration's own history. */
    static final java.time.Duration CHANGE_WINDOW = java.time.Duration.ofHours(24);
    /** History reason: the participant changed details (their address excepted). */
    static final String DETAILS_CHANGED = "details-changed";
    /** History reason: the participant asked for another address, which waits for its verification. */
    static final String EMAIL_CHANGE_REQUESTED = "email-change-requested";
    /** History reason: the new address was verified and the registration moved to it. */
    static final String EMAIL_CHANGED = "email-changed";

    private final Context context;
    private final ParticipantSupport support;

    /**
     * @param context the ports and clock
     * @param support what the participant's use cases share
     */
    DetailChanges(Context context, ParticipantSupport support) {
        this.context = Objects.requireNonNull(context, "context");
        this.support = Objects.requireNonNull(support, "support");
    }

    /**
     * Moves a registration to the new address its verification link was sent to. The personal links sent to the old
     * address stop working; the new address gets the registration's message with a personal link of its own.
     */
    ActionOutcome verifyNewEmail(UUID registrationId, String token) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Instant now = context.now();
            Optional<Registration> found = context.registration(registrationId).filter(r -> !r.erased());
            if (found.isEmpty() || found.get().pendingEmail().isEmpty() || found.get().tokens().stream()
                    .noneMatch(t -> t.purpose() == TokenPurpose.VERIFY_NEW_EMAIL && Tokens.matches(token, t.hash()))) {
                return new ActionOutcome.NotFound();
            }
            Registration current = found.get();
            if (!current.status().isActive()) {
                return ParticipantSupport.notAllowed("registration.not-active");
            }
            PendingEmail pending = current.pendingEmail().get();
            if (!current.admits(TokenPurpose.VERIFY_NEW_EMAIL, token, now) || pending.lapsed(now)) {
                return new ActionOutcome.NotAllowed(List.of(Reason.ofField("email", "email.change-expired")));
            }
            Registration moved = current.withParticipant(current.participant().withEmail(pending.address()), now)
                    .withoutPendingEmail().withoutTokens(TokenPurpose.MANAGE)
                    .noted(new StatusChange(Optional.of(current.status()), current.status(), now,
                            StatusChange.PARTICIPANT, EMAIL_CHANGED, Optional.empty()));
            StoreResult result = context.store().update(moved, current.version(),
                    context.announcements(context.event(current.eventId()), now));
            if (!(result instanceof StoreResult.Conflict conflict && conflict.current().isPresent())) {
                return support.action(result, now, "registration.not-active");
            }
        }
        return ParticipantSupport.notAllowed("registration.changed-concurrently");
    }

    /** Changes the participant's details, the address included. See {@code Registrations#changeDetails}. */
    ActionOutcome changeDetails(ChangeDetailsCommand command) {
        Objects.requireNonNull(command, "command");
        List<Reason> invalid = InputValidation.violations(context.validator(), command);
        if (!invalid.isEmpty()) {
            return new ActionOutcome.Invalid(invalid);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Instant now = context.now();
            Optional<Registration> opened = support.opened(command.registrationId(), command.token(), now);
            if (opened.isEmpty()) {
                return new ActionOutcome.NotFound();
            }
            Registration current = opened.get();
            if (!current.status().isActive()) {
                return ParticipantSupport.notAllowed("registration.not-active");
            }
            Event event = context.event(current.eventId());
            InputValidation.Answers answers = InputValidation.answers(event, command.answers(), "");
            if (!answers.reasons().isEmpty()) {
                return new ActionOutcome.Invalid(answers.reasons());
            }
            Participant old = current.participant();
            ParticipantDetails details = command.participant();
            EmailAddress asked = EmailAddress.of(details.email());
            Participant typed = new Participant(details.givenName().strip(), details.familyName().strip(),
                    asked, details.organisation().strip(), details.role().strip(),
                    details.sector(), Messages.supported(details.locale()), answers.answers(), old.subject());
            if (old.subject().isPresent() && !sameVouchedAttributes(old, typed)) {
                return ParticipantSupport.notAllowed("identity.mismatch");
            }
            Verdict eligible = RegistrationRules.ELIGIBLE.check(support.ruleContext(event, typed,
                    old.subject().isPresent(), current.invitationCode(), current.sessionIds(), now, Optional.empty()));
            if (eligible instanceof Verdict.Refused refused) {
                return new ActionOutcome.NotAllowed(List.of(refused.reason()));
            }
            boolean otherAddress = !asked.key().equals(old.email().key());
            // The address stays until the new one is verified; a spelling of the same address takes effect at once.
            Participant changed = otherAddress ? typed.withEmail(old.email()) : typed;
            boolean alreadyPending = otherAddress && current.pendingEmail()
                    .filter(p -> p.address().key().equals(asked.key()) && !p.lapsed(now)).isPresent();
            boolean requested = otherAddress && !alreadyPending;
            boolean withdrawn = !otherAddress && current.pendingEmail().isPresent();
            boolean detailsChanged = !changed.equals(old);
            if (!requested && !withdrawn && !detailsChanged) {
                return new ActionOutcome.Done(current);
            }
            Optional<Reason> limited = changeLimit(current, requested, now);
            if (limited.isPresent()) {
                return new ActionOutcome.NotAllowed(List.of(limited.get()));
            }
            if (requested && context.store().findActive(event.id(), asked)
                    .filter(r -> !r.id().equals(current.id())).isPresent()) {
                return new ActionOutcome.NotAllowed(List.of(Reason.ofField("email", "registration.duplicate")));
            }
            Registration updated = current.withParticipant(changed, now);
            String reason;
            if (requested) {
                updated = updated.withPendingEmail(new PendingEmail(asked, now.plus(event.verificationValidity())));
                reason = EMAIL_CHANGE_REQUESTED;
            } else {
                updated = withdrawn ? updated.withoutPendingEmail() : updated;
                reason = detailsChanged ? DETAILS_CHANGED : "email-change-withdrawn";
            }
            updated = updated.noted(new StatusChange(Optional.of(current.status()), current.status(), now,
                    StatusChange.PARTICIPANT, reason, Optional.empty()));
            StoreResult result = context.store().update(updated, current.version(),
                    context.announcements(event, now));
            if (!(result instanceof StoreResult.Conflict conflict && conflict.current().isPresent())) {
                return support.action(result, now, "registration.not-active");
            }
        }
        return ParticipantSupport.notAllowed("registration.changed-concurrently");
    }

    /**
     * Whether a change would pass the limits, counted from the registration's own history, so that they hold on
     * every node: at most {@value #ADDRESS_CHANGES_PER_WINDOW} addresses asked for and at most
     * {@value #DETAIL_CHANGES_PER_WINDOW} changes that send mail in the last 24 hours.
     */
    private static Optional<Reason> changeLimit(Registration current, boolean newAddress, Instant now) {
        Instant since = now.minus(CHANGE_WINDOW);
        List<String> recent = current.history().stream()
                .filter(h -> h.actor().equals(StatusChange.PARTICIPANT) && h.at().isAfter(since))
                .map(StatusChange::reason).toList();
        long addresses = recent.stream().filter(EMAIL_CHANGE_REQUESTED::equals).count();
        long changes = recent.stream().filter(r -> r.equals(EMAIL_CHANGE_REQUESTED) || r.equals(DETAILS_CHANGED))
                .count();
        if (newAddress && addresses >= ADDRESS_CHANGES_PER_WINDOW) {
            return Optional.of(Reason.ofField("email", "email.change-limit",
                    String.valueOf(ADDRESS_CHANGES_PER_WINDOW)));
        }
        if (changes >= DETAIL_CHANGES_PER_WINDOW) {
            return Optional.of(Reason.of("registration.change-limit", String.valueOf(DETAIL_CHANGES_PER_WINDOW)));
        }
        return Optional.empty();
    }

    private static boolean sameVouchedAttributes(Participant a, Participant b) {
        return a.givenName().equals(b.givenName()) && a.familyName().equals(b.familyName())
                && a.email().key().equals(b.email().key()) && a.organisation().equals(b.organisation())
                && a.role().equalsIgnoreCase(b.role()) && a.sector().equals(b.sector());
    }
}
