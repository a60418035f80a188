package nl.learningcommunities.registration.event;

/** How the organiser hears of new registrations. */
public enum OrganiserNotifications {
    /** A message per new registration. */
    PER_REGISTRATION,
    /** One message a day with the day's registrations. */
    DAILY_DIGEST,
    /** None; the organiser looks at the lists. */
    NONE
}
