package nl.learningcommunities.registration.application;

import java.util.Objects;

import nl.learningcommunities.registration.event.LocalizedText;

/**
 * A message an organiser writes to an event's participants, in Dutch and English; each participant gets it in
 * their own language, through the outbox like every other message.
 *
 * <p>Immutable and thread-safe.
 *
 * @param eventId  the event
 * @param audience who gets it
 * @param subject  the subject per language (at most 200 characters)
 * @param body     the text per language, plain text (at most 10,000 characters)
 */
public record ParticipantMessage(String eventId, Audience audience, LocalizedText subject, LocalizedText body) {

    /** The longest subject accepted. */
    public static final int MAX_SUBJECT = 200;

    /** The longest text accepted. */
    public static final int MAX_BODY = 10_000;

    /** Checks the components. */
    public ParticipantMessage {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }

    /** Who an organiser's message goes to. */
    public enum Audience {
        /** The confirmed participants (an offered seat counts as waiting). */
        CONFIRMED,
        /** Those on the waiting list, with or without a standing offer. */
        WAITING,
        /** Both. */
        CONFIRMED_AND_WAITING
    }
}
