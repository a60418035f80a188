package nl.learningcommunities.registration.mail;

import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;

import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.component.VTimezone;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventFormat;
import nl.learningcommunities.registration.event.OrganiserNotifications;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.rule.Messages;

/** The calendar part as calendar programs read it: where, the link, the zone, one stamp. */
class CalendarInvitesTest {

    private static final String VENUE = "Jaarbeurs Utrecht, zaal 3";
    private static final String LINK = "https://meet.example.org/lc";

    private final MailFixture f = new MailFixture();
    private final MessageComposer composer = new MessageComposer(f.settings);

    @Test
    void a_hybrid_event_has_its_venue_in_location_and_its_link_in_url_and_description() throws Exception {
        Event event = f.publish(hybrid("hybride"));
        Registration anna = f.register(event, "Anna", "anna@hu.example.org", Messages.DUTCH);

        String ics = calendarPart(NotificationType.CONFIRMATION, event, anna);

        VEvent vevent = IcsChecks.readByBoth(ics).getEvents().get(0);
        assertThat(vevent.getLocation().getValue()).isEqualTo(VENUE);
        assertThat(vevent.getUrl().getValue()).isEqualTo(LINK);
        assertThat(vevent.getDescription().getValue()).startsWith("Online brede bijeenkomst")
                .endsWith("Link naar de online bijeenkomst: " + LINK);
    }

    @Test
    void a_cancellation_keeps_the_venue_and_carries_no_online_link() throws Exception {
        Event event = f.publish(hybrid("hybride-afgezegd"));
        Registration anna = f.register(event, "Anna", "anna@hu.example.org", Messages.ENGLISH);
        f.engine.organising().cancel(anna.id(), "melina", Optional.empty());
        Registration cancelled = f.storage.find(anna.id()).orElseThrow();

        String ics = calendarPart(NotificationType.CANCELLATION, event, cancelled);

        VEvent vevent = IcsChecks.readByBoth(ics).getEvents().get(0);
        assertThat(vevent.getLocation().getValue()).isEqualTo(VENUE);
        assertThat(vevent.getUrl()).isNull();
        assertThat(ics).doesNotContain("meet.example.org");
    }

    @Test
    void the_time_zone_is_compact_named_as_the_times_name_it_and_stamped_once() throws Exception {
        Event event = f.publish(meeting("compact", 10).organiserNotifications(OrganiserNotifications.NONE).build());
        Registration anna = f.register(event, "Anna", "anna@hu.example.org", Messages.DUTCH);

        String ics = calendarPart(NotificationType.CONFIRMATION, event, anna);

        ICalendar ical = IcsChecks.readByBoth(ics);
        assertThat(ical.getTimezoneInfo().getComponents()).hasSize(1);
        VTimezone zone = ical.getTimezoneInfo().getComponents().iterator().next();
        assertThat(zone.getTimezoneId().getValue()).isEqualTo("Europe/Amsterdam");
        assertThat(ics).doesNotContain("Brussels").contains("DTSTART;TZID=Europe/Amsterdam:20270609T130000");
        String vtimezone = ics.substring(ics.indexOf("BEGIN:VTIMEZONE"), ics.indexOf("END:VTIMEZONE"));
        assertThat(vtimezone.lines().count()).as("lines in the VTIMEZONE").isLessThanOrEqualTo(20);
        assertThat(vtimezone).contains("BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\n", "TZOFFSETTO:+0200",
                "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\n",
                "TZOFFSETTO:+0100", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
        assertThat(ics.split("DTSTAMP", -1)).as("DTSTAMP lines").hasSize(2);
        assertThat(ical.getEvents().get(0).getDateStart().getValue())
                .isEqualTo(Date.from(event.startsAt().toInstant()));
    }

    @Test
    void zones_without_summer_time_or_south_of_the_equator_read_back_at_the_right_moment() throws Exception {
        for (ZonedDateTime start : List.of(ZonedDateTime.of(2027, 6, 9, 13, 0, 0, 0, ZoneId.of("Asia/Kolkata")),
                ZonedDateTime.of(2027, 6, 9, 13, 0, 0, 0, ZoneId.of("Australia/Sydney")),
                ZonedDateTime.of(2027, 2, 10, 13, 0, 0, 0, ZoneId.of("Australia/Sydney")),
                ZonedDateTime.of(2027, 11, 3, 9, 0, 0, 0, ZoneId.of("America/New_York")))) {
            String id = "zone-" + start.getZone().getId().replaceAll("[/_]", "-").toLowerCase(Locale.ROOT) + "-"
                    + start.getMonthValue();
            Event event = f.publish(meeting(id, 10).organiserNotifications(OrganiserNotifications.NONE)
                    .startsAt(start).endsAt(start.plusHours(2)).build());
            Registration anna = f.register(event, "Anna", "anna" + start.getMonthValue() + "@hu.example.org",
                    Messages.ENGLISH);

            String ics = calendarPart(NotificationType.CONFIRMATION, event, anna);

            VEvent vevent = IcsChecks.readByBoth(ics).getEvents().get(0);
            assertThat(vevent.getDateStart().getValue()).as(start.toString()).isEqualTo(Date.from(start.toInstant()));
            assertThat(vevent.getDateEnd().getValue()).as(start.toString())
                    .isEqualTo(Date.from(start.plusHours(2).toInstant()));
            assertThat(ics).contains("TZID:" + start.getZone().getId());
        }
    }

    private Event hybrid(String id) {
        return meeting(id, 10).organiserNotifications(OrganiserNotifications.NONE).format(EventFormat.HYBRID)
                .venue(Optional.of(VENUE)).build();
    }

    private String calendarPart(NotificationType type, Event event, Registration registration) throws Exception {
        MimeMessage message = composer.compose(Session.getInstance(new Properties()),
                f.notification(type, registration, Map.of()), event, Optional.of(registration));
        MimeMultipart parts = (MimeMultipart) message.getContent();
        return MessageTypesTest.read(MessageTypesTest.find(parts, "text/calendar").orElseThrow());
    }
}
