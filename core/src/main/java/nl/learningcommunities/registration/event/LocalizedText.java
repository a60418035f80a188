package nl.learningcommunities.registration.event;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import nl.learningcommunities.registration.rule.Messages;

/**
 * A text in several languages, keyed by language tag ({@code nl}, {@code en}). At least one language is
 * required; a reader whose language is missing gets Dutch, then any language present.
 *
 * <p>Immutable and thread-safe.
 *
 * @param values text by language tag
 */
public record LocalizedText(Map<String, String> values) {

    /** Checks there is at least one language and copies the map, keeping its order. */
    public LocalizedText {
        Objects.requireNonNull(values, "values");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a localized text needs at least one language");
        }
        values.forEach((k, v) -> {
            Objects.requireNonNull(k, "language");
            Objects.requireNonNull(v, "text");
        });
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * @param nl Dutch text
     * @param en English text
     * @return the text in both languages
     */
    public static LocalizedText of(String nl, String en) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("nl", nl);
        values.put("en", en);
        return new LocalizedText(values);
    }

    /**
     * @param text the text, the same in every language
     * @return a text with one (Dutch) value
     */
    public static LocalizedText of(String text) {
        return new LocalizedText(Map.of("nl", text));
    }

    /**
     * @param locale the reader's locale
     * @return the text in that language, or the fallback
     */
    public String in(Locale locale) {
        String language = Messages.supported(locale).getLanguage();
        String text = values.get(language);
        if (text == null) {
            text = values.get("nl");
        }
        return text != null ? text : values.values().iterator().next();
    }
}
