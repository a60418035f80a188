package nl.learningcommunities.registration.inmemory.violation;

import nl.learningcommunities.registration.application.Registrations;

/** Breaks the architecture on purpose, so that a test can prove the rules notice. Test code only. */
public final class AdapterCallingAUseCase {

    /**
     * @param registrations a use case an adapter must not call
     * @return it
     */
    public Object breakRules(Registrations registrations) {
        return registrations;
    }
}
