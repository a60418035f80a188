package nl.learningcommunities.registration.application.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import nl.learningcommunities.registration.application.ActionOutcome;
import nl.learningcommunities.registration.application.ChangeDetailsCommand;
import nl.learningcommunities.registration.application.GroupOutcome;
import nl.learningcommunities.registration.application.GroupRegisterCommand;
import nl.learningcommunities.registration.application.ManagedRegistration;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationContext;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.application.RegistrationRules;
import nl.learningcommunities.registration.application.Registrations;
import nl.learningcommunities.registration.booking.Admission;
import nl.learningcommunities.registration.booking.Attendance;
import nl.learningcommunities.registration.booking.NotificationPlan;
import nl.learningcommunities.registration.booking.PendingEmail;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.SessionChoice;
import nl.learningcommunities.registration.booking.StatusChange;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.eligibility.EligibilityRule;
import nl.learningcommunities.registration.eligibility.InvitationCode;
import nl.learningcommunities.registration.eligibility.ProgrammeHistory;
import nl.learningcommunities.registration.event.ApprovalMode;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.Session;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.participant.Participant;
import nl.learningcommunities.registration.participant.TrustedIdentity;
import nl.learningcommunities.registration.rule.Messages;
import nl.learningcommunities.registration.rule.Reason;
import nl.learningcommunities.registration.rule.Rule;
import nl.learningcommunities.registration.rule.Verdict;
import nl.learningcommunities.registration.token.AccessToken;
import nl.learningcommunities.registration.token.TokenPurpose;
import nl.learningcommunities.registration.token.Tokens;

/** The participant's use cases. Thread-safe: holds only the immutable context. */
public final class ParticipantUseCases implements Registrations {

    static final Set<RegistrationStatus> ACTIVE = EnumSet.of(RegistrationStatus.PENDING_VERIFICATION,
            RegistrationStatus.PENDING_APPROVAL, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED);
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

