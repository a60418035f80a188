package nl.learningcommunities.registration.application.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

import nl.learningcommunities.registration.application.GroupOutcome;
import nl.learningcommunities.registration.application.GroupRegisterCommand;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.application.RegistrationRules;
import nl.learningcommunities.registration.booking.Admission;
import nl.learningcommunities.registration.booking.Attendance;
import nl.learningcommunities.registration.booking.NotificationPlan;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.SessionChoice;
import nl.learningcommunities.registration.booking.StatusChange;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.eligibility.InvitationCode;
import nl.learningcommunities.registration.event.ApprovalMode;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.participant.Participant;
import nl.learningcommunities.registration.participant.TrustedIdentity;
import nl.learningcommunities.registration.rule.Messages;
import nl.learningcommunities.registration.rule.Reason;
import nl.learningcommunities.registration.rule.Rule;
import nl.learningcommunities.registration.rule.Verdict;

/**
 * Registering: one participant or a coordinator's group, with every input problem told at once, the same request
 * replayed by its idempotency key, and a waitlisted registration's place in line. Thread-safe: holds only the
 * immutable context.
 */
final class RegisteringUseCases {

    private final Context context;
    private final ParticipantSupport support;
    private final AdmissionOutcomes outcomes;

    /**
     * @param context the ports and clock
     * @param support what the participant's use cases share
     */
    RegisteringUseCases(Context context, ParticipantSupport support) {
        this.context = Objects.requireNonNull(context, "context");
        this.support = Objects.requireNonNull(support, "support");
        this.outcomes = new AdmissionOutcomes(context);
    }

    /** Registers one participant for an event, and reports the attempt. See {@code Registrations#register}. */
    RegistrationOutcome register(RegisterCommand command) {
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
                .flatMap(key -> outcomes.replay(event.id(), key, emailKey));
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
        if (AdmissionOutcomes.isReplay(result)) {
            return outcomes.replay(event.id(), command.idempotencyKey().orElseThrow(), emailKey).orElseGet(() ->
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
            return RegistrationOutcome.of(done.first(), r -> outcomes.placeInLine(r, done));
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
                            context.now(), support.history(event.get())))
                    .ifPresent(all::add);
        }
        return all;
    }

    private static boolean mentions(List<Reason> reasons, String part) {
        return reasons.stream().anyMatch(r -> r.field().filter(f -> f.startsWith(part)).isPresent());
    }

    /** Registers a coordinator's group, and reports the attempt. See {@code Registrations#registerGroup}. */
    GroupOutcome registerGroup(GroupRegisterCommand command) {
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
            return outcomes.replayGroup(event.id(), command.idempotencyKey().get(),
                    AdmissionOutcomes.emailKeys(command));
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
                    .map(c -> RegistrationOutcome.of(c.after(), r -> outcomes.placeInLine(r, done))).toList());
        }
        if (AdmissionOutcomes.isReplay(result)) {
            return outcomes.replayGroup(event.id(), command.idempotencyKey().orElseThrow(),
                    AdmissionOutcomes.emailKeys(command));
        }
        return new GroupOutcome.Refused(List.of(refusal(result)));
    }

    /** Checks the rules with the address's active registration, clearing one whose verification lapsed. */
    private Verdict checkRules(Event event, Participant participant, boolean vouched, Optional<String> code,
                               List<String> sessionIds, Instant now) {
        Optional<Registration> existing = context.store().findActive(event.id(), participant.email());
        if (existing.isPresent() && existing.get().status() == RegistrationStatus.PENDING_VERIFICATION
                && ParticipantSupport.verificationLapsed(existing.get(), now)) {
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
                support.ruleContext(event, participant, vouched, code, sessionIds, now, existing));
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
