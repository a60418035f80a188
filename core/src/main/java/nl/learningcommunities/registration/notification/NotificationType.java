package nl.learningcommunities.registration.notification;

/** The messages the library sends. */
public enum NotificationType {
    /** To the participant: you have a seat (with calendar invite and, for online events, the link). */
    CONFIRMATION,
    /** To the participant: you are on the waiting list. */
    WAITLISTED,
    /** To the participant: a seat came free and is yours. */
    PROMOTED,
    /** To the participant: a seat is offered to you until a deadline. */
    WAITLIST_OFFER,
    /** To the participant: your registration awaits the organiser's approval. */
    PENDING_APPROVAL,
    /** To the participant: the organiser approved your registration. */
    APPROVED,
    /** To the participant: the organiser rejected your registration. */
    REJECTED,
    /** To the participant: confirm your address with this link. */
    VERIFY_EMAIL,
    /** To the participant: your registration is cancelled. */
    CANCELLATION,
    /** To the participant: your details or sessions changed. */
    DETAILS_CHANGED,
    /**
     * To a new address a participant changed to from their personal link: confirm it with this link; the
     * registration moves to it only then. Carries the verification link, no personal link, and no name (the
     * recipient name is empty): nothing in it was typed by the person who asked for the change.
     */
    VERIFY_NEW_EMAIL,
    /**
     * To the participant's current address: a change to another address was asked for, which takes effect once it
     * is confirmed from that address. Names the new address only masked ({@code data.newAddress}, as
     * {@link nl.learningcommunities.registration.participant.EmailAddress#masked()}).
     */
    EMAIL_CHANGE_REQUESTED,
    /** To the participant: a seat in a session you were waiting for is yours. */
    SESSION_SEATED,
    /** To the participant: the event is near. */
    REMINDER,
    /** To a participant: the event's time, place, online link or format changed (confirmed: with an updated invite). */
    EVENT_CHANGED,
    /** To a participant: the event was cancelled, with the organiser's reason (confirmed: with a calendar cancel). */
    EVENT_CANCELLED,
    /** To a participant: a message the organiser wrote to the event's participants. */
    ORGANISER_MESSAGE,
    /** To an invitee: you are invited. */
    INVITATION,
    /** To the organiser: a new registration. */
    ORGANISER_NEW_REGISTRATION,
    /** To the organiser: the day's registrations. */
    ORGANISER_DIGEST;

    /** @return whether the message goes to the organiser rather than a participant */
    public boolean toOrganiser() {
        return this == ORGANISER_NEW_REGISTRATION || this == ORGANISER_DIGEST;
    }
}
