package nl.learningcommunities.registration.application;

/**
 * What one housekeeping run did.
 *
 * @param offersLapsed          offers that lapsed and passed on
 * @param promoted              registrations promoted or offered a seat
 * @param verificationsExpired  unverified registrations cancelled
 * @param registrationsErased   registrations whose personal data was erased for retention
 * @param remindersQueued       reminders queued for confirmed participants
 * @param digestsQueued         daily digests queued for organisers
 */
public record HousekeepingReport(int offersLapsed, int promoted, int verificationsExpired, int registrationsErased,
                                 int remindersQueued, int digestsQueued) {
}
