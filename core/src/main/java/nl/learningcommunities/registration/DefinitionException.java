package nl.learningcommunities.registration;

import java.util.List;

import nl.learningcommunities.registration.rule.Reason;

/**
 * An event definition could not be read or is inconsistent. Where the fault lies in one field, {@link #reasons()}
 * names it with a stable code, so that a host can show it next to that field.
 */
public class DefinitionException extends RegistrationException {

    private static final long serialVersionUID = 1L;

    private final transient List<Reason> reasons;

    /**
     * @param message what is wrong, naming the place in the definition
     * @param cause   the underlying failure
     */
    public DefinitionException(String message, Throwable cause) {
        this(message, cause, List.of());
    }

    /**
     * @param message what is wrong, naming the place in the definition
     * @param cause   the underlying failure
     * @param reasons the fields at fault, with stable codes
     */
    public DefinitionException(String message, Throwable cause, List<Reason> reasons) {
        super(message, cause);
        this.reasons = List.copyOf(reasons);
    }

    /** @return the fields at fault with stable codes; empty when the fault is not in one field (malformed JSON) */
    public List<Reason> reasons() {
        return reasons == null ? List.of() : reasons;
    }
}
