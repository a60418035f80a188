package nl.learningcommunities.registration.examples.portal;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser: keeps its session cookie, reads the CSRF token from the last page it got and posts
 * forms with it, follows no redirects, and may come through the portal's reverse proxy as a named client. Paths are
 * sent exactly as written, percent-escapes and all.
 */
final class FormClient {

    private static final Pattern CSRF = Pattern.compile(
            "name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final Optional<String> forwardedFor;
    private String csrf = "";

    private FormClient(String base, Optional<String> forwardedFor) {
        this.base = base;
        this.forwardedFor = forwardedFor;
    }

    static FormClient at(int port) {
        return new FormClient("http://localhost:" + port, Optional.empty());
    }

    /** As a client behind the portal's reverse proxy, which names the client in {@code X-Forwarded-For}. */
    FormClient from(String clientAddress) {
        return new FormClient(base, Optional.of(clientAddress));
    }

    /** Gets a page and keeps its CSRF token, if it has a form. */
    Api.Response get(String path) {
        Api.Response response = send(request(path).header("Accept", "text/html").GET());
        Matcher matcher = CSRF.matcher(response.text());
        if (matcher.find()) {
            csrf = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        }
        return response;
    }

    /** Posts a form with the CSRF token of the last page. */
    Api.Response post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf);
        String body = all.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Logs in on the organiser's form, then opens a page of theirs for a fresh CSRF token. */
    Api.Response logIn(String username, String password, String thenOpen) {
        get("/organiser/login");
        Api.Response login = post("/organiser/login", Map.of("username", username, "password", password));
        get(thenOpen);
        return login;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", "nl");
        forwardedFor.ifPresent(value -> builder.header("X-Forwarded-For", value));
        return builder;
    }

    private Api.Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Api.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
