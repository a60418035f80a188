package nl.learningcommunities.registration.token;

/** What a secret link token lets its holder do. */
public enum TokenPurpose {
    /** View, change or cancel the registration (the personal manage link). */
    MANAGE,
    /** Confirm the e-mail address (double opt-in). */
    VERIFY_EMAIL,
    /**
     * Confirm a new address the participant changed to from their personal link: the registration moves to it only
     * when this token is used, before it expires.
     */
    VERIFY_NEW_EMAIL
}
