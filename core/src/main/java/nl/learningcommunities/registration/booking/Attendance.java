package nl.learningcommunities.registration.booking;

/** Whether a participant came. */
public enum Attendance {
    /** Not recorded. */
    UNKNOWN,
    /** Came. */
    ATTENDED,
    /** Did not come. */
    NO_SHOW
}
