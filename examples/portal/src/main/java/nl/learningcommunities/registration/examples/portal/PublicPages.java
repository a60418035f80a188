package nl.learningcommunities.registration.examples.portal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
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
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.Question;
import nl.learningcommunities.registration.participant.Answer;
import nl.learningcommunities.registration.participant.Participant;
import nl.learningcommunities.registration.rule.Messages;
import nl.learningcommunities.registration.rule.Reason;

/** The participant's pages: events, the registration form, the result, the manage page and verification. */
@Controller
final class PublicPages {

    private final RegistrationEngine engine;
    private final RegistrationStore store;

    PublicPages(RegistrationEngine engine, RegistrationStore store) {
        this.engine = engine;
        this.store = store;
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
        return "event";
    }

    @GetMapping("/events/{eventId}/register")
    String form(@PathVariable String eventId, Model model) {
        return showForm(event(eventId), Form.empty(), List.of(), model);
    }

    @PostMapping("/events/{eventId}/register")
    String register(@PathVariable String eventId, @RequestParam MultiValueMap<String, String> params, Model model,
                    Locale locale, RedirectAttributes redirect) {
        Event event = event(eventId);
        Form form = Form.from(params, event);
        RegisterCommand command = new RegisterCommand(eventId, form.details(Messages.supported(locale)),
                Optional.empty(), form.sessionIds(), form.answers(event), Optional.ofNullable(form.invitationCode()),
                form.privacyConsent());
        RegistrationOutcome outcome = engine.registrations().register(command);
        if (outcome instanceof RegistrationOutcome.Refused refused) {
            return showForm(event, form, refused.reasons(), model);
        }
        if (outcome instanceof RegistrationOutcome.Invalid invalid) {
            return showForm(event, form, invalid.reasons(), model);
        }
        Registration registration = Views.registrationOf(outcome);
        redirect.addFlashAttribute("status", registration.status().name());
        var place = store.placeInLine(registration);
        redirect.addFlashAttribute("position", place.isPresent() ? place.getAsLong() : null);
        redirect.addFlashAttribute("email", registration.participant().email().value());
        return "redirect:/events/" + eventId + "/registered";
    }

    @GetMapping("/events/{eventId}/registered")
    String registered(@PathVariable String eventId, Model model) {
        if (!model.containsAttribute("status")) {
            return "redirect:/events/" + eventId;
        }
        model.addAttribute("event", event(eventId));
        return "registered";
    }

    @GetMapping("/registrations/{registrationId}")
    String manage(@PathVariable String registrationId, @RequestParam(required = false) String token, Model model) {
        ManagedRegistration managed = managed(registrationId, token);
        return showManage(managed, token, Form.of(managed.registration().participant()), List.of(), model);
    }

    @PostMapping("/registrations/{registrationId}/details")
    String changeDetails(@PathVariable String registrationId, @RequestParam MultiValueMap<String, String> params,
                         Model model, RedirectAttributes redirect) {
        String token = params.getFirst("token");
        ManagedRegistration managed = managed(registrationId, token);
        Form form = Form.from(params, managed.event());
        Participant current = managed.registration().participant();
        ActionOutcome outcome = engine.registrations().changeDetails(new ChangeDetailsCommand(
                managed.registration().id(), token, form.details(current.locale()), form.answers(managed.event())));
        return afterAction(managed, token, form, outcome, "manage.details-changed", model, redirect);
    }

    @PostMapping("/registrations/{registrationId}/sessions")
    String changeSessions(@PathVariable String registrationId, @RequestParam String token,
                          @RequestParam(name = "sessionIds", required = false) List<String> sessionIds, Model model,
                          RedirectAttributes redirect) {
        ManagedRegistration managed = managed(registrationId, token);
        ActionOutcome outcome = engine.registrations().changeSessions(managed.registration().id(), token,
                sessionIds == null ? List.of() : sessionIds);
        return afterAction(managed, token, Form.of(managed.registration().participant()), outcome,
                "manage.sessions-changed", model, redirect);
    }

    @PostMapping("/registrations/{registrationId}/cancel")
    String cancel(@PathVariable String registrationId, @RequestParam String token, Model model,
                  RedirectAttributes redirect) {
        ManagedRegistration managed = managed(registrationId, token);
        ActionOutcome outcome = engine.registrations().cancel(managed.registration().id(), token);
        return afterAction(managed, token, Form.of(managed.registration().participant()), outcome,
                "manage.cancelled", model, redirect);
    }

    @PostMapping("/registrations/{registrationId}/accept")
    String accept(@PathVariable String registrationId, @RequestParam String token, Model model,
                  RedirectAttributes redirect) {
        ManagedRegistration managed = managed(registrationId, token);
        ActionOutcome outcome = engine.registrations().acceptOffer(managed.registration().id(), token);
        return afterAction(managed, token, Form.of(managed.registration().participant()), outcome,
                "manage.accepted", model, redirect);
    }

