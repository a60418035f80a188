package nl.learningcommunities.registration.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Something that happened to a registration, in the past tense, for listeners (audit trails, webhooks,
 * statistics). Every domain event has its own id, the moment it happened and the registration's id.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface DomainEvent {

    /** @return this event's id */
    UUID id();

    /** @return when it happened */
    Instant occurredAt();

    /** @return the registration it happened to */
    UUID registrationId();

    /** @return the id of the meeting (the {@link nl.learningcommunities.registration.event.Event}) */
    String eventId();

    /**
     * A registration got a seat (on registering, after verification or approval, or by accepting an offer).
     *
     * @param id             this event's id
     * @param occurredAt     when
     * @param registrationId the registration
     * @param eventId        the meeting's event id
     */
    record RegistrationConfirmed(UUID id, Instant occurredAt, UUID registrationId, String eventId) implements DomainEvent {
    }

    /**
     * A registration went onto the waiting list.
     *
     * @param id             this event's id
     * @param occurredAt     when
     * @param registrationId the registration
     * @param eventId        the meeting's event id
     * @param position its place on the waiting list
     */
    record RegistrationWaitlisted(UUID id, Instant occurredAt, UUID registrationId, String eventId, long position) implements DomainEvent {
    }

    /**
     * A registration awaits an organiser's approval.
     *
     * @param id             this event's id
     * @param occurredAt     when
     * @param registrationId the registration
     * @param eventId        the meeting's event id
     */
    record RegistrationPendingApproval(UUID id, Instant occurredAt, UUID registrationId, String eventId) implements DomainEvent {
    }

    /**
     * A registration awaits the participant's e-mail verification.
     *
     * @param id             this event's id
     * @param occurredAt     when
     * @param registrationId the registration
     * @param eventId        the meeting's event id
     */
    record RegistrationPendingVerification(UUID id, Instant occurredAt, UUID registrationId, String eventId) implements DomainEvent {
    }

    /**
     * A seat came free and went to a waitlisted participant.
     *
     * @param id             this event's id
     * @param occurredAt     when
     * @param registrationId the registration
     * @param eventId        the meeting's event id
     */
    record ParticipantPromoted(UUID id, Instant occurredAt, UUID registrationId, String eventId) implements DomainEvent {
    }

    /**
     * A seat came free and is offered to a waitlisted participant until {@code expiresAt}.
     *
     * @param id             this event's id
     * @param occurredAt     when
     * @param registrationId the registration
     * @param eventId        the meeting's event id
     * @param expiresAt when the offer lapses
     */
    record SeatOffered(UUID id, Instant occurredAt, UUID registrationId, String eventId, Instant expiresAt) implements DomainEvent {
    }

    /**
     * A registration was cancelled (by the participant, an organiser, or a lapsed offer).
     *
     * @param id             this event's id
     * @param occurredAt     when
     * @param registrationId the registration
     * @param eventId        the meeting's event id
     * @param reason the history reason code
     */
    record RegistrationCancelled(UUID id, Instant occurredAt, UUID registrationId, String eventId, String reason) implements DomainEvent {
    }

    /**
     * An organiser rejected a registration.
     *
     * @param id             this event's id
     * @param occurredAt     when
     * @param registrationId the registration
     * @param eventId        the meeting's event id
     */
    record RegistrationRejected(UUID id, Instant occurredAt, UUID registrationId, String eventId) implements DomainEvent {
    }

    /**
     * A registration's session picks or placements changed.
     *
     * @param id             this event's id
     * @param occurredAt     when
     * @param registrationId the registration
     * @param eventId        the meeting's event id
     */
    record SessionsChanged(UUID id, Instant occurredAt, UUID registrationId, String eventId) implements DomainEvent {
    }

    /**
     * A participant's details or answers changed.
     *
     * @param id             this event's id
     * @param occurredAt     when
     * @param registrationId the registration
     * @param eventId        the meeting's event id
     */
    record DetailsChanged(UUID id, Instant occurredAt, UUID registrationId, String eventId) implements DomainEvent {
    }

    /**
     * Attendance was recorded.
     *
     * @param id             this event's id
     * @param occurredAt     when
     * @param registrationId the registration
     * @param eventId        the meeting's event id
     * @param attendance attended or no-show
     */
    record AttendanceRecorded(UUID id, Instant occurredAt, UUID registrationId, String eventId, Attendance attendance) implements DomainEvent {
    }

    /**
     * A registration's personal data was erased.
     *
     * @param id             this event's id
     * @param occurredAt     when
     * @param registrationId the registration
     * @param eventId        the meeting's event id
     */
    record PersonalDataErased(UUID id, Instant occurredAt, UUID registrationId, String eventId) implements DomainEvent {
    }

    /**
     * The domain events a stored change stands for.
     *
     * @param change the change
     * @param at     when it happened
     * @param ids    where new event ids come from
     * @return the events, in the order they happened
     */
    static List<DomainEvent> of(Change change, Instant at, Supplier<UUID> ids) {
        Registration after = change.after();
        UUID r = after.id();
        String e = after.eventId();
        List<DomainEvent> events = new ArrayList<>();
        Registration before = change.before().orElse(null);
        if (before != null && !before.erased() && after.erased()) {
            events.add(new PersonalDataErased(ids.get(), at, r, e));
            return events;
        }
        if (change.statusChanged()) {
            String reason = after.history().isEmpty() ? "" : after.history().get(after.history().size() - 1).reason();
            switch (after.status()) {
                case CONFIRMED -> events.add(before != null && before.isWaiting() && "promoted".equals(reason)
                        ? new ParticipantPromoted(ids.get(), at, r, e) : new RegistrationConfirmed(ids.get(), at, r, e));
                case WAITLISTED -> events.add(after.offerExpiresAt().isPresent()
                        ? new SeatOffered(ids.get(), at, r, e, after.offerExpiresAt().get())
                        : new RegistrationWaitlisted(ids.get(), at, r, e, after.waitlistPosition().orElseThrow()));
                case PENDING_APPROVAL -> events.add(new RegistrationPendingApproval(ids.get(), at, r, e));
                case PENDING_VERIFICATION -> events.add(new RegistrationPendingVerification(ids.get(), at, r, e));
                case CANCELLED -> events.add(new RegistrationCancelled(ids.get(), at, r, e, reason));
                case REJECTED -> events.add(new RegistrationRejected(ids.get(), at, r, e));
                default -> throw new IllegalStateException("unknown status " + after.status());
            }
            return events;
        }
        if (!before.sessions().equals(after.sessions())) {
            events.add(new SessionsChanged(ids.get(), at, r, e));
        }
        if (!before.participant().equals(after.participant())) {
            events.add(new DetailsChanged(ids.get(), at, r, e));
        }
        if (before.attendance() != after.attendance()) {
            events.add(new AttendanceRecorded(ids.get(), at, r, e, after.attendance()));
        }
        return events;
    }
}
