package nl.learningcommunities.registration.examples.portal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.GroupOutcome;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.examples.portal.ParticipantPageParts.Problems;
import nl.learningcommunities.registration.participant.TrustedIdentity;
import nl.learningcommunities.registration.rule.Reason;

/**
 * A coordinator registers colleagues in one go ({@link GroupForm}): all get a seat, or all go on the waiting list
 * together, or none is registered, and the result page says which. The coordinator role is required
 * ({@link SecurityConfiguration}); so is the coordinator's identity, which the library records as the actor and
 * which lets the colleagues' registrations skip the e-mail confirmation.
 */
@Controller
final class GroupRegistrationPages {

    private final RegistrationEngine engine;
    private final SignedIn signedIn;

    GroupRegistrationPages(RegistrationEngine engine, SignedIn signedIn) {
        this.engine = engine;
        this.signedIn = signedIn;
    }

    @GetMapping("/events/{eventId}/group")
    String form(@PathVariable String eventId, Model model, Locale locale) {
        Event event = event(eventId);
        Optional<TrustedIdentity> coordinator = coordinator();
        return show(event, coordinator.map(GroupForm::empty).orElse(null), List.of(), model, locale);
    }

    @PostMapping("/events/{eventId}/group")
    String register(@PathVariable String eventId, @RequestParam MultiValueMap<String, String> params, Model model,
                    Locale locale, RedirectAttributes redirect) {
        Event event = event(eventId);
        Optional<TrustedIdentity> coordinator = coordinator();
        if (coordinator.isEmpty()) {
            return show(event, null, List.of(), model, locale);
        }
        GroupForm form = GroupForm.from(params, event);
        if (form.filled().isEmpty()) {
            show(event, form, List.of(), model, locale);
            model.addAttribute("problems", GroupForm.problem(PortalMessages.text("group.none", locale,
                    "Fill in at least one colleague.")));
            return "group";
        }
        GroupOutcome outcome = engine.registrations().registerGroup(form.command(event, coordinator.get(), locale));
        if (outcome instanceof GroupOutcome.Registered registered) {
            redirect.addFlashAttribute("group", GroupResult.of(registered.members()));
            return "redirect:/events/{eventId}/group/registered";
        }
        List<Reason> reasons = outcome instanceof GroupOutcome.Refused refused ? refused.reasons()
                : ((GroupOutcome.Invalid) outcome).reasons();
        return show(event, form, reasons, model, locale);
    }

    @GetMapping("/events/{eventId}/group/registered")
    String registered(@PathVariable String eventId, Model model) {
        if (!model.containsAttribute("group")) {
            return "redirect:/events/{eventId}/group";
        }
        model.addAttribute("event", event(eventId));
        return "group-result";
    }

    private String show(Event event, GroupForm form, List<Reason> reasons, Model model, Locale locale) {
        Optional<Person> person = signedIn.current();
        boolean incomplete = person.flatMap(Person::identity).isEmpty();
        model.addAttribute("event", event);
        model.addAttribute("incomplete", incomplete);
        model.addAttribute("missing", person.map(p -> SignedInForm.labels(p.missing(), locale)).orElse(""));
        model.addAttribute("form", form);
        model.addAttribute("open", engine.events().isRegistrationOpen(event.id()));
        model.addAttribute("invitation", Views.asksForInvitation(event));
        model.addAttribute("codeRequired", PublicPages.codeRequired(event));
        model.addAttribute("problems", form == null ? Problems.of(List.of()) : form.problems(reasons, event, locale));
        return "group";
    }

    private Optional<TrustedIdentity> coordinator() {
        return signedIn.current().flatMap(Person::identity);
    }

    private Event event(String eventId) {
        return ParticipantPageParts.event(engine, eventId);
    }

    /**
     * What became of a registered group, for the page after the redirect.
     *
     * @param status     the status every member has ({@code CONFIRMED}, {@code WAITLISTED}…), or {@code MIXED}
     * @param count      how many were registered
     * @param firstPlace the first place on the waiting list among them, when they wait
     * @param lastPlace  the last place, when they wait
     * @param members    each member's result, in the order of the form
     */
    record GroupResult(String status, int count, Long firstPlace, Long lastPlace, List<Member> members)
            implements Serializable {

        private static final long serialVersionUID = 1L;

        /** Copies the members. */
        GroupResult {
            members = List.copyOf(members);
        }

        /**
         * One colleague's result.
         *
         * @param name   their name
         * @param email  their address
         * @param status their registration's status
         * @param place  their place on the waiting list, if they wait
         */
        record Member(String name, String email, String status, Long place) implements Serializable {
            private static final long serialVersionUID = 1L;
        }

        static GroupResult of(List<RegistrationOutcome> outcomes) {
            List<Member> members = new ArrayList<>();
            for (RegistrationOutcome outcome : outcomes) {
                Registration registration = Views.registrationOf(outcome);
                Long place = outcome instanceof RegistrationOutcome.Waitlisted waitlisted ? waitlisted.position()
                        : null;
                members.add(new Member(registration.participant().givenName() + " "
                        + registration.participant().familyName(), registration.participant().email().value(),
                        registration.status().name(), place));
            }
            List<String> statuses = members.stream().map(Member::status).distinct().toList();
            List<Long> places = members.stream().map(Member::place).filter(p -> p != null).sorted().toList();
            return new GroupResult(statuses.size() == 1 ? statuses.get(0) : "MIXED", members.size(),
                    places.isEmpty() ? null : places.get(0), places.isEmpty() ? null : places.get(places.size() - 1),
                    members);
        }
    }
}