    /**
     * @param context the ports and clock
     */
    public ParticipantUseCases(Context context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public RegistrationOutcome register(RegisterCommand command) {
        Objects.requireNonNull(command, "command");
        RegistrationOutcome outcome = attempt(command);
        context.attempted(command.eventId(), outcome);
        return outcome;
    }

    private RegistrationOutcome attempt(RegisterCommand command) {
        List<Reason> invalid = InputValidation.violations(context.validator(), command);
        if (!invalid.isEmpty()) {
            return new RegistrationOutcome.Invalid(everyProblem(command, invalid));
        }
        Event event = context.event(command.eventId());
        String emailKey = EmailAddress.of(command.participant().email()).key();
        Optional<RegistrationOutcome> replayed = command.idempotencyKey()
                .flatMap(key -> replay(event.id(), key, emailKey));
        if (replayed.isPresent()) {
            return replayed.get();
        }
        Instant now = context.now();
        InputValidation.Answers answers = InputValidation.answers(event, command.answers(), "");
        invalid = new ArrayList<>(answers.reasons());
        invalid.addAll(InputValidation.sessionIds(event, command.sessionIds(), "sessionIds"));
        if (!invalid.isEmpty()) {
            return new RegistrationOutcome.Invalid(everyProblem(command, invalid));
        }
        Optional<Reason> mismatch = command.identity().flatMap(id -> mismatch(id, command.participant()));
        if (mismatch.isPresent()) {
            return new RegistrationOutcome.Refused(List.of(mismatch.get()));
        }
        Participant participant = participant(command.participant(), command.identity(), answers);
        boolean vouched = command.identity().isPresent();
        // Optimistic: the store's unique index decides whether the address is taken, so the common case makes
        // no separate read for it; only a refusal looks up who holds the address.
        Verdict verdict = checkRules(event, participant, vouched, command.invitationCode(), command.sessionIds(),
                now, Optional.empty());
        if (verdict instanceof Verdict.Refused refused) {
            return new RegistrationOutcome.Refused(List.of(refused.reason()));
        }
        RegistrationStatus target = target(event, vouched);
        Registration draft = draft(event, participant, command.sessionIds(), command.invitationCode(), target,
                Optional.empty(), now);
        StatusChange change = new StatusChange(Optional.empty(), target, now, StatusChange.PARTICIPANT,
                "registered", Optional.empty());
        Admission admission = new Admission(event.id(), List.of(draft), change,
                invitationMaxUses(event, command.invitationCode()), now, context.announcements(event, now),
                command.idempotencyKey());
        StoreResult result = context.admit(admission);
        if (isReplay(result)) {
            return replay(event.id(), command.idempotencyKey().orElseThrow(), emailKey).orElseGet(() ->
                    new RegistrationOutcome.Refused(List.of(Reason.of("registration.replayed"))));
        }
        if (result instanceof StoreResult.Refused refused && refused.reason().code().equals("registration.duplicate")) {
            Verdict taken = checkRules(event, participant, vouched, command.invitationCode(), command.sessionIds(),
                    now);
            if (taken instanceof Verdict.Refused stillTaken) {
                return new RegistrationOutcome.Refused(List.of(stillTaken.reason()));
            }
            result = context.admit(admission);
        }
        if (result instanceof StoreResult.Done done) {
            context.publish(done.changes(), now);
            return RegistrationOutcome.of(done.first(), r -> placeInLine(r, done));
        }
        return new RegistrationOutcome.Refused(List.of(refusal(result)));
    }

    /**
     * The input problems found, with every other one the event can tell in the same round: the answers, the
     * sessions, and a missing or unknown invitation code. A form then shows all its problems at once. A part that
     * already has a problem is not checked again.
     */
    private List<Reason> everyProblem(RegisterCommand command, List<Reason> found) {
        Optional<Event> event = command.eventId() == null ? Optional.empty()
                : context.catalogue().find(command.eventId());
        if (event.isEmpty() || command.participant() == null) {
            return found;
        }
        List<Reason> all = new ArrayList<>(found);
        if (!mentions(found, "answers")) {
            all.addAll(InputValidation.answers(event.get(), command.answers(), "").reasons());
        }
        if (!mentions(found, "sessionIds")) {
            all.addAll(InputValidation.sessionIds(event.get(), command.sessionIds(), "sessionIds"));
        }
        if (!mentions(found, "invitationCode")) {
            InputValidation.typed(command.participant(), command.identity())
                    .flatMap(typed -> InputValidation.invitation(event.get(), typed, command.invitationCode(),
                            context.now(), history(event.get())))
                    .ifPresent(all::add);
        }
        return all;
    }

    private static boolean mentions(List<Reason> reasons, String part) {
        return reasons.stream().anyMatch(r -> r.field().filter(f -> f.startsWith(part)).isPresent());
    }

    @Override
    public GroupOutcome registerGroup(GroupRegisterCommand command) {
        Objects.requireNonNull(command, "command");
        GroupOutcome outcome = attempt(command);
        if (outcome instanceof GroupOutcome.Registered registered) {
            registered.members().forEach(member -> context.attempted(command.eventId(), member));
        } else if (outcome instanceof GroupOutcome.Refused refused) {
            context.attempted(command.eventId(), new RegistrationOutcome.Refused(refused.reasons()));
        } else if (outcome instanceof GroupOutcome.Invalid invalid) {
            context.attempted(command.eventId(), new RegistrationOutcome.Invalid(invalid.reasons()));
        }
        return outcome;
    }

    private GroupOutcome attempt(GroupRegisterCommand command) {
        List<Reason> invalid = InputValidation.violations(context.validator(), command);
        if (!invalid.isEmpty()) {
            return new GroupOutcome.Invalid(invalid);
        }
        Event event = context.event(command.eventId());
        if (command.idempotencyKey().isPresent()
                && !context.store().admittedWith(event.id(), command.idempotencyKey().get()).isEmpty()) {
            return replayGroup(event.id(), command.idempotencyKey().get(), emailKeys(command));
        }
        Instant now = context.now();
        List<Participant> participants = new ArrayList<>();
        for (int i = 0; i < command.members().size(); i++) {
            GroupRegisterCommand.Member member = command.members().get(i);
            String prefix = "members[" + i + "].";
            InputValidation.Answers answers = InputValidation.answers(event, member.answers(), prefix);
            invalid.addAll(answers.reasons());
            invalid.addAll(InputValidation.sessionIds(event, member.sessionIds(), prefix + "sessionIds"));
            participants.add(participant(member.participant(), Optional.empty(), answers));
        }
        if (!invalid.isEmpty()) {
            return new GroupOutcome.Invalid(invalid);
        }
        boolean vouched = command.coordinator().isPresent();
        for (int i = 0; i < participants.size(); i++) {
            Verdict verdict = checkRules(event, participants.get(i), vouched, command.invitationCode(),
                    command.members().get(i).sessionIds(), now);
            if (verdict instanceof Verdict.Refused refused) {
                return new GroupOutcome.Refused(List.of(inMember(refused.reason(), i)));
            }
        }
        RegistrationStatus target = target(event, vouched);
        UUID group = RandomIds.next();
        List<Registration> drafts = new ArrayList<>();
        for (int i = 0; i < participants.size(); i++) {
            drafts.add(draft(event, participants.get(i), command.members().get(i).sessionIds(),
                    command.invitationCode(), target, Optional.of(group), now));
        }
        String actor = command.coordinator().map(c -> "coordinator:" + c.subject()).orElse("coordinator");
        StatusChange change = new StatusChange(Optional.empty(), target, now, actor, "registered-by-coordinator",
                Optional.empty());
        StoreResult result = context.admit(new Admission(event.id(), drafts, change,
                invitationMaxUses(event, command.invitationCode()), now, context.announcements(event, now),
                command.idempotencyKey()));
        if (result instanceof StoreResult.Done done) {
            context.publish(done.changes(), now);
            return new GroupOutcome.Registered(done.changes().stream()
                    .map(c -> RegistrationOutcome.of(c.after(), r -> placeInLine(r, done))).toList());
        }
        if (isReplay(result)) {
            return replayGroup(event.id(), command.idempotencyKey().orElseThrow(), emailKeys(command));
        }
        return new GroupOutcome.Refused(List.of(refusal(result)));
    }

    @Override
    public ActionOutcome verifyEmail(UUID registrationId, String token) {
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
                    .map(t -> verifyNewEmail(registrationId, token)).orElseGet(ActionOutcome.NotFound::new);
        }
        if (registration.status() != RegistrationStatus.PENDING_VERIFICATION) {
            return registration.status().isActive() ? new ActionOutcome.Done(registration)
                    : notAllowed("registration.not-active");
        }
        if (!matching.get().admits(TokenPurpose.VERIFY_EMAIL, token, now)) {
            return notAllowed("verification.expired");
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
        return action(result, now, "registration.not-pending-verification");
    }

    /**
     * Moves a registration to the new address its verification link was sent to. The personal links sent to the old
     * address stop working; the new address gets the registration's message with a personal link of its own.
     */
    private ActionOutcome verifyNewEmail(UUID registrationId, String token) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Instant now = context.now();
            Optional<Registration> found = context.registration(registrationId).filter(r -> !r.erased());
            if (found.isEmpty() || found.get().pendingEmail().isEmpty() || found.get().tokens().stream()
                    .noneMatch(t -> t.purpose() == TokenPurpose.VERIFY_NEW_EMAIL && Tokens.matches(token, t.hash()))) {
                return new ActionOutcome.NotFound();
            }
            Registration current = found.get();
            if (!current.status().isActive()) {
                return notAllowed("registration.not-active");
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
                return action(result, now, "registration.not-active");
            }
        }
        return notAllowed("registration.changed-concurrently");
    }

    @Override
    public Optional<ManagedRegistration> view(UUID registrationId, String token) {
        return opened(registrationId, token, context.now()).map(r -> {
            Event event = context.event(r.eventId());
            return new ManagedRegistration(r, event,
                    r.status() == RegistrationStatus.CONFIRMED ? event.onlineLink() : Optional.empty(),
                    context.store().placeInLine(r));
        });
    }

    @Override
    public ActionOutcome changeDetails(ChangeDetailsCommand command) {
        Objects.requireNonNull(command, "command");
        List<Reason> invalid = InputValidation.violations(context.validator(), command);
        if (!invalid.isEmpty()) {
            return new ActionOutcome.Invalid(invalid);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Instant now = context.now();
            Optional<Registration> opened = opened(command.registrationId(), command.token(), now);
            if (opened.isEmpty()) {
                return new ActionOutcome.NotFound();
            }
            Registration current = opened.get();
            if (!current.status().isActive()) {
                return notAllowed("registration.not-active");
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
                return notAllowed("identity.mismatch");
            }
            Verdict eligible = RegistrationRules.ELIGIBLE.check(context(event, typed, old.subject().isPresent(),
                    current.invitationCode(), current.sessionIds(), now, Optional.empty()));
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
                return action(result, now, "registration.not-active");
            }
        }
        return notAllowed("registration.changed-concurrently");
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

    @Override
    public ActionOutcome changeSessions(UUID registrationId, String token, List<String> sessionIds) {
        Instant now = context.now();
        Optional<Registration> opened = opened(registrationId, token, now);
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
        return action(result, now, "registration.not-active");
    }

    @Override
    public ActionOutcome cancel(UUID registrationId, String token) {
        Instant now = context.now();
        Optional<Registration> opened = opened(registrationId, token, now);
        if (opened.isEmpty()) {
            return new ActionOutcome.NotFound();
        }
        Registration current = opened.get();
        String reason = current.offerExpiresAt().isPresent() ? "offer-declined"
                : current.status() == RegistrationStatus.WAITLISTED ? "left-waiting-list" : "cancelled-by-participant";
        Event event = context.event(current.eventId());
        StoreResult result = context.store().transition(registrationId, ACTIVE, new StatusChange(Optional.empty(),
                RegistrationStatus.CANCELLED, now, StatusChange.PARTICIPANT, reason, Optional.empty()),
                context.announcements(event, now));
        return action(result, now, "registration.not-active");
    }

    @Override
    public ActionOutcome acceptOffer(UUID registrationId, String token) {
        Instant now = context.now();
        Optional<Registration> opened = opened(registrationId, token, now);
        if (opened.isEmpty()) {
            return new ActionOutcome.NotFound();
        }
        Event event = context.event(opened.get().eventId());
        StoreResult result = context.store().transition(registrationId, EnumSet.of(RegistrationStatus.WAITLISTED),
                new StatusChange(Optional.empty(), RegistrationStatus.CONFIRMED, now, StatusChange.PARTICIPANT,
                        "offer-accepted", Optional.empty()), context.announcements(event, now));
        return action(result, now, "offer.not-standing");
    }

    @Override
    public ActionOutcome declineOffer(UUID registrationId, String token) {
        Instant now = context.now();
        Optional<Registration> opened = opened(registrationId, token, now);
        if (opened.isEmpty()) {
            return new ActionOutcome.NotFound();
        }
        Registration current = opened.get();
        boolean offerStands = current.status() == RegistrationStatus.WAITLISTED
                && current.offerExpiresAt().map(now::isBefore).orElse(false);
        if (!offerStands) {
            return notAllowed("offer.not-standing");
        }
        Event event = context.event(current.eventId());
        StoreResult result = context.store().transition(registrationId, EnumSet.of(RegistrationStatus.WAITLISTED),
                new StatusChange(Optional.empty(), RegistrationStatus.CANCELLED, now, StatusChange.PARTICIPANT,
                        "offer-declined", Optional.empty()), context.announcements(event, now));
        return action(result, now, "offer.not-standing");
    }

    private static boolean isReplay(StoreResult result) {
        return result instanceof StoreResult.Refused refused && refused.reason().code().equals("registration.replayed");
    }

    /**
     * The outcome an earlier admission with this key gave, by where it placed the registration; refused
     * {@code idempotency-key.reused} when the key was used for another person's registration.
     */
    private Optional<RegistrationOutcome> replay(String eventId, String key, String emailKey) {
        return context.store().admittedWith(eventId, key).stream().findFirst().map(registration ->
                sameRequest(List.of(registration), java.util.Set.of(emailKey)) ? original(registration)
                        : new RegistrationOutcome.Refused(List.of(reused())));
    }

    private GroupOutcome replayGroup(String eventId, String key, java.util.Set<String> emailKeys) {
        List<Registration> admitted = context.store().admittedWith(eventId, key);
        if (admitted.isEmpty()) {
            return new GroupOutcome.Refused(List.of(Reason.of("registration.replayed")));
        }
        if (!sameRequest(admitted, emailKeys)) {
            return new GroupOutcome.Refused(List.of(reused()));
        }
        return new GroupOutcome.Registered(admitted.stream().map(this::original).toList());
    }

    /** A key names one request: the same people (an erased registration no longer says who it was). */
    private static boolean sameRequest(List<Registration> admitted, java.util.Set<String> emailKeys) {
        if (admitted.stream().anyMatch(Registration::erased)) {
            return true;
        }
        return admitted.stream().map(r -> r.participant().email().key()).collect(java.util.stream.Collectors.toSet())
                .equals(emailKeys);
    }

    private static Reason reused() {
        return Reason.ofField("idempotencyKey", "idempotency-key.reused");
    }

    private static java.util.Set<String> emailKeys(GroupRegisterCommand command) {
        return command.members().stream().map(m -> EmailAddress.of(m.participant().email()).key())
                .collect(java.util.stream.Collectors.toSet());
    }

    private RegistrationOutcome original(Registration registration) {
        RegistrationStatus placed = registration.history().isEmpty() ? registration.status()
                : registration.history().get(0).to();
        return switch (placed) {
            case WAITLISTED -> new RegistrationOutcome.Waitlisted(registration, placeInLine(registration));
            case PENDING_APPROVAL -> new RegistrationOutcome.PendingApproval(registration);
            case PENDING_VERIFICATION -> new RegistrationOutcome.PendingVerification(registration);
            default -> new RegistrationOutcome.Confirmed(registration);
        };
    }

    /** Where a just-waitlisted registration stands in line, as the store decided it when it admitted it. */
    private long placeInLine(Registration registration, StoreResult.Done done) {
        Long decided = done.placesInLine().get(registration.id());
        return decided != null ? decided : placeInLine(registration);
    }

    /** Where a waitlisted registration stands in line now: one more than those waiting ahead of it. */
    private long placeInLine(Registration registration) {
        return context.store().placeInLine(registration).orElse(registration.waitlistPosition().orElse(0));
    }

    @Override
    public Optional<String> exportPersonalData(UUID registrationId, String token) {
        return opened(registrationId, token, context.now())
                .map(r -> PersonalDataExport.of(context.store().findByEmail(r.participant().email()),
                        context.catalogue()));
    }

    // ---------------------------------------------------------------- shared with the organiser's use cases

    ActionOutcome action(StoreResult result, Instant now, String conflictCode) {
        if (result instanceof StoreResult.Done done) {
            context.publish(done.changes(), now);
            return new ActionOutcome.Done(done.first());
        }
        if (result instanceof StoreResult.Refused refused) {
            return new ActionOutcome.NotAllowed(List.of(refused.reason()));
        }
        return ((StoreResult.Conflict) result).current().isEmpty() ? new ActionOutcome.NotFound()
                : notAllowed(conflictCode);
    }

    static ActionOutcome notAllowed(String code) {
        return new ActionOutcome.NotAllowed(List.of(Reason.of(code)));
    }

    private Optional<Registration> opened(UUID registrationId, String token, Instant now) {
        if (registrationId == null || token == null || token.length() > 200) {
            return Optional.empty();
        }
        return context.registration(registrationId).filter(r -> r.admits(TokenPurpose.MANAGE, token, now));
    }

    /** Checks the rules with the address's active registration, clearing one whose verification lapsed. */
    private Verdict checkRules(Event event, Participant participant, boolean vouched, Optional<String> code,
                               List<String> sessionIds, Instant now) {
        Optional<Registration> existing = context.store().findActive(event.id(), participant.email());
        if (existing.isPresent() && existing.get().status() == RegistrationStatus.PENDING_VERIFICATION
                && verificationLapsed(existing.get(), now)) {
            context.store().transition(existing.get().id(), EnumSet.of(RegistrationStatus.PENDING_VERIFICATION),
                    new StatusChange(Optional.empty(), RegistrationStatus.CANCELLED, now, StatusChange.SYSTEM,
                            "verification-expired", Optional.empty()), NotificationPlan.NONE);
            existing = context.store().findActive(event.id(), participant.email());
        }
        return checkRules(event, participant, vouched, code, sessionIds, now, existing);
    }

    private Verdict checkRules(Event event, Participant participant, boolean vouched, Optional<String> code,
                               List<String> sessionIds, Instant now, Optional<Registration> existing) {
        return Rule.firstRefusal(RegistrationRules.ALL,
                context(event, participant, vouched, code, sessionIds, now, existing));
    }

    private RegistrationContext context(Event event, Participant participant, boolean vouched, Optional<String> code,
                                        List<String> sessionIds, Instant now, Optional<Registration> existing) {
        List<Session> sessions = sessionIds.stream().map(id -> event.session(id).orElseThrow()).toList();
        return new RegistrationContext(event, participant, vouched, code, now, existing, history(event), sessions);
    }

    static boolean verificationLapsed(Registration registration, Instant now) {
        return registration.tokens().stream().filter(t -> t.purpose() == TokenPurpose.VERIFY_EMAIL)
                .allMatch(t -> t.expiresAt().map(e -> !now.isBefore(e)).orElse(false));
    }

    private ProgrammeHistory history(Event self) {
        return (email, programme, level) -> {
            for (Registration r : context.store().findByEmail(email)) {
                if (r.eventId().equals(self.id())) {
                    continue;
                }
                boolean inProgramme = context.catalogue().find(r.eventId())
                        .flatMap(Event::programme).map(programme::equals).orElse(false);
                boolean counts = level == EligibilityRule.ProgrammeParticipation.Level.ATTENDED
                        ? r.attendance() == Attendance.ATTENDED : r.status() == RegistrationStatus.CONFIRMED;
                if (inProgramme && counts) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Optional<Reason> mismatch(TrustedIdentity identity, ParticipantDetails details) {
        List<String[]> pairs = List.of(
                new String[] {"givenName", identity.givenName(), details.givenName()},
                new String[] {"familyName", identity.familyName(), details.familyName()},
                new String[] {"organisation", identity.organisation(), details.organisation()},
                new String[] {"role", identity.role(), details.role()},
                new String[] {"sector", identity.sector(), details.sector()});
        for (String[] pair : pairs) {
            if (!pair[1].strip().equalsIgnoreCase(pair[2].strip())) {
                return Optional.of(Reason.ofField(pair[0], "identity.mismatch"));
            }
        }
        return EmailAddress.parse(details.email()).filter(e -> e.key().equals(identity.email().key())).isPresent()
                ? Optional.empty() : Optional.of(Reason.ofField("email", "identity.mismatch"));
    }

    private static boolean sameVouchedAttributes(Participant a, Participant b) {
        return a.givenName().equals(b.givenName()) && a.familyName().equals(b.familyName())
                && a.email().key().equals(b.email().key()) && a.organisation().equals(b.organisation())
                && a.role().equalsIgnoreCase(b.role()) && a.sector().equals(b.sector());
    }

    private static Participant participant(ParticipantDetails details, Optional<TrustedIdentity> identity,
                                           InputValidation.Answers answers) {
        if (identity.isPresent()) {
            TrustedIdentity id = identity.get();
            return new Participant(id.givenName().strip(), id.familyName().strip(), id.email(),
                    id.organisation().strip(), id.role().strip(), id.sector(), Messages.supported(details.locale()),
                    answers.answers(), Optional.of(id.subject()));
        }
        return new Participant(details.givenName().strip(), details.familyName().strip(),
                EmailAddress.of(details.email()), details.organisation().strip(), details.role().strip(),
                details.sector(), Messages.supported(details.locale()), answers.answers(), Optional.empty());
    }

    private static RegistrationStatus target(Event event, boolean vouched) {
        if (event.emailVerification() && !vouched) {
            return RegistrationStatus.PENDING_VERIFICATION;
        }
        return event.approval() == ApprovalMode.ORGANISER ? RegistrationStatus.PENDING_APPROVAL
                : RegistrationStatus.CONFIRMED;
    }

    private static Registration draft(Event event, Participant participant, List<String> sessionIds,
                                      Optional<String> code, RegistrationStatus status, Optional<UUID> group,
                                      Instant now) {
        List<SessionChoice> sessions = sessionIds.stream().map(SessionChoice::requested).toList();
        Optional<String> normalised = code.flatMap(c -> event.invitations().find(c)).map(InvitationCode::normalised);
        return new Registration(RandomIds.next(), event.id(), participant, sessions, status, OptionalLong.empty(),
                Optional.empty(), Attendance.UNKNOWN, normalised, group, now, now, List.of(), List.of(), false, 0);
    }

    private static OptionalInt invitationMaxUses(Event event, Optional<String> code) {
        return code.flatMap(c -> event.invitations().find(c)).map(InvitationCode::maxUses).orElse(OptionalInt.empty());
    }

    private static Reason refusal(StoreResult result) {
        if (result instanceof StoreResult.Refused refused) {
            return refused.reason();
        }
        throw new IllegalStateException("a new registration cannot conflict: " + result);
    }

    private static Reason inMember(Reason reason, int index) {
        String field = "members[" + index + "]" + reason.field().map(f -> "." + f).orElse("");
        return new Reason(reason.code(), Optional.of(field), reason.args());
    }
}
