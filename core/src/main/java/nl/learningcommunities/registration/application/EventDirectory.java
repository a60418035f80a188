package nl.learningcommunities.registration.application;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import nl.learningcommunities.registration.booking.SeatCounts;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventRevision;
import nl.learningcommunities.registration.event.StoredEvent;

/**
 * The events people can register for, and their life as organisers run it. Once published, an event lives in the
 * catalogue with numbered revisions; every change names its actor and is kept in the event's history. Definition
 * files are imports ({@link #publishAll}): they never overwrite an organiser's decision.
 *
 * <p>Thread-safe. Expected answers are typed outcomes; exceptions mean real failures (the storage failing).
 */
public interface EventDirectory {

    /**
     * Imports one event definition; see {@link #publishAll}.
     *
     * @param event the definition
     * @return what the import did
     */
    ImportReport publish(Event event);

    /**
     * Imports event definitions, for example from files read at every start. A new event is published as
     * revision 1. An event's definition unchanged since its last import changes nothing: no revision, no mail, no
     * seat moves. A changed definition is merged three ways against the one last imported: fields the file changed
     * are applied; fields an organiser changed since are kept; where both changed a field, the organiser's value
     * stays and the conflict is reported. A capacity below the seats taken is refused for that field alone. Never
     * throws for a business reason: everything not applied is in the report.
     *
     * @param events the definitions, in order
     * @return what the import did, per event and field
     */
    ImportReport publishAll(List<Event> events);

    /**
     * Publishes a new event as revision 1.
     *
     * @param event the event; its status is taken as given (normally open)
     * @param actor who creates it
     * @return saved; refused {@code event.exists} when the id is taken
     */
    EventOutcome create(Event event, String actor);

    /**
     * Changes any field of a published event but its id, if nobody changed it since {@code expectedRevision}.
     * A changed capacity moves seats at once (a raise promotes from the waiting list; below the seats taken is
     * refused). A material change (start, end, time zone, venue, online link, format) tells the people it concerns:
     * confirmed participants get an updated calendar invite, waiting ones a short message.
     *
     * @param eventId          the event
     * @param expectedRevision the revision the organiser edited
     * @param changed          the event as it should be; its status and cancellation are kept as they are
     * @param actor            who changes it
     * @return saved (with the changes and how many are told); stale; refused; not found
     */
    EventOutcome update(String eventId, long expectedRevision, Event changed, String actor);

    /**
     * What {@link #update} would change and whom it would tell, without changing anything.
     *
     * @param eventId the event
     * @param changed the event as it would be
     * @return the preview
     * @throws nl.learningcommunities.registration.EventNotFoundException when unknown
     */
    ChangePreview preview(String eventId, Event changed);

    /**
     * Publishes a copy of an event under a new id, moved to a new start: every date (end, sessions, registration
     * window, invitation-code expiry) moves by the same amount. Everything else is kept; it has no registrations
     * and is open.
     *
     * @param sourceId the event to copy
     * @param newId    the copy's id
     * @param startsAt the copy's start
     * @param actor    who copies it
     * @return saved; refused {@code event.exists} or a field error; not found when the source is unknown
     */
    EventOutcome copy(String sourceId, String newId, ZonedDateTime startsAt, String actor);

    /**
     * Closes registration, whatever the registration window says. Existing registrations stay.
     *
     * @param eventId the event
     * @param actor   who closes it
     * @return saved; refused {@code event.cancelled}; not found
     */
    EventOutcome close(String eventId, String actor);

    /**
     * Reopens registration an organiser closed; the registration window applies again.
     *
     * @param eventId the event
     * @param actor   who reopens it
     * @return saved; refused {@code event.cancelled}; not found
     */
    EventOutcome reopen(String eventId, String actor);

    /**
     * Cancels the event: registration closes for good, every active registration is cancelled, and each
     * participant is told in their language, the confirmed ones with a calendar cancellation.
     *
     * @param eventId the event
     * @param reason  why, shown to participants
     * @param actor   who cancels it
     * @return saved, with how many were told; refused {@code event.cancelled} when already cancelled, or
     *         {@code field.required} on {@code reason}; not found
     */
    EventOutcome cancel(String eventId, String reason, String actor);

    /**
     * @param eventId an event id
     * @return the event as it stands, if published
     */
    Optional<Event> find(String eventId);

    /**
     * @param eventId an event id
     * @return the event with its revision number, if published
     */
    Optional<StoredEvent> stored(String eventId);

    /**
     * @param eventId an event id
     * @return its revisions, oldest first: who changed what, and when; empty when unknown
     */
    List<EventRevision> history(String eventId);

    /** @return the public events, ordered by start */
    List<Event> listed();

    /** @return every event, including invitation-only ones, ordered by start */
    List<Event> all();

    /**
     * @param eventId an event
     * @return how its seats stand
     * @throws nl.learningcommunities.registration.EventNotFoundException when unknown
     */
    SeatCounts counts(String eventId);

    /**
     * @param eventId an event
     * @return whether registration is open now
     * @throws nl.learningcommunities.registration.EventNotFoundException when unknown
     */
    boolean isRegistrationOpen(String eventId);
}
