package nl.learningcommunities.registration.testing;

import java.util.Locale;

import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;

/** Participants for tests. */
public final class TestParticipants {

    private TestParticipants() {
    }

    /**
     * @param n a number making the participant distinct
     * @return a project leader in hbo, at an organisation of their own
     */
    public static ParticipantDetails number(int n) {
        return new ParticipantDetails("Deelnemer", "Nummer " + n, "deelnemer" + n + "@hogeschool.example.org",
                "Hogeschool " + n, "projectleider", "hbo", Locale.forLanguageTag("nl"));
    }

    /**
     * @param eventId the event
     * @param n       a number making the participant distinct
     * @return an anonymous registration of {@link #number(int)}
     */
    public static RegisterCommand registration(String eventId, int n) {
        return RegisterCommand.of(eventId, number(n));
    }
}
