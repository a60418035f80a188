package nl.learningcommunities.registration.booking;

/**
 * Port: told of every domain event after the change that caused it is stored (for audit trails, webhooks,
 * statistics). Called on the thread of the use case, after its unit of work; an exception it throws is logged
 * and does not undo or fail the use case. Implementations must be thread-safe and quick: hand slow work to a
 * queue of your own. For delivery that must survive a crash, read the notification outbox instead.
 */
@FunctionalInterface
public interface DomainEventListener {

    /**
     * @param event what happened
     */
    void on(DomainEvent event);
}
