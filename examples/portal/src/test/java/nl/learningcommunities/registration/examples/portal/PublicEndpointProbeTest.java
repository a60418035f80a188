package nl.learningcommunities.registration.examples.portal;

import static nl.learningcommunities.registration.examples.portal.ProbeBodies.BOUNDARY;
import static nl.learningcommunities.registration.examples.portal.ProbeBodies.FORM;
import static nl.learningcommunities.registration.examples.portal.ProbeBodies.JSON;
import static nl.learningcommunities.registration.examples.portal.ProbeBodies.MULTIPART;
import static nl.learningcommunities.registration.examples.portal.ProbeBodies.bytes;
import static nl.learningcommunities.registration.examples.portal.ProbeBodies.filler;
import static nl.learningcommunities.registration.examples.portal.ProbeBodies.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.booking.Registration;

/**
 * Every endpoint the portal maps, found in Spring's handler mapping so that a new one is probed too, answers bad
 * input without a server error, with the security headers on every error, and without a stack trace in the log:
 * odd addresses and queries (encoded slashes
 * and dots, NUL, bad escapes, bad UTF-8, surrogates, overlong), wrong methods and media types, JSON of the wrong
 * shape or types with overlong fields and malformed Unicode, forms and multipart with bad bytes, bodies with and
 * without a length under and over the cap, broken chunking. Nothing a refused request sent is stored: the
 * registrations before and after differ only by what an accepted probe registered.
 */
