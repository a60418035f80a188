package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Password guessing is throttled on the login form and on HTTP Basic, per client address and per user name, with
 * the portal's default of five failures; the right password never counts, and the answer does not tell whether a
 * user name exists. The portal runs behind a reverse proxy on this machine here, so that each guess can come from
 * a client of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "registration.datasource.url=jdbc:h2:mem:portal-login-throttle;DB_CLOSE_DELAY=-1",
        "registration.events.location=target/test-classes/test-events",
        "registration.admin.password=throttle-wachtwoord",
        "server.forward-headers-strategy=native",
        "server.tomcat.remoteip.internal-proxies=127.0.0.0/8, ::1/128",
        "registration.mail.interval=1h",
        "registration.mail.directory=target/test-mail"})
class LoginThrottleTest {

    private static final String ADMIN_LIST = "/api/admin/events/full-meeting/registrations";

    @LocalServerPort
    int port;

    @Test
    void wrong_passwords_on_the_login_form_lock_out_the_client_address_whatever_user_names_it_tries() {
        FormClient guesser = FormClient.at(port).from("203.0.113.60");
        guesser.get("/organiser/login");

        List<Api.Response> guesses = IntStream.range(0, 5).mapToObj(i -> guesser.post("/organiser/login",
                Map.of("username", "gast" + i, "password", "fout"))).toList();
        Api.Response sixth = guesser.post("/organiser/login", Map.of("username", "gast6", "password", "fout"));
        Api.Response encoded = guesser.post("/organiser/logi%6e", Map.of("username", "gast7", "password", "fout"));
        FormClient other = FormClient.at(port).from("203.0.113.61");
        other.get("/organiser/login");
        Api.Response elsewhere = other.post("/organiser/login", Map.of("username", "gast8", "password", "fout"));

        assertThat(guesses).allSatisfy(guess -> {
            assertThat(guess.status()).isEqualTo(302);
            assertThat(guess.raw().headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/organiser/login?error"));
        });
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.text()).contains("Te vaak geprobeerd in te loggen");
        assertThat(sixth.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(encoded.status()).isEqualTo(429);
        assertThat(elsewhere.status()).isEqualTo(302);
    }

    @Test
    void wrong_passwords_for_one_user_name_lock_it_out_from_every_address() {
        List<Integer> guesses = IntStream.range(0, 5).mapToObj(i -> {
            FormClient guesser = FormClient.at(port).from("198.51.100." + (70 + i));
            guesser.get("/organiser/login");
            return guesser.post("/organiser/login", Map.of("username", "Beheerder", "password", "fout" + i)).status();
        }).toList();
        FormClient next = FormClient.at(port).from("198.51.100.79");
        next.get("/organiser/login");

        Api.Response locked = next.post("/organiser/login", Map.of("username", " beheerder ", "password", "fout"));

        assertThat(guesses).containsOnly(302);
        assertThat(locked.status()).isEqualTo(429);
    }

    @Test
    void right_passwords_never_count_wrong_basic_ones_are_throttled_too_and_an_unknown_name_is_answered_alike() {
        List<String> rightOnTheForm = IntStream.range(0, 6).mapToObj(i -> FormClient.at(port).from("203.0.113.90")
                .logIn("organisator", "throttle-wachtwoord", "/organiser").raw().headers().firstValue("Location")
                .orElse("")).toList();
        Api organiser = Api.at(port).from("203.0.113.90").as("organisator", "throttle-wachtwoord");
        List<Integer> rightOnes = IntStream.range(0, 6).mapToObj(i -> organiser.get(ADMIN_LIST).status()).toList();

        List<Integer> wrongForOrganiser = IntStream.range(0, 5).mapToObj(i -> Api.at(port)
                .from("203.0.113." + (100 + i)).as("organisator", "fout").get(ADMIN_LIST).status()).toList();
        Api.Response rightWhileLocked = Api.at(port).from("203.0.113.110").as("organisator", "throttle-wachtwoord")
                .get(ADMIN_LIST);
        List<Integer> wrongForNobody = IntStream.range(0, 5).mapToObj(i -> Api.at(port)
                .from("203.0.113." + (120 + i)).as("niemand", "fout").get(ADMIN_LIST).status()).toList();
        Api.Response nobodyLocked = Api.at(port).from("203.0.113.130").as("niemand", "fout").get(ADMIN_LIST);

        assertThat(rightOnTheForm).allSatisfy(location -> assertThat(location).endsWith("/organiser"));
        assertThat(rightOnes).containsOnly(200);
        assertThat(wrongForOrganiser).containsOnly(401);
        assertThat(wrongForNobody).containsOnly(401);
        assertThat(rightWhileLocked.status()).isEqualTo(429);
        assertThat(ApiContract.codes(rightWhileLocked)).containsExactly("login.throttled");
        assertThat(nobodyLocked.status()).isEqualTo(429);
        assertThat(nobodyLocked.text()).isEqualTo(rightWhileLocked.text());
        assertThat(nobodyLocked.raw().headers().firstValue("Retry-After")).isPresent();
    }
}
