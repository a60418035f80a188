package nl.learningcommunities.registration.spring;

import java.util.UUID;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import nl.learningcommunities.registration.booking.RegistrationStore;

/** UP when the store answers a lookup by key (which reaches the library's own tables). Thread-safe. */
final class StoreHealthIndicator extends AbstractHealthIndicator {

    private static final UUID NOBODY = new UUID(0, 0);

    private final RegistrationStore store;

    StoreHealthIndicator(RegistrationStore store) {
        super("The registration store does not answer");
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        store.find(NOBODY);
        builder.up();
    }
}
