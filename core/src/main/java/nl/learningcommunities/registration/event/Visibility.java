package nl.learningcommunities.registration.event;

/** Who may see an event in lists. */
public enum Visibility {
    /** Listed for everyone. */
    PUBLIC,
    /** Not listed; reached through an invitation (link or code). Eligibility should then include an invitation rule. */
    INVITATION_ONLY
}
