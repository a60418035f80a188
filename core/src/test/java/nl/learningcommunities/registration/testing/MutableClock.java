package nl.learningcommunities.registration.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until a test moves it. Thread-safe. */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private MutableClock(Instant now, ZoneId zone) {
        this.now = new AtomicReference<>(now);
        this.zone = zone;
    }

    /**
     * @param now the moment it shows
     * @return a clock in Europe/Amsterdam
     */
    public static MutableClock at(Instant now) {
        return new MutableClock(now, ZoneId.of("Europe/Amsterdam"));
    }

    /**
     * @param duration how far to move
     */
    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }

    /**
     * @param instant where to stand
     */
    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new MutableClock(now.get(), zone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
