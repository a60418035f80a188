package nl.learningcommunities.registration.examples.portal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/1.1 over a plain socket, for what {@code java.net.http} will not send: an address exactly as written
 * (percent-escapes, bad UTF-8 and all), raw bytes in a body, a chunked body of any size, broken chunking. One
 * request per connection; the body is sent from a thread of its own while the answer is read, so that a server
 * that answers before the body ends (and closes the connection) is seen doing so.
 */
final class RawHttp {

    /** How the body travels. */
    enum Framing {
        /** With a {@code Content-Length}. */
        LENGTH,
        /** Chunked, without a length, in chunks of 8 KB. */
        CHUNKED,
        /** Chunked, with a chunk size that is no hexadecimal number. */
        BAD_CHUNK_SIZE,
        /** Chunked, and the connection half-closed in the middle of a chunk. */
        TRUNCATED
    }

    /**
     * An answer.
     *
     * @param status   the status code, or -1 when the connection closed without one
     * @param headers  the headers, by lower-case name
     * @param body     the body, de-chunked
     * @param bodySent how many bytes of the request body went out before the server closed the connection
     */
    record Response(int status, Map<String, List<String>> headers, byte[] body, long bodySent) {

        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        String contentType() {
            return header("Content-Type").orElse("");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    Response send(String method, String target, Map<String, String> headers) {
        return send(method, target, headers, null, Framing.LENGTH);
    }

    Response send(String method, String target, Map<String, String> headers, byte[] body, Framing framing) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: localhost\r\nConnection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append(framing == Framing.LENGTH ? "Content-Length: " + body.length
                        : "Transfer-Encoding: chunked").append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            AtomicLong sent = new AtomicLong();
            Thread writer = new Thread(() -> writeBody(socket, out, body, framing, sent), "raw-http-body");
            writer.setDaemon(true);
            writer.start();
            byte[] answer = readAll(socket.getInputStream());
            writer.join(10_000);
            return parse(answer, sent.get());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void writeBody(Socket socket, OutputStream out, byte[] body, Framing framing, AtomicLong sent) {
        try {
            if (body == null) {
                return;
            }
            if (framing == Framing.LENGTH) {
                for (int i = 0; i < body.length; i += 8192) {
                    int n = Math.min(8192, body.length - i);
                    out.write(body, i, n);
                    sent.addAndGet(n);
                }
            } else {
                for (int i = 0; i < body.length; i += 8192) {
                    int n = Math.min(8192, body.length - i);
                    String size = framing == Framing.BAD_CHUNK_SIZE ? "zz" : Integer.toHexString(n);
                    out.write((size + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    if (framing == Framing.TRUNCATED) {
                        out.write(body, i, n / 2);
                        out.flush();
                        socket.shutdownOutput();
                        return;
                    }
                    out.write(body, i, n);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent.addAndGet(n);
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException e) {
            // The server answered and closed before the body ended: what went out is counted.
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            // A reset after the answer: keep what came.
        }
        return answer.toByteArray();
    }

    private static Response parse(byte[] answer, long sent) {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Response(-1, Map.of(), answer, sent);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    name -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
        }
        byte[] body = java.util.Arrays.copyOfRange(answer, end + 4, answer.length);
        if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
            body = dechunk(body);
        }
        return new Response(status, headers, body, sent);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, at);
            if (lineEnd < 0) {
                break;
            }
            String size = new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].strip();
            int n = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
            if (n == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, Math.min(n, chunked.length - lineEnd - 2));
            at = lineEnd + 2 + n + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