@ProbedPortal
@TestPropertySource(properties = "registration.datasource.url=jdbc:h2:mem:portal-probe;DB_CLOSE_DELAY=-1")
@ExtendWith(OutputCaptureExtension.class)
class PublicEndpointProbeTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");
    private static final Pattern PROBE_EMAIL = Pattern.compile("probe(\\d+)-");
    private static final List<String> ODD_SEGMENTS = List.of("%2F", "%00", "%2e%2e", "..%2F..%2Fetc", "%ZZ",
            "%C3%28", "%ED%A0%80", "a;b=c", "%5C", "%25", "%E2%80%AE%F0%9F%98%80", filler(2_000));
    private static final String ODD_QUERY = "?lang=%ZZ&status=%C3%28&token=%ED%A0%80&q=" + filler(2_000);
    private static final List<RequestMethod> METHODS = List.of(RequestMethod.GET, RequestMethod.POST,
            RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE);

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    RegistrationEngine engine;

    /** A request of the probe; {@code number} marks the e-mail address of what it would register. */
    record Probe(int number, String method, String target, Map<String, String> headers, byte[] body,
                 RawHttp.Framing framing) {
        @Override
        public String toString() {
            String shown = target.length() > 120 ? target.substring(0, 120) + "…" : target;
            return "#" + number + " " + method + " " + shown + " " + headers.getOrDefault("Content-Type", "")
                    + (body == null ? "" : " (" + body.length + " bytes, " + framing + ")");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void every_endpoint_answers_bad_input_without_a_server_error_and_stores_nothing_it_refused(
            CapturedOutput output) {
        RawHttp http = new RawHttp(port);
        Api.Response seed = Api.at(port).post("/api/events/open-meeting/registrations", registrant("Peiling"));
        assertThat(seed.status()).as(seed.text()).isEqualTo(201);
        String seeded = seed.json().get("registrationId").asString();
        Map<String, Map<String, Object>> before = registrations();
        var eventsBefore = engine.events().all();
        int logBefore = output.getAll().length();

        List<Probe> probes = probes(seeded);
        List<String> serverErrors = new ArrayList<>();
        List<String> withoutHeaders = new ArrayList<>();
        Set<Integer> accepted = new TreeSet<>();
        Map<Integer, Integer> tally = new TreeMap<>();
        for (Probe probe : probes) {
            RawHttp.Response response = http.send(probe.method(), probe.target(), probe.headers(), probe.body(),
                    probe.framing());
            tally.merge(response.status(), 1, Integer::sum);
            // A body broken off mid-chunk is a client gone: Tomcat closes without an answer, and may.
            boolean gone = response.status() < 0 && probe.framing() == RawHttp.Framing.TRUNCATED;
            if (response.status() >= 500 || response.status() < 100 && !gone) {
                serverErrors.add(probe + " → " + response.status());
            } else if (response.status() < 400) {
                accepted.add(probe.number());
            } else if (response.body().length > 0 && (response.header("Content-Security-Policy").isEmpty()
                    || response.header("X-Content-Type-Options").isEmpty())) {
                withoutHeaders.add(probe + " → " + response.status());
            }
        }
        Map<String, Map<String, Object>> after = registrations();
        String log = output.getAll().substring(logBefore);

        assertThat(probes).as("probes").hasSizeGreaterThan(500);
        assertThat(serverErrors).as("probes answered with a server error or nothing; all answers: %s", tally)
                .isEmpty();
        assertThat(withoutHeaders).as("errors without the security headers").isEmpty();
        assertThat(stackTraces(log)).as("stack traces in the log").isEmpty();
        before.forEach((id, registration) -> assertThat(after.get(id)).as("registration %s", id)
                .isEqualTo(registration));
        after.keySet().stream().filter(id -> !before.containsKey(id)).forEach(id -> {
            Matcher probe = PROBE_EMAIL.matcher((String) after.get(id).get("email"));
            assertThat(probe.find() && accepted.contains(Integer.parseInt(probe.group(1))))
                    .as("registration %s stored by a refused probe: %s", id, after.get(id)).isTrue();
        });
        assertThat(engine.events().all()).as("the events").isEqualTo(eventsBefore);
    }

    /** The first line of each stack trace in the log: the exception, which names what failed. */
    private static List<String> stackTraces(String log) {
        List<String> lines = log.lines().toList();
        List<String> traces = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).startsWith("\tat ") && !lines.get(i - 1).startsWith("\tat ")) {
                traces.add(lines.get(i - 1));
            }
        }
        return traces;
    }

    private Map<String, Map<String, Object>> registrations() {
        Map<String, Map<String, Object>> all = new TreeMap<>();
        engine.events().all().forEach(event -> {
            for (Registration registration : engine.organising().list(OrganiserApi.query(event.id(), List.of(),
                    null))) {
                all.put(registration.id().toString(), OrganiserApi.describe(registration));
            }
        });
        return all;
    }

    /** Every pattern the handler mapping knows, with the methods it maps, each pushed with every kind of bad input. */
    private List<Probe> probes(String registrationId) {
        Map<String, Set<String>> routes = new TreeMap<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                Set<String> mapped = routes.computeIfAbsent(pattern, p -> new TreeSet<>());
                (methods.isEmpty() ? Set.of(RequestMethod.GET) : methods).forEach(m -> mapped.add(m.name()));
            }
        }
        List<Probe> probes = new ArrayList<>();
        routes.forEach((pattern, methods) -> {
            String target = fill(pattern, registrationId, null);
            for (String method : methods) {
                if (VARIABLE.matcher(pattern).find()) {
                    ODD_SEGMENTS.forEach(odd -> add(probes, method, fill(pattern, registrationId, odd), Map.of(),
                            null, null));
                } else {
                    ODD_SEGMENTS.forEach(odd -> add(probes, method, target + "/" + odd, Map.of(), null, null));
                }
                add(probes, method, target + ODD_QUERY, Map.of("Accept", "text/html"), null, null);
                if (!method.equals("GET")) {
                    bodies(probes, method, target);
                }
            }
            METHODS.stream().map(RequestMethod::name).filter(method -> !methods.contains(method))
                    .forEach(method -> add(probes, method, target, Map.of("Accept", "application/json"), null,
                            null));
        });
        String api = "/api/events/open-meeting/registrations";
        String page = "/events/open-meeting/register";
        add(probes, "POST", api, Map.of("Content-Type", JSON), n -> ProbeBodies.jsonOf(9_000_000),
                RawHttp.Framing.CHUNKED);
        add(probes, "POST", page, Map.of("Content-Type", FORM), n -> ProbeBodies.formOf(9_000_000),
                RawHttp.Framing.CHUNKED);
        add(probes, "POST", page, Map.of("Content-Type", MULTIPART), n -> ProbeBodies.multipartOf(9_000_000),
                RawHttp.Framing.CHUNKED);
        for (RawHttp.Framing broken : List.of(RawHttp.Framing.BAD_CHUNK_SIZE, RawHttp.Framing.TRUNCATED)) {
            add(probes, "POST", api, Map.of("Content-Type", JSON), n -> registrant(n, "Afgebroken"), broken);
            add(probes, "POST", page, Map.of("Content-Type", FORM), n -> utf8("givenName=Afgebroken&email=probe"
                    + n + "-x%40hu.example.org&answer.board-representative=yes&privacyConsent=on"), broken);
            add(probes, "POST", page, Map.of("Content-Type", MULTIPART), n -> ProbeBodies.multipart(Map.of(
                    "givenName", "Afgebroken", "email", "probe" + n + "-x@hu.example.org")), broken);
        }
        return probes;
    }

    /** The bodies a method that takes one is pushed with: JSON, form and multipart, good framing and bad. */
    private static void bodies(List<Probe> probes, String method, String target) {
        Map<String, String> json = Map.of("Content-Type", JSON, "Accept", "application/json");
        Map<String, String> form = Map.of("Content-Type", FORM, "Accept", "text/html");
        Map<String, String> multipart = Map.of("Content-Type", MULTIPART, "Accept", "text/html");
        RawHttp.Framing length = RawHttp.Framing.LENGTH;
        RawHttp.Framing chunked = RawHttp.Framing.CHUNKED;
        add(probes, method, target, json, n -> utf8("{\"givenName\":123,\"familyName\":[],\"email\":{},"
                + "\"organisation\":true,\"sessionIds\":\"ochtend\",\"answers\":[1],\"privacyConsent\":\"yes\","
                + "\"locale\":7,\"capacity\":\"veel\",\"note\":5,\"confirm\":[]}"), length);
        add(probes, method, target, json, n -> utf8(Api.JSON.writeValueAsString(wrongTypes(n))), length);
        add(probes, method, target, json, n -> utf8(registrantJson(n, "\\ud800", "\\udfff Jansen")), length);
        add(probes, method, target, json, n -> bytes("{\"givenName\":\"", new byte[] {(byte) 0xC3, 0x28},
                "\",\"familyName\":\"", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                "\",\"organisation\":\"", new byte[] {(byte) 0xFF, (byte) 0xFE}, "\",\"email\":\"probe", n,
                "-raw@hu.example.org\",\"answers\":{\"board-representative\":true},\"privacyConsent\":true}"), length);
        add(probes, method, target, json, n -> utf8(registrantJson(n, filler(8_000), filler(8_000))), length);
        for (String odd : List.of("[]", "\"x\"", "null", "{", "", "{\"a\":" + "[".repeat(2_000))) {
            add(probes, method, target, json, n -> utf8(odd), length);
        }
        add(probes, method, target, json, n -> registrant(n, "Stroom"), chunked);
        add(probes, method, target, json, n -> ProbeBodies.jsonOf(70_000), chunked);
        add(probes, method, target, form, n -> utf8("givenName=" + filler(20_000) + "&email=probe" + n
                + "-lang%40hu.example.org&privacyConsent=on"), length);
        add(probes, method, target, form, n -> utf8("givenName=%ZZ&familyName=%C3%28&organisation=%ED%A0%80&email="
                + "probe" + n + "-escape%40hu.example.org&privacyConsent=on"), length);
        add(probes, method, target, form, n -> bytes("givenName=", new byte[] {(byte) 0xFF, (byte) 0xFE},
                "&email=probe", n, "-bytes%40hu.example.org&privacyConsent=on"), length);
        add(probes, method, target, form, n -> utf8("a=1&".repeat(1_500)), length);
        add(probes, method, target, form, n -> utf8("givenName=Stroom&email=probe" + n
                + "-form%40hu.example.org&answer.board-representative=yes&privacyConsent=on"), chunked);
        add(probes, method, target, form, n -> ProbeBodies.formOf(70_000), chunked);
        add(probes, method, target, multipart, n -> ProbeBodies.multipart(Map.of("givenName", "Deel", "email",
                "probe" + n + "-part@hu.example.org", "answer.board-representative", "yes", "privacyConsent",
                "on")), chunked);
        add(probes, method, target, multipart, n -> ProbeBodies.multipartOf(70_000), chunked);
        add(probes, method, target, multipart, n -> utf8("--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"givenName\"\r\n\r\nzonder einde"), length);
        add(probes, method, target, multipart, n -> ProbeBodies.multipart(manyParts()), length);
        add(probes, method, target, Map.of("Content-Type", "multipart/form-data"), n -> utf8("geen grens"), length);
        add(probes, method, target, Map.of("Content-Type", "text/plain"), n -> utf8("hallo"), length);
        add(probes, method, target, Map.of("Content-Type", "application/xml"), n -> utf8("<a/>"), length);
        add(probes, method, target, Map.of(), n -> registrant(n, "Zonder type"), length);
        add(probes, method, target, Map.of("Content-Type", "application/json; charset=UTF-16"),
                n -> registrant(n, "Verkeerde tekenset"), length);
    }

    private static void add(List<Probe> probes, String method, String target, Map<String, String> headers,
                            IntFunction<byte[]> body, RawHttp.Framing framing) {
        int number = probes.size();
        probes.add(new Probe(number, method, target, headers, body == null ? null : body.apply(number),
                framing == null ? RawHttp.Framing.LENGTH : framing));
    }

    /** The pattern with its variables filled in; the first one {@code odd}, when given. */
    private static String fill(String pattern, String registrationId, String odd) {
        Matcher variable = VARIABLE.matcher(pattern);
        StringBuilder filled = new StringBuilder();
        boolean first = true;
        while (variable.find()) {
            String value = switch (variable.group(1)) {
                case "eventId" -> "open-meeting";
                case "registrationId" -> registrationId;
                case "action" -> "approve";
                default -> "x";
            };
            variable.appendReplacement(filled, Matcher.quoteReplacement(first && odd != null ? odd : value));
            first = false;
        }
        variable.appendTail(filled);
        return filled.toString();
    }

    /** A registration the open meeting takes, from someone who answered its required question. */
    private static Map<String, Object> registrant(String givenName) {
        Map<String, Object> body = ApiContract.registrant(givenName);
        body.put("answers", Map.of("board-representative", true));
        return body;
    }

    private static byte[] registrant(int number, String givenName) {
        Map<String, Object> body = registrant(givenName);
        body.put("email", "probe" + number + "-" + body.get("email"));
        return utf8(Api.JSON.writeValueAsString(body));
    }

    private static String registrantJson(int number, String givenName, String familyName) {
        return "{\"givenName\":\"" + givenName + "\",\"familyName\":\"" + familyName + "\",\"email\":\"probe"
                + number + "-json@hu.example.org\",\"organisation\":\"Hogeschool Utrecht\",\"role\":\"docent\","
                + "\"sector\":\"hbo\",\"answers\":{\"board-representative\":true},\"privacyConsent\":true}";
    }

    private static Map<String, Object> wrongTypes(int number) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("givenName", List.of("Anna"));
        body.put("familyName", Map.of("a", 1));
        body.put("email", "probe" + number + "-types@hu.example.org");
        body.put("organisation", 42);
        body.put("role", false);
        body.put("sector", 1.5);
        body.put("sessionIds", Map.of("ochtend", true));
        body.put("answers", "ja");
        body.put("privacyConsent", 1);
        body.put("locale", "xx-YY");
        body.put("capacity", -1);
        return body;
    }

    private static Map<String, String> manyParts() {
        Map<String, String> parts = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            parts.put("deel" + i, "x");
        }
        return parts;
    }
}
