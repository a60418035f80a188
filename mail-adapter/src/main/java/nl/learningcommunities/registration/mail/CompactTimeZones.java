package nl.learningcommunities.registration.mail;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.Month;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.WeekDay;
import net.fortuna.ical4j.model.component.Daylight;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.Standard;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.TzId;
import net.fortuna.ical4j.model.property.TzName;
import net.fortuna.ical4j.model.property.TzOffsetFrom;
import net.fortuna.ical4j.model.property.TzOffsetTo;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * Compact {@code VTIMEZONE} components, as Outlook and Google send them: only the rules in force around an
 * event, built with ical4j's model from {@link ZoneRules} (the JDK's time-zone data), with {@code TZID} exactly the
 * zone's id — never the zone a link resolves to — so that every client finds the zone the times refer to.
 *
 * <ul>
 *   <li>A zone without a change of offset in the year gets one plain {@code STANDARD} observance.</li>
 *   <li>A zone whose changes in the year recur yearly (alike in the years before and after) gets one
 *       {@code STANDARD} and one {@code DAYLIGHT} observance (or as many as it has changes) with a yearly
 *       {@code RRULE}, starting at the change of the year before, so that the whole year is covered also south
 *       of the equator. Each rule is checked first, with ical4j's own recurrence, against the JDK's changes of up
 *       to eight years.</li>
 *   <li>Any other zone gets one observance without a rule per change, from the one in force on 1 January of the
 *       year through the end of the next year.</li>
 * </ul>
 * Built once per zone and year and shared, and written as text once: writing it costs more than the rest of an
 * invitation. Thread-safe; the shared definitions must not be changed.
 */
final class CompactTimeZones {

