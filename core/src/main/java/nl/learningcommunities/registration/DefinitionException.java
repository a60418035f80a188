package nl.learningcommunities.registration;

/** An event definition could not be read or is inconsistent. */
public class DefinitionException extends RegistrationException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the place in the definition
     * @param cause   the underlying failure
     */
    public DefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
