package nl.learningcommunities.registration.mail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
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

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.notification.NotificationType;

/**
 * The calendar part of confirmations and cancellations, made with ical4j: one stable {@code UID} per
 * registration, so that a change or a cancellation updates the same entry; times in the event's zone with its
 * {@code VTIMEZONE}; the online link in {@code LOCATION} and {@code URL}; the organiser from the event. The zone
 * definitions come from the ical4j jar; nothing is fetched.
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

    private static final java.util.Map<String, VTimeZone> ZONES = new java.util.concurrent.ConcurrentHashMap<>();

    private final String domain;

    CalendarInvites(String domain) {
        this.domain = domain;
    }

    Optional<Invite> build(NotificationType type, Event event, Registration registration, Instant stamp,
                           String description) {
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
        VEvent vevent = new VEvent(event.startsAt(), event.endsAt(), event.title().in(registration.participant().locale()));
        vevent.add(new Uid(registration.id() + "@" + domain));
        vevent.add(new Sequence((int) Math.min(Integer.MAX_VALUE, registration.version())));
        vevent.add(new DtStamp(stamp));
        vevent.add(new Description(description));
        String where = event.onlineLink().map(URI::toString).or(event::venue).orElse("");
        if (!where.isEmpty()) {
            vevent.add(new Location(where));
        }
        event.onlineLink().ifPresent(link -> vevent.add(new Url(link)));
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
        calendar.add(zone(event.startsAt().getZone().getId()));
        calendar.add(vevent);
        return Optional.of(new Invite(method.getValue(), calendar.toString()));
    }

    private static VTimeZone zone(String zoneId) {
        return ZONES.computeIfAbsent(zoneId, CalendarInvites::load);
    }

    private static VTimeZone load(String zoneId) {
        try (InputStream in = CalendarInvites.class.getResourceAsStream("/zoneinfo/" + zoneId + ".ics")) {
            if (in == null) {
                throw new IllegalStateException("ical4j has no definition of time zone " + zoneId);
            }
            return new CalendarBuilder().build(in).<VTimeZone>getComponents("VTIMEZONE").get(0);
        } catch (IOException | ParserException e) {
            throw new IllegalStateException("cannot read the definition of time zone " + zoneId, e);
        }
    }
}
