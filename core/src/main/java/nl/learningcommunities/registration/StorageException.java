package nl.learningcommunities.registration;

/** The store or outbox could not do its work (for example: the database is unreachable). Nothing was written. */
public class StorageException extends RegistrationException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause   the underlying failure
     */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
