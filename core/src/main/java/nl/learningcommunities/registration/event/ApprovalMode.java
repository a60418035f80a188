package nl.learningcommunities.registration.event;

/** Whether registrations need an organiser's approval before they claim a seat. */
public enum ApprovalMode {
    /** Registrations claim a seat (or a waiting-list place) at once. */
    AUTOMATIC,
    /** Registrations wait in {@code PENDING_APPROVAL}; approval claims the seat. */
    ORGANISER
}
