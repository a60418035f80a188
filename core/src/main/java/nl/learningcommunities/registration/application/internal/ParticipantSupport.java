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
import nl.learningcommunities.registration.application.RegistrationContext;
import nl.learningcommunities.registration.booking.Attendance;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.eligibility.EligibilityRule;
import nl.learningcommunities.registration.eligibility.ProgrammeHistory;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.Session;
import nl.learningcommunities.registration.participant.Participant;
import nl.learningcommunities.registration.rule.Reason;
import nl.learningcommunities.registration.token.TokenPurpose;

/**
 * What the participant's use cases share: opening a registration with its personal link, the context the rules
 * are checked in, the participant's history in a programme, and turning what the store did into an outcome.
 * Thread-safe: holds only the immutable context.
 */
final class ParticipantSupport {

    /** The statuses of a registration that still holds, or waits for, a place. */
    static final Set<RegistrationStatus> ACTIVE = EnumSet.of(RegistrationStatus.PENDING_VERIFICATION,
            RegistrationStatus.PENDING_APPROVAL, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED);

    private final Context context;

    /**
     * @param context the ports and clock
     */
    ParticipantSupport(Context context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * The outcome of what the store did: done (and its changes published), not allowed with the store's reason,
     * not found, or not allowed with {@code conflictCode} when the registration was in another state.
     */
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

    /** Not allowed, for the one reason {@code code}. */
    static ActionOutcome notAllowed(String code) {
        return new ActionOutcome.NotAllowed(List.of(Reason.of(code)));
    }

    /** The registration the personal link {@code token} opens now, if it opens one. */
    Optional<Registration> opened(UUID registrationId, String token, Instant now) {
        if (registrationId == null || token == null || token.length() > 200) {
            return Optional.empty();
        }
        return context.registration(registrationId).filter(r -> r.admits(TokenPurpose.MANAGE, token, now));
    }

    /**
     * The registration as its participant sees it: the online link only while confirmed, the place in line only
     * while waiting.
     */
    ManagedRegistration managed(Registration registration, Event event) {
        return new ManagedRegistration(registration, event,
                registration.status() == RegistrationStatus.CONFIRMED ? event.onlineLink() : Optional.empty(),
                context.store().placeInLine(registration));
    }

    /** The context the registration rules are checked in. */
    RegistrationContext ruleContext(Event event, Participant participant, boolean vouched, Optional<String> code,
                                    List<String> sessionIds, Instant now, Optional<Registration> existing) {
        List<Session> sessions = sessionIds.stream().map(id -> event.session(id).orElseThrow()).toList();
        return new RegistrationContext(event, participant, vouched, code, now, existing, history(event), sessions);
    }

    /** Whether every verification link of the registration has expired. */
    static boolean verificationLapsed(Registration registration, Instant now) {
        return registration.tokens().stream().filter(t -> t.purpose() == TokenPurpose.VERIFY_EMAIL)
                .allMatch(t -> t.expiresAt().map(e -> !now.isBefore(e)).orElse(false));
    }

    /** A participant's part in the other events of a programme, the event {@code self} left out. */
    ProgrammeHistory history(Event self) {
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
}
