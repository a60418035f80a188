package nl.learningcommunities.registration;

/**
 * The base of every exception the library throws for a real failure: storage unreachable, a definition that
 * cannot be read, a caller passing an id that does not exist. Expected answers — a rule saying no, invalid
 * input, a wrong token — are not exceptions but typed outcomes of the use cases.
 */
public class RegistrationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, without personal data or secrets
     */
    public RegistrationException(String message) {
        super(message);
    }

    /**
     * @param message what failed, without personal data or secrets
     * @param cause   the underlying failure
     */
    public RegistrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
