package nl.learningcommunities.registration.event;

import java.util.Objects;
import java.util.regex.Pattern;

/** The shape of the ids an event definition uses: lower-case slugs. */
public final class Ids {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

    private Ids() {
    }

    /**
     * @param value a candidate id
     * @return whether it is a slug: lower-case letters, digits and inner hyphens, at most 64 characters
     */
    public static boolean isSlug(String value) {
        return value != null && SLUG.matcher(value).matches();
    }

    /**
     * @param value a candidate id
     * @param what  what the id names, for the error message
     * @return the value
     * @throws IllegalArgumentException when it is not a slug
     */
    public static String requireSlug(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!isSlug(value)) {
            throw new IllegalArgumentException(what + " must be a lower-case slug of at most 64 characters: " + value);
        }
        return value;
    }
}
