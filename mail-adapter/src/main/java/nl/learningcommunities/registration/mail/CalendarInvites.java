package nl.learningcommunities.registration.mail;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Optional;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventFormat;
import nl.learningcommunities.registration.notification.NotificationType;

/**
 * The calendar part of confirmations and cancellations, made with ical4j: one stable {@code UID} per
 * registration, so that a change or a cancellation updates the same entry; one {@code DTSTAMP}; times in the
 * event's zone, whose compact {@code VTIMEZONE} ({@link CompactTimeZones}) carries exactly the zone id the times
 * name; the organiser from the event.
 *
 * <p>ical4j writes the whole calendar. Two answers it would work out again for every message are worked out once:
 * the zone's definition is written once per zone and year ({@link CompactTimeZones}), and the zone of the times is
 * looked up once per zone ({@link ZoneLookups}); the text is the same as without them.
 *
 * <p>Where: an on-site or hybrid event has its venue in {@code LOCATION}; an online event its link. A request
 * carries the online link in {@code URL} and at the end of the {@code DESCRIPTION} as well; a cancellation
 * carries no online link anywhere.
 *
 * <p>A message that gives or changes a seat ({@link #REQUESTS}, among them a changed event) carries a
 * {@code REQUEST} while the registration is confirmed; a message that takes a seat away ({@link #CANCELS}, among
 * them a cancelled event) carries a {@code CANCEL} with {@code STATUS:CANCELLED} when the registration was ever
 * confirmed. The {@code SEQUENCE} is the registration's version, which the core raises with every such message.
 * Thread-safe.
 */
final class CalendarInvites {

    /** A calendar part and its iTIP method. */
    record Invite(String method, String ics) {
    }

    /** The messages that put or update the entry in a confirmed participant's calendar. */
    static final List<NotificationType> REQUESTS = List.of(NotificationType.CONFIRMATION,
            NotificationType.PROMOTED, NotificationType.APPROVED, NotificationType.DETAILS_CHANGED,
            NotificationType.SESSION_SEATED, NotificationType.EVENT_CHANGED);
    /** The messages that take the entry out of the calendar of a participant who once had a seat. */
    static final List<NotificationType> CANCELS = List.of(NotificationType.CANCELLATION,
            NotificationType.REJECTED, NotificationType.EVENT_CANCELLED);

    private final String domain;

    CalendarInvites(String domain) {
        this.domain = domain;
    }

    /**
     * @param type         the message
     * @param event        the event
     * @param registration the registration the message is about
     * @param stamp        when the message was queued ({@code DTSTAMP})
     * @param description  the event's description in the participant's language
     * @param linkLabel    the words before the online link in the description
     * @return the calendar part, if this message carries one
     */
    Optional<Invite> build(NotificationType type, Event event, Registration registration, Instant stamp,
                           String description, String linkLabel) {
        boolean confirmed = registration.status() == RegistrationStatus.CONFIRMED;
        boolean wasConfirmed = registration.history().stream().anyMatch(h -> h.to() == RegistrationStatus.CONFIRMED);
        Method method;
        if (REQUESTS.contains(type) && confirmed) {
            method = ImmutableMethod.REQUEST;
        } else if (CANCELS.contains(type) && wasConfirmed) {
            method = ImmutableMethod.CANCEL;
        } else {
            return Optional.empty();
        }
        Optional<URI> link = method == ImmutableMethod.REQUEST ? event.onlineLink() : Optional.empty();
        VEvent vevent = new VEvent();
        vevent.add(withZoneLookups(new DtStart<>(local(event.startsAt()))));
        vevent.add(withZoneLookups(new DtEnd<>(local(event.endsAt()))));
        vevent.add(new Summary(event.title().in(registration.participant().locale())));
        vevent.replace(new DtStamp(stamp));
        vevent.add(new Uid(registration.id() + "@" + domain));
        vevent.add(new Sequence((int) Math.min(Integer.MAX_VALUE, registration.version())));
        vevent.add(new Description(link.map(l -> description + "\n\n" + linkLabel + ": " + l).orElse(description)));
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
        return Optional.of(new Invite(method.getValue(), calendar.toString()));
    }

    /** A start or end whose zone ical4j looks up once per zone ({@link ZoneLookups}) rather than at every write. */
    private static <P extends net.fortuna.ical4j.model.property.DateProperty<Temporal>> P withZoneLookups(P time) {
        time.setTimeZoneRegistry(ZoneLookups.INSTANCE);
        return time;
    }

    /** A time in its zone, or in UTC when the zone is a bare offset (no {@code TZID} can name one). */
    private static Temporal local(ZonedDateTime time) {
        return time.getZone() instanceof ZoneOffset ? time.toInstant() : time;
    }
}
