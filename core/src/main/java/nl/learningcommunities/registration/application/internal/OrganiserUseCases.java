package nl.learningcommunities.registration.application.internal;

import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.BiFunction;

import nl.learningcommunities.registration.EventNotFoundException;
import nl.learningcommunities.registration.application.ActionOutcome;
import nl.learningcommunities.registration.application.EventOutcome;
import nl.learningcommunities.registration.application.MessageOutcome;
import nl.learningcommunities.registration.application.ParticipantMessage;
import nl.learningcommunities.registration.application.CapacityOutcome;
import nl.learningcommunities.registration.application.CsvStyle;
import nl.learningcommunities.registration.application.RegistrationSheet;
import nl.learningcommunities.registration.application.Organising;
import nl.learningcommunities.registration.application.constraints.WellFormedText;
import nl.learningcommunities.registration.application.constraints.WellFormedTextValidator;
import nl.learningcommunities.registration.booking.Attendance;
import nl.learningcommunities.registration.booking.NotificationPlan;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.SeatCounts;
import nl.learningcommunities.registration.booking.SeatPlan;
import nl.learningcommunities.registration.booking.StatusChange;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.event.Session;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.rule.Messages;
import nl.learningcommunities.registration.notification.OutboxEntry;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.rule.Reason;
import nl.learningcommunities.registration.token.TokenPurpose;

/** The organiser's use cases. Thread-safe: holds only the immutable context. */
public final class OrganiserUseCases implements Organising {

    private static final int ATTEMPTS = 5;

    private final Context context;
    private final ParticipantUseCases outcomes;
    private final EventRevisions revisions;

    /**
     * @param context the ports and clock
     */
    public OrganiserUseCases(Context context) {
        this.context = Objects.requireNonNull(context, "context");
        this.outcomes = new ParticipantUseCases(context);
        this.revisions = new EventRevisions(context);
    }

    @Override
    public ActionOutcome approve(UUID registrationId, String organiser) {
        return placeOrMove(registrationId, organiser, "approved", Optional.empty());
    }

    @Override
    public ActionOutcome reject(UUID registrationId, String organiser, Optional<String> note) {
        return move(registrationId, RegistrationStatus.REJECTED, organiser, "rejected", note);
    }

    @Override
    public ActionOutcome moveToConfirmed(UUID registrationId, String organiser) {
        ActionOutcome outcome = organiserMove(registrationId, RegistrationStatus.CONFIRMED, organiser);
        if (outcome instanceof ActionOutcome.Done done) {
            String eventId = done.registration().eventId();
            context.store().seatPlan(eventId).map(SeatPlan::capacity)
                    .filter(capacity -> !capacity.equals(context.event(eventId).capacity()))
                    .ifPresent(capacity -> revisions.revise(eventId, OptionalLong.empty(),
                            event -> event.toBuilder().capacity(capacity).build(), organiser, "seat-given",
                            Optional.empty(), false));
        }
        return outcome;
    }

    @Override
    public ActionOutcome moveToWaitingList(UUID registrationId, String organiser) {
        return organiserMove(registrationId, RegistrationStatus.WAITLISTED, organiser);
    }

