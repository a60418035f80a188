package nl.learningcommunities.registration.examples.portal;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads and writes the editor's texts: dates and times (ISO as date and time inputs send them, and the Dutch
 * {@code 9-6-2027} and {@code 13.30} as people type them), whole numbers, hours, months, lists and slugs.
 * Never throws for what a person typed: a value that cannot be read is empty.
 */
final class EventFormParsing {

    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("d-M-uuuu").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT));
    private static final List<DateTimeFormatter> TIMES = List.of(
            DateTimeFormatter.ofPattern("H:mm[:ss]").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("H.mm").withResolverStyle(ResolverStyle.STRICT));
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int MAX_WHOLE = 1_000_000;

    private EventFormParsing() {
    }

    /** @return the text without surrounding white space and with plain line ends; never null */
    static String strip(String raw) {
        return raw == null ? "" : raw.replace("\r\n", "\n").replace('\r', '\n').strip();
    }

    /** @return the date typed, if it is one */
    static Optional<LocalDate> date(String raw) {
        String text = strip(raw);
        for (DateTimeFormatter format : DATES) {
            try {
                return Optional.of(LocalDate.parse(text, format));
            } catch (DateTimeException e) {
                // try the next way of writing it
            }
        }
        return Optional.empty();
    }

    /** @return the time of day typed, if it is one */
    static Optional<LocalTime> time(String raw) {
        String text = strip(raw);
        for (DateTimeFormatter format : TIMES) {
            try {
                return Optional.of(LocalTime.parse(text, format));
            } catch (DateTimeException e) {
                // try the next way of writing it
            }
        }
        return Optional.empty();
    }

    /** @return the date as a date input shows it: {@code 2027-06-09} */
    static String date(ZonedDateTime moment) {
        return moment.toLocalDate().toString();
    }

    /** @return the time as a time input shows it: {@code 13:00}, with seconds only when it has them */
    static String time(ZonedDateTime moment) {
        return moment.getSecond() == 0 && moment.getNano() == 0 ? moment.format(MINUTES) : moment.format(SECONDS);
    }

    /** @return the whole number typed (at most a million), if it is one */
    static OptionalInt whole(String raw) {
        String text = strip(raw);
        if (!text.matches("-?\\d{1,7}")) {
            return OptionalInt.empty();
        }
        int value = Integer.parseInt(text);
        return Math.abs(value) > MAX_WHOLE ? OptionalInt.empty() : OptionalInt.of(value);
    }

    /** @return a duration typed as a number of hours or in ISO 8601 ({@code PT90M}), if it is one */
    static Optional<Duration> hours(String raw) {
        OptionalInt whole = whole(raw);
        if (whole.isPresent()) {
            return Optional.of(Duration.ofHours(whole.getAsInt()));
        }
        try {
            return Optional.of(Duration.parse(strip(raw).toUpperCase(Locale.ROOT)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** @return the duration as a number of hours, or in ISO 8601 when it is no whole number of hours */
    static String hours(Duration duration) {
        return duration.toSeconds() % 3600 == 0 && duration.getNano() == 0 ? String.valueOf(duration.toHours())
                : duration.toString();
    }

    /** @return a period typed as a number of months or in ISO 8601 ({@code P1Y6M}), if it is one */
    static Optional<Period> months(String raw) {
        OptionalInt whole = whole(raw);
        if (whole.isPresent()) {
            return Optional.of(Period.ofMonths(whole.getAsInt()));
        }
        try {
            return Optional.of(Period.parse(strip(raw).toUpperCase(Locale.ROOT)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** @return the period as a number of months, or in ISO 8601 when it has days */
    static String months(Period period) {
        return period.getDays() == 0 ? String.valueOf(period.toTotalMonths()) : period.toString();
    }

    /** @return the non-empty lines of a text, stripped */
    static List<String> lines(String raw) {
        return Arrays.stream(strip(raw).split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** @return the items of a list typed with commas, semicolons or line breaks between them, without repeats */
    static List<String> items(String raw) {
        return Arrays.stream(strip(raw).split("[,;\n]")).map(String::strip).filter(s -> !s.isEmpty()).distinct()
                .toList();
    }

    /** @return the values one per line, sorted, as a textarea shows them */
    static String lines(Collection<String> values) {
        return String.join("\n", values.stream().sorted().toList());
    }

    /** @return the values sorted with commas between them, as a list field shows them */
    static String items(Collection<String> values) {
        return String.join(", ", values.stream().sorted().toList());
    }

    /**
     * @param text a title or label
     * @return a lower-case slug made from it ({@code Ronde 1: één} becomes {@code ronde-1-een}); may be empty
     */
    static String slug(String text) {
        String plain = Normalizer.normalize(strip(text), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+)|(-+$)", "");
        if (plain.length() > 64) {
            plain = plain.substring(0, 64).replaceAll("-+$", "");
        }
        return plain;
    }
}
