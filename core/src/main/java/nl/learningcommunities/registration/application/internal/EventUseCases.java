package nl.learningcommunities.registration.application.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import nl.learningcommunities.registration.application.ChangePreview;
import nl.learningcommunities.registration.application.EventDirectory;
import nl.learningcommunities.registration.application.EventOutcome;
import nl.learningcommunities.registration.application.ImportReport;
import nl.learningcommunities.registration.application.constraints.WellFormedText;
import nl.learningcommunities.registration.application.constraints.WellFormedTextValidator;
import nl.learningcommunities.registration.booking.SeatCounts;
import nl.learningcommunities.registration.booking.StatusChange;
import nl.learningcommunities.registration.eligibility.InvitationCode;
import nl.learningcommunities.registration.eligibility.Invitations;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventFields;
import nl.learningcommunities.registration.event.EventRevision;
import nl.learningcommunities.registration.event.EventStatus;
import nl.learningcommunities.registration.event.FieldChange;
import nl.learningcommunities.registration.event.InvalidEventException;
import nl.learningcommunities.registration.event.RegistrationWindow;
import nl.learningcommunities.registration.event.Session;
import nl.learningcommunities.registration.event.StoredEvent;
import nl.learningcommunities.registration.event.Visibility;
import nl.learningcommunities.registration.rule.Reason;

/** The event directory and the event's life. Thread-safe: holds only the immutable context. */
public final class EventUseCases implements EventDirectory {

    private static final int MAX_REASON = 2000;

    private final Context context;
    private final EventRevisions revisions;
    private final EventImports imports;

    /**
     * @param context the ports and clock
     */
    public EventUseCases(Context context) {
        this.context = Objects.requireNonNull(context, "context");
        this.revisions = new EventRevisions(context);
        this.imports = new EventImports(context, revisions);
    }

    @Override
    public ImportReport publish(Event event) {
        return publishAll(List.of(Objects.requireNonNull(event, "event")));
    }

    @Override
    public ImportReport publishAll(List<Event> events) {
        Objects.requireNonNull(events, "events");
        return imports.importAll(events);
    }

