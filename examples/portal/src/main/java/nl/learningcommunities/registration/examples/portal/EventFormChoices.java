package nl.learningcommunities.registration.examples.portal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import nl.learningcommunities.registration.eligibility.EligibilityRule;
import nl.learningcommunities.registration.event.ApprovalMode;
import nl.learningcommunities.registration.event.EventFormat;
import nl.learningcommunities.registration.event.OrganiserNotifications;
import nl.learningcommunities.registration.event.Promotion;
import nl.learningcommunities.registration.event.Question;
import nl.learningcommunities.registration.event.Visibility;

/**
 * What the editor's selects offer: time zones (the Netherlands and its neighbours, the Caribbean parts of the
 * Kingdom, UTC, and the zone the event has), and the library's choices by their names.
 *
 * @param zones         time-zone ids
 * @param formats       {@link EventFormat} names
 * @param visibilities  {@link Visibility} names
 * @param approvals     {@link ApprovalMode} names
 * @param promotions    {@link Promotion.Mode} names
 * @param notifications {@link OrganiserNotifications} names
 * @param questionTypes {@link Question.Type} names
 * @param levels        programme-participation levels
 * @param kinds         eligibility condition kinds
 */
record EventFormChoices(List<String> zones, List<String> formats, List<String> visibilities, List<String> approvals,
                        List<String> promotions, List<String> notifications, List<String> questionTypes,
                        List<String> levels, List<String> kinds) {

    private static final List<String> ZONES = List.of("Europe/Amsterdam", "Europe/Brussels", "Europe/Berlin",
            "Europe/Luxembourg", "Europe/Paris", "Europe/London", "America/Kralendijk", "America/Curacao",
            "America/Aruba", "America/Lower_Princes", "America/Paramaribo", "UTC");

    /**
     * @param zone the zone the form has, added to the list when it is not on it and is a real zone
     * @return the choices
     */
    static EventFormChoices forZone(String zone) {
        List<String> zones = new ArrayList<>(ZONES);
        if (!zones.contains(zone) && isZone(zone)) {
            zones.add(0, zone);
        }
        return new EventFormChoices(List.copyOf(zones), names(EventFormat.values()), names(Visibility.values()),
                names(ApprovalMode.values()), names(Promotion.Mode.values()),
                names(OrganiserNotifications.values()), names(Question.Type.values()),
                names(EligibilityRule.ProgrammeParticipation.Level.values()), EventForm.CONDITION_KINDS);
    }

    private static boolean isZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static List<String> names(Enum<?>[] constants) {
        return Arrays.stream(constants).map(Enum::name).toList();
    }
}
