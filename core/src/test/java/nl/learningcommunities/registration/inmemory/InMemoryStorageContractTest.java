package nl.learningcommunities.registration.inmemory;

import nl.learningcommunities.registration.contract.RegistrationStoreContract;

/** The in-memory store passes the store contract. */
class InMemoryStorageContractTest extends RegistrationStoreContract {

    @Override
    protected Storage newStorage() {
        InMemoryStorage storage = InMemoryStorage.create();
        return new Storage(storage, storage);
    }
}
