package nl.learningcommunities.registration.inmemory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import nl.learningcommunities.registration.booking.Admission;
import nl.learningcommunities.registration.booking.Change;
import nl.learningcommunities.registration.booking.NotificationPlan;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.booking.SeatCounts;
import nl.learningcommunities.registration.booking.SeatPlan;
import nl.learningcommunities.registration.booking.SessionChoice;
import nl.learningcommunities.registration.booking.StatusChange;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.event.Promotion;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.notification.NotificationOutbox;
import nl.learningcommunities.registration.notification.OutboxEntry;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.rule.Reason;
import nl.learningcommunities.registration.token.AccessToken;

/**
 * Registrations and their outbox in memory: for tests, the quickstart, and a single-node host that can afford
 * to lose everything on restart. Implements {@link RegistrationStore} and {@link NotificationOutbox} over one
 * shared state, so that a change and its notifications are committed together.
 *
 * <p>Thread-safe: each event has its own lock, so registrations for different events never wait on each
 * other. Nothing is shared between two instances: two engines sharing one store must share one instance.
 */
public final class InMemoryStorage implements RegistrationStore, NotificationOutbox {

    private final Map<String, EventBook> books = new ConcurrentHashMap<>();
    private final Map<UUID, Registration> registrations = new ConcurrentHashMap<>();
    private final Map<String, Set<UUID>> byEmail = new ConcurrentHashMap<>();
    private final InMemoryOutbox outbox = new InMemoryOutbox();

    private InMemoryStorage() {
    }

    /** @return a new, empty storage */
    public static InMemoryStorage create() {
        return new InMemoryStorage();
    }

    // ---------------------------------------------------------------- seats

    @Override
    public StoreResult defineSeats(SeatPlan plan, Instant now, NotificationPlan notifications) {
        Objects.requireNonNull(plan, "plan");
        EventBook book = books.computeIfAbsent(plan.eventId(), EventBook::new);
        synchronized (book) {
            if (plan.capacity().isPresent() && plan.capacity().getAsInt() < book.seatsTaken) {
                return refused("capacity.below-taken", "capacity", String.valueOf(book.seatsTaken));
            }
            for (Map.Entry<String, OptionalInt> session : plan.sessionCapacities().entrySet()) {
                int seated = book.session(session.getKey()).seated;
                if (session.getValue().isPresent() && session.getValue().getAsInt() < seated) {
                    return refused("capacity.below-taken", "capacity", String.valueOf(seated));
                }
            }
            Tx tx = new Tx(registrations);
            SeatPlan previous = book.plan;
            book.plan = plan;
            tx.onRollback(() -> book.plan = previous);
            return commit(book, tx, () -> {
                refillSessions(book, tx, plan.sessionCapacities().keySet());
                refillEvent(book, tx, now);
            }, notifications);
        }
    }

    @Override
    public Optional<SeatPlan> seatPlan(String eventId) {
        EventBook book = books.get(eventId);
        if (book == null) {
            return Optional.empty();
        }
        synchronized (book) {
            return Optional.ofNullable(book.plan);
        }
    }

