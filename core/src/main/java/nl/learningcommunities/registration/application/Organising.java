package nl.learningcommunities.registration.application;

import java.io.Writer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import nl.learningcommunities.registration.booking.Attendance;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.SeatCounts;
import nl.learningcommunities.registration.notification.OutboxEntry;
import nl.learningcommunities.registration.participant.EmailAddress;

/**
 * The organiser's use cases. The host decides who is an organiser; the {@code organiser} argument names them
 * in the history and audit trail.
 *
 * <p>Thread-safe. Expected answers are typed outcomes; exceptions mean real failures: an unknown event id
 * ({@link nl.learningcommunities.registration.EventNotFoundException}) or the storage failing.
 */
public interface Organising {

    /**
     * Approves a pending registration: it claims a seat, or a waiting-list place.
     *
     * @param registrationId the registration
     * @param organiser      who approves
     * @return done; not found; not allowed when not pending approval, or full without a waiting list
     */
    ActionOutcome approve(UUID registrationId, String organiser);

    /**
     * Rejects a registration that is pending or waitlisted.
     *
     * @param registrationId the registration
     * @param organiser      who rejects
     * @param note           a note for the history (erased with the personal data)
     * @return done, not found, or not allowed
     */
    ActionOutcome reject(UUID registrationId, String organiser, Optional<String> note);

    /**
     * Seats a registration from the waiting list ahead of those before it. When the event is full, its capacity
     * grows by one to make room: the organiser's deliberate choice, recorded in the registration's history and as a
     * revision of the event ({@code seat-given}).
     *
     * @param registrationId the registration
     * @param organiser      who moves it
     * @return done; not found; not allowed ({@code registration.not-waiting}) when it is not waiting
     */
    ActionOutcome moveToConfirmed(UUID registrationId, String organiser);

    /**
     * Gives a confirmed registration's seat to the first one waiting, and puts it at the end of the waiting list.
     *
     * @param registrationId the registration
     * @param organiser      who moves it
     * @return done; not found; not allowed: {@code registration.not-confirmed}, {@code waitlist.disabled}, or
     *         {@code waitlist.nobody-waiting} when nobody else would get the seat
     */
    ActionOutcome moveToWaitingList(UUID registrationId, String organiser);

    /**
     * Sends the participant again the message of the registration's current state (confirmation, waiting list,
     * offer, pending, cancellation…), with a fresh personal link. Only that link works afterwards: the personal links
     * sent before (or, while the address awaits verification, the verification links) stop working, so that a
     * participant whose link went astray gets a working one and the stray one is dead.
     *
     * @param registrationId the registration
     * @param organiser      who asks for it
     * @return done; not found; not allowed ({@code registration.erased}) for an erased registration
     */
    ActionOutcome resend(UUID registrationId, String organiser);

    /**
     * Cancels any active registration; a freed seat goes to the waiting list.
     *
     * @param registrationId the registration
     * @param organiser      who cancels
     * @param note           a note for the history
     * @return done, not found, or not allowed when already inactive
     */
    ActionOutcome cancel(UUID registrationId, String organiser, Optional<String> note);

    /**
     * Records whether a confirmed participant came, or undoes it with {@link Attendance#UNKNOWN}. What is recorded
     * counts for programme eligibility at the {@code ATTENDED} level.
     *
     * @param registrationId a confirmed registration
     * @param attendance     attended, no-show, or unknown to undo
     * @param organiser      who records it
     * @return done, not found, or not allowed when the registration is not confirmed
     */
    ActionOutcome recordAttendance(UUID registrationId, Attendance attendance, String organiser);

    /**
     * Changes the capacity of an event, or of one of its sessions, as a revision of the event
     * ({@code capacity-changed}). Raising it promotes from the waiting list at once; lowering it below the seats
     * already taken is refused (nobody loses a confirmed seat).
     *
     * @param eventId   the event
     * @param sessionId a session of it, or empty for the event itself
     * @param capacity  the new capacity; empty means unlimited
     * @param organiser who changes it
     * @return changed, with the seats after the change and its promotions; or refused
     */
    CapacityOutcome changeCapacity(String eventId, Optional<String> sessionId, OptionalInt capacity, String organiser);

