package nl.learningcommunities.registration.benchmarks;



import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.h2.jdbcx.JdbcDataSource;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.inmemory.InMemoryEventCatalogue;
import nl.learningcommunities.registration.inmemory.InMemoryStorage;
import nl.learningcommunities.registration.jdbc.JdbcStorage;
import nl.learningcommunities.registration.xlsx.XlsxExport;

/**
 * The heap after 100,000 in-memory registrations, and exports of 100,000 from H2, as CSV and as XLSX, in a 256 MB
 * heap.
 */
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
                stored, 0, 0, registrants - stored, 0, heap, stored == registrants,
                "heap held by the store and outbox, after GC");
    }

    /**
     * Runs {@link #main} in a child JVM with -Xmx256m: one H2 database of {@code registrations}, exported as CSV,
     * then as XLSX.
     *
     * @return the CSV row, then the XLSX row
     */
    static List<Row> exportsIn256Mb(int registrations) throws Exception {
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
        Files.deleteIfExists(result);
        boolean ok = ended && child.exitValue() == 0 && lines.size() == 6;
        double peak = ok ? Double.parseDouble(lines.get(5)) : 0;
        long csvRows = ok ? Long.parseLong(lines.get(0)) : 0;
        double csvSeconds = ok ? Double.parseDouble(lines.get(1)) : 0;
        long xlsxRows = ok ? Long.parseLong(lines.get(2)) : 0;
        double xlsxSeconds = ok ? Double.parseDouble(lines.get(3)) : 0;
        double xlsxMegabytes = ok ? Long.parseLong(lines.get(4)) / (1024.0 * 1024.0) : 0;
        String failed = "the export did not finish in 256 MB";
        return List.of(
                new Row("memory", "h2", "library-csv-export", 1, registrations, 0, 1, ok ? csvRows / csvSeconds : 0,
                        0, 0, csvRows, 0, 0, registrations - csvRows, 0, peak, ok && csvRows == registrations,
                        ok ? "streamed to the end in a JVM capped at the heap shown (-Xmx256m)" : failed),
                new Row("memory", "h2", "library-xlsx-export", 1, registrations, 0, 1,
                        ok ? xlsxRows / xlsxSeconds : 0, 0, 0, xlsxRows, 0, 0, registrations - xlsxRows, 0, peak,
                        ok && xlsxRows == registrations, ok ? String.format(Locale.ROOT, "fastexcel, the same JVM and"
                                + " database after the CSV; rows counted in the %.1f MB file written", xlsxMegabytes)
                                : failed));
    }

    /**
     * Child JVM: fill H2 with registrations, export them as CSV and then as XLSX (each warmed up on the first 5,000
     * before), report for each the rows and seconds, the size of the XLSX file, and the heap cap.
     */
    public static void main(String[] args) throws Exception {
        int registrations = Integer.parseInt(args[0]);
        Path result = Path.of(args[1]);
        Path directory = Files.createTempDirectory("registration-export");
        JdbcDataSource h2 = new JdbcDataSource();
        // Kept open between connections, as a host's pool keeps it; without it H2 closes and rewrites the
        // database file whenever the last connection closes.
        h2.setURL("jdbc:h2:file:" + directory.resolve("db") + ";DB_CLOSE_DELAY=-1");
        JdbcStorage storage = JdbcStorage.builder(h2).build();
        storage.migrate();
        RegistrationEngine engine = RegistrationEngine.builder().eventCatalogue(storage.eventCatalogue())
                .registrationStore(storage).notificationOutbox(storage).clock(Library.CLOCK).build();
        engine.events().publish(Library.event("export", registrations));
        fill(h2, registrations);
        RegistrationQuery all = RegistrationQuery.all("export");
        RegistrationQuery firstFew = new RegistrationQuery("export", Set.of(), Optional.empty(), 0, 5_000);
        Path xlsx = directory.resolve("export.xlsx");
        XlsxExport export = XlsxExport.create();

        engine.organising().exportCsv(firstFew, new CountingWriter());
        writeXlsx(engine, export, firstFew, xlsx);

        CountingWriter csv = new CountingWriter();
        long began = System.nanoTime();
        engine.organising().exportCsv(all, csv);
        double csvSeconds = (System.nanoTime() - began) / 1e9;

        began = System.nanoTime();
        writeXlsx(engine, export, all, xlsx);
        double xlsxSeconds = (System.nanoTime() - began) / 1e9;
        long xlsxRows = rowsIn(xlsx) - 1;
        long xlsxBytes = Files.size(xlsx);
        Files.delete(xlsx);

        double cap = Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0);
        Files.write(result, List.of(String.valueOf(csv.lines - 1), String.valueOf(csvSeconds),
                String.valueOf(xlsxRows), String.valueOf(xlsxSeconds), String.valueOf(xlsxBytes),
                String.valueOf(cap)), StandardCharsets.UTF_8);

        // The database of 100,000 registrations is about 500 MB on disk: do not leave it behind.
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void writeXlsx(RegistrationEngine engine, XlsxExport export, RegistrationQuery query, Path file)
            throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            export.write(engine.organising(), query, out);
        }
    }

    /**
     * The rows in the workbook's first sheet, header included, read from its XML as a stream. Through the zip's
     * central directory: Java 17's {@code ZipInputStream} cannot read the Zip64 data descriptors of a streamed
     * workbook (JDK-8303866, fixed in Java 21).
     */
    private static long rowsIn(Path xlsx) throws IOException {
        byte[] tag = "<row ".getBytes(StandardCharsets.US_ASCII);
        try (ZipFile zip = new ZipFile(xlsx.toFile());
             InputStream in = new BufferedInputStream(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")),
                     1 << 16)) {
            long rows = 0;
            int matched = 0;
            for (int b = in.read(); b != -1; b = in.read()) {
                matched = b == tag[matched] ? matched + 1 : (b == tag[0] ? 1 : 0);
                if (matched == tag.length) {
                    rows++;
                    matched = 0;
                }
            }
            return rows;
        }
    }

    /** Counts the lines written and keeps nothing. */
    private static final class CountingWriter extends Writer {
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
