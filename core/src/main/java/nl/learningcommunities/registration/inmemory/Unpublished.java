package nl.learningcommunities.registration.inmemory;

/**
 * A new registration whose place (seat or waiting-list position) its event's book already holds, while the thread
 * that admitted it builds the rest outside the book's lock: its history line, notifications and tokens. Whoever
 * meets its id in the book before then waits for it here: until it is published (stored with its notifications),
 * or until the admission failed and the book let go of its place again.
 *
 * <p>Thread-safe: guarded by its own monitor, which is never held while waiting for anything else. Made on the
 * admitting thread, which builds the registration.
 */
final class Unpublished {

    private enum State { BUILDING, PUBLISHED, FAILED, WITHDRAWN }

    private State state = State.BUILDING;
    /** The thread that admitted it, and builds it. */
    private final Thread builder = Thread.currentThread();

    /** The registration is stored: whoever waits reads it from the store. */
    synchronized void published() {
        state = State.PUBLISHED;
        notifyAll();
    }

    /** Building it failed: whoever waits gives up the book's lock until the place is withdrawn. */
    synchronized void failed() {
        state = State.FAILED;
        notifyAll();
    }

    /** The book no longer holds its place: as if it had never been admitted. */
    synchronized void withdrawn() {
        state = State.WITHDRAWN;
        notifyAll();
    }

    /**
     * Waits while it is being built. May be called while holding the event's lock: building needs no lock.
     *
     * @return whether it was published; {@code false} when the admission failed
     */
    synchronized boolean awaitBuilt() {
        if (state == State.BUILDING && Thread.currentThread() == builder) {
            throw new IllegalStateException("a notification plan read the store about the registration it announces;"
                    + " plans must not read the store");
        }
        boolean interrupted = false;
        try {
            while (state == State.BUILDING) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return state == State.PUBLISHED;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits, without the event's lock, until the book holds nothing of it any more or it was published. */
    synchronized void awaitSettled() {
        boolean interrupted = false;
        try {
            while (state == State.BUILDING || state == State.FAILED) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Thrown where a unit of work under the event's lock meets a registration whose admission failed: the unit of
     * work is undone, the lock let go, and it is tried again once the book has withdrawn that registration's place.
     */
    static final class Withdrawing extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /** The registration being withdrawn. */
        final transient Unpublished registration;

        Withdrawing(Unpublished registration) {
            super("a registration's admission failed; its place is being withdrawn", null, false, false);
            this.registration = registration;
        }
    }
}
