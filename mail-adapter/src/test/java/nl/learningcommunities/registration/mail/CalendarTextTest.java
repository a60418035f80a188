package nl.learningcommunities.registration.mail;

import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.time.zone.ZoneRulesProvider;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import nl.learningcommunities.registration.booking.Attendance;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.StatusChange;
import nl.learningcommunities.registration.event.Contact;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventFormat;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.participant.Participant;

/**
 * An invitation's calendar text — with the zone's definition written once per zone and year and the zone of its
 * times looked up once — is exactly the text ical4j writes for a calendar built plainly, without either: for every
 * zone the JDK knows, in summer and in winter, and for requests and cancellations, every kind of place, bare offsets
 * and text that needs escaping.
 */
class CalendarTextTest {

    private static final String DOMAIN = "portal.example.org";
    private static final Instant STAMP = Instant.parse("2027-05-03T08:00:00Z");
    private static final String DESCRIPTION = "Online brede bijeenkomst";
    private static final String LINK_LABEL = "Link naar de online bijeenkomst";

    private final CalendarInvites invites = new CalendarInvites(DOMAIN);

    @Test
    void for_every_zone_in_summer_and_winter_the_text_is_what_ical4j_writes_for_the_whole_calendar() {
        SoftAssertions softly = new SoftAssertions();
        int compared = 0;
        for (String id : ZoneRulesProvider.getAvailableZoneIds()) {
            if (id.startsWith("ical4j")) {
                continue;  // ical4j's own provider of zones it read from calendars
            }
            ZoneId zone = ZoneId.of(id);
            for (int year : new int[] {2027, 2031}) {
                for (ZonedDateTime start : List.of(ZonedDateTime.of(year, 6, 9, 13, 0, 0, 0, zone),
                        ZonedDateTime.of(year, 11, 24, 9, 30, 0, 0, zone))) {
                    Event event = meeting("zone-" + compared, 10).startsAt(start).endsAt(start.plusHours(2)).build();
                    Registration registration = registration(event, "Anna", RegistrationStatus.CONFIRMED, 2);
                    softly.assertThat(written(NotificationType.CONFIRMATION, event, registration))
                            .as(start.toString()).isEqualTo(whole(ImmutableMethod.REQUEST, event, registration));
                    compared++;
                }
            }
        }
        softly.assertThat(compared).as("calendars compared").isGreaterThan(1000);
        softly.assertAll();
    }

    @Test
    void for_every_kind_of_place_method_and_text_the_text_is_what_ical4j_writes_for_the_whole_calendar() {
        ZonedDateTime amsterdam = ZonedDateTime.of(2027, 6, 9, 13, 0, 0, 0, ZoneId.of("Europe/Amsterdam"));
        String awkward = "Bijeenkomst, \"deel\" 2; met\\zonder\nregels — Zoë 😀";
        List<Event> events = List.of(
                meeting("online", 10).build(),
                meeting("hybrid", 10).format(EventFormat.HYBRID).venue(Optional.of("Jaarbeurs, zaal 3; Utrecht"))
                        .build(),
                meeting("on-site", 10).format(EventFormat.ON_SITE).venue(Optional.of("Domplein 29, Utrecht"))
                        .onlineLink(Optional.empty()).build(),
                meeting("offset", 10).startsAt(amsterdam.withZoneSameInstant(ZoneOffset.ofHours(2)))
                        .endsAt(amsterdam.plusHours(3).withZoneSameInstant(ZoneOffset.ofHours(2))).build(),
                meeting("utc", 10).startsAt(amsterdam.withZoneSameInstant(ZoneOffset.UTC))
                        .endsAt(amsterdam.plusHours(3).withZoneSameInstant(ZoneOffset.UTC)).build(),
                meeting("awkward", 10).title(LocalizedText.of(awkward, awkward))
                        .contact(new Contact("Groen, Melina; \"MBO\" Raad", "MBO Raad",
                                EmailAddress.of("melina.groen@example.org")))
                        .onlineLink(Optional.of(URI.create("https://meet.example.org/lc?a=1&b=%20x"))).build());
        SoftAssertions softly = new SoftAssertions();
        for (Event event : events) {
            for (String given : List.of("Anna", "Zoë; \"Ğül\", 😀\\n")) {
                Registration confirmed = registration(event, given, RegistrationStatus.CONFIRMED, 3);
                Registration cancelled = registration(event, given, RegistrationStatus.CANCELLED, Long.MAX_VALUE);
                softly.assertThat(written(NotificationType.CONFIRMATION, event, confirmed)).as(event.id())
                        .isEqualTo(whole(ImmutableMethod.REQUEST, event, confirmed));
                softly.assertThat(written(NotificationType.CANCELLATION, event, cancelled)).as(event.id())
                        .isEqualTo(whole(ImmutableMethod.CANCEL, event, cancelled));
            }
        }
        softly.assertAll();
    }

