package nl.learningcommunities.registration.xlsx;

import java.util.Locale;

/**
 * A worksheet name that Excel accepts, made from an event id: at most 31 characters (UTF-16 units, as Excel counts), none of
 * {@code : \ / ? * [ ]}, not blank, no apostrophe (Excel forbids one at either end; fastexcel does not escape
 * one inside the filter's defined name), and not the reserved name {@code History}. Thread-safe.
 */
final class SheetNames {

    static final int MAX_LENGTH = 31;
    static final String FALLBACK = "Registrations";

    private SheetNames() {
    }

    /**
     * @param eventId an event id
     * @return the sheet name for its registrations
     */
    static String of(String eventId) {
        StringBuilder name = new StringBuilder();
        eventId.codePoints().forEach(c -> {
            boolean forbidden = c == ':' || c == '\\' || c == '/' || c == '?' || c == '*' || c == '[' || c == ']'
                    || c == '\'' || Character.isISOControl(c);
            name.appendCodePoint(forbidden ? '-' : c);
        });
        String sanitised = name.toString().strip();
        if (sanitised.length() > MAX_LENGTH) {
            int end = Character.isHighSurrogate(sanitised.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
            sanitised = sanitised.substring(0, end).strip();
        }
        if (sanitised.isEmpty() || sanitised.chars().allMatch(c -> c == '-')
                || sanitised.toLowerCase(Locale.ROOT).equals("history")) {
            return FALLBACK;
        }
        return sanitised;
    }
}
