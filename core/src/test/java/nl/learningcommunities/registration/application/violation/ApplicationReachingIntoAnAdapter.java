package nl.learningcommunities.registration.application.violation;

import nl.learningcommunities.registration.inmemory.InMemoryStorage;

/** Breaks the architecture on purpose, so that a test can prove the rules notice. Test code only. */
public final class ApplicationReachingIntoAnAdapter {

    /** @return an adapter, made where only ports belong */
    public Object breakRules() {
        return InMemoryStorage.create();
    }
}
