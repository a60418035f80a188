package nl.learningcommunities.registration.application;

import java.util.List;

import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.eligibility.EligibilityContext;
import nl.learningcommunities.registration.event.Session;
import nl.learningcommunities.registration.rule.Reason;
import nl.learningcommunities.registration.rule.Rule;
import nl.learningcommunities.registration.rule.Verdict;

/**
 * The rules a registration passes, in order, the first refusal winning. Each is a named value that can be
 * tested alone. What only the store can decide atomically — one active registration per address under
 * concurrency, the per-organisation limit, invitation-code uses, capacity — the store checks again when it
 * claims the seat.
 */
public final class RegistrationRules {

    /**
     * The event takes registrations: {@code event.cancelled} when it was cancelled, {@code registration.closed}
     * when an organiser closed registration.
     */
    public static final Rule<RegistrationContext> EVENT_TAKES_REGISTRATIONS = Rule.of("event-takes-registrations",
            c -> switch (c.event().status()) {
                case OPEN -> Verdict.ALLOWED;
                case CLOSED -> Verdict.refused(Reason.of("registration.closed"));
                case CANCELLED -> Verdict.refused(Reason.of("event.cancelled"));
            });

    /** Registration is open: {@code registration.window.not-open} before, {@code registration.window.closed} after. */
    public static final Rule<RegistrationContext> WINDOW = Rule.of("window", c -> {
        var window = c.event().registrationWindow();
        if (c.now().isBefore(window.opensAt().toInstant())) {
            return Verdict.refused(Reason.of("registration.window.not-open"));
        }
        return window.isOpenAt(c.now()) ? Verdict.ALLOWED
                : Verdict.refused(Reason.of("registration.window.closed"));
    });

    /** The event allows anonymous registration, or the host vouched: {@code registration.login-required}. */
    public static final Rule<RegistrationContext> ANONYMOUS_ALLOWED = Rule.of("anonymous-allowed", c ->
            c.vouched() || c.event().anonymousRegistration() ? Verdict.ALLOWED
                    : Verdict.refused(Reason.of("registration.login-required")));

    /**
     * No active registration for the address yet: {@code registration.duplicate}, or
     * {@code registration.pending-verification} while an earlier one waits for its link.
     */
    public static final Rule<RegistrationContext> NOT_YET_REGISTERED = Rule.of("not-yet-registered", c ->
            c.existing().map(r -> r.status() == RegistrationStatus.PENDING_VERIFICATION
                            ? Verdict.refused(Reason.ofField("email", "registration.pending-verification"))
                            : Verdict.refused(Reason.ofField("email", "registration.duplicate")))
                    .orElse(Verdict.ALLOWED));

    /** The event's eligibility rule allows the participant: its own codes ({@code eligibility.*}). */
    public static final Rule<RegistrationContext> ELIGIBLE = Rule.of("eligible", c ->
            c.event().eligibility().check(new EligibilityContext(c.participant(), c.invitationCode(),
                    c.event().invitations(), c.now(), c.history())));

    /** No two picked sessions overlap in time: {@code session.overlap} naming both. */
    public static final Rule<RegistrationContext> SESSIONS_DO_NOT_OVERLAP = Rule.of("sessions-do-not-overlap",
            c -> sessionsDoNotOverlap(c.sessions()));

    /** The rules every registration passes, in order. */
    public static final List<Rule<RegistrationContext>> ALL = List.of(EVENT_TAKES_REGISTRATIONS, WINDOW, ANONYMOUS_ALLOWED, NOT_YET_REGISTERED,
            ELIGIBLE, SESSIONS_DO_NOT_OVERLAP);

    private RegistrationRules() {
    }

    /**
     * @param sessions the picked sessions
     * @return allowed, or refused {@code session.overlap} naming the first two that overlap
     */
    public static Verdict sessionsDoNotOverlap(List<Session> sessions) {
        for (int i = 0; i < sessions.size(); i++) {
            for (int j = i + 1; j < sessions.size(); j++) {
                if (sessions.get(i).overlaps(sessions.get(j))) {
                    return Verdict.refused(Reason.ofField("sessionIds", "session.overlap", sessions.get(i).id(),
                            sessions.get(j).id()));
                }
            }
        }
        return Verdict.ALLOWED;
    }
}
