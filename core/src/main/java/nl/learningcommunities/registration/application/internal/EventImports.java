package nl.learningcommunities.registration.application.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import nl.learningcommunities.registration.application.EventOutcome;
import nl.learningcommunities.registration.application.ImportReport;
import nl.learningcommunities.registration.application.ImportReport.EventImport;
import nl.learningcommunities.registration.application.ImportReport.Result;
import nl.learningcommunities.registration.booking.SeatCounts;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventFields;
import nl.learningcommunities.registration.event.EventRevision;
import nl.learningcommunities.registration.event.FieldChange;
import nl.learningcommunities.registration.event.InvalidEventException;
import nl.learningcommunities.registration.event.Session;
import nl.learningcommunities.registration.event.StoredEvent;
import nl.learningcommunities.registration.rule.Reason;

/**
 * Imports event definitions into the catalogue by the rules of {@code EventDirectory.publishAll}: new events are
 * created, unchanged ones left alone, changed ones merged three ways against the definition last imported.
 * Thread-safe: holds only the immutable context.
 */
final class EventImports {

    private static final int ATTEMPTS = 5;

    private final Context context;
    private final EventRevisions revisions;

    EventImports(Context context, EventRevisions revisions) {
        this.context = context;
        this.revisions = revisions;
    }

    ImportReport importAll(List<Event> events) {
        List<EventImport> report = new ArrayList<>();
        for (Event event : events) {
            report.add(importOne(event));
        }
        return new ImportReport(report);
    }

    private EventImport importOne(Event incoming) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StoredEvent> found = context.catalogue().stored(incoming.id());
            Optional<EventImport> done = found.isEmpty() ? create(incoming) : merge(incoming, found.get());
            if (done.isPresent()) {
                return done.get();
            }
        }
        return new EventImport(incoming.id(), Result.REFUSED, List.of(), List.of(), List.of(),
                List.of(Reason.of("event.changed-concurrently")));
    }

    /**
     * Publishes revision 1, then its seats (as an organiser's creation does).
     *
     * @return the report, or empty when another node created the event first (read it again)
     */
    private Optional<EventImport> create(Event incoming) {
        var now = context.now();
        EventRevision first = new EventRevision(incoming.id(), 1, now, EventRevision.IMPORT, "imported", List.of(),
                incoming);
        if (!context.catalogue().save(first, Optional.of(incoming))) {
            return Optional.empty();
        }
        revisions.reconcile(incoming.id());
        return Optional.of(new EventImport(incoming.id(), Result.CREATED, List.of(), List.of(), List.of(), List.of()));
    }

    /** @return the report, or empty when the event changed meanwhile (read it again) */
    private Optional<EventImport> merge(Event incoming, StoredEvent stored) {
        String id = incoming.id();
        if (stored.imported().filter(incoming::equals).isPresent()) {
            revisions.reconcile(id);
            return Optional.of(new EventImport(id, Result.UNCHANGED, List.of(), List.of(), List.of(), List.of()));
        }
        EventFields.Merge merge;
        if (stored.imported().isEmpty()) {
            // No earlier import to compare with (an event made by an organiser, or stored before revisions): every
            // difference is the organiser's to decide, and the file becomes the base of the next import.
            List<String> differing = EventFields.diff(stored.event(), incoming).stream().map(FieldChange::field)
                    .filter(f -> !f.equals("id") && !EventFields.LIFECYCLE.contains(f)).toList();
            merge = new EventFields.Merge(stored.event(), List.of(), List.of(), differing);
        } else {
            try {
                merge = EventFields.merge(stored.imported().get(), incoming, stored.event());
            } catch (InvalidEventException e) {
                return Optional.of(new EventImport(id, Result.REFUSED, List.of(), List.of(), List.of(),
                        List.of(Reason.ofField(e.field(), e.code(), e.args().toArray(String[]::new)))));
            }
        }
        List<String> applied = new ArrayList<>(merge.applied());
        List<Reason> refused = new ArrayList<>();
        Event merged = merge.event();
        EventOutcome outcome = save(stored, merged, incoming);
        if (outcome instanceof EventOutcome.Refused no && isBelowTaken(no)) {
            Event within = withinSeats(merged, stored.event(), refused);
            if (within.capacity().equals(stored.event().capacity())) {
                applied.remove("capacity");
            }
            if (within.sessions().equals(stored.event().sessions())) {
                applied.remove("sessions");
            }
            merged = within;
            outcome = save(stored, merged, incoming);
        }
        if (outcome instanceof EventOutcome.Stale || outcome instanceof EventOutcome.NotFound) {
            return Optional.empty();
        }
        if (outcome instanceof EventOutcome.Refused no) {
            return Optional.of(new EventImport(id, Result.REFUSED, List.of(), merge.kept(), merge.conflicts(),
                    no.reasons()));
        }
        return Optional.of(new EventImport(id, applied.isEmpty() ? Result.UNCHANGED : Result.UPDATED, applied,
                merge.kept(), merge.conflicts(), refused));
    }

    private EventOutcome save(StoredEvent stored, Event merged, Event incoming) {
        return revisions.revise(stored.event().id(), OptionalLong.of(stored.revision()), current -> merged,
                EventRevision.IMPORT, "imported", Optional.of(incoming), true);
    }

    /**
     * The merged event with each capacity that is below the seats taken put back as the event has it now (the event's
     * own, or one session's), adding a reason naming that field for each.
     */
    private Event withinSeats(Event merged, Event current, List<Reason> refused) {
        SeatCounts counts = context.store().counts(current.id());
        int taken = counts.confirmed() + counts.offered();
        Event.Builder within = merged.toBuilder();
        if (merged.capacity().isPresent() && merged.capacity().getAsInt() < taken) {
            within.capacity(current.capacity());
            refused.add(Reason.ofField("capacity", "capacity.below-taken", String.valueOf(taken)));
        }
        Map<String, OptionalInt> capacities = new HashMap<>();
        current.sessions().forEach(s -> capacities.put(s.id(), s.capacity()));
        List<Session> sessions = new ArrayList<>();
        for (Session session : merged.sessions()) {
            SeatCounts.SessionCounts seats = counts.sessions().get(session.id());
            if (seats != null && session.capacity().isPresent() && session.capacity().getAsInt() < seats.seated()) {
                sessions.add(new Session(session.id(), session.title(), session.startsAt(), session.endsAt(),
                        capacities.getOrDefault(session.id(), OptionalInt.empty())));
                refused.add(Reason.ofField("sessions." + session.id() + ".capacity", "capacity.below-taken",
                        String.valueOf(seats.seated())));
            } else {
                sessions.add(session);
            }
        }
        return within.sessions(sessions).build();
    }

    private static boolean isBelowTaken(EventOutcome.Refused refused) {
        return refused.reasons().stream().anyMatch(r -> r.code().equals("capacity.below-taken"));
    }
}
