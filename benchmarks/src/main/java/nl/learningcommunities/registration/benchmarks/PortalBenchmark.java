package nl.learningcommunities.registration.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal's path: the example portal ({@code examples/portal}, a Spring Boot application) started as a child JVM
 * on a store, and registrants sent to its JSON API ({@code POST /api/events/{id}/registrations}) over HTTP/1.1 with
 * keep-alive, from the JDK's {@link HttpClient}. Afterwards the store is read back through the portal's admin API
 * (the demo account over HTTP Basic) and every event is checked on its own, as the library's rows are.
 */
final class PortalBenchmark {

    static final String SCENARIO = "portal-http";
    static final String STRATEGY = "portal";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final String ADMIN = "organisator";
    private static final String WARM_UP = "portal-warm-up-";
    private static final int WARM_UP_ROUND = 250;
    private static final int WARM_UP_EVENTS = 40;
    private static final String PREFIX = "bportal_";

    private final Path jar;
    private final Databases database;
    private final int registrants;
    private final int capacity;
    private final Duration warmUp;
    private final int poolSize;
    private List<Integer> clientCounts;
    private List<String> eventIds;
    private Path folder;
    private String password;
    private long began;
    private Child portal;

    /**
     * @param jar         the portal's executable jar
     * @param database    the store the portal runs on
     * @param registrants registrants per measured run, each with an address of their own
     * @param capacity    the hot event's seats
     * @param warmUp      how long the portal is warmed up before anything is measured, with registrants sent to
     *                    events of their own, so that its JIT has compiled the hot paths (the harness warms its own
     *                    JVM the same way)
     * @param poolSize    the portal's connection pool, as large as the library's rows get at the most clients
     */
    PortalBenchmark(Path jar, Databases database, int registrants, int capacity, Duration warmUp, int poolSize) {
        this.jar = jar;
        this.database = database;
        this.registrants = registrants;
        this.capacity = capacity;
        this.warmUp = warmUp;
        this.poolSize = poolSize;
    }

