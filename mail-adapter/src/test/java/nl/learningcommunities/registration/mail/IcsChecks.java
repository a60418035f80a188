package nl.learningcommunities.registration.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import biweekly.ICalVersion;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.io.ParseWarning;
import biweekly.io.text.ICalReader;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;

/**
 * Reads a calendar part with two independent parsers, ical4j and biweekly, and fails on anything either finds
 * wrong: a parse or validation warning from biweekly, a {@code TZID} without its {@code VTIMEZONE}, or a
 * {@code VEVENT} without exactly one {@code DTSTAMP}.
 */
final class IcsChecks {

    private static final Pattern TZID_PARAMETER = Pattern.compile(";TZID=\"?([^:;\"]+)\"?[:;]");

    private IcsChecks() {
    }

    /**
     * @param ics a calendar part
     * @return the calendar as biweekly reads it, after every check passed
     */
    static ICalendar readByBoth(String ics) throws IOException, ParserException {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        Set<String> defined = calendar.getComponents("VTIMEZONE").stream()
                .map(zone -> zone.getProperty("TZID").orElseThrow().getValue()).collect(Collectors.toSet());
        assertThat(referencedZones(ics)).as("every TZID has its VTIMEZONE (ical4j)").isSubsetOf(defined);
        for (Component vevent : calendar.getComponents("VEVENT")) {
            assertThat(vevent.getProperties("DTSTAMP")).as("DTSTAMP lines (ical4j)").hasSize(1);
        }

        ICalendar ical;
        List<ParseWarning> warnings;
        try (ICalReader reader = new ICalReader(ics)) {
            ical = reader.readNext();
            warnings = reader.getWarnings();
        }
        assertThat(ical).as("biweekly reads a calendar").isNotNull();
        assertThat(warnings).as("biweekly's parse warnings").isEmpty();
        assertThat(ical.validate(ICalVersion.V2_0).getWarnings()).as("biweekly's validation warnings").isEmpty();
        Set<String> biweeklyZones = ical.getTimezoneInfo().getComponents().stream()
                .map(zone -> zone.getTimezoneId().getValue()).collect(Collectors.toSet());
        assertThat(referencedZones(ics)).as("every TZID has its VTIMEZONE (biweekly)").isSubsetOf(biweeklyZones);
        for (VEvent event : ical.getEvents()) {
            assertThat(event.getProperties(biweekly.property.DateTimeStamp.class)).as("DTSTAMP lines (biweekly)")
                    .hasSize(1);
            if (event.getDateStart() != null && ics.contains("DTSTART;TZID=")) {
                assertThat(ical.getTimezoneInfo().isFloating(event.getDateStart())).as("DTSTART is floating").isFalse();
                assertThat(ical.getTimezoneInfo().getTimezone(event.getDateStart())).as("DTSTART's zone").isNotNull();
            }
        }
        return ical;
    }

    /** @return the values of every {@code TZID} parameter in the text */
    static Set<String> referencedZones(String ics) {
        Matcher m = TZID_PARAMETER.matcher(ics.replace("\r\n ", "").replace("\n ", ""));
        Set<String> zones = new java.util.HashSet<>();
        while (m.find()) {
            zones.add(m.group(1));
        }
        return zones;
    }
}
