package nl.learningcommunities.registration.participant;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A normalised e-mail address: trimmed, the domain lower-cased, the local part kept as written. Two addresses
 * that differ only in the case of their domain or in surrounding spaces are equal.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the normalised address
 */
public record EmailAddress(String value) {

    /** The longest address accepted (RFC 5321 path limit). */
    public static final int MAX_LENGTH = 254;

    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    /**
     * Normalises and checks the value.
     *
     * @throws IllegalArgumentException when the value is not a valid address
     */
    public EmailAddress {
        Objects.requireNonNull(value, "value");
        value = normalise(value).orElseThrow(() -> new IllegalArgumentException("not a valid e-mail address"));
    }

    /**
     * Parses an address.
     *
     * @param raw what a person typed
     * @return the normalised address
     * @throws IllegalArgumentException when it is not a valid address
     */
    public static EmailAddress of(String raw) {
        return new EmailAddress(raw);
    }

    /**
     * Parses an address without throwing.
     *
     * @param raw what a person typed; may be null
     * @return the normalised address, or empty when it is not valid
     */
    public static Optional<EmailAddress> parse(String raw) {
        return raw == null ? Optional.empty() : normalise(raw).map(EmailAddress::new);
    }

    private static Optional<String> normalise(String raw) {
        String trimmed = raw.strip();
        int at = trimmed.lastIndexOf('@');
        if (trimmed.length() > MAX_LENGTH || at <= 0 || at != trimmed.indexOf('@')) {
            return Optional.empty();
        }
        String local = trimmed.substring(0, at);
        String domain = trimmed.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!LOCAL.matcher(local).matches() || local.startsWith(".") || local.endsWith(".")
                || local.contains("..") || !DOMAIN.matcher(domain).matches()) {
            return Optional.empty();
        }
        return Optional.of(local + "@" + domain);
    }

    /** @return the part after the {@code @}, lower-case */
    public String domain() {
        return value.substring(value.indexOf('@') + 1);
    }

    /**
     * The address as shown to someone who should recognise it but not learn it: the first character of the local
     * part, an ellipsis, and the domain ({@code a…@example.org}).
     *
     * @return the masked address
     */
    public String masked() {
        return value.substring(0, value.offsetByCodePoints(0, 1)) + "…@" + domain();
    }

    /** @return the address as it is compared for uniqueness: the whole address lower-cased */
    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