    @Test
    void the_time_zone_written_once_serves_every_participant_with_their_own_lines() {
        Event event = meeting("shared", 10).build();
        Registration anna = registration(event, "Anna", RegistrationStatus.CONFIRMED, 1);
        Registration bram = registration(event, "Bram", RegistrationStatus.CONFIRMED, 4);

        String forAnna = written(NotificationType.CONFIRMATION, event, anna);
        String forBram = written(NotificationType.CONFIRMATION, event, bram);

        assertThat(forAnna).isEqualTo(whole(ImmutableMethod.REQUEST, event, anna)).contains("CN=Anna Jansen")
                .contains("UID:" + anna.id()).contains("SEQUENCE:1");
        assertThat(forBram).isEqualTo(whole(ImmutableMethod.REQUEST, event, bram)).contains("CN=Bram Jansen")
                .contains("UID:" + bram.id()).contains("SEQUENCE:4").doesNotContain("Anna");
    }

    private String written(NotificationType type, Event event, Registration registration) {
        return invites.build(type, event, registration, STAMP, DESCRIPTION, LINK_LABEL).orElseThrow().ics();
    }

    /** The calendar as ical4j writes it whole, built as one {@link Calendar} with its zone and event. */
    private static String whole(Method method, Event event, Registration registration) {
        Optional<URI> link = method == ImmutableMethod.REQUEST ? event.onlineLink() : Optional.empty();
        VEvent vevent = new VEvent(local(event.startsAt()), local(event.endsAt()),
                event.title().in(registration.participant().locale()));
        vevent.replace(new DtStamp(STAMP));
        vevent.add(new Uid(registration.id() + "@" + DOMAIN));
        vevent.add(new Sequence((int) Math.min(Integer.MAX_VALUE, registration.version())));
        vevent.add(new Description(link.map(l -> DESCRIPTION + "\n\n" + LINK_LABEL + ": " + l).orElse(DESCRIPTION)));
        Optional<String> venue = event.format() == EventFormat.ONLINE ? Optional.empty() : event.venue();
        venue.or(() -> link.map(URI::toString)).ifPresent(where -> vevent.add(new Location(where)));
        link.ifPresent(l -> vevent.add(new Url(l)));
        vevent.add(new Organizer(new ParameterList(List.of(new Cn(event.contact().name()))),
                "mailto:" + event.contact().email().value()));
        vevent.add(new Attendee(new ParameterList(List.of(new Cn(registration.participant().fullName()),
                Role.REQ_PARTICIPANT, PartStat.ACCEPTED, Rsvp.FALSE)),
                "mailto:" + registration.participant().email().value()));
        if (method == ImmutableMethod.CANCEL) {
            vevent.add(ImmutableStatus.VEVENT_CANCELLED);
        }
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Learning Communities Registration//NL"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(method);
        if (!(event.startsAt().getZone() instanceof ZoneOffset)) {
            calendar.add(CompactTimeZones.of(event.startsAt().getZone(), event.startsAt().getYear()));
        }
        calendar.add(vevent);
        return calendar.toString();
    }

    private static Temporal local(ZonedDateTime time) {
        return time.getZone() instanceof ZoneOffset ? time.toInstant() : time;
    }

    /** A registration that once had a seat: confirmed now, or cancelled since. */
    private static Registration registration(Event event, String given, RegistrationStatus status, long version) {
        Participant participant = new Participant(given, "Jansen", EmailAddress.of("deelnemer@hu.example.org"), "HU",
                "projectleider", "hbo", Locale.forLanguageTag("nl"), Map.of(), Optional.empty());
        List<StatusChange> history = status == RegistrationStatus.CONFIRMED
                ? List.of(confirmedLine())
                : List.of(confirmedLine(), new StatusChange(Optional.of(RegistrationStatus.CONFIRMED), status, STAMP,
                        StatusChange.PARTICIPANT, "cancelled", Optional.empty()));
        return new Registration(UUID.randomUUID(), event.id(), participant, List.of(), status, OptionalLong.empty(),
                Optional.empty(), Attendance.UNKNOWN, Optional.empty(), Optional.empty(), STAMP, STAMP, history,
                List.of(), false, version);
    }

    private static StatusChange confirmedLine() {
        return new StatusChange(Optional.empty(), RegistrationStatus.CONFIRMED, STAMP, StatusChange.PARTICIPANT,
                "registered", Optional.empty());
    }
}
