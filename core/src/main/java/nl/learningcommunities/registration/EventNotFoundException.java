package nl.learningcommunities.registration;

/** The caller named an event the catalogue does not hold. */
public class EventNotFoundException extends RegistrationException {

    private static final long serialVersionUID = 1L;

    private final String eventId;

    /**
     * @param eventId the id asked for
     */
    public EventNotFoundException(String eventId) {
        super("no event with id " + eventId);
        this.eventId = eventId;
    }

    /** @return the id asked for */
    public String eventId() {
        return eventId;
    }
}
