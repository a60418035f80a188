package nl.learningcommunities.registration.examples.portal;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.eligibility.EligibilityRule;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.Visibility;
import nl.learningcommunities.registration.rule.Messages;

/** What the pages show of the library's types: dates in Dutch or English, roles and sectors to choose from. */
@Component("views")
final class Views {

    private static final List<String> ROLES = List.of("projectleider", "beleidsmedewerker", "expert", "bestuurder",
            "docent", "onderzoeker", "overig");
    private static final List<String> SECTORS = List.of("mbo", "hbo", "overig");

    /** @return "woensdag 9 juni 2027, 13:00–17:00" or "Wednesday 9 June 2027, 13:00–17:00" */
    public String when(ZonedDateTime startsAt, ZonedDateTime endsAt, Locale locale) {
        Locale language = Messages.supported(locale);
        DateTimeFormatter day = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", language);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm", language);
        String from = startsAt.format(day) + ", " + startsAt.format(time) + "–";
        return startsAt.toLocalDate().equals(endsAt.toLocalDate()) ? from + endsAt.format(time)
                : from + endsAt.format(day) + ", " + endsAt.format(time);
    }

    /** @return the moment as "8 juni 2027 12:00" */
    public String moment(ZonedDateTime moment, Locale locale) {
        return moment.format(DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm", Messages.supported(locale)));
    }

    /** @return the roles the event admits, or the portal's usual list */
    public List<String> roles(Event event) {
        return choices(event.eligibility(), true, ROLES);
    }

    /** @return the sectors the event admits, or the portal's usual list */
    public List<String> sectors(Event event) {
        return choices(event.eligibility(), false, SECTORS);
    }

    static boolean asksForInvitation(Event event) {
        return event.visibility() == Visibility.INVITATION_ONLY || mentionsInvitation(event.eligibility());
    }

    static Registration registrationOf(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationOutcome.Confirmed c) {
            return c.registration();
        }
        if (outcome instanceof RegistrationOutcome.Waitlisted w) {
            return w.registration();
        }
        if (outcome instanceof RegistrationOutcome.PendingApproval p) {
            return p.registration();
        }
        if (outcome instanceof RegistrationOutcome.PendingVerification p) {
            return p.registration();
        }
        throw new IllegalArgumentException("no registration in " + outcome.getClass().getSimpleName());
    }

    private static boolean mentionsInvitation(EligibilityRule rule) {
        if (rule instanceof EligibilityRule.Invited) {
            return true;
        }
        if (rule instanceof EligibilityRule.AllOf all) {
            return all.rules().stream().anyMatch(Views::mentionsInvitation);
        }
        if (rule instanceof EligibilityRule.AnyOf any) {
            return any.rules().stream().anyMatch(Views::mentionsInvitation);
        }
        return false;
    }

    private static List<String> choices(EligibilityRule rule, boolean roles, List<String> usual) {
        Set<String> found = new LinkedHashSet<>();
        collect(rule, roles, found);
        if (found.isEmpty()) {
            return usual;
        }
        List<String> ordered = new ArrayList<>(usual.stream().filter(found::contains).toList());
        found.stream().filter(c -> !ordered.contains(c)).sorted().forEach(ordered::add);
        return ordered;
    }

    private static void collect(EligibilityRule rule, boolean roles, Set<String> found) {
        if (roles && rule instanceof EligibilityRule.RoleIn in) {
            found.addAll(in.roles());
        } else if (!roles && rule instanceof EligibilityRule.SectorIn in) {
            found.addAll(in.sectors());
        } else if (rule instanceof EligibilityRule.AllOf all) {
            all.rules().forEach(r -> collect(r, roles, found));
        }
    }
}