    private static final Map<ZoneYear, VTimeZone> CACHE = new ConcurrentHashMap<>();
    /** How many years after the event's a yearly rule is checked against, where the zone keeps alike. */
    private static final int CHECKED_YEARS = 6;
    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);
    private static final DateTimeFormatter ABBREVIATION = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

    private record ZoneYear(ZoneId zone, int year) {
    }

    private CompactTimeZones() {
    }

    /**
     * @param zone a region zone, such as Europe/Amsterdam
     * @param year the year of the event
     * @return the zone's compact definition for that year; shared, not to be changed
     */
    static VTimeZone of(ZoneId zone, int year) {
        return CACHE.computeIfAbsent(new ZoneYear(zone, year), key -> build(key.zone(), key.year()));
    }

    private static VTimeZone build(ZoneId zone, int year) {
        List<ZoneOffsetTransition> changes = changes(zone, year, year + 1);
        List<Observance> observances = changes.isEmpty() ? List.of(plain(zone, year))
                : yearly(zone, year, changes).orElseGet(() -> oneOff(zone, year));
        VTimeZone timeZone = new WrittenOnce(new ComponentList<>(observances));
        timeZone.add(new TzId(zone.getId()));
        return timeZone;
    }

    /**
     * One observance with a yearly rule per change, when the changes of the years before and after are alike;
     * each rule is the first candidate that ical4j finds to give exactly the JDK's changes over the alike years
     * from the year before to up to {@link #CHECKED_YEARS} after.
     */
    private static Optional<List<Observance>> yearly(ZoneId zone, int year, List<ZoneOffsetTransition> changes) {
        List<List<ZoneOffsetTransition>> years = new ArrayList<>();
        for (int y = year - 1; y <= year + CHECKED_YEARS; y++) {
            List<ZoneOffsetTransition> those = changes(zone, y, y + 1);
            if (!alike(those, changes)) {
                if (y <= year + 1) {
                    return Optional.empty();
                }
                break;
            }
            years.add(those);
        }
        List<Observance> observances = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            int index = i;
            ZoneOffsetTransition change = changes.get(i);
            List<ZoneOffsetTransition> yearly = years.stream().map(those -> those.get(index)).toList();
            Optional<Recur<LocalDateTime>> recur = candidates(zone, change).stream()
                    .filter(candidate -> produces(candidate, yearly)).findFirst();
            if (recur.isEmpty()) {
                return Optional.empty();
            }
            observances.add(observance(zone.getRules().isDaylightSavings(change.getInstant()),
                    yearly.get(0).getDateTimeBefore(), change.getOffsetBefore(), change.getOffsetAfter(), recur,
                    name(zone, change.getInstant())));
        }
        return Optional.of(observances);
    }

    /** Yearly rules that may describe a change, from its local date: the n-th or last weekday, a date, a range. */
    private static List<Recur<LocalDateTime>> candidates(ZoneId zone, ZoneOffsetTransition change) {
        LocalDate date = change.getDateTimeBefore().toLocalDate();
        WeekDay day = WeekDay.getWeekDay(date.getDayOfWeek());
        int fromStart = (date.getDayOfMonth() - 1) / 7 + 1;
        int fromEnd = (date.lengthOfMonth() - date.getDayOfMonth()) / 7 + 1;
        List<Recur<LocalDateTime>> candidates = new ArrayList<>();
        if (fromEnd == 1) {
            candidates.add(rule(date).dayList(new WeekDay(day, -1)).build());
        }
        if (fromStart <= 4) {
            candidates.add(rule(date).dayList(new WeekDay(day, fromStart)).build());
        }
        candidates.add(rule(date).monthDayList(date.getDayOfMonth()).build());
        // "the first Friday on or after the 23rd": the JDK's own rule, moved as far as the local date moved
        for (ZoneOffsetTransitionRule jdkRule : zone.getRules().getTransitionRules()) {
            DayOfWeek weekday = jdkRule.getDayOfWeek();
            if (weekday != null && jdkRule.getDayOfMonthIndicator() > 0) {
                int moved = Math.floorMod(date.getDayOfWeek().getValue() - weekday.getValue() + 3, 7) - 3;
                int first = jdkRule.getDayOfMonthIndicator() + moved;
                if (first >= 1 && first + 6 <= date.getMonth().minLength()) {
                    candidates.add(rule(date).dayList(day)
                            .monthDayList(first, first + 1, first + 2, first + 3, first + 4, first + 5, first + 6)
                            .build());
                }
            }
        }
        return candidates;
    }

    private static Recur.Builder<LocalDateTime> rule(LocalDate date) {
        return new Recur.Builder<LocalDateTime>().frequency(Frequency.YEARLY)
                .monthList(Month.valueOf(date.getMonthValue()));
    }

    /** Whether ical4j, starting at the first change, finds exactly these changes' local times. */
    private static boolean produces(Recur<LocalDateTime> recur, List<ZoneOffsetTransition> changes) {
        LocalDateTime first = changes.get(0).getDateTimeBefore();
        LocalDateTime last = changes.get(changes.size() - 1).getDateTimeBefore();
        List<LocalDateTime> expected = changes.stream().map(ZoneOffsetTransition::getDateTimeBefore).toList();
        return recur.getDates(first, first, last.plusSeconds(1)).equals(expected);
    }

    /** One observance per change, from the one in force on 1 January through the end of the next year. */
    private static List<Observance> oneOff(ZoneId zone, int year) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffsetTransition> changes = new ArrayList<>();
        Optional.ofNullable(rules.previousTransition(start(zone, year).plusNanos(1))).ifPresent(changes::add);
        changes.addAll(changes(zone, year, year + 2));
        List<Observance> observances = new ArrayList<>();
        if (changes.isEmpty() || !changes.get(0).getInstant().isBefore(start(zone, year).plusNanos(1))) {
            observances.add(plain(zone, year));
        }
        for (ZoneOffsetTransition change : changes) {
            observances.add(observance(rules.isDaylightSavings(change.getInstant()), change.getDateTimeBefore(),
                    change.getOffsetBefore(), change.getOffsetAfter(), Optional.empty(),
                    name(zone, change.getInstant())));
        }
        return observances;
    }

    /** A {@code STANDARD} observance of the offset in force on 1 January, since 1970, without a rule. */
    private static Observance plain(ZoneId zone, int year) {
        Instant start = start(zone, year);
        ZoneOffset offset = zone.getRules().getOffset(start);
        return observance(false, EPOCH, offset, offset, Optional.empty(), name(zone, start));
    }

    private static Observance observance(boolean daylight, LocalDateTime onset, ZoneOffset from, ZoneOffset to,
                                         Optional<Recur<LocalDateTime>> recur, Optional<String> name) {
        Observance observance = daylight ? new Daylight() : new Standard();
        observance.add(new DtStart<>(onset));
        observance.add(new TzOffsetFrom(from));
        observance.add(new TzOffsetTo(to));
        recur.ifPresent(r -> observance.add(new RRule<>(r)));
        name.ifPresent(n -> observance.add(new TzName(n)));
        return observance;
    }

    /** The changes of offset in the local years {@code [from, to)}. */
    private static List<ZoneOffsetTransition> changes(ZoneId zone, int from, int to) {
        ZoneRules rules = zone.getRules();
        Instant end = start(zone, to);
        List<ZoneOffsetTransition> changes = new ArrayList<>();
        for (ZoneOffsetTransition t = rules.nextTransition(start(zone, from).minusNanos(1));
             t != null && t.getInstant().isBefore(end); t = rules.nextTransition(t.getInstant())) {
            changes.add(t);
        }
        return changes;
    }

    /** Whether two years have as many changes, between the same offsets, in the same order. */
    private static boolean alike(List<ZoneOffsetTransition> these, List<ZoneOffsetTransition> those) {
        if (these.size() != those.size()) {
            return false;
        }
        for (int i = 0; i < these.size(); i++) {
            if (!these.get(i).getOffsetBefore().equals(those.get(i).getOffsetBefore())
                    || !these.get(i).getOffsetAfter().equals(those.get(i).getOffsetAfter())) {
                return false;
            }
        }
        return true;
    }

    private static Instant start(ZoneId zone, int year) {
        return ZonedDateTime.of(year, 1, 1, 0, 0, 0, 0, zone).toInstant();
    }

    /** The zone's abbreviation at a moment (CET, CEST), when it has one rather than a bare offset. */
    private static Optional<String> name(ZoneId zone, Instant at) {
        String name = ABBREVIATION.format(at.atZone(zone));
        return name.matches("[A-Za-z]{2,6}") ? Optional.of(name) : Optional.empty();
    }

    /**
     * A zone's definition that ical4j writes once: a calendar it is part of asks it for its text
     * ({@code Component.toString}), which is worked out the first time and kept. Never changed once built.
     */
    private static final class WrittenOnce extends VTimeZone {

        private static final long serialVersionUID = 1L;

        private transient volatile String text;

        WrittenOnce(ComponentList<Observance> observances) {
            super(observances);
        }

        @Override
        public String toString() {
            String written = text;
            if (written == null) {
                written = super.toString();
                text = written;
            }
            return written;
        }
    }
}