    @Override
    public StoreResult admit(Admission admission) {
        EventBook book = book(admission.eventId());
        synchronized (book) {
            List<Registration> drafts = admission.drafts();
            Set<String> emails = new java.util.HashSet<>();
            Map<String, Integer> organisations = new LinkedHashMap<>();
            for (Registration draft : drafts) {
                String key = draft.participant().email().key();
                if (book.activeByEmail.containsKey(key) || !emails.add(key)) {
                    return refused("registration.duplicate", "email");
                }
                organisations.merge(draft.participant().organisationKey(), 1, Integer::sum);
            }
            OptionalInt limit = book.plan.organisationLimit();
            if (limit.isPresent()) {
                for (Map.Entry<String, Integer> org : organisations.entrySet()) {
                    if (book.perOrganisation.getOrDefault(org.getKey(), 0) + org.getValue() > limit.getAsInt()) {
                        return refused("organisation.limit", "organisation", String.valueOf(limit.getAsInt()));
                    }
                }
            }
            Optional<String> code = drafts.get(0).invitationCode();
            if (code.isPresent() && admission.invitationMaxUses().isPresent()
                    && book.codeUses.getOrDefault(code.get(), 0) + drafts.size()
                    > admission.invitationMaxUses().getAsInt()) {
                return refused("eligibility.invitation.exhausted", "invitationCode");
            }
            Decision decision = admission.claimsSeats() ? decide(book, drafts.size()) : Decision.AS_IS;
            if (decision == Decision.FULL) {
                return refused("capacity.full", null);
            }
            Tx tx = new Tx(registrations);
            return commit(book, tx, () -> {
                for (Registration draft : drafts) {
                    activate(book, tx, draft);
                    countInvitation(book, tx, draft, 1);
                    book.arrivals.add(draft.id());
                    tx.onRollback(() -> book.arrivals.remove(book.arrivals.size() - 1));
                    StatusChange first = admission.change();
                    Registration placed = switch (decision) {
                        case SEAT -> seat(book, tx, draft, first);
                        case WAIT -> enqueue(book, tx, draft, first);
                        default -> draft.moveTo(draft.status(), OptionalLong.empty(), Optional.empty(),
                                draft.sessions(), retarget(first, draft, draft.status()));
                    };
                    tx.save(placed);
                }
            }, admission.notifications());
        }
    }

    @Override
    public StoreResult place(UUID registrationId, Set<RegistrationStatus> expected, StatusChange change,
                             NotificationPlan notifications) {
        Optional<Registration> found = find(registrationId);
        if (found.isEmpty()) {
            return new StoreResult.Conflict(Optional.empty());
        }
        EventBook book = book(found.get().eventId());
        synchronized (book) {
            Registration current = registrations.get(registrationId);
            if (!expected.contains(current.status()) || current.status() == RegistrationStatus.CONFIRMED
                    || current.status() == RegistrationStatus.WAITLISTED || !current.status().isActive()) {
                return new StoreResult.Conflict(Optional.of(current));
            }
            Decision decision = decide(book, 1);
            if (decision == Decision.FULL) {
                return refused("capacity.full", null);
            }
            Tx tx = new Tx(registrations);
            return commit(book, tx, () -> tx.save(decision == Decision.SEAT
                    ? seat(book, tx, current, change) : enqueue(book, tx, current, change)), notifications);
        }
    }

    @Override
    public StoreResult transition(UUID registrationId, Set<RegistrationStatus> expected, StatusChange change,
                                  NotificationPlan notifications) {
        Optional<Registration> found = find(registrationId);
        if (found.isEmpty()) {
            return new StoreResult.Conflict(Optional.empty());
        }
        EventBook book = book(found.get().eventId());
        synchronized (book) {
            Registration current = registrations.get(registrationId);
            if (!expected.contains(current.status()) || !current.status().isActive()) {
                return new StoreResult.Conflict(Optional.of(current));
            }
            RegistrationStatus to = change.to();
            StatusChange line = new StatusChange(Optional.of(current.status()), to, change.at(), change.actor(),
                    change.reason(), change.note());
            Tx tx = new Tx(registrations);
            switch (to) {
                case CANCELLED, REJECTED -> {
                    return commit(book, tx, () -> {
                        Set<String> touched = release(book, tx, current);
                        deactivate(book, tx, current);
                        countInvitation(book, tx, current, -1);
                        tx.save(current.moveTo(to, OptionalLong.empty(), Optional.empty(),
                                requested(current.sessions()), line));
                        refillSessions(book, tx, touched);
                        refillEvent(book, tx, change.at());
                    }, notifications);
                }
                case PENDING_APPROVAL -> {
                    if (current.status() != RegistrationStatus.PENDING_VERIFICATION) {
                        return new StoreResult.Conflict(Optional.of(current));
                    }
                    return commit(book, tx, () -> tx.save(current.moveTo(to, OptionalLong.empty(), Optional.empty(),
                            current.sessions(), line)), notifications);
                }
                case CONFIRMED -> {
                    boolean offerStands = current.offerExpiresAt().map(change.at()::isBefore).orElse(false);
                    if (!offerStands) {
                        return new StoreResult.Conflict(Optional.of(current));
                    }
                    return commit(book, tx, () -> {
                        removeOffer(book, tx, current.id());
                        tx.save(current.moveTo(to, OptionalLong.empty(), Optional.empty(),
                                claimSessions(book, tx, current.id(), current.sessions()), line));
                    }, notifications);
                }
                default -> {
                    return new StoreResult.Conflict(Optional.of(current));
                }
            }
        }
    }

