package nl.learningcommunities.registration.application;

import java.util.List;
import java.util.Objects;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.rule.Reason;

/**
 * What became of an action on an existing registration (verify, approve, reject, cancel, accept or decline an
 * offer, change details or sessions, record attendance, erase).
 */
public sealed interface ActionOutcome {

    /**
     * The action took effect.
     *
     * @param registration the registration after it
     */
    record Done(Registration registration) implements ActionOutcome {
        /** Checks the component. */
        public Done {
            Objects.requireNonNull(registration, "registration");
        }
    }

    /**
     * No such registration, or the token does not open it: the two are not told apart, so that a guessed id
     * reveals nothing.
     */
    record NotFound() implements ActionOutcome {
    }

    /**
     * The registration is not in a state that allows the action (for example: already cancelled, offer lapsed,
     * event full without a waiting list). Nothing changed.
     *
     * @param reasons why, with stable codes
     */
    record NotAllowed(List<Reason> reasons) implements ActionOutcome {
        /** Copies the reasons. */
        public NotAllowed {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * The input was not valid; nothing changed.
     *
     * @param reasons every invalid field
     */
    record Invalid(List<Reason> reasons) implements ActionOutcome {
        /** Copies the reasons. */
        public Invalid {
            reasons = List.copyOf(reasons);
        }
    }
}
