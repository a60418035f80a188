package nl.learningcommunities.registration.application;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.rule.Reason;

/**
 * What became of a registration request. A rule saying no is an outcome ({@link Refused}), and so is input
 * that is not valid ({@link Invalid}); neither throws.
 */
public sealed interface RegistrationOutcome {

    /**
     * @return the stored registration when the request was accepted (confirmed, waitlisted or pending), empty
     *         when it was refused or invalid
     */
    default Optional<Registration> registered() {
        if (this instanceof Confirmed c) {
            return Optional.of(c.registration());
        } else if (this instanceof Waitlisted w) {
            return Optional.of(w.registration());
        } else if (this instanceof PendingApproval a) {
            return Optional.of(a.registration());
        } else if (this instanceof PendingVerification v) {
            return Optional.of(v.registration());
        }
        return Optional.empty();
    }

    /** @return why the request was refused or is invalid; empty when it was accepted */
    default List<Reason> reasons() {
        return List.of();
    }

    /**
     * The participant has a seat.
     *
     * @param registration the stored registration
     */
    record Confirmed(Registration registration) implements RegistrationOutcome {
        /** Checks the component. */
        public Confirmed {
            Objects.requireNonNull(registration, "registration");
        }
    }

    /**
     * The event is full; the participant is on the waiting list.
     *
     * @param registration the stored registration
     * @param position     its place in line when the outcome was given: one more than the number waiting ahead of
     *                     it (the order of arrival is {@code registration().waitlistPosition()}; the place in line
     *                     later, which promotions shorten, is {@code view()})
     */
    record Waitlisted(Registration registration, long position) implements RegistrationOutcome {
        /** Checks the component. */
        public Waitlisted {
            Objects.requireNonNull(registration, "registration");
        }
    }

    /**
     * The registration awaits an organiser's approval; it holds no seat yet.
     *
     * @param registration the stored registration
     */
    record PendingApproval(Registration registration) implements RegistrationOutcome {
        /** Checks the component. */
        public PendingApproval {
            Objects.requireNonNull(registration, "registration");
        }
    }

    /**
     * The participant must confirm their address from the e-mailed link; no seat is held until then.
     *
     * @param registration the stored registration
     */
    record PendingVerification(Registration registration) implements RegistrationOutcome {
        /** Checks the component. */
        public PendingVerification {
            Objects.requireNonNull(registration, "registration");
        }
    }

    /**
     * A registration rule said no (window closed, already registered, not eligible, full…). Nothing was stored.
     *
     * @param reasons why; the first is the rule that refused
     */
    record Refused(List<Reason> reasons) implements RegistrationOutcome {
        /** Copies the reasons. */
        public Refused {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * The input was not valid: each reason names its field and code. Every problem comes at once, so that a form is
     * fixed in one round: the fields, the answers, the sessions, and a missing or unknown invitation code where the
     * event would ask this person for one. Nothing was stored.
     *
     * @param reasons every invalid field
     */
    record Invalid(List<Reason> reasons) implements RegistrationOutcome {
        /** Copies the reasons. */
        public Invalid {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * @param registration a stored registration
     * @param placeInLine  where a waitlisted registration stands in line
     * @return the outcome its status stands for
     */
    static RegistrationOutcome of(Registration registration, java.util.function.ToLongFunction<Registration> placeInLine) {
        return switch (registration.status()) {
            case CONFIRMED -> new Confirmed(registration);
            case WAITLISTED -> new Waitlisted(registration, placeInLine.applyAsLong(registration));
            case PENDING_APPROVAL -> new PendingApproval(registration);
            case PENDING_VERIFICATION -> new PendingVerification(registration);
            default -> throw new IllegalArgumentException("not an outcome of registering: " + registration.status());
        };
    }
}
