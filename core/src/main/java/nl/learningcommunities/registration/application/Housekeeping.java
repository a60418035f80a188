package nl.learningcommunities.registration.application;

/**
 * The work nobody should have to remember, to be run periodically by the host (every few minutes is fine, on
 * any or every node): offers that lapsed pass to the next in line, unverified registrations expire, and
 * personal data past its event's retention period is erased. Idempotent and thread-safe.
 */
public interface Housekeeping {

    /** @return what was done */
    HousekeepingReport run();
}
