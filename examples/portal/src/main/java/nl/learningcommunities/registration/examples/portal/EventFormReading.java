package nl.learningcommunities.registration.examples.portal;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import nl.learningcommunities.registration.event.Ids;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.rule.Reason;

/**
 * One reading of the event editor's form: the problems found so far, each on the element it is about, and the
 * time zone every moment is read in. Reads the kinds of value the form has: moments, whole numbers, texts in
 * Dutch and English, and the ids of rows. One per request; not thread-safe.
 */
final class EventFormReading {

    private final List<Reason> reasons = new ArrayList<>();
    private final ZoneId zone;
    private final boolean sameZone;

    /**
     * @param zone     the zone the form's moments are in
     * @param sameZone whether it is the zone of the event the organiser started from: then a moment that is the
     *                 instant it was keeps its old form
     */
    EventFormReading(ZoneId zone, boolean sameZone) {
        this.zone = zone;
        this.sameZone = sameZone;
    }

    /** @return the problems found so far */
    List<Reason> reasons() {
        return reasons;
    }

    /** @return whether no problem was found so far */
    boolean ok() {
        return reasons.isEmpty();
    }

    void problem(String id, String code, String... args) {
        reasons.add(Reason.ofField(id, code, args));
    }

    /**
     * A moment typed as a date and a time in the form's zone: {@code <id>-date} and {@code <id>-time} say what
     * is wrong. When it is the instant it was and the zone did not change, the moment as it was is kept.
     */
    Optional<ZonedDateTime> moment(String id, String dateText, String timeText, boolean required,
                                   Optional<ZonedDateTime> before) {
        boolean noDate = EventFormParsing.strip(dateText).isEmpty();
        boolean noTime = EventFormParsing.strip(timeText).isEmpty();
        if (noDate && noTime && !required) {
            return Optional.empty();
        }
        Optional<LocalDate> date = EventFormParsing.date(dateText);
        Optional<LocalTime> time = EventFormParsing.time(timeText);
        if (date.isEmpty()) {
            problem(id + "-date", noDate ? "field.required" : "editor.error.date");
        }
        if (time.isEmpty()) {
            problem(id + "-time", noTime ? "field.required" : "editor.error.time");
        }
        if (date.isEmpty() || time.isEmpty()) {
            return Optional.empty();
        }
        ZonedDateTime moment = ZonedDateTime.of(date.get(), time.get(), zone);
        return Optional.of(before.filter(b -> sameZone && b.toInstant().equals(moment.toInstant())).orElse(moment));
    }

    /** Says {@code code} on {@code id} when both moments are known and the end is not after the start. */
    void after(Optional<ZonedDateTime> start, Optional<ZonedDateTime> end, String id, String code) {
        if (start.isPresent() && end.isPresent() && !end.get().isAfter(start.get())) {
            problem(id, code);
        }
    }

    /** @return a whole number of at least {@code min}, or empty when nothing was typed */
    OptionalInt count(String id, String text, int min) {
        if (EventFormParsing.strip(text).isEmpty()) {
            return OptionalInt.empty();
        }
        OptionalInt number = EventFormParsing.whole(text);
        if (number.isEmpty() || number.getAsInt() < min) {
            problem(id, "editor.error.number", String.valueOf(min));
            return OptionalInt.empty();
        }
        return number;
    }

    /**
     * A text in Dutch and English, keeping the other languages it had; one of the two is required, said on
     * {@code <id>-nl}.
     */
    LocalizedText localized(String id, String dutch, String english, Optional<LocalizedText> before) {
        Map<String, String> values = new LinkedHashMap<>();
        before.ifPresent(text -> text.values().forEach((language, value) -> {
            if (!language.equals("nl") && !language.equals("en")) {
                values.put(language, value);
            }
        }));
        if (!EventFormParsing.strip(dutch).isEmpty()) {
            values.put("nl", EventFormParsing.strip(dutch));
        }
        if (!EventFormParsing.strip(english).isEmpty()) {
            values.put("en", EventFormParsing.strip(english));
        }
        if (!values.containsKey("nl") && !values.containsKey("en")) {
            problem(id + "-nl", "field.required");
            return LocalizedText.of("?");
        }
        return new LocalizedText(values);
    }

    /**
     * A row's id as typed, or made from its Dutch (else English) title or label; unique among {@code taken}.
     * Problems are said on {@code <prefix>-id}.
     */
    String rowId(EventFormRow row, String prefix, String textKey, Set<String> taken) {
        String typed = EventFormParsing.strip(row.value("id"));
        String id = typed.isEmpty() ? EventFormParsing.slug(row.value(textKey + ".nl").isBlank()
                ? row.value(textKey + ".en") : row.value(textKey + ".nl")) : typed;
        if (id.isEmpty()) {
            problem(prefix + "-id", "field.required");
        } else if (!Ids.isSlug(id)) {
            problem(prefix + "-id", "event.id.invalid");
        } else if (!taken.add(id)) {
            problem(prefix + "-id", "event.id.repeated", id);
        }
        return Ids.isSlug(id) ? id : "invalid";
    }
}
