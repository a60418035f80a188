package nl.learningcommunities.registration.event;

/** Where an event stands in its life, as its organisers decided. */
public enum EventStatus {
    /** Registration follows the event's registration window. */
    OPEN,
    /** An organiser closed registration; it can be reopened. */
    CLOSED,
    /** The event was cancelled; its participants were told. Final. */
    CANCELLED
}
