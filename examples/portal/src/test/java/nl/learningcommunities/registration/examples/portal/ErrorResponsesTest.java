package nl.learningcommunities.registration.examples.portal;

import static nl.learningcommunities.registration.examples.portal.ProbeBodies.FORM;
import static nl.learningcommunities.registration.examples.portal.ProbeBodies.MULTIPART;
import static nl.learningcommunities.registration.examples.portal.ProbeBodies.formOf;
import static nl.learningcommunities.registration.examples.portal.ProbeBodies.jsonOf;
import static nl.learningcommunities.registration.examples.portal.ProbeBodies.multipartOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Every error, also those no handler of the API answers, is the friendly page for a browser or problem details
 * with a stable code for the API and for clients that ask for JSON, always with the security headers of a normal
 * answer; a body the container will not read is 413, never 500, with one line in the log.
 */
@ProbedPortal
@TestPropertySource(properties = "registration.datasource.url=jdbc:h2:mem:portal-errors;DB_CLOSE_DELAY=-1")
@ExtendWith(OutputCaptureExtension.class)
class ErrorResponsesTest {

    private static final String REGISTRATIONS = "/api/events/open-meeting/registrations";
    private static final String REGISTER_PAGE = "/events/open-meeting/register";
    private static final Map<String, String> BROWSER = Map.of("Accept",
            "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8", "Accept-Language", "nl");
    private static final Map<String, String> JSON_CLIENT = Map.of("Accept", "application/json",
            "Accept-Language", "en");
    private static final List<String> SECURITY_HEADERS = List.of("Content-Security-Policy", "X-Content-Type-Options",
            "X-Frame-Options", "Referrer-Policy", "Permissions-Policy", "Cache-Control");

    @LocalServerPort
    int port;

    RawHttp http;

    @BeforeEach
    void connect() {
        http = new RawHttp(port);
    }

    @Test
    void a_form_or_multipart_body_past_the_cap_without_a_length_is_refused_with_413_not_500() {
        RawHttp.Response multipartPage = http.send("POST", REGISTER_PAGE, with(BROWSER, "Content-Type", MULTIPART),
                multipartOf(70_000), RawHttp.Framing.CHUNKED);
        RawHttp.Response formPage = http.send("POST", REGISTER_PAGE, with(BROWSER, "Content-Type", FORM),
                formOf(70_000), RawHttp.Framing.CHUNKED);
        RawHttp.Response multipartApi = http.send("POST", REGISTRATIONS, with(JSON_CLIENT, "Content-Type",
                MULTIPART), multipartOf(70_000), RawHttp.Framing.CHUNKED);

        assertThat(multipartPage.status()).isEqualTo(413);
        assertThat(multipartPage.text()).contains("<html lang=\"nl\"", "Het verzoek is te groot.")
                .doesNotContain("Exception", "HTTP Status");
        assertThat(formPage.status()).isEqualTo(413);
        assertThat(formPage.text()).contains("Het verzoek is te groot.");
        assertThat(multipartApi.status()).isEqualTo(413);
        assertThat(codes(multipartApi)).containsExactly("request.too-large");
    }

