package nl.learningcommunities.registration.mail;

import java.util.Objects;

/** What became of one message handed to a {@link Mailer}. */
public sealed interface DeliveryResult {

    /** The mail server accepted the message. */
    record Delivered() implements DeliveryResult {
    }

    /**
     * Not delivered now; worth trying again (connection refused or lost, time-out, a 4xx answer).
     *
     * @param answer what the server or the network said
     */
    record TemporaryFailure(String answer) implements DeliveryResult {
        /** Checks the component. */
        public TemporaryFailure {
            Objects.requireNonNull(answer, "answer");
        }
    }

    /**
     * Not deliverable (a 5xx answer, an address the server refuses).
     *
     * @param answer what the server said
     */
    record PermanentFailure(String answer) implements DeliveryResult {
        /** Checks the component. */
        public PermanentFailure {
            Objects.requireNonNull(answer, "answer");
        }
    }
}
