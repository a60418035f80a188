package nl.learningcommunities.registration.rule;

import java.util.Locale;

/** The locales the library speaks, and how any other locale maps onto them. */
public final class Messages {

    /** Dutch, the default language of the library. */
    public static final Locale DUTCH = Locale.forLanguageTag("nl");
    /** English. */
    public static final Locale ENGLISH = Locale.ENGLISH;

    private Messages() {
    }

    /**
     * Maps a requested locale onto one the library speaks: Dutch for any {@code nl} locale, English for
     * every other.
     *
     * @param requested the reader's locale
     * @return {@link #DUTCH} or {@link #ENGLISH}
     */
    public static Locale supported(Locale requested) {
        return requested != null && "nl".equals(requested.getLanguage()) ? DUTCH : ENGLISH;
    }
}
