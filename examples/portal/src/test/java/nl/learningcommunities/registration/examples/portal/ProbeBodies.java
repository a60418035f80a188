package nl.learningcommunities.registration.examples.portal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** Request bodies for the error and probe tests: forms, multipart and JSON, of any size, bad bytes included. */
final class ProbeBodies {

    static final String BOUNDARY = "probe-boundary";
    static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;
    static final String FORM = "application/x-www-form-urlencoded";
    static final String JSON = "application/json";

    private ProbeBodies() {
    }

    /** @return {@code size} times the letter x */
    static String filler(int size) {
        char[] x = new char[size];
        Arrays.fill(x, 'x');
        return new String(x);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** @return bytes glued together, so that bytes that are no UTF-8 can sit inside a body */
    static byte[] bytes(Object... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object piece : pieces) {
            out.writeBytes(piece instanceof byte[] raw ? raw : utf8(piece.toString()));
        }
        return out.toByteArray();
    }

    /** @return a multipart body with these fields, in order */
    static byte[] multipart(Map<String, ?> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> out.writeBytes(bytes("--", BOUNDARY,
                "\r\nContent-Disposition: form-data; name=\"", name, "\"\r\n\r\n", value, "\r\n")));
        out.writeBytes(utf8("--" + BOUNDARY + "--\r\n"));
        return out.toByteArray();
    }

    /** @return a multipart body with one field of {@code size} bytes */
    static byte[] multipartOf(int size) {
        return multipart(Map.of("givenName", filler(size)));
    }

    /** @return a form body with one field of {@code size} bytes */
    static byte[] formOf(int size) {
        return utf8("givenName=" + filler(size));
    }

    /** @return a JSON object with one string of {@code size} bytes */
    static byte[] jsonOf(int size) {
        return utf8("{\"organisation\":\"" + filler(size) + "\"}");
    }
}
