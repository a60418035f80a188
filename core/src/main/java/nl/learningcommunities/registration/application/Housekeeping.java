package nl.learningcommunities.registration.application;

/**
 * The work nobody should have to remember, to be run periodically by the host (every few minutes is fine, on
 * any or every node): offers that lapsed pass to the next in line, unverified registrations expire, confirmed
 * participants get their reminder once the event's {@code reminderBefore} is reached, organisers who chose a
 * daily digest get it once a day from 17:00 (the event's time zone), and personal data past its event's
 * retention period is erased. Idempotent and thread-safe.
 */
public interface Housekeeping {

    /** @return what was done */
    HousekeepingReport run();
}
