package nl.learningcommunities.registration.examples.portal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the portal's JSON API, as another portal's front end would use it. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final Optional<String> authorization;
    private final String language;
    private final Optional<String> forwardedFor;

    private Api(String base, Optional<String> authorization, String language, Optional<String> forwardedFor) {
        this.base = base;
        this.authorization = authorization;
        this.language = language;
        this.forwardedFor = forwardedFor;
    }

    static Api at(int port) {
        return new Api("http://localhost:" + port, Optional.empty(), "nl", Optional.empty());
    }

    /** @return this client, calling with a bearer access token */
    Api bearer(String accessToken) {
        return new Api(base, Optional.of("Bearer " + accessToken), language, forwardedFor);
    }

    Api as(String username, String password) {
        String basic = Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return new Api(base, Optional.of("Basic " + basic), language, forwardedFor);
    }

    Api inLanguage(String language) {
        return new Api(base, authorization, language, forwardedFor);
    }

    /** As a client behind the portal's reverse proxy, which names the client in {@code X-Forwarded-For}. */
    Api from(String clientAddress) {
        return new Api(base, authorization, language, Optional.of(clientAddress));
    }

    /**
     * An answer.
     *
     * @param status      the status code
     * @param contentType the content type
     * @param text        the body as text
     */
    record Response(int status, String contentType, String text, HttpResponse<String> raw) {
        JsonNode json() {
            return JSON.readTree(text);
        }
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response page(String path) {
        return send(request(path).header("Accept", "text/html").GET());
    }

    Response delete(String path) {
        return send(request(path).DELETE());
    }

    Response post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    /** Posts without a body; to the admin API as JSON, which its state-changing calls require of every caller. */
    Response post(String path) {
        HttpRequest.Builder builder = request(path);
        if (path.startsWith("/api/admin/")) {
            builder.header("Content-Type", "application/json");
        }
        return send(builder.POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Posts without a body and without a content type, as a cross-site form or a careless script would. */
    Response postBare(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Posts JSON without a Content-Length, as a chunked stream. */
    Response postStreamed(String path, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                .ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))));
    }

    Response postForm(String path, String form) {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    Response put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** Posts JSON with one more header, for example {@code Idempotency-Key}. */
    Response post(String path, Object body, String header, String value) {
        return send(request(path).header("Content-Type", "application/json").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    /** Puts JSON with an {@code If-Match} header, as an editor that read a revision does. */
    Response put(String path, Object body, String ifMatch) {
        return send(request(path).header("Content-Type", "application/json").header("If-Match", ifMatch)
                .PUT(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept-Language", language);
        authorization.ifPresent(value -> builder.header("Authorization", value));
        forwardedFor.ifPresent(value -> builder.header("X-Forwarded-For", value));
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
