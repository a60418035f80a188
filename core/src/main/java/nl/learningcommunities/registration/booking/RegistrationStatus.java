package nl.learningcommunities.registration.booking;

/** Where a registration stands. */
public enum RegistrationStatus {
    /** Waiting for the participant to confirm their address from the e-mailed link. Holds no seat. */
    PENDING_VERIFICATION,
    /** Waiting for an organiser's approval. Holds no seat. */
    PENDING_APPROVAL,
    /** Has a seat. */
    CONFIRMED,
    /** On the waiting list; holds a seat only while an offer stands. */
    WAITLISTED,
    /** Cancelled by the participant or an organiser, or lapsed. */
    CANCELLED,
    /** Rejected by an organiser. */
    REJECTED;

    /** @return whether the registration still counts: it blocks another registration with the same address */
    public boolean isActive() {
        return this != CANCELLED && this != REJECTED;
    }
}
