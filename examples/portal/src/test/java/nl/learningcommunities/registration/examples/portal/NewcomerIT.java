package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer on a fresh machine: the README's run command starts the packaged portal in an empty folder, with
 * nothing configured; within 60 seconds it answers {@code /actuator/health}, shows the demo programme, and a
 * registration arrives as an {@code .eml} file with its calendar invite.
 */
class NewcomerIT {

    private static final String RUN = "java -jar examples/portal/target/registration-portal.jar";

    @TempDir
    Path folder;

    private Process portal;

    @AfterEach
    void stop() throws InterruptedException {
        if (portal != null) {
            portal.descendants().forEach(ProcessHandle::destroy);
            portal.destroy();
            if (!portal.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                portal.destroyForcibly();
            }
        }
    }

    @Test
    void the_readme_run_command_brings_the_portal_up_on_embedded_defaults() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("portal.readme")), StandardCharsets.UTF_8);
        assertThat(readme).as("the README's run command").contains(
                "mvn -B -q -pl examples/portal -am -DskipTests -Dquick package && " + RUN);
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
        assertThat(Files.readString(log)).contains("logs in this time with the generated password")
                .doesNotContain("Exception");
        assertThat(folder.resolve("data")).isDirectoryContaining(path -> path.getFileName().toString()
                .startsWith("portal"));
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