    @Override
    public StoreResult changeSessions(UUID registrationId, List<String> sessionIds, Instant now,
                                      NotificationPlan notifications) {
        Optional<Registration> found = find(registrationId);
        if (found.isEmpty()) {
            return new StoreResult.Conflict(Optional.empty());
        }
        EventBook book = book(found.get().eventId());
        synchronized (book) {
            Registration current = registrations.get(registrationId);
            if (!current.status().isActive()) {
                return new StoreResult.Conflict(Optional.of(current));
            }
            Tx tx = new Tx(registrations);
            return commit(book, tx, () -> {
                List<SessionChoice> kept = new ArrayList<>();
                List<String> dropped = new ArrayList<>();
                for (SessionChoice choice : current.sessions()) {
                    if (sessionIds.contains(choice.sessionId())) {
                        kept.add(choice);
                    } else {
                        dropped.add(choice.sessionId());
                        releaseSession(book, tx, choice);
                    }
                }
                for (String sessionId : sessionIds) {
                    if (kept.stream().noneMatch(c -> c.sessionId().equals(sessionId))) {
                        kept.add(SessionChoice.requested(sessionId));
                    }
                }
                List<SessionChoice> placed = current.status() == RegistrationStatus.CONFIRMED
                        ? claimSessions(book, tx, current.id(), kept) : kept;
                tx.save(current.withSessions(placed, now));
                refillSessions(book, tx, dropped);
            }, notifications);
        }
    }

    @Override
    public StoreResult update(Registration updated, long expectedVersion, NotificationPlan notifications) {
        Optional<Registration> found = find(updated.id());
        if (found.isEmpty()) {
            return new StoreResult.Conflict(Optional.empty());
        }
        EventBook book = book(found.get().eventId());
        synchronized (book) {
            Registration current = registrations.get(updated.id());
            if (current.version() != expectedVersion) {
                return new StoreResult.Conflict(Optional.of(current));
            }
            if (current.status() != updated.status() || !current.sessions().equals(updated.sessions())
                    || !current.waitlistPosition().equals(updated.waitlistPosition())
                    || !current.offerExpiresAt().equals(updated.offerExpiresAt())
                    || !current.eventId().equals(updated.eventId())) {
                throw new IllegalArgumentException("update() cannot change status, seats or sessions");
            }
            boolean active = current.status().isActive();
            String oldEmail = current.participant().email().key();
            String newEmail = updated.participant().email().key();
            String oldOrg = current.participant().organisationKey();
            String newOrg = updated.participant().organisationKey();
            if (active && !oldEmail.equals(newEmail) && book.activeByEmail.containsKey(newEmail)) {
                return refused("registration.duplicate", "email");
            }
            OptionalInt limit = book.plan.organisationLimit();
            if (active && !updated.erased() && !oldOrg.equals(newOrg) && limit.isPresent()
                    && book.perOrganisation.getOrDefault(newOrg, 0) + 1 > limit.getAsInt()) {
                return refused("organisation.limit", "organisation", String.valueOf(limit.getAsInt()));
            }
            Tx tx = new Tx(registrations);
            return commit(book, tx, () -> {
                if (active) {
                    deactivate(book, tx, current);
                    activate(book, tx, updated);
                }
                tx.save(updated);
            }, notifications);
        }
    }

