package nl.learningcommunities.registration.testing;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import nl.learningcommunities.registration.event.Contact;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventFormat;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.event.RegistrationWindow;
import nl.learningcommunities.registration.event.Session;
import nl.learningcommunities.registration.participant.EmailAddress;

/** Events for tests: an online meeting on Wednesday 9 June 2027, registration open around {@link #NOW}. */
public final class TestEvents {

    /** Amsterdam. */
    public static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    /** A moment when registration for the test events is open. */
    public static final Instant NOW = ZonedDateTime.of(2027, 5, 3, 10, 0, 0, 0, AMSTERDAM).toInstant();

    private TestEvents() {
    }

    /**
     * @param id       the event id
     * @param capacity seats
     * @return a builder of an online meeting with a waiting list, everybody eligible, registration open
     */
    public static Event.Builder meeting(String id, int capacity) {
        return Event.builder(id)
                .title(LocalizedText.of("Learning Communities in hbo en mbo", "Learning Communities in hbo and mbo"))
                .description(LocalizedText.of("Online brede bijeenkomst", "Broad online meeting"))
                .organisers(List.of("Regieorgaan SIA", "Vereniging Hogescholen", "MBO Raad"))
                .contact(new Contact("Melina Groen", "MBO Raad", EmailAddress.of("melina.groen@example.org")))
                .format(EventFormat.ONLINE)
                .onlineLink(Optional.of(URI.create("https://meet.example.org/lc")))
                .startsAt(at(2027, 6, 9, 13))
                .endsAt(at(2027, 6, 9, 17))
                .registrationWindow(new RegistrationWindow(at(2027, 4, 1, 9), at(2027, 6, 8, 12)))
                .capacity(OptionalInt.of(capacity));
    }

    /**
     * @param id       session id
     * @param fromHour start hour on 9 June 2027
     * @param toHour   end hour
     * @param capacity seats
     * @return a session
     */
    public static Session session(String id, int fromHour, int toHour, int capacity) {
        return new Session(id, LocalizedText.of("Sessie " + id, "Session " + id), at(2027, 6, 9, fromHour),
                at(2027, 6, 9, toHour), OptionalInt.of(capacity));
    }

    /**
     * @return a date-time in Amsterdam on the hour
     */
    public static ZonedDateTime at(int year, int month, int day, int hour) {
        return ZonedDateTime.of(year, month, day, hour, 0, 0, 0, AMSTERDAM);
    }
}