    /**
     * @param query which registrations
     * @return them, in order of arrival
     */
    List<Registration> list(RegistrationQuery query);

    /**
     * One registration by its id, erased or not, for example to learn its event before deciding whether the
     * organiser asking may act on it.
     *
     * @param registrationId a registration; null names none
     * @return it, when it exists
     */
    Optional<Registration> registration(UUID registrationId);

    /**
     * How many participants a message to this audience would reach now, for the organiser to see before sending.
     *
     * @param eventId  the event
     * @param audience who
     * @return how many
     * @throws nl.learningcommunities.registration.EventNotFoundException when the event is unknown
     */
    int audienceSize(String eventId, ParticipantMessage.Audience audience);

    /**
     * Queues an organiser's message to each participant of the audience, in the participant's language.
     *
     * @param message   the message
     * @param organiser who sends it
     * @return queued, with how many; or invalid
     */
    MessageOutcome message(ParticipantMessage message, String organiser);

    /**
     * @param eventId an event
     * @return how its seats stand
     */
    SeatCounts counts(String eventId);

    /**
     * Writes the event's registrations as CSV (UTF-8 text, header row, one column per question), streaming, and
     * safe to open in a spreadsheet: a cell that would start a formula is prefixed with a quote.
     *
     * @param query which registrations
     * @param out   where to write; flushed, not closed
     */
    void exportCsv(RegistrationQuery query, Writer out);

    /**
     * Writes the event's registrations as CSV in a style: {@link CsvStyle#STANDARD} as {@link #exportCsv(
     * RegistrationQuery, Writer)}, or {@link CsvStyle#EXCEL} for Dutch Excel (semicolons, a byte-order mark).
     * Streaming; a cell that would start a formula is prefixed with a quote.
     *
     * @param query which registrations
     * @param out   where to write, as UTF-8; flushed, not closed
     * @param style the style
     * @throws nl.learningcommunities.registration.EventNotFoundException when the event is unknown
     */
    void exportCsv(RegistrationQuery query, Writer out, CsvStyle style);

    /**
     * Streams the event's registrations into a sheet: the header, then a row per registration in order of arrival,
     * without holding them all in memory. The columns are those of the CSV export.
     *
     * @param query which registrations
     * @param sheet where the rows go
     * @throws nl.learningcommunities.registration.EventNotFoundException when the event is unknown
     */
    void export(RegistrationQuery query, RegistrationSheet sheet);

    /**
     * Everything stored about one address, across events, as JSON (a subject-access request).
     *
     * @param email the address
     * @return the JSON document
     */
    String exportPersonalData(EmailAddress email);

    /**
     * Erases one participant's personal data on request: an active registration is cancelled first (its seat
     * goes to the waiting list), then names, address, organisation, answers, notes and tokens are erased from
     * the registration and the outbox. Counts and statuses stay.
     *
     * @param registrationId the registration
     * @param organiser      who erases
     * @return done, or not found
     */
    ActionOutcome erase(UUID registrationId, String organiser);

    /**
     * Erases the personal data of every registration of an event, keeping counts and statuses.
     *
     * @param eventId   the event
     * @param organiser who erases
     * @return how many registrations were erased now
     */
    int eraseEvent(String eventId, String organiser);

    /**
     * @param eventId an event
     * @return its notifications that could not be delivered, with the mail server's answer
     */
    List<OutboxEntry> failedNotifications(String eventId);

    /**
     * Queues an invitation to each address, with the event's link and, when the event has one that is still
     * valid, its first invitation code. Inviting the same address twice for the same event queues one message.
     *
     * @param eventId   the event
     * @param invitees  the addresses to invite
     * @param locale    the language of the invitations
     * @param organiser who invites
     * @return how many invitations were queued now
     */
    int invite(String eventId, List<EmailAddress> invitees, java.util.Locale locale, String organiser);
}
