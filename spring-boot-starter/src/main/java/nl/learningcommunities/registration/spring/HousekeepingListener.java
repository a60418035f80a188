package nl.learningcommunities.registration.spring;

import java.time.Duration;

import nl.learningcommunities.registration.application.HousekeepingReport;

/**
 * Told of each scheduled housekeeping run, for metrics: the starter's Micrometer metrics implement it, and an
 * application may add its own bean. Called on the scheduler's thread; implementations must be thread-safe and
 * quick, and an exception thrown here is logged and ignored.
 */
public interface HousekeepingListener {

    /**
     * A run finished.
     *
     * @param report what it did
     * @param took   how long it took
     */
    void completed(HousekeepingReport report, Duration took);

    /**
     * A run failed; the next scheduled run tries again.
     *
     * @param failure what went wrong
     * @param took    how long it ran before it failed
     */
    void failed(RuntimeException failure, Duration took);
}
