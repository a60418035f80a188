package nl.learningcommunities.registration.booking;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SPI for store implementers: one event's seat ledger, as {@link Seating} sees it inside one unit of work.
 * The store opens a book with the event locked against every other unit of work on that event (a monitor, a
 * locked row), lets {@link Seating} read and change it, and commits or undoes everything together.
 *
 * <p>Reads see the writes made earlier in the same unit of work. Not thread-safe: one unit of work, one thread.
 */
public interface SeatBook {

    /** @return the event's seat plan */
    SeatPlan plan();

    /** @param plan the new seat plan */
    void plan(SeatPlan plan);

    /** @return the event seats held (confirmed and offered) */
    int seatsTaken();

    /** @param taken the event seats held */
    void seatsTaken(int taken);

    /** @return the last waiting-list position handed out for the event */
    long lastPosition();

    /** @param position the last waiting-list position handed out */
    void lastPosition(long position);

    /** @return how many wait for an event seat without a standing offer */
    int waitingWithoutOffer();

    /** @return the waitlisted registration without an offer that has the lowest position */
    Optional<UUID> firstWaiting();

    /** @return the registrations holding an offered seat */
    List<UUID> offered();

    /**
     * @param sessionId a session
     * @return its seats held
     */
    int sessionSeated(String sessionId);

    /**
     * @param sessionId a session
     * @param seated    its seats held
     */
    void sessionSeated(String sessionId, int seated);

    /**
     * @param sessionId a session
     * @return the last position handed out on its waiting list
     */
    long sessionLastPosition(String sessionId);

    /**
     * @param sessionId a session
     * @param position  the last position handed out on its waiting list
     */
    void sessionLastPosition(String sessionId, long position);

    /**
     * @param sessionId a session
     * @return the registration waiting for it with the lowest position
     */
    Optional<UUID> firstWaitingInSession(String sessionId);

    /**
     * @param emailKey {@link nl.learningcommunities.registration.participant.EmailAddress#key()}
     * @return the event's active registration with that address
     */
    Optional<UUID> activeWithEmail(String emailKey);

    /**
     * @param organisationKey {@link nl.learningcommunities.registration.participant.Participant#organisationKey()}
     * @return how many active registrations of the event that organisation has
     */
    int activeInOrganisation(String organisationKey);

    /**
     * @param code a normalised invitation code
     * @return how many active registrations of the event used it
     */
    int activeWithCode(String code);

    /**
     * @param registrationId a registration of this event
     * @return its state in this unit of work
     */
    Optional<Registration> find(UUID registrationId);

    /**
     * Records a registration's new state in this unit of work (a new registration when {@code before} is empty).
     * Status, sessions and indexes the book keeps (active addresses, waiting lists, offers) follow from it.
     *
     * @param before the state it replaces
     * @param after  the new state
     */
    void write(Optional<Registration> before, Registration after);
}
