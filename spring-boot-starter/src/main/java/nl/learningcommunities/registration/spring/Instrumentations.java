package nl.learningcommunities.registration.spring;

import java.util.List;
import java.util.function.Supplier;

import nl.learningcommunities.registration.application.Instrumentation;
import nl.learningcommunities.registration.application.RegistrationOutcome;

/** Several instrumentations as one: seat claims nest, the first given outermost. Immutable; thread-safe. */
final class Instrumentations implements Instrumentation {

    private final List<Instrumentation> all;

    private Instrumentations(List<Instrumentation> all) {
        this.all = List.copyOf(all);
    }

    static Instrumentation of(List<Instrumentation> all) {
        if (all.isEmpty()) {
            return Instrumentation.none();
        }
        return all.size() == 1 ? all.get(0) : new Instrumentations(all);
    }

    @Override
    public <T> T seatClaim(String eventId, int people, Supplier<T> claim) {
        Supplier<T> nested = claim;
        for (int i = all.size() - 1; i >= 0; i--) {
            Instrumentation each = all.get(i);
            Supplier<T> inner = nested;
            nested = () -> each.seatClaim(eventId, people, inner);
        }
        return nested.get();
    }

    @Override
    public void registrationAttempted(String eventId, RegistrationOutcome outcome) {
        all.forEach(each -> each.registrationAttempted(eventId, outcome));
    }
}
