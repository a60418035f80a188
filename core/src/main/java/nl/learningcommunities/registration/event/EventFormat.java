package nl.learningcommunities.registration.event;

/** Where an event takes place. */
public enum EventFormat {
    /** Online only: confirmed participants get the meeting link. */
    ONLINE,
    /** At a venue. */
    ON_SITE,
    /** At a venue, and online for who cannot come. */
    HYBRID
}
