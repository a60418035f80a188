package nl.learningcommunities.registration.rule;

import java.util.Objects;

/**
 * What a rule says: {@link Allowed} or {@link Refused} with a {@link Reason}.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface Verdict {

    /** The single allowed verdict. */
    Verdict ALLOWED = new Allowed();

    /**
     * A refusal.
     *
     * @param reason why
     * @return the verdict
     */
    static Verdict refused(Reason reason) {
        return new Refused(reason);
    }

    /** @return whether this verdict allows */
    default boolean isAllowed() {
        return this instanceof Allowed;
    }

    /** The rule allows. */
    record Allowed() implements Verdict {
    }

    /**
     * The rule refuses.
     *
     * @param reason why, with a stable code
     */
    record Refused(Reason reason) implements Verdict {
        /** Checks the reason is present. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
