package nl.learningcommunities.registration.application;

import java.util.List;
import java.util.Objects;

import nl.learningcommunities.registration.booking.SeatCounts;
import nl.learningcommunities.registration.rule.Reason;

/** What became of a capacity change. */
public sealed interface CapacityOutcome {

    /**
     * The capacity changed; a raise promoted from the waiting list.
     *
     * @param counts the seats after the change
     */
    record Changed(SeatCounts counts) implements CapacityOutcome {
        /** Checks the component. */
        public Changed {
            Objects.requireNonNull(counts, "counts");
        }
    }

    /**
     * The change was refused: {@code capacity.below-taken} when the new capacity is below the seats already
     * taken (cancel registrations first), {@code field.invalid} for a negative capacity, {@code session.unknown}.
     *
     * @param reasons why
     */
    record Refused(List<Reason> reasons) implements CapacityOutcome {
        /** Copies the reasons. */
        public Refused {
            reasons = List.copyOf(reasons);
        }
    }
}