    @Override
    public StoreResult.Done refill(String eventId, Instant now, NotificationPlan notifications) {
        EventBook book = book(eventId);
        synchronized (book) {
            Tx tx = new Tx(registrations);
            return commit(book, tx, () -> {
                for (UUID id : List.copyOf(book.offered)) {
                    Registration offered = tx.current(id).orElseThrow();
                    if (!offered.offerExpiresAt().orElseThrow().isAfter(now)) {
                        release(book, tx, offered);
                        deactivate(book, tx, offered);
                        countInvitation(book, tx, offered, -1);
                        tx.save(offered.moveTo(RegistrationStatus.CANCELLED, OptionalLong.empty(), Optional.empty(),
                                requested(offered.sessions()), new StatusChange(Optional.of(offered.status()),
                                        RegistrationStatus.CANCELLED, now, StatusChange.SYSTEM, "offer-expired",
                                        Optional.empty())));
                    }
                }
                refillSessions(book, tx, List.copyOf(book.sessions.keySet()));
                refillEvent(book, tx, now);
            }, notifications);
        }
    }

    // ---------------------------------------------------------------- queries

    @Override
    public Optional<Registration> find(UUID registrationId) {
        return Optional.ofNullable(registrations.get(registrationId));
    }

    @Override
    public Optional<Registration> findActive(String eventId, EmailAddress email) {
        EventBook book = books.get(eventId);
        if (book == null) {
            return Optional.empty();
        }
        synchronized (book) {
            return Optional.ofNullable(book.activeByEmail.get(email.key())).map(registrations::get);
        }
    }

    @Override
    public List<Registration> findByEmail(EmailAddress email) {
        return byEmail.getOrDefault(email.key(), Set.of()).stream().map(registrations::get)
                .filter(Objects::nonNull).filter(r -> r.participant().email().key().equals(email.key()))
                .sorted(Comparator.comparing(Registration::createdAt)).toList();
    }

    @Override
    public List<Registration> list(RegistrationQuery query) {
        List<Registration> result = new ArrayList<>();
        forEach(query, result::add);
        return result;
    }

    @Override
    public void forEach(RegistrationQuery query, Consumer<Registration> action) {
        EventBook book = books.get(query.eventId());
        if (book == null) {
            return;
        }
        List<UUID> ids;
        synchronized (book) {
            ids = List.copyOf(book.arrivals);
        }
        ids.stream().map(registrations::get).filter(query::matches).skip(query.offset()).limit(query.limit())
                .forEach(action);
    }

    @Override
    public SeatCounts counts(String eventId) {
        EventBook book = books.get(eventId);
        if (book == null || book.plan == null) {
            return new SeatCounts(eventId, OptionalInt.empty(), 0, 0, 0, 0, Map.of());
        }
        synchronized (book) {
            int confirmed = 0;
            int pending = 0;
            for (UUID id : book.activeByEmail.values()) {
                RegistrationStatus status = registrations.get(id).status();
                if (status == RegistrationStatus.CONFIRMED) {
                    confirmed++;
                } else if (status == RegistrationStatus.PENDING_APPROVAL
                        || status == RegistrationStatus.PENDING_VERIFICATION) {
                    pending++;
                }
            }
            Map<String, SeatCounts.SessionCounts> sessions = new LinkedHashMap<>();
            book.plan.sessionCapacities().forEach((id, capacity) -> {
                EventBook.SessionBook session = book.session(id);
                sessions.put(id, new SeatCounts.SessionCounts(capacity, session.seated, session.waiting.size()));
            });
            return new SeatCounts(eventId, book.plan.capacity(), confirmed, book.offered.size(), book.waiting.size(),
                    pending, sessions);
        }
    }

