package nl.learningcommunities.registration.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import nl.learningcommunities.registration.inmemory.InMemoryEventCatalogue;
import nl.learningcommunities.registration.inmemory.InMemoryStorage;
import nl.learningcommunities.registration.jdbc.JdbcStorage;
import nl.learningcommunities.registration.mail.MailStreams;

/**
 * The registration rush, measured: {@code java -jar registration-benchmarks.jar [--quick]}. Prints a Markdown
 * table, writes {@code benchmarks/target/results.json}, and exits non-zero when a row fails its own correctness
 * check (overbooked, lost, seats left empty while someone waits, or fewer confirmed than capacity where demand
 * exceeded it).
 */
public final class Benchmarks {

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private final boolean quick;
    private final int registrants;
    private final int capacity;
    private final List<Row> rows = new ArrayList<>();

    private Benchmarks(boolean quick) {
        this.quick = quick;
        this.registrants = quick ? 5_000 : 20_000;
        this.capacity = quick ? 500 : 1_000;
    }

    public static void main(String[] args) throws Exception {
        MailStreams.nameTheProvider();
        boolean quick = List.of(args).contains("--quick");
        // --only=mail (or memory, export, in-memory, h2, postgresql, mariadb, portal): one part, for profiling;
        // export is the CSV and XLSX exports alone, without the rest of memory; portal is the example portal over
        // HTTP, beside the library in-process on the same store
        String only = List.of(args).stream().filter(a -> a.startsWith("--only=")).map(a -> a.substring(7))
                .findFirst().orElse("");
        long began = System.nanoTime();
        Benchmarks run = new Benchmarks(quick);
        run.warmUp();
        if (only.isEmpty() || only.equals("in-memory")) {
            run.inMemory();
        }
        for (Databases database : Databases.values()) {
            if (!only.isEmpty() && !only.equals(database.label)) {
                continue;
            }
            if (database.url().isEmpty()) {
                System.out.println("(" + database.label + " left out: " + (database == Databases.POSTGRESQL
                        ? "REGISTRATION_TEST_POSTGRES_URL" : "REGISTRATION_TEST_MARIADB_URL") + " is not set)");
                continue;
            }
            run.database(database);
        }
        if (only.isEmpty() || only.equals("portal")) {
            if (!run.portal() && only.equals("portal")) {
                System.exit(2);
            }
        }
        if (only.isEmpty() || only.equals("mail")) {
            run.rows.addAll(MailBenchmark.run(2_000));
        }
        if (only.isEmpty() || only.equals("memory")) {
            run.rows.add(MemoryBenchmark.inMemoryHeap(100_000));
        }
        if (only.isEmpty() || only.equals("memory") || only.equals("export")) {
            run.rows.addAll(MemoryBenchmark.exportsIn256Mb(100_000));
        }
        double minutes = (System.nanoTime() - began) / 60e9;

        String table = run.table(minutes);
        System.out.println(table);
        Path target = Path.of("benchmarks", "target");
        Files.createDirectories(target);
        JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Files.writeString(target.resolve("results.json"), json.writeValueAsString(run.rows));
        Files.writeString(target.resolve("results.md"), table);
        long failed = run.rows.stream().filter(r -> !r.correct()).count();
        if (failed > 0) {
            System.out.println(failed + " row(s) failed their correctness check");
            System.exit(1);
        }
    }

    /**
     * Lets the JIT compile the hot paths before anything is measured: small rushes first, then a full-size rush
     * and spread in memory. Without the latter the in-memory rows measured the compiler as much as the store, each
     * row faster than the one before it whatever it measured (the first rush at half the speed of the same rush
     * measured last).
     */
    private void warmUp() throws Exception {
        for (int round = 0; round < 3; round++) {
            Library library = new Library(memoryNodes(1), 1, 500);
            Load.run(16, 5_000, library::register);
        }
        for (int events : List.of(1, 100)) {
            Library library = new Library(memoryNodes(1), events, capacity);
            Load.run(64, 50_000, library::register);
        }
    }

    /**
     * In memory a rush of the quick run's 5,000 registrants is over in a fifth of a second, too short to tell the
     * store from the JIT and the collector; both runs measure 50,000 there.
     */
    private void inMemory() throws Exception {
        int many = Math.max(registrants, 50_000);
        for (int clients : List.of(16, 64)) {
            rows.add(library("rush", "in-memory", clients, 1, 1, memoryNodes(1), many, capacity));
        }
        rows.add(library("rush-two-nodes", "in-memory", 64, 1, 2, memoryNodes(2), many, capacity));
        rows.add(library("spread", "in-memory", 64, 100, 1, memoryNodes(1), many, capacity));
    }

