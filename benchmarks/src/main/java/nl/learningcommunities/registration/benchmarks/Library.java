package nl.learningcommunities.registration.benchmarks;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.booking.SeatCounts;
import nl.learningcommunities.registration.event.Contact;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventCatalogue;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.event.OrganiserNotifications;
import nl.learningcommunities.registration.event.RegistrationWindow;
import nl.learningcommunities.registration.notification.NotificationOutbox;
import nl.learningcommunities.registration.participant.EmailAddress;

/** The library, through its public API, on one or more engines (nodes) sharing a store. */
final class Library {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2027-05-03T08:00:00Z"), AMSTERDAM);
    private static final Locale DUTCH = Locale.forLanguageTag("nl");

    record Node(RegistrationStore store, NotificationOutbox outbox, EventCatalogue catalogue) {
    }

    private final List<RegistrationEngine> engines = new ArrayList<>();
    private final RegistrationStore store;
    private final List<String> eventIds = new ArrayList<>();
    private final int capacity;

    Library(List<Node> nodes, int events, int capacity) {
        this.capacity = capacity;
        for (Node node : nodes) {
            engines.add(RegistrationEngine.builder().eventCatalogue(node.catalogue()).registrationStore(node.store())
                    .notificationOutbox(node.outbox()).clock(CLOCK).build());
        }
        this.store = nodes.get(0).store();
        for (int e = 0; e < events; e++) {
            String id = events == 1 ? "rush" : String.format("spread-%03d", e);
            eventIds.add(id);
            engines.get(0).events().publish(event(id, capacity));
        }
    }

    static Event event(String id, int capacity) {
        return Event.builder(id)
                .title(LocalizedText.of("Learning Communities in hbo en mbo", "Learning Communities in hbo and mbo"))
                .description(LocalizedText.of("Online brede bijeenkomst", "Broad online meeting"))
                .contact(new Contact("Melina Groen", "MBO Raad", EmailAddress.of("melina.groen@example.org")))
                .onlineLink(Optional.of(URI.create("https://meet.example.org/lc")))
                .startsAt(ZonedDateTime.of(2027, 6, 9, 13, 0, 0, 0, AMSTERDAM))
                .endsAt(ZonedDateTime.of(2027, 6, 9, 17, 0, 0, 0, AMSTERDAM))
                .registrationWindow(new RegistrationWindow(ZonedDateTime.of(2027, 4, 1, 9, 0, 0, 0, AMSTERDAM),
                        ZonedDateTime.of(2027, 6, 8, 12, 0, 0, 0, AMSTERDAM)))
                .capacity(OptionalInt.of(capacity))
                .organiserNotifications(OrganiserNotifications.NONE)
                .build();
    }

    Load.Kind register(int n) {
        RegistrationEngine engine = engines.get(n % engines.size());
        String eventId = eventIds.get(n % eventIds.size());
        RegistrationOutcome outcome = engine.registrations().register(RegisterCommand.of(eventId,
                new ParticipantDetails("Deelnemer", "Nummer " + n, "p" + n + "@bench.example.org",
                        "Organisatie " + (n % 700), "projectleider", "hbo", DUTCH)));
        if (outcome instanceof RegistrationOutcome.Confirmed) {
            return Load.Kind.CONFIRMED;
        }
        if (outcome instanceof RegistrationOutcome.Waitlisted) {
            return Load.Kind.WAITLISTED;
        }
        return Load.Kind.REFUSED;
    }

    /**
     * How every event stands, each checked on its own against the capacity it was published with, from the store's
     * counts of registrations by status.
     */
    Row.Tally tally() {
        Row.Tally tally = Row.Tally.NONE;
        for (String id : eventIds) {
            SeatCounts counts = store.counts(id);
            tally = tally.plus(Row.Tally.ofEvent(capacity, counts.confirmed() + counts.offered(), counts.waiting()));
        }
        return tally;
    }
}
