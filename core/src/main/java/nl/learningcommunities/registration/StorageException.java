package nl.learningcommunities.registration;

/**
 * The store or outbox could not do its work, for example because the database is unreachable. What was written
 * depends on when it failed, which {@link #mayHaveBeenWritten()} tells:
 * <ul>
 *   <li>{@code false} — it failed before the database was asked to commit: nothing of the operation was written.
 *       (The JDBC store has already retried such failures where that is safe: deadlocks, lock time-outs, and
 *       connections that died before the commit.)</li>
 *   <li>{@code true} — the connection failed while committing, so the reply was lost: the database may or may not
 *       have committed. Retry the same command with the same idempotency key
 *       ({@code RegisterCommand.withIdempotencyKey}): if it was written, the retry answers the original outcome and
 *       writes nothing twice.</li>
 * </ul>
 */
public class StorageException extends RegistrationException {

    private static final long serialVersionUID = 1L;

    private final boolean mayHaveBeenWritten;

    /**
     * A failure after which nothing was written.
     *
     * @param message what failed
     * @param cause   the underlying failure
     */
    public StorageException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param message            what failed
     * @param cause              the underlying failure
     * @param mayHaveBeenWritten whether the operation may have been written (the commit's reply was lost)
     */
    public StorageException(String message, Throwable cause, boolean mayHaveBeenWritten) {
        super(message, cause);
        this.mayHaveBeenWritten = mayHaveBeenWritten;
    }

    /** @return whether the operation may have been written after all: the commit's reply was lost */
    public boolean mayHaveBeenWritten() {
        return mayHaveBeenWritten;
    }
}
