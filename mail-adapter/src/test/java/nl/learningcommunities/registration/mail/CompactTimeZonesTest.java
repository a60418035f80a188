package nl.learningcommunities.registration.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRulesProvider;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TimeZone;
import java.util.TreeMap;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import biweekly.component.Observance;
import biweekly.component.VTimezone;
import biweekly.io.text.ICalReader;
import biweekly.util.DateTimeComponents;

import net.fortuna.ical4j.model.component.VTimeZone;

/**
 * Every zone the JDK knows, written by {@link CompactTimeZones} for the years around now, read back from the text
 * by biweekly — a parser and recurrence engine that share nothing with ical4j — gives the JDK's offset through the
 * year, at every change to the minute, and either side of it. (ical4j reads them in {@link MessageTypesTest} and
 * {@link CalendarInvitesTest}, within whole invitations.)
 *
 * <p>The offsets are worked out from biweekly's observances as RFC 5545 says (an onset is a local time in its
 * {@code TZOFFSETFROM}); not with the {@link TimeZone} biweekly and ical4j build from a {@code VTIMEZONE}, which
 * put a change up to an hour late, and in zones east of +12:00 hours late.
 */
class CompactTimeZonesTest {

    private static final int[] YEARS = {2027, 2031};
    private static final TimeZone LOCAL_ARITHMETIC = TimeZone.getTimeZone("UTC");

    @Test
    void every_zone_reads_back_with_the_jdks_offsets() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        int zones = 0;
        for (String id : ZoneRulesProvider.getAvailableZoneIds()) {
            if (id.startsWith("ical4j")) {
                continue;  // ical4j's own provider of zones it read from calendars
            }
            ZoneId zone = ZoneId.of(id);
            for (int year : YEARS) {
                VTimeZone built = CompactTimeZones.of(zone, year);
                String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + built + "END:VCALENDAR\r\n";
                String what = id + " " + year;
                softly.assertThat(built.getProperty("TZID").orElseThrow().getValue()).as(what).isEqualTo(id);
                softly.assertThat(built.toString().lines().count()).as(what + " lines").isLessThanOrEqualTo(60);

                VTimezone read;
                try (ICalReader reader = new ICalReader(ics)) {
                    read = reader.readNext().getTimezoneInfo().getComponents().iterator().next();
                    softly.assertThat(reader.getWarnings()).as(what + " biweekly's warnings").isEmpty();
                }
                NavigableMap<Instant, ZoneOffset> onsets = onsets(read, ZonedDateTime.of(year + 2, 1, 1, 0, 0, 0, 0,
                        zone).toInstant());
                for (Instant at : moments(zone, year)) {
                    Map.Entry<Instant, ZoneOffset> inForce = onsets.floorEntry(at);
                    softly.assertThat(inForce).as("%s: an observance at %s", what, at).isNotNull();
                    if (inForce != null) {
                        softly.assertThat(inForce.getValue()).as("%s at %s", what, at)
                                .isEqualTo(zone.getRules().getOffset(at));
                    }
                }
            }
            zones++;
        }
        softly.assertAll();
        assertThat(zones).isGreaterThan(400);
    }

    @Test
    void a_yearly_rule_is_the_zones_own_not_one_that_merely_fits_the_years_around_the_event() {
        // In 2018-2020 the last Sunday of October was also the fourth, in 2025-2027 that of September too.
        assertThat(CompactTimeZones.of(ZoneId.of("Europe/Amsterdam"), 2019).toString())
                .contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
        assertThat(CompactTimeZones.of(ZoneId.of("Pacific/Chatham"), 2026).toString())
                .contains("RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU", "RRULE:FREQ=YEARLY;BYMONTH=9;BYDAY=-1SU");
        assertThat(CompactTimeZones.of(ZoneId.of("America/New_York"), 2027).toString())
                .contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU");
        assertThat(CompactTimeZones.of(ZoneId.of("Asia/Jerusalem"), 2027).toString())
                .contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=23,24,25,26,27,28,29;BYDAY=FR");
    }

    @Test
    void one_definition_per_zone_and_year_is_built_and_shared() {
        ZoneId amsterdam = ZoneId.of("Europe/Amsterdam");

        assertThat(CompactTimeZones.of(amsterdam, 2027)).isSameAs(CompactTimeZones.of(amsterdam, 2027))
                .isNotSameAs(CompactTimeZones.of(amsterdam, 2028));
    }

    /** Each onset the observances give (by biweekly's recurrence engine), with the offset it starts. */
    private static NavigableMap<Instant, ZoneOffset> onsets(VTimezone zone, Instant until) {
        List<Observance> observances = new ArrayList<>(zone.getStandardTimes());
        observances.addAll(zone.getDaylightSavingsTime());
        NavigableMap<Instant, ZoneOffset> onsets = new TreeMap<>();
        for (Observance observance : observances) {
            DateTimeComponents start = observance.getDateStart().getValue().getRawComponents();
            Date local = Date.from(LocalDateTime.of(start.getYear(), start.getMonth(), start.getDate(), start.getHour(),
                    start.getMinute(), start.getSecond()).toInstant(ZoneOffset.UTC));
            long from = observance.getTimezoneOffsetFrom().getValue().getMillis();
            ZoneOffset to = ZoneOffset.ofTotalSeconds(
                    (int) (observance.getTimezoneOffsetTo().getValue().getMillis() / 1000));
            Iterator<Date> each = observance.getRecurrenceRule() == null ? List.of(local).iterator()
                    : observance.getRecurrenceRule().getDateIterator(local, LOCAL_ARITHMETIC);
            while (each.hasNext()) {
                Instant onset = each.next().toInstant().minusMillis(from);
                if (onset.isAfter(until)) {
                    break;
                }
                onsets.put(onset, to);
            }
        }
        return onsets;
    }

    /** Noon on the 1st and 15th of every month; a minute before each change, the change, a minute and a day after. */
    private static List<Instant> moments(ZoneId zone, int year) {
        List<Instant> moments = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            moments.add(ZonedDateTime.of(year, month, 1, 12, 0, 0, 0, zone).toInstant());
            moments.add(ZonedDateTime.of(year, month, 15, 12, 0, 0, 0, zone).toInstant());
        }
        Instant end = ZonedDateTime.of(year + 1, 1, 1, 0, 0, 0, 0, zone).toInstant();
        for (ZoneOffsetTransition t = zone.getRules().nextTransition(
                ZonedDateTime.of(year, 1, 1, 0, 0, 0, 0, zone).toInstant());
             t != null && t.getInstant().isBefore(end); t = zone.getRules().nextTransition(t.getInstant())) {
            moments.add(t.getInstant().minus(Duration.ofMinutes(1)));
            moments.add(t.getInstant());
            moments.add(t.getInstant().plus(Duration.ofMinutes(1)));
            moments.add(t.getInstant().plus(Duration.ofDays(1)));
        }
        return moments;
    }
}