    // ---------------------------------------------------------------- outbox

    @Override
    public void enqueue(List<Notification> notifications) {
        outbox.add(notifications);
    }

    @Override
    public List<OutboxEntry> claimDue(String claimant, int max, Instant now, Duration lease) {
        return outbox.claimDue(claimant, max, now, lease);
    }

    @Override
    public boolean markSent(UUID notificationId, String claimant, Instant at) {
        return outbox.markSent(notificationId, claimant);
    }

    @Override
    public boolean markRetry(UUID notificationId, String claimant, String error, Instant retryAt) {
        return outbox.markRetry(notificationId, claimant, error, retryAt);
    }

    @Override
    public boolean markFailed(UUID notificationId, String claimant, String error) {
        return outbox.markFailed(notificationId, claimant, error);
    }

    @Override
    public List<OutboxEntry> failed(String eventId) {
        return outbox.failed(eventId);
    }

    @Override
    public List<OutboxEntry> about(UUID registrationId) {
        return outbox.about(registrationId);
    }

    @Override
    public void erase(UUID registrationId) {
        outbox.erase(registrationId);
    }

    // ---------------------------------------------------------------- the unit of work

    private StoreResult.Done commit(EventBook book, Tx tx, Runnable work, NotificationPlan plan) {
        List<Notification> queued = new ArrayList<>();
        List<Change> stored = new ArrayList<>();
        try {
            work.run();
            for (Change change : tx.changes()) {
                List<Notification> notifications = plan.notificationsFor(change);
                List<AccessToken> grants = notifications.stream()
                        .flatMap(n -> n.token().stream()).map(t -> t.stored()).toList();
                long version = change.before().map(Registration::version).orElse(0L) + 1;
                Registration after = change.after().withTokens(grants).withVersion(version);
                stored.add(new Change(change.before(), after));
                queued.addAll(notifications);
            }
        } catch (RuntimeException | Error e) {
            tx.rollback();
            throw e;
        }
        for (Change change : stored) {
            Registration after = change.after();
            registrations.put(after.id(), after);
            byEmail.computeIfAbsent(after.participant().email().key(), k -> ConcurrentHashMap.newKeySet())
                    .add(after.id());
        }
        outbox.add(queued);
        return new StoreResult.Done(stored);
    }

    private enum Decision { SEAT, WAIT, FULL, AS_IS }

    private static Decision decide(EventBook book, int seats) {
        OptionalInt capacity = book.plan.capacity();
        if (capacity.isEmpty() || (book.waiting.isEmpty() && book.seatsTaken + seats <= capacity.getAsInt())) {
            return Decision.SEAT;
        }
        return book.plan.waitingList() ? Decision.WAIT : Decision.FULL;
    }

    private Registration seat(EventBook book, Tx tx, Registration registration, StatusChange change) {
        book.seatsTaken++;
        tx.onRollback(() -> book.seatsTaken--);
        return registration.moveTo(RegistrationStatus.CONFIRMED, OptionalLong.empty(), Optional.empty(),
                claimSessions(book, tx, registration.id(), registration.sessions()), retarget(change, registration,
                        RegistrationStatus.CONFIRMED));
    }

    private Registration enqueue(EventBook book, Tx tx, Registration registration, StatusChange change) {
        long position = ++book.lastPosition;
        book.waiting.put(position, registration.id());
        tx.onRollback(() -> {
            book.waiting.remove(position);
            book.lastPosition--;
        });
        return registration.moveTo(RegistrationStatus.WAITLISTED, OptionalLong.of(position), Optional.empty(),
                requested(registration.sessions()), retarget(change, registration, RegistrationStatus.WAITLISTED));
    }

    private static StatusChange retarget(StatusChange change, Registration registration, RegistrationStatus to) {
        boolean isNew = registration.history().isEmpty();
        return new StatusChange(isNew ? Optional.empty() : Optional.of(registration.status()), to, change.at(),
                change.actor(), change.reason(), change.note());
    }

