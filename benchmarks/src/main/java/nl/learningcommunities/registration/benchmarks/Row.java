package nl.learningcommunities.registration.benchmarks;

/**
 * One measured row. {@code overbooked} (confirmed beyond capacity) and {@code lost} (accepted requests with no
 * stored registration) must be 0, and {@code confirmed} must equal the capacity where demand exceeds it.
 */
record Row(String scenario, String store, String strategy, int clients, int registrants, int capacity, int events,
           double throughputPerSecond, double p50Millis, double p99Millis, long confirmed, long waitlisted,
           long overbooked, long lost, Double heapMegabytes, boolean correct, String note) {

    static Row measured(String scenario, String store, String strategy, int clients, int registrants, int capacity,
                        int events, Load.Result result, long confirmed, long waitlisted, String note) {
        long totalCapacity = (long) capacity * events;
        long overbooked = Math.max(0, confirmed - totalCapacity);
        long lost = Math.max(0, result.accepted() - (confirmed + waitlisted));
        boolean full = registrants > totalCapacity;
        boolean correct = overbooked == 0 && lost == 0 && result.errors() == 0
                && (!full || confirmed == totalCapacity);
        return new Row(scenario, store, strategy, clients, registrants, capacity, events, result.throughput(),
                result.p50Millis(), result.p99Millis(), confirmed, waitlisted, overbooked, lost, null, correct,
                result.errors() == 0 ? note : (note + " " + result.errors() + " requests failed").strip());
    }
}
