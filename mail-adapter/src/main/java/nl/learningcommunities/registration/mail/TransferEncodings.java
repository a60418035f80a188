package nl.learningcommunities.registration.mail;

import java.nio.charset.StandardCharsets;

/**
 * The {@code Content-Transfer-Encoding} Jakarta Mail gives a UTF-8 text part (plain, HTML, calendar), worked out
 * from the text itself. Left to itself, {@code MimeMessage.saveChanges()} finds it by writing the part through its
 * data handler into a stream that counts bytes ({@code MimeUtility.getEncoding}), which costs a good share of
 * rendering a message; this
 * counts the same bytes the same way: {@code 7bit} when every byte is printable ASCII, a tab or a line break and no
 * line is longer than 998 bytes; {@code quoted-printable} when there are more such bytes than others; otherwise
 * {@code base64}. A part whose header is set this way is written exactly as before. Thread-safe; stateless.
 */
final class TransferEncodings {

    /** The longest line {@code 7bit} allows (RFC 5322), without its line break. */
    private static final int LONGEST_LINE = 998;

    private TransferEncodings() {
    }

    /**
     * @param text a text part's content, to be written in UTF-8
     * @return its transfer encoding, as Jakarta Mail would choose it
     */
    static String of(String text) {
        int ascii = 0;
        int other = 0;
        int line = 0;
        boolean longLine = false;
        for (byte raw : text.getBytes(StandardCharsets.UTF_8)) {
            int b = raw & 0xff;
            if (b == '\r' || b == '\n') {
                line = 0;
            } else if (++line > LONGEST_LINE) {
                longLine = true;
            }
            if (b >= 0x7f || (b < 0x20 && b != '\r' && b != '\n' && b != '\t')) {
                other++;
            } else {
                ascii++;
            }
        }
        if (other == 0) {
            return longLine ? "quoted-printable" : "7bit";
        }
        return ascii > other ? "quoted-printable" : "base64";
    }
}
