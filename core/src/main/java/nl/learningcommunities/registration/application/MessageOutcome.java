package nl.learningcommunities.registration.application;

import java.util.List;

import nl.learningcommunities.registration.rule.Reason;

/** What became of an organiser's message to participants. */
public sealed interface MessageOutcome {

    /**
     * The message was queued for each recipient.
     *
     * @param recipients how many
     */
    record Queued(int recipients) implements MessageOutcome {
    }

    /**
     * Nothing was queued: a field is missing or too long ({@code field.required}, {@code field.too-long} on
     * {@code subject} or {@code body}), or the event is unknown ({@code event.unknown} on {@code eventId}).
     *
     * @param reasons why
     */
    record Invalid(List<Reason> reasons) implements MessageOutcome {
        /** Copies the reasons. */
        public Invalid {
            reasons = List.copyOf(reasons);
        }
    }
}