    @Override
    public ActionOutcome resend(UUID registrationId, String organiser) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Registration> found = context.registration(registrationId);
            if (found.isEmpty()) {
                return new ActionOutcome.NotFound();
            }
            Registration current = found.get();
            if (current.erased()) {
                return ParticipantUseCases.notAllowed("registration.erased");
            }
            Instant now = context.now();
            // Only the newest link works: the resent message's link replaces those sent before.
            TokenPurpose replaced = current.status() == RegistrationStatus.PENDING_VERIFICATION
                    ? TokenPurpose.VERIFY_EMAIL : TokenPurpose.MANAGE;
            StoreResult result = context.store().update(current.noted(note(current, now, organiser, "resent"))
                            .withoutTokens(replaced), current.version(),
                    context.announcements(context.event(current.eventId()), now).resending());
            if (!(result instanceof StoreResult.Conflict)) {
                return outcomes.action(result, now, "registration.not-active");
            }
        }
        return ParticipantUseCases.notAllowed("registration.changed-concurrently");
    }

    @Override
    public ActionOutcome cancel(UUID registrationId, String organiser, Optional<String> note) {
        return move(registrationId, RegistrationStatus.CANCELLED, organiser, "cancelled-by-organiser", note);
    }

    @Override
    public ActionOutcome recordAttendance(UUID registrationId, Attendance attendance, String organiser) {
        Objects.requireNonNull(attendance, "attendance");
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Registration> found = context.registration(registrationId);
            if (found.isEmpty()) {
                return new ActionOutcome.NotFound();
            }
            Registration current = found.get();
            if (current.status() != RegistrationStatus.CONFIRMED) {
                return ParticipantUseCases.notAllowed("attendance.not-confirmed");
            }
            Instant now = context.now();
            StoreResult result = context.store().update(current.withAttendance(attendance, now).noted(
                    note(current, now, organiser, "attendance-" + attendance.name().toLowerCase(java.util.Locale.ROOT)
                            .replace('_', '-'))), current.version(), NotificationPlan.NONE);
            if (!(result instanceof StoreResult.Conflict)) {
                return outcomes.action(result, now, "registration.not-active");
            }
        }
        return ParticipantUseCases.notAllowed("registration.changed-concurrently");
    }

    @Override
    public CapacityOutcome changeCapacity(String eventId, Optional<String> sessionId, OptionalInt capacity,
                                          String organiser) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(capacity, "capacity");
        if (capacity.isPresent() && capacity.getAsInt() < 0) {
            return new CapacityOutcome.Refused(List.of(Reason.ofField("capacity", "field.invalid")));
        }
        Event event = context.event(eventId);
        if (sessionId.isPresent() && event.session(sessionId.get()).isEmpty()) {
            return new CapacityOutcome.Refused(List.of(Reason.ofField("sessionId", "session.unknown",
                    sessionId.get())));
        }
        EventOutcome outcome = revisions.revise(eventId, OptionalLong.empty(), current -> sessionId.isEmpty()
                ? current.toBuilder().capacity(capacity).build()
                : current.toBuilder().sessions(current.sessions().stream().map(s -> s.id().equals(sessionId.get())
                        ? new Session(s.id(), s.title(), s.startsAt(), s.endsAt(), capacity) : s).toList()).build(),
                organiser, "capacity-changed", Optional.empty(), false);
        if (outcome instanceof EventOutcome.Refused refused) {
            return new CapacityOutcome.Refused(refused.reasons());
        }
        if (outcome instanceof EventOutcome.NotFound) {
            throw new EventNotFoundException(eventId);
        }
        return new CapacityOutcome.Changed(context.store().counts(eventId));
    }

    @Override
    public int audienceSize(String eventId, ParticipantMessage.Audience audience) {
        Objects.requireNonNull(audience, "audience");
        context.event(eventId);
        SeatCounts counts = context.store().counts(eventId);
        return switch (audience) {
            case CONFIRMED -> counts.confirmed();
            case WAITING -> counts.waiting() + counts.offered();
            case CONFIRMED_AND_WAITING -> counts.confirmed() + counts.waiting() + counts.offered();
        };
    }

    @Override
    public MessageOutcome message(ParticipantMessage message, String organiser) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(organiser, "organiser");
        Optional<Event> event = context.catalogue().find(message.eventId());
        if (event.isEmpty()) {
            return new MessageOutcome.Invalid(List.of(Reason.ofField("eventId", "event.unknown")));
        }
        List<Reason> problems = new ArrayList<>();
        check(message.subject(), "subject", ParticipantMessage.MAX_SUBJECT, problems);
        check(message.body(), "body", ParticipantMessage.MAX_BODY, problems);
        if (!problems.isEmpty()) {
            return new MessageOutcome.Invalid(problems);
        }
        LocalizedText subject = written(message.subject());
        LocalizedText body = written(message.body());
        Set<RegistrationStatus> statuses = switch (message.audience()) {
            case CONFIRMED -> EnumSet.of(RegistrationStatus.CONFIRMED);
            case WAITING -> EnumSet.of(RegistrationStatus.WAITLISTED);
            case CONFIRMED_AND_WAITING -> EnumSet.of(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED);
        };
        Instant now = context.now();
        List<Notification> queued = new ArrayList<>();
        context.store().forEach(new RegistrationQuery(message.eventId(), statuses, Optional.empty(), 0,
                Integer.MAX_VALUE), registration -> {
                    if (registration.erased()) {
                        return;
                    }
                    var participant = registration.participant();
                    java.util.Locale locale = Messages.supported(participant.locale());
                    queued.add(new Notification(RandomIds.next(), NotificationType.ORGANISER_MESSAGE,
                            message.eventId(), Optional.of(registration.id()), participant.email(),
                            participant.fullName(), locale, now, Optional.empty(),
                            Map.of("subject", subject.in(locale).strip(), "body", body.in(locale).strip(),
                                    "sentBy", organiser)));
                });
        for (int from = 0; from < queued.size(); from += 500) {
            context.outbox().enqueue(queued.subList(from, Math.min(queued.size(), from + 500)));
        }
        return new MessageOutcome.Queued(queued.size());
    }

    /** The text in the languages it was written in: a blank language falls back to a written one. */
    private static LocalizedText written(LocalizedText text) {
        Map<String, String> given = new java.util.LinkedHashMap<>();
        text.values().forEach((language, value) -> {
            if (!value.isBlank()) {
                given.put(language, value);
            }
        });
        return new LocalizedText(given);
    }

    private static void check(LocalizedText text, String field, int max, List<Reason> problems) {
        if (!WellFormedTextValidator.holdsWellFormedText(text.values())) {
            problems.add(Reason.ofField(field, WellFormedText.CODE));
        } else if (text.values().values().stream().allMatch(String::isBlank)) {
            problems.add(Reason.ofField(field, "field.required"));
        } else if (text.values().values().stream().anyMatch(v -> v.strip().length() > max)) {
            problems.add(Reason.ofField(field, "field.too-long", String.valueOf(max)));
        }
    }

    @Override
    public List<Registration> list(RegistrationQuery query) {
        Objects.requireNonNull(query, "query");
        context.event(query.eventId());
        return context.store().list(query);
    }

    @Override
    public Optional<Registration> registration(UUID registrationId) {
        return context.registration(registrationId);
    }

    @Override
    public SeatCounts counts(String eventId) {
        context.event(eventId);
        return context.store().counts(eventId);
    }

    @Override
    public void exportCsv(RegistrationQuery query, Writer out) {
        exportCsv(query, out, CsvStyle.STANDARD);
    }

    @Override
    public void exportCsv(RegistrationQuery query, Writer out, CsvStyle style) {
        Objects.requireNonNull(style, "style");
        CsvExport.write(context.event(query.eventId()), context.store(), query, out, style);
    }

    @Override
    public void export(RegistrationQuery query, RegistrationSheet sheet) {
        Objects.requireNonNull(sheet, "sheet");
        CsvExport.export(context.event(query.eventId()), context.store(), query, sheet);
    }

    @Override
    public String exportPersonalData(EmailAddress email) {
        return PersonalDataExport.of(context.store().findByEmail(email), context.catalogue());
    }

    @Override
    public ActionOutcome erase(UUID registrationId, String organiser) {
        Optional<Registration> found = context.registration(registrationId);
        if (found.isEmpty()) {
            return new ActionOutcome.NotFound();
        }
        Instant now = context.now();
        if (found.get().status().isActive()) {
            Event event = context.event(found.get().eventId());
            StoreResult cancelled = context.store().transition(registrationId, ParticipantUseCases.ACTIVE,
                    new StatusChange(Optional.empty(), RegistrationStatus.CANCELLED, now,
                            StatusChange.organiser(organiser), "erased-on-request", Optional.empty()),
                    context.announcements(event, now));
            if (cancelled instanceof StoreResult.Done done) {
                context.publish(done.changes(), now);
            }
        }
        Optional<Registration> erased = eraseOne(registrationId, now);
        erased.ifPresent(r -> context.outbox().eraseRecipient(r.eventId(), found.get().participant().email()));
        return erased.<ActionOutcome>map(ActionOutcome.Done::new).orElseGet(ActionOutcome.NotFound::new);
    }

    @Override
    public int eraseEvent(String eventId, String organiser) {
        context.event(eventId);
        Instant now = context.now();
        int erased = 0;
        for (Registration registration : context.store().list(RegistrationQuery.all(eventId))) {
            if (!registration.erased() && eraseOne(registration.id(), now).isPresent()) {
                erased++;
            }
        }
        context.outbox().eraseUnattached(eventId);
        return erased;
    }

    Optional<Registration> eraseOne(UUID registrationId, Instant now) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Registration> found = context.registration(registrationId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Registration current = found.get();
            if (current.erased()) {
                context.outbox().erase(registrationId);
                return Optional.of(current);
            }
            StoreResult result = context.store().update(current.erase(now), current.version(), NotificationPlan.NONE);
            if (result instanceof StoreResult.Done done) {
                context.outbox().erase(registrationId);
                context.publish(done.changes(), now);
                return Optional.of(done.first());
            }
        }
        throw new IllegalStateException("registration " + registrationId + " kept changing while it was erased");
    }

    @Override
    public int invite(String eventId, List<EmailAddress> invitees, java.util.Locale locale, String organiser) {
        Objects.requireNonNull(invitees, "invitees");
        Event event = context.event(eventId);
        Instant now = context.now();
        Optional<String> code = event.invitations().codes().stream().filter(c -> !c.isExpiredAt(now))
                .map(nl.learningcommunities.registration.eligibility.InvitationCode::code).findFirst();
        Map<String, String> data = code.map(c -> Map.of("invitationCode", c)).orElse(Map.of());
        List<Notification> invitations = invitees.stream().map(EmailAddress::key).distinct()
                .map(key -> new Notification(UUID.nameUUIDFromBytes(("invitation:" + eventId + ":" + key)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)), NotificationType.INVITATION, eventId,
                        Optional.empty(), EmailAddress.of(key), "", Messages.supported(locale), now, Optional.empty(),
                        data))
                .toList();
        return context.outbox().enqueue(invitations);
    }

    @Override
    public List<OutboxEntry> failedNotifications(String eventId) {
        context.event(eventId);
        return context.outbox().failed(eventId);
    }

    private ActionOutcome placeOrMove(UUID registrationId, String organiser, String reason, Optional<String> note) {
        return onStored(registrationId, "registration.not-pending-approval", (event, now) -> context.store().place(
                registrationId, EnumSet.of(RegistrationStatus.PENDING_APPROVAL), new StatusChange(Optional.empty(),
                        RegistrationStatus.CONFIRMED, now, StatusChange.organiser(organiser), reason, note),
                context.announcements(event, now)));
    }

    private ActionOutcome move(UUID registrationId, RegistrationStatus to, String organiser, String reason,
                               Optional<String> note) {
        if (note.isPresent() && !WellFormedTextValidator.isWellFormed(note.get())) {
            return new ActionOutcome.Invalid(List.of(Reason.ofField("note", WellFormedText.CODE)));
        }
        return onStored(registrationId, "registration.not-active", (event, now) -> context.store().transition(
                registrationId, ParticipantUseCases.ACTIVE, new StatusChange(Optional.empty(), to, now,
                        StatusChange.organiser(organiser), reason, note.map(String::strip).filter(n -> !n.isEmpty())),
                context.announcements(event, now)));
    }

    private ActionOutcome organiserMove(UUID registrationId, RegistrationStatus to, String organiser) {
        return onStored(registrationId, "registration.not-active", (event, now) -> context.store().move(
                registrationId, new StatusChange(Optional.empty(), to, now, StatusChange.organiser(organiser),
                        "moved-by-organiser", Optional.empty()), context.announcements(event, now)));
    }

    private static StatusChange note(Registration current, Instant now, String organiser, String reason) {
        return new StatusChange(Optional.of(current.status()), current.status(), now, StatusChange.organiser(organiser),
                reason, Optional.empty());
    }

    /** Runs an organiser's operation on a stored registration, with its event and the current moment. */
    private ActionOutcome onStored(UUID registrationId, String conflictCode,
                                   BiFunction<Event, Instant, StoreResult> operation) {
        Optional<Registration> found = context.registration(registrationId);
        if (found.isEmpty()) {
            return new ActionOutcome.NotFound();
        }
        Instant now = context.now();
        return outcomes.action(operation.apply(context.event(found.get().eventId()), now), now, conflictCode);
    }
}
