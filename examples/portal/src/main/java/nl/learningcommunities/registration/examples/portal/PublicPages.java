package nl.learningcommunities.registration.examples.portal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.eligibility.EligibilityRule;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.examples.portal.ParticipantPageParts.Form;
import nl.learningcommunities.registration.examples.portal.ParticipantPageParts.Problems;
import nl.learningcommunities.registration.rule.Reason;

/**
 * The public pages before registering: the events, an event's page, the registration form and its result. The
 * participant's own pages, opened by their personal link, are {@link ManagePages}.
 */
@Controller
final class PublicPages {

    private final RegistrationEngine engine;
    private final RegistrationStore store;
    private final SignedIn signedIn;

    PublicPages(RegistrationEngine engine, RegistrationStore store, SignedIn signedIn) {
        this.engine = engine;
        this.store = store;
        this.signedIn = signedIn;
    }

    @GetMapping("/")
    String events(Model model) {
        model.addAttribute("events", engine.events().listed());
        model.addAttribute("engine", engine.events());
        return "events";
    }

    @GetMapping("/events/{eventId}")
    String event(@PathVariable String eventId, Model model) {
        Event event = event(eventId);
        model.addAttribute("event", event);
        model.addAttribute("counts", engine.events().counts(eventId));
        model.addAttribute("open", engine.events().isRegistrationOpen(eventId));
        model.addAttribute("invitation", Views.asksForInvitation(event));
        model.addAttribute("codeRequired", codeRequired(event));
        addStanding(event, signedIn.current(), model);
        return "event";
    }

    @GetMapping("/events/{eventId}/register")
    String form(@PathVariable String eventId, Model model) {
        Optional<Person> person = signedIn.current();
        return showForm(event(eventId), SignedInForm.prefilled(person), person, List.of(), model);
    }

    /**
     * Registers: anonymously with the details typed; or, for a person whose institution vouched for every detail,
     * with those details and the identity, whatever the form sent for them.
     */
    @PostMapping("/events/{eventId}/register")
    String register(@PathVariable String eventId, @RequestParam MultiValueMap<String, String> params, Model model,
                    Locale locale, RedirectAttributes redirect) {
        Event event = event(eventId);
        Optional<Person> person = signedIn.current();
        Form form = SignedInForm.typed(params, event, person);
        RegisterCommand command = SignedInForm.command(event, form, person, locale);
        RegistrationOutcome outcome = engine.registrations().register(command);
        if (outcome instanceof RegistrationOutcome.Refused refused) {
            return showForm(event, form, person, refused.reasons(), model);
        }
        if (outcome instanceof RegistrationOutcome.Invalid invalid) {
            return showForm(event, form, person, invalid.reasons(), model);
        }
        Registration registration = Views.registrationOf(outcome);
        redirect.addFlashAttribute("status", registration.status().name());
        var place = store.placeInLine(registration);
        redirect.addFlashAttribute("position", place.isPresent() ? place.getAsLong() : null);
        redirect.addFlashAttribute("email", registration.participant().email().value());
        return "redirect:/events/{eventId}/registered";
    }

    @GetMapping("/events/{eventId}/registered")
    String registered(@PathVariable String eventId, Model model) {
        if (!model.containsAttribute("status")) {
            return "redirect:/events/{eventId}";
        }
        model.addAttribute("event", event(eventId));
        return "registered";
    }

    private String showForm(Event event, Form form, Optional<Person> person, List<Reason> reasons, Model model) {
        addStanding(event, person, model);
        model.addAttribute("event", event);
        model.addAttribute("form", form);
        model.addAttribute("open", engine.events().isRegistrationOpen(event.id()));
        model.addAttribute("invitation", Views.asksForInvitation(event));
        model.addAttribute("codeRequired", codeRequired(event));
        model.addAttribute("problems", Problems.of(reasons, event));
        return "register";
    }

    /**
     * What the event page and the form show of signing in: {@code vouched} (the institution's details, read-only),
     * {@code incomplete} with {@code missing} (what the institution did not pass), {@code blocked} (incomplete, and
     * the event takes no anonymous registration), {@code loginOffered} (nobody signed in, sign-on enabled: a link to
     * register with the institution's details) and {@code loginRequired} (the same, where the event takes no
     * anonymous registration: a link to log in rather than a form that would be refused).
     */
    private void addStanding(Event event, Optional<Person> person, Model model) {
        SignedInForm.Standing standing = SignedInForm.standing(person);
        boolean anonymous = standing == SignedInForm.Standing.ANONYMOUS;
        boolean incomplete = standing == SignedInForm.Standing.INCOMPLETE;
        boolean loginOffered = anonymous && person.isEmpty() && signedIn.signOnEnabled();
        model.addAttribute("vouched", standing == SignedInForm.Standing.VOUCHED);
        model.addAttribute("incomplete", incomplete);
        model.addAttribute("missing", incomplete
                ? SignedInForm.labels(person.orElseThrow().missing(), LocaleContextHolder.getLocale()) : "");
        model.addAttribute("blocked", incomplete && !event.anonymousRegistration());
        model.addAttribute("loginOffered", loginOffered);
        model.addAttribute("loginRequired", loginOffered && !event.anonymousRegistration());
    }

    /**
     * Whether nobody can register without an invitation code: every way the event's rule admits someone asks for an
     * invitation, and nobody is invited by address.
     */
    static boolean codeRequired(Event event) {
        return event.invitations().emails().isEmpty() && needsInvitation(event.eligibility());
    }

    private static boolean needsInvitation(EligibilityRule rule) {
        if (rule instanceof EligibilityRule.AllOf all) {
            return all.rules().stream().anyMatch(PublicPages::needsInvitation);
        }
        if (rule instanceof EligibilityRule.AnyOf any) {
            return any.rules().stream().allMatch(PublicPages::needsInvitation);
        }
        return rule instanceof EligibilityRule.Invited;
    }

    private Event event(String eventId) {
        return ParticipantPageParts.event(engine, eventId);
    }
}