    @Override
    public EventOutcome create(Event event, String actor) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(actor, "actor");
        return createRevision(event, actor, "created");
    }

    /**
     * Publishes revision 1, then its seats: of two nodes creating the same id, the one whose revision is stored
     * defines the seats, and the other touches nothing.
     */
    private EventOutcome createRevision(Event event, String actor, String action) {
        if (context.catalogue().stored(event.id()).isPresent()) {
            return new EventOutcome.Refused(List.of(Reason.ofField("id", "event.exists", event.id())));
        }
        Instant now = context.now();
        EventRevision first = new EventRevision(event.id(), 1, now, actor, action, List.of(), event);
        if (!context.catalogue().save(first, Optional.empty())) {
            return new EventOutcome.Refused(List.of(Reason.ofField("id", "event.exists", event.id())));
        }
        revisions.reconcile(event.id());
        return new EventOutcome.Saved(context.catalogue().stored(event.id())
                .orElse(new StoredEvent(event, 1, Optional.empty())), List.of(), 0);
    }

    @Override
    public EventOutcome update(String eventId, long expectedRevision, Event changed, String actor) {
        Objects.requireNonNull(changed, "changed");
        Objects.requireNonNull(actor, "actor");
        return revisions.revise(eventId, OptionalLong.of(expectedRevision), current -> {
            if (current.isCancelled()) {
                throw new InvalidEventException("status", "event.cancelled", "event " + eventId + " is cancelled");
            }
            return keepLifecycle(changed, current);
        }, actor, "updated", Optional.empty(), true);
    }

    @Override
    public ChangePreview preview(String eventId, Event changed) {
        Objects.requireNonNull(changed, "changed");
        Event current = context.event(eventId);
        List<FieldChange> changes = EventFields.diff(current, keepLifecycle(changed, current));
        if (!EventFields.material(changes)) {
            return new ChangePreview(changes, false, 0, 0);
        }
        SeatCounts counts = context.store().counts(eventId);
        return new ChangePreview(changes, true, counts.confirmed(), counts.waiting() + counts.offered());
    }

    private static Event keepLifecycle(Event changed, Event current) {
        return changed.toBuilder().status(current.status()).cancellationReason(current.cancellationReason()).build();
    }

    @Override
    public EventOutcome copy(String sourceId, String newId, ZonedDateTime startsAt, String actor) {
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(actor, "actor");
        Optional<Event> source = context.catalogue().find(sourceId);
        if (source.isEmpty()) {
            return new EventOutcome.NotFound();
        }
        if (newId == null || newId.isBlank()) {
            return new EventOutcome.Refused(List.of(Reason.ofField("id", "field.required")));
        }
        Event copy;
        try {
            copy = moved(source.get(), startsAt).toBuilder().id(newId).status(EventStatus.OPEN)
                    .cancellationReason(Optional.empty()).build();
        } catch (InvalidEventException e) {
            return EventRevisions.refused(e);
        }
        return createRevision(copy, actor, "copied");
    }

    /** The event moved to a new start, every other moment keeping its wall-clock distance to the start. */
    private static Event moved(Event event, ZonedDateTime startsAt) {
        ZonedDateTime from = event.startsAt();
        Duration shift = Duration.between(from.toLocalDateTime(),
                startsAt.withZoneSameInstant(from.getZone()).toLocalDateTime());
        List<Session> sessions = event.sessions().stream().map(s -> new Session(s.id(), s.title(),
                shift(s.startsAt(), shift), shift(s.endsAt(), shift), s.capacity())).toList();
        List<InvitationCode> codes = event.invitations().codes().stream().map(c -> new InvitationCode(c.code(),
                c.maxUses(), c.expiresAt().map(t -> shift(t, shift)))).toList();
        RegistrationWindow window = event.registrationWindow();
        return event.toBuilder()
                .startsAt(startsAt)
                .endsAt(shift(event.endsAt(), shift).withZoneSameInstant(startsAt.getZone()))
                .sessions(sessions)
                .registrationWindow(new RegistrationWindow(shift(window.opensAt(), shift),
                        shift(window.closesAt(), shift)))
                .invitations(new Invitations(event.invitations().emails(), codes))
                .build();
    }

    private static ZonedDateTime shift(ZonedDateTime time, Duration shift) {
        return time.toLocalDateTime().plus(shift).atZone(time.getZone());
    }

    @Override
    public EventOutcome close(String eventId, String actor) {
        return lifecycle(eventId, actor, "closed", EventStatus.CLOSED, Optional.empty());
    }

    @Override
    public EventOutcome reopen(String eventId, String actor) {
        return lifecycle(eventId, actor, "reopened", EventStatus.OPEN, Optional.empty());
    }

    @Override
    public EventOutcome cancel(String eventId, String reason, String actor) {
        Optional<String> why = Optional.ofNullable(reason).map(String::strip).filter(r -> !r.isEmpty());
        if (why.isEmpty()) {
            return new EventOutcome.Refused(List.of(Reason.ofField("reason", "field.required")));
        }
        if (!WellFormedTextValidator.isWellFormed(why.get())) {
            return new EventOutcome.Refused(List.of(Reason.ofField("reason", WellFormedText.CODE)));
        }
        if (why.get().length() > MAX_REASON) {
            return new EventOutcome.Refused(List.of(Reason.ofField("reason", "field.too-long",
                    String.valueOf(MAX_REASON))));
        }
        EventOutcome outcome = lifecycle(eventId, actor, "cancelled", EventStatus.CANCELLED, why);
        if (!(outcome instanceof EventOutcome.Saved saved)) {
            return outcome;
        }
        int told = new EventCancellation(context).cancelRegistrations(saved.event().event(),
                StatusChange.organiser(actor));
        return new EventOutcome.Saved(saved.event(), saved.changes(), told);
    }

    private EventOutcome lifecycle(String eventId, String actor, String action, EventStatus status,
                                   Optional<String> reason) {
        Objects.requireNonNull(actor, "actor");
        return revisions.revise(eventId, OptionalLong.empty(), current -> {
            if (current.isCancelled()) {
                throw new InvalidEventException("status", "event.cancelled", "event " + eventId + " is cancelled");
            }
            return current.toBuilder().status(status).cancellationReason(reason).build();
        }, actor, action, Optional.empty(), false);
    }

    @Override
    public Optional<Event> find(String eventId) {
        return context.catalogue().find(eventId);
    }

    @Override
    public Optional<StoredEvent> stored(String eventId) {
        return context.catalogue().stored(eventId);
    }

    @Override
    public List<nl.learningcommunities.registration.event.EventRevision> history(String eventId) {
        return context.catalogue().history(eventId);
    }

    @Override
    public List<Event> listed() {
        return all().stream().filter(e -> e.visibility() == Visibility.PUBLIC).toList();
    }

    @Override
    public List<Event> all() {
        return context.catalogue().all();
    }

    @Override
    public SeatCounts counts(String eventId) {
        context.event(eventId);
        return context.store().counts(eventId);
    }

    @Override
    public boolean isRegistrationOpen(String eventId) {
        return context.event(eventId).isRegistrationOpenAt(context.now());
    }
}
