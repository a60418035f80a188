package nl.learningcommunities.registration.inmemory;

import nl.learningcommunities.registration.contract.EventLifecycleContract;

/** The in-memory store and catalogue pass the event lifecycle contract; a restart keeps the same objects. */
class InMemoryEventLifecycleTest extends EventLifecycleContract {

    @Override
    protected Node newNode() {
        InMemoryStorage storage = InMemoryStorage.create();
        return new Node(storage, storage, InMemoryEventCatalogue.create());
    }
}