    @Test
    void a_multipart_body_of_nine_megabytes_without_a_length_is_refused_at_the_cap_with_one_line_in_the_log(
            CapturedOutput output) {
        int before = output.getAll().length();

        RawHttp.Response refused = http.send("POST", REGISTER_PAGE, with(BROWSER, "Content-Type", MULTIPART),
                multipartOf(9_000_000), RawHttp.Framing.CHUNKED);
        String log = output.getAll().substring(before);

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.bodySent()).as("bytes sent before the server closed").isLessThan(9_000_000);
        assertThat(log.lines().filter(line -> line.contains(REGISTER_PAGE))).hasSize(1);
        assertThat(log.lines().filter(line -> line.startsWith("\tat ") || line.startsWith("Caused by"))).isEmpty();
    }

    @Test
    void a_form_of_nine_megabytes_without_a_length_is_refused_at_the_cap_with_one_line_in_the_log(
            CapturedOutput output) {
        int before = output.getAll().length();

        RawHttp.Response refused = http.send("POST", REGISTER_PAGE, with(BROWSER, "Content-Type", FORM),
                formOf(9_000_000), RawHttp.Framing.CHUNKED);
        String log = output.getAll().substring(before);

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.bodySent()).as("bytes sent before the server closed").isLessThan(9_000_000);
        assertThat(log.lines().filter(line -> line.contains(REGISTER_PAGE))).hasSize(1);
        assertThat(log.lines().filter(line -> line.startsWith("\tat ") || line.startsWith("Caused by"))).isEmpty();
    }

    @Test
    void a_form_body_on_put_without_a_length_is_not_read_past_the_cap() {
        RawHttp.Response response = http.send("PUT", "/api/admin/events/open-meeting/capacity",
                with(JSON_CLIENT, "Content-Type", FORM), formOf(70_000), RawHttp.Framing.CHUNKED);

        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void wrong_methods_and_media_types_are_problem_details_with_a_stable_code_for_the_api() {
        RawHttp.Response method = http.send("PUT", "/api/events", JSON_CLIENT);
        RawHttp.Response mediaType = http.send("POST", REGISTRATIONS, with(JSON_CLIENT, "Content-Type",
                "text/plain"), ProbeBodies.utf8("hallo"), RawHttp.Framing.LENGTH);
        RawHttp.Response notAcceptable = http.send("GET", "/api/events", Map.of("Accept", "text/csv"));
        RawHttp.Response nothingThere = http.send("GET", "/api/nothing-here", JSON_CLIENT);

        assertThat(method.status()).isEqualTo(405);
        assertThat(method.header("Allow")).hasValue("GET");
        assertThat(codes(method)).containsExactly("request.method");
        assertThat(Api.JSON.readTree(method.text()).get("title").asString()).isEqualTo("Method not allowed");
        assertThat(Api.JSON.readTree(method.text()).get("instance").asString()).isEqualTo("/api/events");
        assertThat(mediaType.status()).isEqualTo(415);
        assertThat(codes(mediaType)).containsExactly("request.media-type");
        assertThat(notAcceptable.status()).isEqualTo(406);
        assertThat(codes(notAcceptable)).containsExactly("request.not-acceptable");
        assertThat(nothingThere.status()).isEqualTo(404);
        assertThat(codes(nothingThere)).containsExactly("request.not-found");
    }

    @Test
    void a_page_refusal_is_problem_details_for_a_client_that_asks_for_json_and_the_page_for_a_browser() {
        RawHttp.Response json = http.send("GET", "/events/no-such-meeting", JSON_CLIENT);
        RawHttp.Response page = http.send("GET", "/events/no-such-meeting", BROWSER);
        RawHttp.Response forbiddenJson = http.send("POST", "/events/open-meeting", JSON_CLIENT);

        assertThat(json.status()).isEqualTo(404);
        assertThat(codes(json)).containsExactly("request.not-found");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.text()).contains("Pagina niet gevonden");
        assertThat(forbiddenJson.status()).isEqualTo(403);
        assertThat(codes(forbiddenJson)).containsExactly("auth.forbidden");
    }

    @Test
    void an_address_or_query_the_firewall_or_container_refuses_is_400_as_page_or_problem_details() {
        RawHttp.Response pagePath = http.send("GET", "/events/%2e%2e/open-meeting", BROWSER);
        RawHttp.Response apiPath = http.send("GET", "/api/events/%2e%2e/open-meeting", JSON_CLIENT);
        RawHttp.Response pageQuery = http.send("GET", "/events/open-meeting?lang=%ZZ", BROWSER);
        RawHttp.Response apiQuery = http.send("GET", "/api/events?q=%C3%28", JSON_CLIENT);

        assertThat(pagePath.status()).isEqualTo(400);
        assertThat(pagePath.text()).contains("Dit verzoek kon niet worden verwerkt.");
        assertThat(apiPath.status()).isEqualTo(400);
        assertThat(codes(apiPath)).containsExactly("request.malformed");
        assertThat(pageQuery.status()).isEqualTo(400);
        assertThat(pageQuery.text()).contains("Dit verzoek kon niet worden verwerkt.");
        assertThat(apiQuery.status()).isEqualTo(400);
        assertThat(codes(apiQuery)).containsExactly("request.malformed");
    }

    @Test
    void an_address_tomcat_cannot_decode_is_answered_in_the_portals_words_as_page_or_problem_details() {
        RawHttp.Response page = http.send("GET", "/events/open%2Fmeeting", BROWSER);
        RawHttp.Response api = http.send("GET", "/api/events/%00", JSON_CLIENT);

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text()).contains("<html lang=\"nl\"", "Dit verzoek kon niet worden verwerkt.")
                .doesNotContain("HTTP Status", "Tomcat");
        assertThat(api.status()).isEqualTo(400);
        assertThat(codes(api)).containsExactly("request.malformed");
        assertThat(Api.JSON.readTree(api.text()).get("title").asString()).isEqualTo("Bad request");
    }

    @Test
    void errors_carry_the_security_headers_of_a_normal_answer() {
        RawHttp.Response normalPage = http.send("GET", "/events/open-meeting", BROWSER);
        RawHttp.Response normalApi = http.send("GET", "/api/events", JSON_CLIENT);
        Map<String, RawHttp.Response> pageErrors = new LinkedHashMap<>();
        pageErrors.put("404", http.send("GET", "/events/no-such-meeting", BROWSER));
        pageErrors.put("400 from the firewall", http.send("GET", "/events/%2e%2e/open-meeting", BROWSER));
        pageErrors.put("400 from the container", http.send("GET", "/events/open-meeting?lang=%ZZ", BROWSER));
        pageErrors.put("400 from Tomcat", http.send("GET", "/events/open%2Fmeeting", BROWSER));
        pageErrors.put("413 without a length", http.send("POST", REGISTER_PAGE, with(BROWSER, "Content-Type",
                MULTIPART), multipartOf(70_000), RawHttp.Framing.CHUNKED));
        Map<String, RawHttp.Response> apiErrors = new LinkedHashMap<>();
        apiErrors.put("405", http.send("PUT", "/api/events", JSON_CLIENT));
        apiErrors.put("400 from the firewall", http.send("GET", "/api/events/%2e%2e/x", JSON_CLIENT));
        apiErrors.put("400 from Tomcat", http.send("GET", "/api/events/%00", JSON_CLIENT));
        apiErrors.put("413 with a length", http.send("POST", REGISTRATIONS, with(JSON_CLIENT, "Content-Type",
                ProbeBodies.JSON), jsonOf(70_000), RawHttp.Framing.LENGTH));

        assertThat(normalPage.status()).isEqualTo(200);
        assertThat(normalApi.status()).isEqualTo(200);
        pageErrors.forEach((error, response) -> assertSameSecurityHeaders(error, response, normalPage));
        apiErrors.forEach((error, response) -> assertSameSecurityHeaders(error, response, normalApi));
    }

    @Test
    void a_page_body_with_a_length_past_the_cap_is_the_friendly_page_with_the_security_headers() {
        RawHttp.Response normalPage = http.send("GET", "/events/open-meeting", BROWSER);

        RawHttp.Response refused = http.send("POST", REGISTER_PAGE, with(BROWSER, "Content-Type", FORM),
                formOf(70_000), RawHttp.Framing.LENGTH);

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.text()).contains("<html lang=\"nl\"", "Het verzoek is te groot.", "Alle bijeenkomsten");
        assertSameSecurityHeaders("413 with a length", refused, normalPage);
    }

    @Test
    void an_unknown_status_on_the_organisers_list_is_a_bad_request_not_a_server_error() throws Exception {
        HttpClient organiser = loggedIn();

        HttpResponse<String> unknown = organiser.send(page("/organiser/events/open-meeting?status=FOO"),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknownCsv = organiser.send(page("/organiser/events/open-meeting/registrations.csv"
                + "?status=FOO"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> known = organiser.send(page("/organiser/events/open-meeting?status=confirmed"),
                HttpResponse.BodyHandlers.ofString());

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("Dit verzoek kon niet worden verwerkt.").doesNotContain("Exception");
        assertThat(unknownCsv.statusCode()).isEqualTo(400);
        assertThat(known.statusCode()).isEqualTo(200);
    }

    @Test
    void the_error_page_asked_for_itself_is_not_found() {
        RawHttp.Response page = http.send("GET", "/error", BROWSER);
        RawHttp.Response json = http.send("GET", "/error", JSON_CLIENT);

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.text()).contains("Pagina niet gevonden");
        assertThat(json.status()).isEqualTo(404);
        assertThat(codes(json)).containsExactly("request.not-found");
    }

    static List<String> codes(RawHttp.Response response) {
        assertThat(response.contentType()).startsWith("application/problem+json");
        return Api.JSON.readTree(response.text()).get("errors").valueStream().map(e -> e.get("code").asString())
                .toList();
    }

    private static void assertSameSecurityHeaders(String error, RawHttp.Response response, RawHttp.Response normal) {
        for (String header : SECURITY_HEADERS) {
            assertThat(response.header(header)).as("%s of the %s", header, error).isEqualTo(normal.header(header));
        }
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return all;
    }

    private HttpRequest page(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "text/html")
                .header("Accept-Language", "nl").GET().build();
    }

    /** Logs in through the organiser's login form, as a browser does. */
    private HttpClient loggedIn() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String form = client.send(page("/organiser/login"), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"")
                .matcher(form);
        assertThat(csrf.find()).as("the login form's CSRF token").isTrue();
        String token = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/organiser/login")).header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofString("username=organisator&password="
                        + URLEncoder.encode(ProbedPortal.PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Location")).as("the redirect after logging in")
                .hasValueSatisfying(location -> assertThat(location).endsWith("/organiser"));
        return client;
    }
}
