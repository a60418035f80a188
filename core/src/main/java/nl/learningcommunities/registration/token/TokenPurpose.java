package nl.learningcommunities.registration.token;

/** What a secret link token lets its holder do. */
public enum TokenPurpose {
    /** View, change or cancel the registration (the personal manage link). */
    MANAGE,
    /** Confirm the e-mail address (double opt-in). */
    VERIFY_EMAIL
}