    private List<SessionChoice> claimSessions(EventBook book, Tx tx, UUID id, List<SessionChoice> choices) {
        List<SessionChoice> placed = new ArrayList<>();
        for (SessionChoice choice : choices) {
            if (choice.placement() != SessionChoice.Placement.REQUESTED) {
                placed.add(choice);
                continue;
            }
            EventBook.SessionBook session = book.session(choice.sessionId());
            OptionalInt capacity = book.plan.sessionCapacities().getOrDefault(choice.sessionId(), OptionalInt.empty());
            if (capacity.isEmpty() || (session.waiting.isEmpty() && session.seated < capacity.getAsInt())) {
                session.seated++;
                tx.onRollback(() -> session.seated--);
                placed.add(new SessionChoice(choice.sessionId(), SessionChoice.Placement.SEATED, OptionalLong.empty()));
            } else {
                long position = ++session.lastPosition;
                session.waiting.put(position, id);
                tx.onRollback(() -> {
                    session.waiting.remove(position);
                    session.lastPosition--;
                });
                placed.add(new SessionChoice(choice.sessionId(), SessionChoice.Placement.WAITLISTED,
                        OptionalLong.of(position)));
            }
        }
        return placed;
    }

    private static List<SessionChoice> requested(List<SessionChoice> choices) {
        return choices.stream().map(c -> SessionChoice.requested(c.sessionId())).toList();
    }

    /** Releases the event seat or waiting-list place and every session seat; returns the sessions touched. */
    private Set<String> release(EventBook book, Tx tx, Registration registration) {
        if (registration.status() == RegistrationStatus.CONFIRMED) {
            book.seatsTaken--;
            tx.onRollback(() -> book.seatsTaken++);
        } else if (registration.offerExpiresAt().isPresent()) {
            removeOffer(book, tx, registration.id());
            book.seatsTaken--;
            tx.onRollback(() -> book.seatsTaken++);
        } else if (registration.status() == RegistrationStatus.WAITLISTED) {
            long position = registration.waitlistPosition().orElseThrow();
            UUID removed = book.waiting.remove(position);
            if (removed != null) {
                tx.onRollback(() -> book.waiting.put(position, removed));
            }
        }
        Set<String> touched = new java.util.HashSet<>();
        for (SessionChoice choice : registration.sessions()) {
            releaseSession(book, tx, choice);
            touched.add(choice.sessionId());
        }
        return touched;
    }

    private void removeOffer(EventBook book, Tx tx, UUID id) {
        if (book.offered.remove(id)) {
            tx.onRollback(() -> book.offered.add(id));
        }
    }

    private void releaseSession(EventBook book, Tx tx, SessionChoice choice) {
        EventBook.SessionBook session = book.session(choice.sessionId());
        if (choice.placement() == SessionChoice.Placement.SEATED) {
            session.seated--;
            tx.onRollback(() -> session.seated++);
        } else if (choice.placement() == SessionChoice.Placement.WAITLISTED) {
            long position = choice.position().orElseThrow();
            UUID removed = session.waiting.remove(position);
            if (removed != null) {
                tx.onRollback(() -> session.waiting.put(position, removed));
            }
        }
    }

    private void refillSessions(EventBook book, Tx tx, java.util.Collection<String> sessionIds) {
        for (String sessionId : sessionIds) {
            EventBook.SessionBook session = book.session(sessionId);
            OptionalInt capacity = book.plan.sessionCapacities().getOrDefault(sessionId, OptionalInt.empty());
            while (!session.waiting.isEmpty() && (capacity.isEmpty() || session.seated < capacity.getAsInt())) {
                Map.Entry<Long, UUID> first = session.waiting.pollFirstEntry();
                tx.onRollback(() -> session.waiting.put(first.getKey(), first.getValue()));
                session.seated++;
                tx.onRollback(() -> session.seated--);
                Registration waiting = tx.current(first.getValue()).orElseThrow();
                List<SessionChoice> choices = waiting.sessions().stream()
                        .map(c -> c.sessionId().equals(sessionId)
                                ? new SessionChoice(sessionId, SessionChoice.Placement.SEATED, OptionalLong.empty())
                                : c)
                        .toList();
                tx.save(waiting.withSessions(choices, waiting.updatedAt()));
            }
        }
    }

