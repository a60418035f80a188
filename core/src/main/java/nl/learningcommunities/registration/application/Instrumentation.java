package nl.learningcommunities.registration.application;

import java.util.function.Supplier;

/**
 * Hooks through which a host measures the engine: how registration attempts end, and how long the store takes
 * to claim seats. The Spring Boot starter implements it with Micrometer; the core itself measures nothing and
 * depends on no metrics library.
 *
 * <p>Every method has a default that does nothing but the work itself, so an implementation overrides only
 * what it measures. Implementations are called on the use case's thread, must be thread-safe and quick, and
 * must not throw: an exception from {@link #registrationAttempted} is logged and ignored, one from
 * {@link #seatClaim} fails the use case like a storage failure would.
 */
public interface Instrumentation {

    /** @return instrumentation that measures nothing */
    static Instrumentation none() {
        return NoInstrumentation.INSTANCE;
    }

    /**
     * Runs the store's seat claim: the locked step that decides who gets a seat, a place in line, or nothing. A
     * timer wraps {@code claim} here; the default only runs it.
     *
     * @param eventId the event whose seats are claimed
     * @param people  how many registrants the claim is for (more than one for a group)
     * @param claim   the claim; call it exactly once and return what it returns
     * @param <T>     what the claim returns
     * @return what {@code claim} returned
     */
    default <T> T seatClaim(String eventId, int people, Supplier<T> claim) {
        return claim.get();
    }

    /**
     * Told how each registration attempt ended, once per registrant: a group of three that was registered counts
     * three outcomes, a refused group one. Not called when the event does not exist.
     *
     * @param eventId the event
     * @param outcome how it ended
     */
    default void registrationAttempted(String eventId, RegistrationOutcome outcome) {
    }

    /**
     * The short, stable name of an outcome, for a metric's tag: {@code confirmed}, {@code waitlisted},
     * {@code pending-approval}, {@code pending-verification}, {@code refused} or {@code invalid}.
     *
     * @param outcome an outcome
     * @return its name
     */
    static String nameOf(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationOutcome.Confirmed) {
            return "confirmed";
        } else if (outcome instanceof RegistrationOutcome.Waitlisted) {
            return "waitlisted";
        } else if (outcome instanceof RegistrationOutcome.PendingApproval) {
            return "pending-approval";
        } else if (outcome instanceof RegistrationOutcome.PendingVerification) {
            return "pending-verification";
        } else if (outcome instanceof RegistrationOutcome.Refused) {
            return "refused";
        }
        return "invalid";
    }
}

/** The instrumentation that measures nothing. */
final class NoInstrumentation implements Instrumentation {
    static final NoInstrumentation INSTANCE = new NoInstrumentation();

    private NoInstrumentation() {
    }
}
