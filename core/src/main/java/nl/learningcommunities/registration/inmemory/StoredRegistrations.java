package nl.learningcommunities.registration.inmemory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import nl.learningcommunities.registration.booking.Registration;

/**
 * Every stored registration by id and by address, for all events. A registration an event's book names may still
 * be being built outside the book's lock ({@link Unpublished}); reading it through its book waits for it.
 *
 * <p>Thread-safe: concurrent maps; a registration is replaced only under its event's lock, or published once by the
 * thread that admitted it.
 */
final class StoredRegistrations {

    private final Map<UUID, Registration> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<UUID>> byEmail = new ConcurrentHashMap<>();

    /** Stores a registration's new state. */
    void commit(Registration registration) {
        byId.put(registration.id(), registration);
        byEmail.computeIfAbsent(registration.participant().email().key(), k -> ConcurrentHashMap.newKeySet())
                .add(registration.id());
    }

    /** @return the stored registration, or empty; one still being built is not stored yet */
    Optional<Registration> find(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** @return the stored registrations with an address, oldest first */
    List<Registration> withEmail(String emailKey) {
        return byEmail.getOrDefault(emailKey, Set.of()).stream().map(byId::get).filter(Objects::nonNull)
                .filter(r -> r.participant().email().key().equals(emailKey))
                .sorted(Comparator.comparing(Registration::createdAt)).toList();
    }

    /**
     * Under the book's lock: a registration the book names, waiting while it is being built (which needs no lock).
     *
     * @param book the event's book, whose lock the caller holds
     * @param id   a registration the book names
     * @return the registration
     * @throws Unpublished.Withdrawing when its admission failed: the caller undoes its work and lets go of the lock
     */
    Registration named(EventBook book, UUID id) {
        Unpublished unpublished = book.unpublished.get(id);
        if (unpublished != null && !unpublished.awaitBuilt()) {
            throw new Unpublished.Withdrawing(unpublished);
        }
        return byId.get(id);
    }

    /**
     * Without the book's lock: a registration the book named, waiting while it is being built.
     *
     * @param book the event's book
     * @param id   a registration the book named
     * @return the registration; null when its admission failed
     */
    Registration namedOrNone(EventBook book, UUID id) {
        Unpublished unpublished = book.unpublished.get(id);
        return unpublished != null && !unpublished.awaitBuilt() ? null : byId.get(id);
    }
}
