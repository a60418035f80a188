package nl.learningcommunities.registration.spring;

import java.util.Objects;

import nl.learningcommunities.registration.RegistrationException;

/**
 * Start-up stops because a {@code registration.*} property that the chosen configuration needs is not set.
 * Spring Boot's failure analysis prints the property, why it is needed, and how to set it, instead of a stack
 * trace. Immutable.
 */
public final class MissingRegistrationPropertyException extends RegistrationException {

    private static final long serialVersionUID = 1L;

    private final String property;
    private final String why;

    /**
     * @param property the property's name, for example {@code registration.mail.from}
     * @param why      what it is needed for
     */
    public MissingRegistrationPropertyException(String property, String why) {
        super(Objects.requireNonNull(property, "property") + " is not set: " + Objects.requireNonNull(why, "why"));
        this.property = property;
        this.why = why;
    }

    /** @return the missing property's name */
    public String property() {
        return property;
    }

    /** @return what the property is needed for */
    public String why() {
        return why;
    }
}
