package nl.learningcommunities.registration.benchmarks;



import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.inmemory.InMemoryEventCatalogue;
import nl.learningcommunities.registration.inmemory.InMemoryStorage;
import nl.learningcommunities.registration.jdbc.JdbcStorage;

/** The heap after 100,000 in-memory registrations, and a CSV export of 100,000 from H2 in a 256 MB heap. */
final class MemoryBenchmark {

    static Row inMemoryHeap(int registrants) throws Exception {
        InMemoryStorage storage = InMemoryStorage.create();
        RegistrationEngine engine = RegistrationEngine.builder().eventCatalogue(InMemoryEventCatalogue.create())
                .registrationStore(storage).notificationOutbox(storage).clock(Library.CLOCK).build();
        engine.events().publish(Library.event("memory", registrants));
        long before = usedAfterGc();
        long began = System.nanoTime();
        for (int n = 0; n < registrants; n++) {
            engine.registrations().register(RegisterCommand.of("memory", new ParticipantDetails("Deelnemer",
                    "Nummer " + n, "p" + n + "@bench.example.org", "Organisatie " + (n % 700), "projectleider", "hbo",
                    Locale.forLanguageTag("nl"))));
        }
        double throughput = registrants / ((System.nanoTime() - began) / 1e9);
        double heap = (usedAfterGc() - before) / (1024.0 * 1024.0);
        long stored = storage.counts("memory").confirmed();
        return new Row("memory", "in-memory", "library-heap", 1, registrants, registrants, 1, throughput, 0, 0,
                stored, 0, 0, registrants - stored, heap, stored == registrants,
                "heap held by the store and outbox, after GC");
    }

    /** Runs {@link #exportInSmallHeap} in a child JVM with -Xmx256m. */
    static Row csvExportIn256Mb(int registrations) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        Path result = Files.createTempFile("registration-export", ".txt");
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", classPath, MemoryBenchmark.class.getName(),
                String.valueOf(registrations), result.toString()).inheritIO().start();
        boolean ended = child.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            child.destroyForcibly();
        }
        List<String> lines = Files.exists(result) ? Files.readAllLines(result) : List.of();
        boolean ok = ended && child.exitValue() == 0 && lines.size() == 3;
        long rows = ok ? Long.parseLong(lines.get(0)) : 0;
        double seconds = ok ? Double.parseDouble(lines.get(1)) : 0;
        double peak = ok ? Double.parseDouble(lines.get(2)) : 0;
        return new Row("memory", "h2", "library-csv-export", 1, registrations, 0, 1, ok ? rows / seconds : 0, 0, 0,
                rows, 0, 0, registrations - rows, peak, ok && rows == registrations,
                ok ? "streamed to the end in a JVM capped at the heap shown (-Xmx256m)" : "the export did not finish in 256 MB");
    }

    /** Child JVM: fill H2 with registrations, export them as CSV, report rows, seconds and peak heap. */
    public static void main(String[] args) throws Exception {
        int registrations = Integer.parseInt(args[0]);
        Path result = Path.of(args[1]);
        JdbcDataSource h2 = new JdbcDataSource();
        // Kept open between connections, as a host's pool keeps it; without it H2 closes and rewrites the
        // database file whenever the last connection closes.
        h2.setURL("jdbc:h2:file:" + Files.createTempDirectory("registration-export").resolve("db") + ";DB_CLOSE_DELAY=-1");
        JdbcStorage storage = JdbcStorage.builder(h2).build();
        storage.migrate();
        RegistrationEngine engine = RegistrationEngine.builder().eventCatalogue(storage.eventCatalogue())
                .registrationStore(storage).notificationOutbox(storage).clock(Library.CLOCK).build();
        engine.events().publish(Library.event("export", registrations));
        fill(h2, registrations);
        class Counting extends Writer {
            long lines;

            @Override
            public void write(char[] buffer, int offset, int length) {
                for (int i = offset; i < offset + length; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        }
        Counting out = new Counting();
        long began = System.nanoTime();
        engine.organising().exportCsv(RegistrationQuery.all("export"), out);
        double seconds = (System.nanoTime() - began) / 1e9;
        double cap = Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0);
        Files.write(result, List.of(String.valueOf(out.lines - 1), String.valueOf(seconds), String.valueOf(cap)),
                StandardCharsets.UTF_8);
    }

    /** Writes registrations straight into the store's tables, as version 2 of the schema lays them out. */
    private static void fill(JdbcDataSource h2, int registrations) throws Exception {
        long now = Library.CLOCK.instant().toEpochMilli() * 1000;
        try (Connection c = h2.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement r = c.prepareStatement("INSERT INTO lcr_registrations (id, event_id, status,"
                    + " given_name, family_name, email, email_key, active_email_key, organisation, organisation_key,"
                    + " role, sector, locale, answers, attendance, created_at, updated_at, erased, version)"
                    + " VALUES (?, 'export', 'CONFIRMED', 'Deelnemer', ?, ?, ?, ?, ?, ?, 'projectleider', 'hbo', 'nl',"
                    + " '{}', 'UNKNOWN', ?, ?, FALSE, 1)");
                 PreparedStatement h = c.prepareStatement("INSERT INTO lcr_status_history (registration_id, seq,"
                         + " to_status, at, actor, reason) VALUES (?, 0, 'CONFIRMED', ?, 'participant', 'registered')")) {
                for (int n = 0; n < registrations; n++) {
                    String id = UUID.randomUUID().toString();
                    String email = "p" + n + "@bench.example.org";
                    r.setString(1, id);
                    r.setString(2, "Nummer " + n);
                    r.setString(3, email);
                    r.setString(4, email);
                    r.setString(5, email);
                    r.setString(6, "Organisatie " + (n % 700));
                    r.setString(7, "organisatie " + (n % 700));
                    r.setLong(8, now + n);
                    r.setLong(9, now + n);
                    r.addBatch();
                    h.setString(1, id);
                    h.setLong(2, now + n);
                    h.addBatch();
                    if (n % 1000 == 999) {
                        r.executeBatch();
                        h.executeBatch();
                    }
                }
                r.executeBatch();
                h.executeBatch();
            }
            c.commit();
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private MemoryBenchmark() {
    }

}