    private List<Library.Node> memoryNodes(int count) {
        InMemoryStorage storage = InMemoryStorage.create();
        InMemoryEventCatalogue catalogue = InMemoryEventCatalogue.create();
        List<Library.Node> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(new Library.Node(storage, storage, catalogue));
        }
        return nodes;
    }

    private void database(Databases database) throws Exception {
        List<Integer> clients = quick ? List.of(64) : List.of(16, 64);
        for (int k : List.of(16, 64)) {
            rows.add(onDatabase(database, "rush", k, 1, 1));
        }
        rows.add(onDatabase(database, "rush-two-nodes", 64, 1, 2));
        for (int k : clients) {
            rows.add(onDatabase(database, "spread", k, 100, 1));
        }
        for (SqlBaseline.Strategy strategy : SqlBaseline.Strategy.values()) {
            for (int k : clients) {
                rows.add(baseline(database, strategy, k));
            }
        }
    }

    private Row onDatabase(Databases database, String scenario, int clients, int events, int nodes) throws Exception {
        return onDatabase(database, scenario, clients, events, nodes, registrants, capacity);
    }

    private Row onDatabase(Databases database, String scenario, int clients, int events, int nodes, int registrants,
                           int capacity) throws Exception {
        String prefix = "b" + PREFIXES.incrementAndGet() + "_";
        List<HikariDataSource> pools = new ArrayList<>();
        try {
            List<Library.Node> libraryNodes = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                HikariDataSource pool = database.pool(clients / nodes + 2, scenario + "-" + i);
                pools.add(pool);
                JdbcStorage storage = JdbcStorage.builder(pool).tablePrefix(prefix).historyTable(prefix + "history")
                        .build();
                if (i == 0) {
                    storage.migrate();
                }
                libraryNodes.add(new Library.Node(storage, storage, storage.eventCatalogue()));
            }
            return library(scenario, database.label, clients, events, nodes, libraryNodes, registrants, capacity);
        } finally {
            Databases.dropTables(pools.get(0), prefix);
            pools.forEach(HikariDataSource::close);
        }
    }

    private Row library(String scenario, String store, int clients, int events, int nodes, List<Library.Node> on)
            throws Exception {
        return library(scenario, store, clients, events, nodes, on, registrants, capacity);
    }

    private Row library(String scenario, String store, int clients, int events, int nodes, List<Library.Node> on,
                        int registrants, int capacity) throws Exception {
        Library library = new Library(on, events, capacity);
        Load.Result result = Load.run(clients, registrants, library::register);
        Row row = Row.measured(scenario, store, "library", clients, registrants, capacity, events, result,
                library.tally(), nodes > 1 ? nodes + " engines, separate pools" : "");
        progress(row);
        return row;
    }

    private Row baseline(Databases database, SqlBaseline.Strategy strategy, int clients) throws Exception {
        String prefix = "b" + PREFIXES.incrementAndGet() + "_";
        try (HikariDataSource pool = database.pool(clients + 2, strategy.label)) {
            try {
                SqlBaseline baseline = new SqlBaseline(pool, database, strategy, prefix, 1, capacity);
                Load.Result result = Load.run(clients, registrants, baseline::register);
                Row row = Row.measured("rush", database.label, strategy.label, clients, registrants, capacity, 1,
                        result, baseline.tally(), database == Databases.H2 && strategy == SqlBaseline.Strategy
                                .SEAT_ROWS ? "H2 has no SKIP LOCKED: plain FOR UPDATE" : "");
                if (strategy == SqlBaseline.Strategy.FLOOR) {
                    row = new Row(row.scenario(), row.store(), row.strategy(), clients, registrants, capacity, 1,
                            row.throughputPerSecond(), row.p50Millis(), row.p99Millis(), row.confirmed(), 0, 0,
                            row.lost(), row.emptySeats(), null, row.lost() == 0 && row.emptySeats() == 0
                            && result.errors() == 0, "no capacity check, by design");
                }
                progress(row);
                return row;
            } finally {
                Databases.dropTables(pool, prefix);
            }
        }
    }

    /**
     * The portal's path: the example portal over HTTP, beside the library in-process on the same store with the
     * same load (scenario {@code portal-http}, strategy {@code library}), measured just before. The full run (and
     * {@code --only=portal}) measures H2 and PostgreSQL at 16 and 64 clients, each portal warmed up for a minute;
     * {@code --quick} only PostgreSQL at 64 clients after 5 s of warm-up, to stay within CI's three minutes: a portal
     * takes 10 s or more to start on 2 cores, and far longer to warm up.
     *
     * @return false when the portal's jar was not found (the part is left out, saying so)
     */
    private boolean portal() throws Exception {
        List<Path> looked = new ArrayList<>();
        Optional<Path> jar = PortalBenchmark.jar(looked);
        if (jar.isEmpty()) {
            System.out.println("(portal left out: no executable jar at " + looked + "; build it with mvn package at"
                    + " the root, or name it with -Dregistration.portal.jar=…)");
            return false;
        }
        long began = System.nanoTime();
        // The rush's proportions (a seat for one registrant in 10, or 20 in the full run) on fewer registrants: the
        // portal answers each waitlisted registrant with its place in line, counted then, so it slows down as the
        // line grows, and 20,000 registrants would take minutes per row.
        int portalRegistrants = quick ? 1_000 : 5_000;
        int portalCapacity = (int) ((long) portalRegistrants * capacity / registrants);
        List<Integer> clients = quick ? List.of(64) : List.of(16, 64);
        List<Databases> stores = quick ? List.of(Databases.POSTGRESQL) : List.of(Databases.H2, Databases.POSTGRESQL);
        Duration warmUp = Duration.ofSeconds(Integer.getInteger("registration.portal.warm-up-seconds",
                quick ? 5 : 60));
        for (Databases database : stores) {
            if (database.url().isEmpty()) {
                System.out.println("(portal on " + database.label + " left out: REGISTRATION_TEST_POSTGRES_URL is not"
                        + " set)");
                continue;
            }
            for (int k : clients) {
                rows.add(onDatabase(database, PortalBenchmark.SCENARIO, k, 1, 1, portalRegistrants, portalCapacity));
            }
            PortalBenchmark portal = new PortalBenchmark(jar.get(), database, portalRegistrants, portalCapacity,
                    warmUp, clients.get(clients.size() - 1) + 2);
            try {
                portal.start(clients);
                rows.addAll(portal.measure());
            } finally {
                portal.close();
            }
        }
        System.out.printf(Locale.ROOT, "  (portal part: %.0f s)%n", (System.nanoTime() - began) / 1e9);
        return true;
    }

    static void progress(Row row) {
        System.out.printf(Locale.ROOT, "  %-15s %-10s %-11s %3d clients %9.0f/s  p99 %7.1f ms%s%n", row.scenario(),
                row.store(), row.strategy(), row.clients(), row.throughputPerSecond(), row.p99Millis(),
                row.correct() ? "" : "  FAILED");
    }

    private String table(double minutes) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n## Registration benchmarks (%s, %.1f min, %d cores, Java %s)%n%n",
                quick ? "--quick" : "full", minutes, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version")));
        out.append("| scenario | store | strategy | clients | registrants | capacity | events | per second | p50 ms"
                + " | p99 ms | confirmed | waitlisted | overbooked | lost | empty seats | heap MB | check |\n");
        out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %d | %d | %.0f | %.1f | %.1f | %d | %d"
                            + " | %d | %d | %d | %s | %s |%n", r.scenario(), r.store(), r.strategy(), r.clients(),
                    r.registrants(), r.capacity(), r.events(), r.throughputPerSecond(), r.p50Millis(), r.p99Millis(),
                    r.confirmed(), r.waitlisted(), r.overbooked(), r.lost(), r.emptySeats(),
                    r.heapMegabytes() == null ? "" : String.format(Locale.ROOT, "%.0f", r.heapMegabytes()),
                    (r.correct() ? "ok" : "FAILED") + (r.note().isEmpty() ? "" : " — " + r.note())));
        }
        out.append("\n### Targets (ratios within this run)\n\n");
        for (String store : List.of("h2", "postgresql", "mariadb")) {
            Optional<Row> hot = find("rush", store, "library", 64);
            Optional<Row> spread = find("spread", store, "library", 64);
            if (hot.isEmpty() || spread.isEmpty()) {
                continue;
            }
            double perSecond = hot.get().throughputPerSecond();
            boolean server = !store.equals("h2");
            double best = rows.stream().filter(r -> r.store().equals(store) && r.clients() == 64
                            && List.of("hot-row", "event-lock", "seat-rows").contains(r.strategy()))
                    .mapToDouble(Row::throughputPerSecond).max().orElse(Double.NaN);
            double hotRow = find("rush", store, "hot-row", 64).map(Row::throughputPerSecond).orElse(Double.NaN);
            double floor = find("rush", store, "floor", 64).map(Row::throughputPerSecond).orElse(Double.NaN);
            target(out, store + ": hot event / spread over 100 events", perSecond
                    / spread.get().throughputPerSecond(), server ? 0.8 : Double.NaN);
            if (server) {
                target(out, store + ": library / best single-row baseline", perSecond / best, 1.5);
            } else {
                target(out, store + ": library / hot-row baseline", perSecond / hotRow, 0.5);
            }
            find("rush-two-nodes", store, "library", 64).ifPresent(two -> target(out, store
                    + ": two nodes / one node, hot event", two.throughputPerSecond() / perSecond, 0.9));
            target(out, store + ": library / floor (no capacity check)", perSecond / floor, Double.NaN);
            if (store.equals("postgresql")) {
                out.append(String.format(Locale.ROOT, "- postgresql: p99 at 64 clients %.1f ms (target < 100 ms): %s%n",
                        hot.get().p99Millis(), hot.get().p99Millis() < 100 ? "met" : "MISSED"));
            }
        }
        Optional<Row> memoryHot = find("rush", "in-memory", "library", 64);
        Optional<Row> memorySpread = find("spread", "in-memory", "library", 64);
        memoryHot.ifPresent(r -> out.append(String.format(Locale.ROOT,
                "- in-memory: %.0f registrations/s at 64 clients (target ≥ 50,000): %s%n", r.throughputPerSecond(),
                r.throughputPerSecond() >= 50_000 ? "met" : "MISSED")));
        if (memoryHot.isPresent() && memorySpread.isPresent()) {
            target(out, "in-memory: hot event / spread over 100 events", memoryHot.get().throughputPerSecond()
                    / memorySpread.get().throughputPerSecond(), 0.9);
        }
        for (Row portal : rows.stream().filter(r -> r.strategy().equals(PortalBenchmark.STRATEGY)).toList()) {
            find(PortalBenchmark.SCENARIO, portal.store(), "library", portal.clients()).ifPresent(l -> {
                target(out, String.format(Locale.ROOT, "%s: portal over HTTP / library in-process, same store and"
                                + " load, %d clients (%.0f/s against %.0f/s; p99 %.1f ms against %.1f ms)",
                        portal.store(), portal.clients(), portal.throughputPerSecond(), l.throughputPerSecond(),
                        portal.p99Millis(), l.p99Millis()), portal.throughputPerSecond() / l.throughputPerSecond(),
                        portal.store().equals("postgresql") ? 0.7 : Double.NaN);
            });
        }
        Optional<Row> dispatch = rows.stream().filter(r -> r.strategy().equals("library-dispatcher")).findFirst();
        Optional<Row> bare = rows.stream().filter(r -> r.strategy().equals("bare-jakarta-mail")).findFirst();
        if (dispatch.isPresent() && bare.isPresent()) {
            target(out, "mail: dispatcher / bare Jakarta Mail", dispatch.get().throughputPerSecond()
                    / bare.get().throughputPerSecond(), 0.7);
        }
        if (quick) {
            out.append(String.format(Locale.ROOT, "- --quick took %.1f min (target ≤ 3): %s%n", minutes,
                    minutes <= 3 ? "met" : "MISSED"));
        }
        return out.toString();
    }

    /** A ratio with its target, or (goal NaN) without one, for the record. */
    private static void target(StringBuilder out, String what, double ratio, double goal) {
        if (Double.isNaN(goal)) {
            out.append(String.format(Locale.ROOT, "- %s: %.2f%n", what, ratio));
            return;
        }
        out.append(String.format(Locale.ROOT, "- %s: %.2f (target ≥ %.2f): %s%n", what, ratio, goal,
                ratio >= goal ? "met" : "MISSED"));
    }

    private Optional<Row> find(String scenario, String store, String strategy, int clients) {
        return rows.stream().filter(r -> r.scenario().equals(scenario) && r.store().equals(store)
                && r.strategy().equals(strategy) && r.clients() == clients).findFirst();
    }
}
