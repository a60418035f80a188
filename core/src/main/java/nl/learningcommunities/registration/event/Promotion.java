package nl.learningcommunities.registration.event;

import java.time.Duration;
import java.util.Objects;

/**
 * How a freed seat goes to the first on the waiting list: straight to confirmed, or as an offer the
 * participant accepts or declines within {@code offerValidity}, after which it passes to the next in line.
 *
 * <p>Immutable and thread-safe.
 *
 * @param mode          automatic or offer
 * @param offerValidity how long an offer stands (used in {@link Mode#OFFER} mode)
 */
public record Promotion(Mode mode, Duration offerValidity) {

    /** The default: straight to confirmed. */
    public static final Promotion AUTOMATIC = new Promotion(Mode.AUTOMATIC, Duration.ofHours(48));

    /** Checks the components; an absent validity means 48 hours. */
    public Promotion {
        Objects.requireNonNull(mode, "mode");
        offerValidity = offerValidity == null ? Duration.ofHours(48) : offerValidity;
        if (offerValidity.isNegative() || offerValidity.isZero()) {
            throw new IllegalArgumentException("offerValidity must be positive");
        }
    }

    /**
     * @param validity how long an offer stands
     * @return offer-mode promotion
     */
    public static Promotion offer(Duration validity) {
        return new Promotion(Mode.OFFER, validity);
    }

    /** The two promotion modes. */
    public enum Mode {
        /** The first in line is confirmed at once. */
        AUTOMATIC,
        /** The first in line gets a time-limited offer. */
        OFFER
    }
}
