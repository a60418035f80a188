package nl.learningcommunities.registration.rule;

import java.util.List;
import java.util.Objects;

/**
 * A named, composable check over a context {@code C}: allowed, or a reason with a code. Rules are values:
 * each can be tested alone, and {@link #firstRefusal(List, Object)} runs a list of them in order, the first
 * refusal winning.
 *
 * <p>Implementations must be immutable and side-effect free, and therefore thread-safe.
 *
 * @param <C> what the rule looks at
 */
public interface Rule<C> {

    /** @return a short name for logs and documentation, for example {@code window} */
    String name();

    /**
     * Checks the context.
     *
     * @param context what to check
     * @return allowed, or refused with a reason
     */
    Verdict check(C context);

    /**
     * A rule from a name and a function.
     *
     * @param name  the rule's name
     * @param check the check
     * @param <C>   what the rule looks at
     * @return the rule
     */
    static <C> Rule<C> of(String name, java.util.function.Function<C, Verdict> check) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        return new Rule<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Verdict check(C context) {
                return check.apply(context);
            }

            @Override
            public String toString() {
                return "Rule[" + name + "]";
            }
        };
    }

    /**
     * Runs the rules in order and returns the first refusal, or {@link Verdict#ALLOWED}.
     *
     * @param rules   the rules, in order
     * @param context what to check
     * @param <C>     what the rules look at
     * @return the first refusal, or allowed
     */
    static <C> Verdict firstRefusal(List<? extends Rule<? super C>> rules, C context) {
        for (Rule<? super C> rule : rules) {
            Verdict verdict = rule.check(context);
            if (!verdict.isAllowed()) {
                return verdict;
            }
        }
        return Verdict.ALLOWED;
    }
}
