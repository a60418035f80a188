package nl.learningcommunities.registration.examples.portal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ActionOutcome;
import nl.learningcommunities.registration.application.ChangeDetailsCommand;
import nl.learningcommunities.registration.application.ManagedRegistration;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.examples.portal.ParticipantPageParts.Form;
import nl.learningcommunities.registration.examples.portal.ParticipantPageParts.Problems;
import nl.learningcommunities.registration.participant.Participant;
import nl.learningcommunities.registration.rule.Reason;

/**
 * The participant's own pages, opened by their personal link: their registration with its actions (details,
 * sessions, cancel, accept or decline an offer), the download of their data, and verifying an e-mail address.
 */
@Controller
final class ManagePages {

    private final RegistrationEngine engine;
    private final ManageAccess access;
    private final Clock clock;

    ManagePages(RegistrationEngine engine, ManageAccess access, Clock clock) {
        this.engine = engine;
        this.access = access;
        this.clock = clock;
    }

    /**
     * The participant's page: opened by the link in their e-mail ({@code ?token=}), or, right after an action on it,
     * by the token remembered in their session ({@link ManageAccess}), so that no redirect carries the token.
     */
    @GetMapping("/registrations/{registrationId}")
    String manage(@PathVariable String registrationId, @RequestParam(required = false) String token,
                  HttpServletRequest request, Model model) {
        String opening = token != null ? token
                : access.token(request.getSession(false), id(registrationId)).orElse(null);
        ManagedRegistration managed = managed(registrationId, opening);
        return showManage(managed, opening, Form.of(managed.registration().participant()), List.of(), model);
    }

    @PostMapping("/registrations/{registrationId}/details")
    String changeDetails(@PathVariable String registrationId, @RequestParam MultiValueMap<String, String> params,
                         Model model, RedirectAttributes redirect, HttpSession session) {
        String token = params.getFirst("token");
        ManagedRegistration managed = managed(registrationId, token);
        Form form = Form.from(params, managed.event());
        Participant current = managed.registration().participant();
        ActionOutcome outcome = engine.registrations().changeDetails(new ChangeDetailsCommand(
                managed.registration().id(), token, form.details(current.locale()), form.answers(managed.event())));
        boolean newAddress = outcome instanceof ActionOutcome.Done done && done.registration().pendingEmail()
                .filter(pending -> pending.address().key().equalsIgnoreCase(form.value("email").strip())).isPresent();
        return afterAction(managed, token, form, outcome,
                newAddress ? "manage.email-pending" : "manage.details-changed", model, redirect, session);
    }

    @PostMapping("/registrations/{registrationId}/sessions")
    String changeSessions(@PathVariable String registrationId, @RequestParam String token,
                          @RequestParam(name = "sessionIds", required = false) List<String> sessionIds, Model model,
                          RedirectAttributes redirect, HttpSession session) {
        ManagedRegistration managed = managed(registrationId, token);
        ActionOutcome outcome = engine.registrations().changeSessions(managed.registration().id(), token,
                sessionIds == null ? List.of() : sessionIds);
        return afterAction(managed, token, Form.of(managed.registration().participant()), outcome,
                "manage.sessions-changed", model, redirect, session);
    }

    @PostMapping("/registrations/{registrationId}/cancel")
    String cancel(@PathVariable String registrationId, @RequestParam String token, Model model,
                  RedirectAttributes redirect, HttpSession session) {
        return buttonAction(registrationId, token, engine.registrations()::cancel, "manage.cancelled", model,
                redirect, session);
    }

    @PostMapping("/registrations/{registrationId}/accept")
    String accept(@PathVariable String registrationId, @RequestParam String token, Model model,
                  RedirectAttributes redirect, HttpSession session) {
        return buttonAction(registrationId, token, engine.registrations()::acceptOffer, "manage.accepted", model,
                redirect, session);
    }

    @PostMapping("/registrations/{registrationId}/decline")
    String decline(@PathVariable String registrationId, @RequestParam String token, Model model,
                   RedirectAttributes redirect, HttpSession session) {
        return buttonAction(registrationId, token, engine.registrations()::declineOffer, "manage.declined", model,
                redirect, session);
    }