    private void refillEvent(EventBook book, Tx tx, Instant now) {
        OptionalInt capacity = book.plan.capacity();
        Promotion promotion = book.plan.promotion();
        while (!book.waiting.isEmpty() && (capacity.isEmpty() || book.seatsTaken < capacity.getAsInt())) {
            Map.Entry<Long, UUID> first = book.waiting.pollFirstEntry();
            tx.onRollback(() -> book.waiting.put(first.getKey(), first.getValue()));
            book.seatsTaken++;
            tx.onRollback(() -> book.seatsTaken--);
            Registration waiting = tx.current(first.getValue()).orElseThrow();
            if (promotion.mode() == Promotion.Mode.OFFER) {
                book.offered.add(waiting.id());
                tx.onRollback(() -> book.offered.remove(waiting.id()));
                tx.save(waiting.moveTo(RegistrationStatus.WAITLISTED, waiting.waitlistPosition(),
                        Optional.of(now.plus(promotion.offerValidity())), waiting.sessions(),
                        new StatusChange(Optional.of(RegistrationStatus.WAITLISTED), RegistrationStatus.WAITLISTED,
                                now, StatusChange.SYSTEM, "offer-made", Optional.empty())));
            } else {
                tx.save(waiting.moveTo(RegistrationStatus.CONFIRMED, OptionalLong.empty(), Optional.empty(),
                        claimSessions(book, tx, waiting.id(), waiting.sessions()),
                        new StatusChange(Optional.of(RegistrationStatus.WAITLISTED), RegistrationStatus.CONFIRMED,
                                now, StatusChange.SYSTEM, "promoted", Optional.empty())));
            }
        }
    }

    private void activate(EventBook book, Tx tx, Registration registration) {
        String email = registration.participant().email().key();
        String organisation = registration.participant().organisationKey();
        book.activeByEmail.put(email, registration.id());
        tx.onRollback(() -> book.activeByEmail.remove(email));
        book.perOrganisation.merge(organisation, 1, Integer::sum);
        tx.onRollback(() -> book.perOrganisation.merge(organisation, -1, Integer::sum));
    }

    private void countInvitation(EventBook book, Tx tx, Registration registration, int uses) {
        registration.invitationCode().ifPresent(code -> {
            book.codeUses.merge(code, uses, Integer::sum);
            tx.onRollback(() -> book.codeUses.merge(code, -uses, Integer::sum));
        });
    }

    private void deactivate(EventBook book, Tx tx, Registration registration) {
        String email = registration.participant().email().key();
        String organisation = registration.participant().organisationKey();
        UUID removed = book.activeByEmail.remove(email);
        if (removed != null) {
            tx.onRollback(() -> book.activeByEmail.put(email, removed));
        }
        book.perOrganisation.merge(organisation, -1, Integer::sum);
        tx.onRollback(() -> book.perOrganisation.merge(organisation, 1, Integer::sum));
    }

    private EventBook book(String eventId) {
        EventBook book = books.get(eventId);
        if (book == null || book.plan == null) {
            throw new IllegalStateException("no seats defined for event " + eventId + "; publish the event first");
        }
        return book;
    }

    private static StoreResult refused(String code, String field, String... args) {
        return new StoreResult.Refused(field == null ? Reason.of(code, args) : Reason.ofField(field, code, args));
    }

    static EnumSet<RegistrationStatus> active() {
        return EnumSet.of(RegistrationStatus.PENDING_VERIFICATION, RegistrationStatus.PENDING_APPROVAL,
                RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED);
    }
}