    /**
     * The portal's executable jar: {@code -Dregistration.portal.jar=…} or {@code REGISTRATION_PORTAL_JAR} if set;
     * else {@code examples/portal/target/registration-portal.jar} beside this jar's module in the source tree
     * ({@code benchmarks/target/registration-benchmarks.jar} → {@code ../../examples/portal/target/}), or under the
     * working directory.
     *
     * @return where it is, or empty with the places looked at in {@code looked}
     */
    static Optional<Path> jar(List<Path> looked) {
        String named = Optional.ofNullable(System.getProperty("registration.portal.jar"))
                .orElse(System.getenv("REGISTRATION_PORTAL_JAR"));
        if (named != null && !named.isBlank()) {
            looked.add(Path.of(named));
        } else {
            Path relative = Path.of("examples", "portal", "target", "registration-portal.jar");
            try {
                Path self = Path.of(PortalBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                // …/benchmarks/target/registration-benchmarks.jar, or …/benchmarks/target/classes
                Path root = self.toAbsolutePath().getParent().getParent().getParent();
                if (root != null) {
                    looked.add(root.resolve(relative));
                }
            } catch (URISyntaxException | RuntimeException e) {
                // no code source: fall back to the working directory
            }
            looked.add(relative.toAbsolutePath());
        }
        return looked.stream().filter(Files::isRegularFile).findFirst();
    }

    /**
     * Starts the portal on the store (fresh tables, or a fresh H2 file) without waiting for it; {@link #measure}
     * waits.
     *
     * @param clientCounts the numbers of concurrent clients, one measured run (and event) each
     */
    void start(List<Integer> clientCounts) throws Exception {
        this.clientCounts = List.copyOf(clientCounts);
        folder = Files.createTempDirectory("registration-portal-bench");
        String url;
        if (database == Databases.H2) {
            // The portal's own embedded H2 file, with the same lock timeout as the library's H2 rows.
            url = "jdbc:h2:file:" + folder.resolve("db").resolve("portal") + ";LOCK_TIMEOUT=30000";
        } else {
            url = database.url().orElseThrow();
            dropTables();
        }
        eventIds = new ArrayList<>();
        clientCounts.forEach(k -> eventIds.add("portal-" + k));
        Path events = folder.resolve("events");
        Files.createDirectories(events);
        writeEvents(events.resolve("benchmark.json"), eventIds);
        password = UUID.randomUUID().toString();
        began = System.nanoTime();
        portal = new Child(jar, folder, List.of(
                "--registration.datasource.url=" + url,
                "--registration.datasource.table-prefix=" + PREFIX,
                "--registration.datasource.maximum-pool-size=" + poolSize,
                "--registration.events.location=" + events,
                "--registration.admin.username=" + ADMIN,
                "--registration.admin.password=" + password,
                // One client address sends every registration: its rate limit must not be what is measured.
                "--registration.limits.registrations-per-minute=1000000000",
                // No mail sent and no housekeeping while measuring, as in the library's rows; the outbox fills.
                "--registration.mail.enabled=false",
                "--registration.mail.directory=" + folder.resolve("mail"),
                "--registration.housekeeping.enabled=false",
                "--registration.health.outbox-max-pending=1000000000"));
    }

    /**
     * Waits for the portal started by {@link #start}, warms it up, measures one hot event per number of clients,
     * and stops it.
     *
     * @return one row per run
     */
    List<Row> measure() throws Exception {
        List<Row> rows = new ArrayList<>();
        try {
            List<String> ready = new ArrayList<>(List.of("/actuator/health", "/api/events/" + WARM_UP + 1,
                    "/api/events/" + WARM_UP + WARM_UP_EVENTS));
            eventIds.forEach(id -> ready.add("/api/events/" + id));
            portal.awaitReady(ready);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            Api api = new Api(http, portal.base(), ADMIN, password);
            long started = System.nanoTime();
            String warmed = warmUp(api);
            System.out.printf(Locale.ROOT, "  (portal on %s: up after %.1f s, warmed up for %.1f s: %s)%n",
                    database.label, (started - began) / 1e9, (System.nanoTime() - started) / 1e9, warmed);
            for (int i = 0; i < clientCounts.size(); i++) {
                int clients = clientCounts.get(i);
                String eventId = eventIds.get(i);
                String[] accepted = new String[registrants];
                Load.Result result = Load.run(clients, registrants, n -> api.register(eventId, n, accepted));
                Row row = check(api, eventId, clients, result, accepted);
                Benchmarks.progress(row);
                rows.add(row);
            }
        } finally {
            close();
        }
        return rows;
    }

    /** Stops the portal if it runs, and removes its tables and files. */
    void close() throws Exception {
        if (portal == null) {
            return;
        }
        portal.close();
        portal = null;
        if (database != Databases.H2) {
            dropTables();
        }
        delete(folder);
    }

    /**
     * Sends rounds of {@value #WARM_UP_ROUND} registrants from 64 clients until the warm-up time has passed, each
     * round to the next of {@value #WARM_UP_EVENTS} events of the measured event's proportions (as many seats per
     * registrant). Several events: the portal answers a waitlisted registrant with the place in line counted at
     * that moment, which costs more the longer the line, so one warm-up event would grow slower round by round
     * while the JIT makes the portal faster.
     *
     * @return the rounds' rates, for the log
     */
    private String warmUp(Api api) throws InterruptedException {
        long deadline = System.nanoTime() + warmUp.toNanos();
        List<Long> rates = new ArrayList<>();
        int errors = 0;
        for (int round = 0; System.nanoTime() < deadline; round++) {
            String eventId = WARM_UP + (round % WARM_UP_EVENTS + 1);
            int offset = round / WARM_UP_EVENTS * WARM_UP_ROUND;
            Load.Result result = Load.run(64, WARM_UP_ROUND, n -> api.register(eventId, offset + n, null));
            errors += result.errors();
            rates.add(Math.round(result.throughput()));
        }
        String shown = rates.size() <= 8 ? rates.toString() : rates.subList(0, 4) + "…" + rates.subList(
                rates.size() - 4, rates.size());
        return rates.size() + " rounds of " + WARM_UP_ROUND + " at " + shown + " registrations/s"
                + (errors == 0 ? "" : "; " + errors + " requests failed");
    }

    /** Reads the event's registrations back through the admin API and checks them as the library's rows are. */
    private Row check(Api api, String eventId, int clients, Load.Result result, String[] accepted)
            throws IOException, InterruptedException {
        JsonNode stored = api.registrations(eventId);
        long seated = 0;
        long waiting = 0;
        Set<String> active = new HashSet<>();
        for (JsonNode registration : stored.valueStream().toList()) {
            String status = registration.get("status").asString();
            JsonNode offer = registration.get("offerExpiresAt");
            boolean offered = offer != null && !offer.isNull();
            switch (status) {
                case "CONFIRMED" -> seated++;
                case "WAITLISTED" -> {
                    if (offered) {
                        seated++;
                    } else {
                        waiting++;
                    }
                }
                default -> {
                }
            }
            if (!status.equals("CANCELLED") && !status.equals("REJECTED")) {
                active.add(registration.get("registrationId").asString());
            }
        }
        long lost = Stream.of(accepted).filter(id -> id != null && !active.contains(id)).count();
        return Row.measured(SCENARIO, database.label, STRATEGY, clients, registrants, capacity, 1, result,
                Row.Tally.ofEvent(capacity, seated, waiting), lost,
                String.format(Locale.ROOT, "Spring Boot portal in a child JVM, warmed up for %d s; JSON API over"
                        + " HTTP/1.1 keep-alive; checked through its admin API", warmUp.toSeconds()));
    }

    /** One event definition per measured run and one per warm-up round: the rush's event, open now, no questions. */
    private void writeEvents(Path file, List<String> eventIds) throws IOException {
        ZonedDateTime now = ZonedDateTime.now(Library.AMSTERDAM).truncatedTo(ChronoUnit.HOURS);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int round = 1; round <= WARM_UP_EVENTS; round++) {
            events.add(event(WARM_UP + round, (int) Math.max(1, (long) WARM_UP_ROUND * capacity / registrants), now));
        }
        for (String id : eventIds) {
            events.add(event(id, capacity, now));
        }
        Files.writeString(file, JSON.writeValueAsString(Map.of("events", events)), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> event(String id, int capacity, ZonedDateTime now) {
        ZonedDateTime starts = now.plusDays(31).withHour(13);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("title", Map.of("nl", "Learning Communities in hbo en mbo", "en", "Learning Communities in hbo and mbo"));
        event.put("description", Map.of("nl", "Online brede bijeenkomst", "en", "Broad online meeting"));
        event.put("contact", Map.of("name", "Melina Groen", "organisation", "MBO Raad",
                "email", "melina.groen@example.org"));
        event.put("format", "ONLINE");
        event.put("onlineLink", "https://meet.example.org/lc");
        event.put("startsAt", starts.format(ISO));
        event.put("endsAt", starts.plusHours(4).format(ISO));
        event.put("registrationWindow", Map.of("opensAt", now.minusDays(1).format(ISO),
                "closesAt", now.plusDays(30).format(ISO)));
        event.put("capacity", capacity);
        event.put("waitingList", true);
        event.put("anonymousRegistration", true);
        event.put("emailVerification", false);
        event.put("approval", "AUTOMATIC");
        event.put("organiserNotifications", "NONE");
        return event;
    }

    private void dropTables() throws Exception {
        try (HikariDataSource pool = database.pool(1, "portal-tables")) {
            Databases.dropTables(pool, PREFIX);
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The portal's JSON API, as a client with its own front end calls it. */
    private static final class Api {
        private final HttpClient http;
        private final URI base;
        private final String authorization;

        Api(HttpClient http, URI base, String username, String password) {
            this.http = http;
            this.base = base;
            this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                    (username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        /** Registers participant {@code n}; a 201 is what counts, anything else is a failed request. */
        Load.Kind register(String eventId, int n, String[] accepted) throws IOException, InterruptedException {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("givenName", "Deelnemer");
            body.put("familyName", "Nummer " + n);
            body.put("email", "p" + n + "@bench.example.org");
            body.put("organisation", "Organisatie " + (n % 700));
            body.put("role", "projectleider");
            body.put("sector", "hbo");
            body.put("locale", "nl");
            body.put("privacyConsent", true);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/events/" + eventId
                            + "/registrations")).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
            }
            JsonNode created = JSON.readTree(response.body());
            if (accepted != null) {
                accepted[n] = created.get("registrationId").asString();
            }
            return switch (created.get("status").asString()) {
                case "CONFIRMED" -> Load.Kind.CONFIRMED;
                case "WAITLISTED" -> Load.Kind.WAITLISTED;
                default -> throw new IOException("registered as " + created.get("status").asString());
            };
        }

        /** Every registration of the event, from the admin API. */
        JsonNode registrations(String eventId) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/admin/events/"
                            + eventId + "/registrations")).timeout(Duration.ofSeconds(120))
                    .header("Accept", "application/json").header("Authorization", authorization).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("the admin API answered HTTP " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }

        int status(String path) {
            try {
                return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).GET()
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    /**
     * The portal in a JVM of its own ({@code java -jar}, the same Java as this one), on a free port of the loopback
     * address, its output in a log file that is printed when it does not come up.
     */
    private static final class Child implements AutoCloseable {
        private final Path jar;
        private final Path folder;
        private final List<String> settings;
        private int attempt;
        private Process process;
        private Path log;
        private Thread reaper;
        private URI base;

        /** Launches the portal; {@link #awaitReady} waits for it and launches it again when it did not come up. */
        Child(Path jar, Path folder, List<String> settings) throws IOException {
            this.jar = jar;
            this.folder = folder;
            this.settings = settings;
            launch();
        }

        URI base() {
            return base;
        }

        private void launch() throws IOException {
            attempt++;
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // -Dregistration.portal.java-options="-XX:StartFlightRecording=…": the child's JVM options, to profile it
            String options = System.getProperty("registration.portal.java-options", "").strip();
            if (!options.isEmpty()) {
                command.addAll(List.of(options.split("\\s+")));
            }
            command.addAll(List.of("-jar", jar.toString(), "--server.address=127.0.0.1", "--server.port=" + port,
                    "--spring.main.banner-mode=off"));
            command.addAll(settings);
            log = folder.resolve("portal-" + attempt + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            // The settings above are the portal's only ones: none from this shell's environment.
            builder.environment().keySet().removeIf(name -> name.startsWith("REGISTRATION_")
                    || name.startsWith("SPRING_") || name.startsWith("SERVER_"));
            process = builder.start();
            Process started = process;
            reaper = new Thread(started::destroyForcibly, "portal-reaper");
            Runtime.getRuntime().addShutdownHook(reaper);
            base = URI.create("http://127.0.0.1:" + port);
        }

        /**
         * Waits until every path answers 200 ({@code /actuator/health}, then the imported events); a portal that
         * ends or does not answer within 180 s is shown (the end of its log) and launched again, three times in all
         * (the free port it was given may have been taken meanwhile).
         */
        void awaitReady(List<String> paths) throws Exception {
            while (true) {
                try {
                    awaitOnce(paths);
                    return;
                } catch (IllegalStateException e) {
                    System.err.println("the portal did not come up (attempt " + attempt + "): " + e.getMessage());
                    System.err.println(tail(40));
                    close();
                    if (attempt >= 3) {
                        throw e;
                    }
                    launch();
                }
            }
        }

        private void awaitOnce(List<String> paths) throws InterruptedException {
            HttpClient probe = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Api api = new Api(probe, base, "", "");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            for (String path : paths) {
                while (api.status(path) != 200) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the portal ended with exit code " + process.exitValue());
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no 200 from " + path + " within 180 s");
                    }
                    Thread.sleep(100);
                }
            }
        }

        String tail(int lines) {
            try {
                List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
            } catch (IOException | RuntimeException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }

        /** SIGTERM, as a service manager stops it; forcibly after 30 s. */
        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }
}
