package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.learningcommunities.registration.rule.Messages;
import nl.learningcommunities.registration.rule.Reason;

/**
 * A newcomer on a fresh machine: the README's run command starts the packaged portal in an empty folder, with
 * nothing configured; within 60 seconds it answers {@code /actuator/health}, shows the demo programme, and a
 * registration arrives as an {@code .eml} file with its calendar invite. The start-up log names the organiser's
 * username beside the generated password and says nothing that would worry a newcomer; stopped as a service
 * manager stops it (SIGTERM), the portal logs no stack trace. And the quickstart, run twice, tells the same
 * story in one language, in a folder of its own.
 */
class NewcomerIT {

    private static final String RUN = "java -jar examples/portal/target/registration-portal.jar";
    private static final Pattern LOGIN = Pattern.compile("username (\\S+), password (\\S+)");
    private static final Pattern FLYWAY_OR_H2 = Pattern.compile("(?i)flyway|\\bH2\\b");
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at \\S+\\(");

    @TempDir
    Path folder;

    private Process portal;

    @AfterEach
    void stop() throws InterruptedException {
        if (portal != null) {
            portal.descendants().forEach(ProcessHandle::destroy);
            portal.destroy();
            if (!portal.waitFor(20, TimeUnit.SECONDS)) {
                portal.destroyForcibly();
            }
        }
    }

    @Test
    void the_readme_run_command_brings_the_portal_up_on_embedded_defaults() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("portal.readme")), StandardCharsets.UTF_8);
        assertThat(readme).as("the README's run command").contains(
                "mvn -B -q -pl examples/portal -am -DskipTests -Dquick package && " + RUN);
        assertThat(readme).as("the README names the organiser's username beside the generated password")
                .contains("username `organisator`");
        assertThat(readme).as("the README's one line for PostgreSQL")
                .containsPattern("REGISTRATION_DATASOURCE_URL=\\S*jdbc:postgresql://.* " + Pattern.quote(RUN));
        Path jar = Path.of(System.getProperty("portal.jar"));
        int port = freePort();
        Path log = folder.resolve("portal.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("REGISTRATION_") || name.startsWith("SPRING_"));
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        portal = builder.start();
        Api api = Api.at(port);

        Awaitility.await("GET /actuator/health answers 200").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> api.get("/actuator/health").status() == 200);

        assertThat(api.get("/api/events").json().valueStream().map(e -> e.get("id").asString()))
                .containsExactly("brede-bijeenkomst-2027-06-09");
        Map<String, Object> body = ApiContract.registrant("Nieuwkomer");
        body.put("answers", Map.of("board-representative", false));
        body.put("invitationCode", "LC-BREED-2027");
        Api.Response registered = api.post("/api/events/brede-bijeenkomst-2027-06-09/registrations", body);
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        Path mail = folder.resolve("data").resolve("mail");
        Awaitility.await("the confirmation as an .eml file").atMost(Duration.ofSeconds(30))
                .until(() -> emlFiles(mail).stream().anyMatch(NewcomerIT::hasCalendarInvite));
        assertThat(folder.resolve("data")).isDirectoryContaining(path -> path.getFileName().toString()
                .startsWith("portal"));

        String running = Files.readString(log);
        Matcher login = LOGIN.matcher(running);
        assertThat(login.find()).as("a start-up line 'username …, password …' in%n%s", running).isTrue();
        assertThat(login.group(1)).as("the organiser's username").isEqualTo("organisator");
        assertThat(api.as(login.group(1), login.group(2)).get("/api/admin/imports/latest").status())
                .as("the logged username and password let the organiser in").isEqualTo(200);
        assertThat(running.lines().filter(line -> line.contains(" WARN ") && FLYWAY_OR_H2.matcher(line).find()))
                .as("no warning about the versions of Flyway and H2").isEmpty();
        assertThat(running).as("ical4j finds its settings").doesNotContain("ical4j.properties");
        assertThat(running).doesNotContain("Exception");

        portal.destroy(); // SIGTERM, as systemd or docker stop send it
        assertThat(portal.waitFor(30, TimeUnit.SECONDS)).as("the portal stops within 30 s of SIGTERM").isTrue();
        String shutdown = Files.readString(log).substring(running.length());
        assertThat(shutdown).as("the shutdown log").doesNotContain("Exception").doesNotContain(" ERROR ")
                .doesNotContainPattern(STACK_FRAME);
    }

    @Test
    void the_quickstart_runs_twice_with_the_same_story_in_english_in_a_folder_of_its_own() throws Exception {
        Path classes = Path.of(System.getProperty("quickstart.classes"));
        Path dependencies = Path.of(System.getProperty("quickstart.classpath"));
        if (!Files.isDirectory(classes) || !Files.isRegularFile(dependencies)) {
            notBuilt("the quickstart is not built (no " + dependencies + "): mvn -B verify builds it before the"
                    + " portal; alone, mvn -B -q -f examples/quickstart/pom.xml package");
        }
        String classpath = classes + File.pathSeparator + Files.readString(dependencies).strip();

        String first = quickstart(classpath);
        String second = quickstart(classpath);

        assertThat(second).as("the second run tells the first one's story").isEqualTo(first);
        String english = Reason.of("eligibility.role").message(Messages.ENGLISH);
        String dutch = Reason.of("eligibility.role").message(Messages.DUTCH);
        assertThat(first).as("one language (English), and the place in line")
                .contains("Tom: refused: " + english, "Sanne: waiting list, place 1 in line")
                .doesNotContain(dutch);
        assertThat(folder.resolve("data")).as("never the portal's ./data").doesNotExist();
        Path mail = folder.resolve("target").resolve("quickstart").resolve("mail");
        assertThat(emlFiles(mail)).as("the e-mails of the last run alone").isNotEmpty();
        assertThat(first).contains(emlFiles(mail).size() + " e-mails, in the participants' language (Dutch),"
                + " written to " + mail.toRealPath());
    }

    /** Runs the quickstart's main in the test's folder, as {@code java -cp … Quickstart}; its standard output. */
    private String quickstart(String classpath) throws IOException, InterruptedException {
        Path out = Files.createTempFile(folder, "quickstart", ".out");
        Path err = Files.createTempFile(folder, "quickstart", ".err");
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classpath, "nl.learningcommunities.registration.examples.quickstart.Quickstart")
                .directory(folder.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!run.waitFor(120, TimeUnit.SECONDS)) {
            run.destroyForcibly();
            throw new AssertionError("the quickstart did not finish within 120 s: " + Files.readString(err));
        }
        assertThat(run.exitValue()).as("the quickstart's exit code; standard error:%n%s", Files.readString(err))
                .isZero();
        return Files.readString(out);
    }

    private static void notBuilt(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(why + ": with CI=true the quickstart must be tested");
        }
        System.err.println("[registration-tests] " + why + ": the quickstart's newcomer test is skipped");
        Assumptions.abort(why);
    }

    private static List<Path> emlFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".eml")).toList();
        }
    }

    private static boolean hasCalendarInvite(Path eml) {
        try {
            return Files.readString(eml, StandardCharsets.UTF_8).contains("text/calendar");
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
