package nl.learningcommunities.registration.booking;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import nl.learningcommunities.registration.rule.Reason;

/**
 * What a store operation did: {@link Done} with the changes (including promotions it made), {@link Refused}
 * with a reason and nothing written, or {@link Conflict} when the registration was not in the expected state
 * (or not found) and nothing was written.
 */
public sealed interface StoreResult {

    /**
     * The operation took effect.
     *
     * @param changes      every registration changed, the one asked about first
     * @param placesInLine for registrations an admission put on the waiting list: their place in line as the
     *                     store decided it (one more than those waiting ahead), so that nobody reads it again
     */
    record Done(List<Change> changes, java.util.Map<java.util.UUID, Long> placesInLine) implements StoreResult {
        /** Copies the components. */
        public Done {
            changes = List.copyOf(changes);
            placesInLine = java.util.Map.copyOf(placesInLine);
        }

        /**
         * A result without places in line.
         *
         * @param changes every registration changed, the one asked about first
         */
        public Done(List<Change> changes) {
            this(changes, java.util.Map.of());
        }

        /** @return the state after of the first change (the registration asked about) */
        public Registration first() {
            return changes.get(0).after();
        }
    }

    /**
     * A rule only the store can check atomically said no; nothing was written. Codes:
     * {@code registration.duplicate}, {@code capacity.full}, {@code organisation.limit},
     * {@code eligibility.invitation.exhausted}.
     *
     * @param reason why
     */
    record Refused(Reason reason) implements StoreResult {
        /** Checks the reason. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The registration was not in an expected state, or does not exist; nothing was written.
     *
     * @param current the registration as it is, if it exists
     */
    record Conflict(Optional<Registration> current) implements StoreResult {
        /** Checks the component. */
        public Conflict {
            Objects.requireNonNull(current, "current");
        }
    }
}
