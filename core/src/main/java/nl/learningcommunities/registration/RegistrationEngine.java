package nl.learningcommunities.registration;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import nl.learningcommunities.registration.application.EventDirectory;
import nl.learningcommunities.registration.application.Housekeeping;
import nl.learningcommunities.registration.application.Organising;
import nl.learningcommunities.registration.application.Registrations;
import nl.learningcommunities.registration.application.internal.Context;
import nl.learningcommunities.registration.application.internal.EventUseCases;
import nl.learningcommunities.registration.application.internal.HousekeepingUseCases;
import nl.learningcommunities.registration.application.internal.OrganiserUseCases;
import nl.learningcommunities.registration.application.internal.ParticipantUseCases;
import nl.learningcommunities.registration.application.Instrumentation;
import nl.learningcommunities.registration.booking.DomainEventListener;
import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.event.EventCatalogue;
import nl.learningcommunities.registration.notification.NotificationOutbox;
import nl.learningcommunities.registration.token.TokenGenerator;

/**
 * The library's entry point: an engine wired explicitly to the host's event catalogue, registration store,
 * notification outbox and clock. Its use cases are grouped by who uses them: {@link #registrations()} for
 * participants, {@link #organising()} for organisers, {@link #events()} for the event directory, and
 * {@link #housekeeping()} for periodic work.
 *
 * <pre>{@code
 * InMemoryStorage storage = InMemoryStorage.create();
 * RegistrationEngine engine = RegistrationEngine.builder()
 *         .eventCatalogue(InMemoryEventCatalogue.create())
 *         .registrationStore(storage)
 *         .notificationOutbox(storage)
 *         .clock(Clock.systemDefaultZone())
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe: build one per application and share it. Several engines (one per application node) may share
 * one store; the store guarantees that seats are never overbooked. The engine starts no threads: the host runs
 * {@link #housekeeping()} and the mail dispatcher on its own schedule.
 */
public final class RegistrationEngine {

    private static final ValidatorFactory VALIDATION = Validation.byProvider(HibernateValidator.class).configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();

    private final Registrations registrations;
    private final Organising organising;
    private final EventDirectory events;
    private final Housekeeping housekeeping;

    private RegistrationEngine(Context context) {
        this.registrations = new ParticipantUseCases(context);
        this.organising = new OrganiserUseCases(context);
        this.events = new EventUseCases(context);
        this.housekeeping = new HousekeepingUseCases(context);
    }

    /** @return a builder; every port but the token generator must be given */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the participant's use cases */
    public Registrations registrations() {
        return registrations;
    }

    /** @return the organiser's use cases */
    public Organising organising() {
        return organising;
    }

    /** @return the event directory */
    public EventDirectory events() {
        return events;
    }

    /** @return the periodic work */
    public Housekeeping housekeeping() {
        return housekeeping;
    }

    /** Builds a {@link RegistrationEngine}. Not thread-safe; use it on one thread, then discard it. */
    public static final class Builder {
        private EventCatalogue eventCatalogue;
        private RegistrationStore registrationStore;
        private NotificationOutbox notificationOutbox;
        private Clock clock;
        private TokenGenerator tokenGenerator = TokenGenerator.secureRandom();
        private final List<DomainEventListener> listeners = new ArrayList<>();
        private Instrumentation instrumentation = Instrumentation.none();

        private Builder() {
        }

        /**
         * @param eventCatalogue where the events are
         * @return this builder
         */
        public Builder eventCatalogue(EventCatalogue eventCatalogue) {
            this.eventCatalogue = Objects.requireNonNull(eventCatalogue, "eventCatalogue");
            return this;
        }

        /**
         * @param registrationStore where registrations are stored and seats claimed
         * @return this builder
         */
        public Builder registrationStore(RegistrationStore registrationStore) {
            this.registrationStore = Objects.requireNonNull(registrationStore, "registrationStore");
            return this;
        }

        /**
         * @param notificationOutbox the outbox the store writes into (usually the same adapter object)
         * @return this builder
         */
        public Builder notificationOutbox(NotificationOutbox notificationOutbox) {
            this.notificationOutbox = Objects.requireNonNull(notificationOutbox, "notificationOutbox");
            return this;
        }

        /**
         * @param clock the source of the current moment
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param tokenGenerator the source of personal-link tokens (default: 256 bits of {@code SecureRandom})
         * @return this builder
         */
        public Builder tokenGenerator(TokenGenerator tokenGenerator) {
            this.tokenGenerator = Objects.requireNonNull(tokenGenerator, "tokenGenerator");
            return this;
        }

        /**
         * @param listener told of every domain event, after the change is stored
         * @return this builder
         */
        public Builder listener(DomainEventListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @param instrumentation how the host measures registration outcomes and seat claims (default: not at all)
         * @return this builder
         */
        public Builder instrumentation(Instrumentation instrumentation) {
            this.instrumentation = Objects.requireNonNull(instrumentation, "instrumentation");
            return this;
        }

        /**
         * @return the engine
         * @throws NullPointerException naming the first port that was not given
         */
        public RegistrationEngine build() {
            Objects.requireNonNull(eventCatalogue, "eventCatalogue");
            Objects.requireNonNull(registrationStore, "registrationStore");
            Objects.requireNonNull(notificationOutbox, "notificationOutbox");
            Objects.requireNonNull(clock, "clock");
            Validator validator = VALIDATION.getValidator();
            return new RegistrationEngine(new Context(eventCatalogue, registrationStore, notificationOutbox, clock,
                    tokenGenerator, listeners, validator, instrumentation));
        }
    }
}