    @PostMapping("/registrations/{registrationId}/decline")
    String decline(@PathVariable String registrationId, @RequestParam String token, Model model,
                   RedirectAttributes redirect) {
        ManagedRegistration managed = managed(registrationId, token);
        ActionOutcome outcome = engine.registrations().declineOffer(managed.registration().id(), token);
        return afterAction(managed, token, Form.of(managed.registration().participant()), outcome,
                "manage.declined", model, redirect);
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
            model.addAttribute("verified", done.registration());
            model.addAttribute("event", event(done.registration().eventId()));
        } else {
            model.addAttribute("problems", messages(reasons(outcome), locale));
        }
        return "verify";
    }

    private String afterAction(ManagedRegistration managed, String token, Form form, ActionOutcome outcome,
                               String doneMessage, Model model, RedirectAttributes redirect) {
        if (outcome instanceof ActionOutcome.Done) {
            redirect.addFlashAttribute("notice", doneMessage);
            redirect.addAttribute("token", token);
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
        model.addAttribute("problems", Problems.of(reasons));
        return "manage";
    }

    private String showForm(Event event, Form form, List<Reason> reasons, Model model) {
        model.addAttribute("event", event);
        model.addAttribute("form", form);
        model.addAttribute("open", engine.events().isRegistrationOpen(event.id()));
        model.addAttribute("invitation", Views.asksForInvitation(event));
        model.addAttribute("problems", Problems.of(reasons));
        return "register";
    }

    private Event event(String eventId) {
        return engine.events().find(eventId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
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

    /**
     * What a participant typed, to fill the form again after an error.
     */
    record Form(Map<String, String> values, List<String> sessionIds, Map<String, List<String>> answerValues,
                String invitationCode, boolean privacyConsent) {

        static Form empty() {
            return new Form(Map.of(), List.of(), Map.of(), null, false);
        }

        static Form of(Participant participant) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("givenName", participant.givenName());
            values.put("familyName", participant.familyName());
            values.put("email", participant.email().value());
            values.put("organisation", participant.organisation());
            values.put("role", participant.role());
            values.put("sector", participant.sector());
            Map<String, List<String>> answers = new LinkedHashMap<>();
            participant.answers().forEach((question, answer) -> answers.put(question, answerValues(answer)));
            return new Form(values, List.of(), answers, null, true);
        }

        static Form from(MultiValueMap<String, String> params, Event event) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String field : List.of("givenName", "familyName", "email", "organisation", "role", "sector")) {
                values.put(field, Optional.ofNullable(params.getFirst(field)).orElse(""));
            }
            Map<String, List<String>> answers = new LinkedHashMap<>();
            for (Question question : event.questions()) {
                List<String> given = params.get("answer." + question.id());
                answers.put(question.id(), given == null ? List.of()
                        : given.stream().filter(v -> v != null && !v.isBlank()).toList());
            }
            List<String> sessions = Optional.ofNullable(params.get("sessionIds")).orElse(List.of());
            return new Form(values, sessions, answers, params.getFirst("invitationCode"),
                    params.containsKey("privacyConsent"));
        }

        ParticipantDetails details(Locale locale) {
            return new ParticipantDetails(values.get("givenName"), values.get("familyName"), values.get("email"),
                    values.get("organisation"), values.get("role"), values.get("sector"), locale);
        }

        Map<String, Object> answers(Event event) {
            Map<String, Object> answers = new LinkedHashMap<>();
            for (Question question : event.questions()) {
                List<String> given = answerValues.getOrDefault(question.id(), List.of());
                if (given.isEmpty()) {
                    continue;
                }
                answers.put(question.id(), question.type() == Question.Type.MULTIPLE_CHOICE ? given : given.get(0));
            }
            return answers;
        }

        /** @return the value a field shows */
        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        /** @return whether an option (or yes/no) of a question is chosen */
        public boolean chosen(String questionId, String value) {
            return answerValues.getOrDefault(questionId, List.of()).contains(value);
        }

        /** @return the text answer to a question */
        public String answer(String questionId) {
            List<String> given = answerValues.getOrDefault(questionId, List.of());
            return given.isEmpty() ? "" : given.get(0);
        }

        private static List<String> answerValues(Answer answer) {
            if (answer instanceof Answer.Text text) {
                return List.of(text.text());
            }
            if (answer instanceof Answer.Choice choice) {
                return List.of(choice.option());
            }
            if (answer instanceof Answer.Choices choices) {
                return choices.options();
            }
            return List.of(((Answer.YesNo) answer).yes() ? "yes" : "no");
        }
    }

    /**
     * The errors of a form, by the id of the field they belong to (for links and {@code aria-describedby}), and
     * those that belong to no field.
     *
     * @param all     every message with the id of its field, or null
     * @param byField the messages per field id
     */
    record Problems(List<Map.Entry<String, String>> all, Map<String, List<String>> byField) {

        static Problems of(List<Reason> reasons) {
            Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
            List<Map.Entry<String, String>> all = new ArrayList<>();
            Map<String, List<String>> byField = new LinkedHashMap<>();
            for (Reason reason : reasons) {
                String field = reason.field().map(PublicPages::fieldId).orElse(null);
                String message = ApiProblems.message(reason, locale);
                all.add(new java.util.AbstractMap.SimpleImmutableEntry<>(field, message));
                if (field != null) {
                    byField.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
                }
            }
            return new Problems(all, byField);
        }

        /** @return whether a field has errors */
        public boolean has(String field) {
            return byField.containsKey(field);
        }

        /** @return the errors of a field */
        public List<String> of(String field) {
            return byField.getOrDefault(field, List.of());
        }

        /** @return whether there are any */
        public boolean any() {
            return !all.isEmpty();
        }
    }

    /** The id of the form field a library field name belongs to. */
    static String fieldId(String field) {
        String plain = ApiProblems.field(field);
        if (plain.startsWith("answers.")) {
            return "answer-" + plain.substring("answers.".length());
        }
        if (plain.startsWith("sessionIds")) {
            return "sessionIds";
        }
        return plain;
    }
}