    /** A button on the page that takes no input: the action, then the page or the redirect that reports it. */
    private String buttonAction(String registrationId, String token,
                                java.util.function.BiFunction<UUID, String, ActionOutcome> action, String done,
                                Model model, RedirectAttributes redirect, HttpSession session) {
        ManagedRegistration managed = managed(registrationId, token);
        ActionOutcome outcome = action.apply(managed.registration().id(), token);
        return afterAction(managed, token, Form.of(managed.registration().participant()), outcome, done, model,
                redirect, session);
    }

    /**
     * Everything stored about the participant, as a JSON file to keep (the GDPR's right of access): the library's
     * export, opened by the same personal token as the page. A form posts it, so that the token stays out of the
     * address.
     */
    @PostMapping("/registrations/{registrationId}/data")
    ResponseEntity<String> personalData(@PathVariable String registrationId,
                                        @RequestParam(required = false) String token) {
        UUID id = id(registrationId);
        String json = engine.registrations().exportPersonalData(id, token == null ? "" : token)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.APPLICATION_JSON, java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("registration-" + id + ".json").build().toString())
                .cacheControl(CacheControl.noStore())
                .body(json);
    }

    @GetMapping("/registrations/{registrationId}/verify")
    String verifyPage(@PathVariable String registrationId, @RequestParam(required = false) String token,
                      Model model) {
        model.addAttribute("registrationId", registrationId);
        model.addAttribute("token", token == null ? "" : token);
        return "verify";
    }

    @PostMapping("/registrations/{registrationId}/verify")
    String verify(@PathVariable String registrationId, @RequestParam String token, Model model, Locale locale) {
        ActionOutcome outcome = engine.registrations().verifyEmail(id(registrationId), token);
        if (outcome instanceof ActionOutcome.NotFound) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("registrationId", registrationId);
        model.addAttribute("token", token);
        if (outcome instanceof ActionOutcome.Done done) {
            Registration verified = done.registration();
            model.addAttribute("verified", verified);
            model.addAttribute("event", event(verified.eventId()));
            boolean moved = !verified.history().isEmpty()
                    && "email-changed".equals(verified.history().get(verified.history().size() - 1).reason());
            model.addAttribute("newAddress", moved ? verified.participant().email().value() : null);
        } else {
            model.addAttribute("problems", messages(reasons(outcome), locale));
        }
        return "verify";
    }

    /**
     * After an action: done redirects to the page without the token in the address (the session remembers it for a
     * while); anything else shows the page again with the problems.
     */
    private String afterAction(ManagedRegistration managed, String token, Form form, ActionOutcome outcome,
                               String doneMessage, Model model, RedirectAttributes redirect, HttpSession session) {
        if (outcome instanceof ActionOutcome.Done) {
            access.remember(session, managed.registration().id(), token);
            redirect.addFlashAttribute("notice", doneMessage);
            return "redirect:/registrations/" + managed.registration().id();
        }
        if (outcome instanceof ActionOutcome.NotFound) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return showManage(managed, token, form, reasons(outcome), model);
    }

    private String showManage(ManagedRegistration managed, String token, Form form, List<Reason> reasons,
                              Model model) {
        model.addAttribute("managed", managed);
        model.addAttribute("registration", managed.registration());
        model.addAttribute("event", managed.event());
        model.addAttribute("token", token);
        model.addAttribute("form", form);
        model.addAttribute("problems", Problems.of(reasons, managed.event()));
        model.addAttribute("pendingEmail", managed.registration().pendingEmail()
                .filter(pending -> !pending.lapsed(clock.instant())).orElse(null));
        return "manage";
    }

    private ManagedRegistration managed(String registrationId, String token) {
        return engine.registrations().view(id(registrationId), token == null ? "" : token)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static UUID id(String registrationId) {
        try {
            return UUID.fromString(registrationId);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private static List<Reason> reasons(ActionOutcome outcome) {
        if (outcome instanceof ActionOutcome.NotAllowed notAllowed) {
            return notAllowed.reasons();
        }
        if (outcome instanceof ActionOutcome.Invalid invalid) {
            return invalid.reasons();
        }
        return List.of();
    }

    private static List<String> messages(List<Reason> reasons, Locale locale) {
        return reasons.stream().map(r -> ApiProblems.message(r, locale)).toList();
    }

    private Event event(String eventId) {
        return ParticipantPageParts.event(engine, eventId);
    }
}
