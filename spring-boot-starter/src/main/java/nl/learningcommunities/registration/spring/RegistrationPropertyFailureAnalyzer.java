package nl.learningcommunities.registration.spring;

import java.util.Locale;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link MissingRegistrationPropertyException} into Spring Boot's start-up report: which property,
 * why, and how to set it (as a property or an environment variable). Stateless and thread-safe.
 */
public final class RegistrationPropertyFailureAnalyzer extends AbstractFailureAnalyzer<MissingRegistrationPropertyException> {

    /** Creates the analyzer; Spring Boot finds it through {@code META-INF/spring.factories}. */
    public RegistrationPropertyFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingRegistrationPropertyException cause) {
        String variable = cause.property().toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "");
        return new FailureAnalysis("The property " + cause.property() + " is not set: " + cause.why() + ".",
                "Set " + cause.property() + " in application.properties, or the environment variable " + variable
                        + ".", cause);
    }
}
