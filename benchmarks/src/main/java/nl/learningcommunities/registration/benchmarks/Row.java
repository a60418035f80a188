package nl.learningcommunities.registration.benchmarks;

/**
 * One measured row. {@code overbooked} (confirmed beyond an event's capacity, summed over the events), {@code lost}
 * (accepted requests with no stored registration) and {@code emptySeats} (seats left free on an event while people
 * wait on its waiting list without an offer, summed over the events) must be 0, and {@code confirmed} must equal
 * the capacity where demand exceeds it.
 */
record Row(String scenario, String store, String strategy, int clients, int registrants, int capacity, int events,
           double throughputPerSecond, double p50Millis, double p99Millis, long confirmed, long waitlisted,
           long overbooked, long lost, long emptySeats, Double heapMegabytes, boolean correct, String note) {

    /**
     * How the events of a row stand afterwards, each event checked on its own and the results summed.
     *
     * @param confirmed  registrations holding a seat (confirmed, and waitlisted with an outstanding offer)
     * @param waitlisted registrations on a waiting list without an offer
     * @param overbooked seats held beyond each event's capacity
     * @param emptySeats per event {@code min(capacity - seat holders, waiting without an offer)}: seats nobody holds
     *                   while someone waits for one (with automatic promotion a freed seat goes to the first in
     *                   line at once, with offers it is held by an offer; either way it is never left empty)
     */
    record Tally(long confirmed, long waitlisted, long overbooked, long emptySeats) {

        static final Tally NONE = new Tally(0, 0, 0, 0);

        /**
         * @param capacity   the event's seats; negative for unlimited
         * @param seated     registrations holding a seat
         * @param waiting    registrations waiting without an offer
         * @return one event's tally
         */
        static Tally ofEvent(long capacity, long seated, long waiting) {
            if (capacity < 0) {
                return new Tally(seated, waiting, 0, waiting);
            }
            return new Tally(seated, waiting, Math.max(0, seated - capacity),
                    Math.min(Math.max(0, capacity - seated), waiting));
        }

        Tally plus(Tally other) {
            return new Tally(confirmed + other.confirmed, waitlisted + other.waitlisted,
                    overbooked + other.overbooked, emptySeats + other.emptySeats);
        }
    }

    static Row measured(String scenario, String store, String strategy, int clients, int registrants, int capacity,
                        int events, Load.Result result, Tally tally, String note) {
        return measured(scenario, store, strategy, clients, registrants, capacity, events, result, tally,
                Math.max(0, result.accepted() - (tally.confirmed() + tally.waitlisted())), note);
    }

    /** @param lost accepted requests whose registration is not stored, where the caller can tell exactly */
    static Row measured(String scenario, String store, String strategy, int clients, int registrants, int capacity,
                        int events, Load.Result result, Tally tally, long lost, String note) {
        long totalCapacity = (long) capacity * events;
        long confirmed = tally.confirmed();
        long overbooked = Math.max(tally.overbooked(), Math.max(0, confirmed - totalCapacity));
        boolean full = registrants > totalCapacity;
        boolean correct = overbooked == 0 && lost == 0 && tally.emptySeats() == 0 && result.errors() == 0
                && (!full || confirmed == totalCapacity);
        return new Row(scenario, store, strategy, clients, registrants, capacity, events, result.throughput(),
                result.p50Millis(), result.p99Millis(), confirmed, tally.waitlisted(), overbooked, lost,
                tally.emptySeats(), null, correct,
                result.errors() == 0 ? note : (note + " " + result.errors() + " requests failed").strip());
    }
}
