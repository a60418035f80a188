package nl.learningcommunities.registration.examples.portal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.eligibility.EligibilityRule;
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
    private final ManageAccess access;
    private final Clock clock;

    PublicPages(RegistrationEngine engine, RegistrationStore store, ManageAccess access, Clock clock) {
        this.engine = engine;
        this.store = store;
        this.access = access;
        this.clock = clock;
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
        ManagedRegistration managed = managed(registrationId, token);
        ActionOutcome outcome = engine.registrations().cancel(managed.registration().id(), token);
        return afterAction(managed, token, Form.of(managed.registration().participant()), outcome,
                "manage.cancelled", model, redirect, session);
    }

    @PostMapping("/registrations/{registrationId}/accept")
    String accept(@PathVariable String registrationId, @RequestParam String token, Model model,
                  RedirectAttributes redirect, HttpSession session) {
        ManagedRegistration managed = managed(registrationId, token);
        ActionOutcome outcome = engine.registrations().acceptOffer(managed.registration().id(), token);
        return afterAction(managed, token, Form.of(managed.registration().participant()), outcome,
                "manage.accepted", model, redirect, session);
    }

    @PostMapping("/registrations/{registrationId}/decline")
    String decline(@PathVariable String registrationId, @RequestParam String token, Model model,
                   RedirectAttributes redirect, HttpSession session) {
        ManagedRegistration managed = managed(registrationId, token);
        ActionOutcome outcome = engine.registrations().declineOffer(managed.registration().id(), token);
        return afterAction(managed, token, Form.of(managed.registration().participant()), outcome,
                "manage.declined", model, redirect, session);
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
        model.addAttribute("problems", Problems.of(reasons));
        model.addAttribute("pendingEmail", managed.registration().pendingEmail()
                .filter(pending -> !pending.lapsed(clock.instant())).orElse(null));
        return "manage";
    }

    private String showForm(Event event, Form form, List<Reason> reasons, Model model) {
        model.addAttribute("event", event);
        model.addAttribute("form", form);
        model.addAttribute("open", engine.events().isRegistrationOpen(event.id()));
        model.addAttribute("invitation", Views.asksForInvitation(event));
        model.addAttribute("codeRequired", codeRequired(event));
        model.addAttribute("problems", Problems.of(reasons, event));
        return "register";
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

        /**
         * The errors of the registration form: in the summary each names its field ("Voornaam: dit veld is
         * verplicht."), in the order of the form, after those of no field; next to a field, the message alone.
         */
        static Problems of(List<Reason> reasons, Event event) {
            Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
            List<String> order = new ArrayList<>(List.of("givenName", "familyName", "email", "organisation", "role",
                    "sector", "sessionIds"));
            event.questions().forEach(q -> order.add("answer-" + q.id()));
            order.addAll(List.of("invitationCode", "privacyConsent"));
            Problems plain = of(reasons);
            List<Map.Entry<String, String>> all = new ArrayList<>();
            for (Map.Entry<String, String> problem : plain.all()) {
                String label = problem.getKey() == null ? null : label(problem.getKey(), event, locale);
                all.add(new java.util.AbstractMap.SimpleImmutableEntry<>(problem.getKey(),
                        label == null ? problem.getValue() : named(label, problem.getValue(), locale)));
            }
            all.sort(java.util.Comparator.comparingInt(problem -> problem.getKey() == null ? -1
                    : order.contains(problem.getKey()) ? order.indexOf(problem.getKey()) : order.size()));
            return new Problems(all, plain.byField());
        }

        private static String label(String fieldId, Event event, Locale locale) {
            if (fieldId.startsWith("answer-")) {
                return event.question(fieldId.substring("answer-".length()))
                        .map(q -> q.label().in(Messages.supported(locale))).orElse(null);
            }
            String key = "privacyConsent".equals(fieldId) ? "field.privacyConsent-short" : "field." + fieldId;
            return PortalMessages.text(key, locale, null);
        }

        /** "Voornaam: dit veld is verplicht.", or after a question "Ben je bestuurder? Dit veld is verplicht." */
        private static String named(String label, String message, Locale locale) {
            if (label.endsWith("?")) {
                return label + " " + message;
            }
            boolean sentence = message.length() > 1 && Character.isUpperCase(message.charAt(0))
                    && Character.isLowerCase(message.charAt(1));
            String rest = sentence ? Character.toLowerCase(message.charAt(0)) + message.substring(1) : message;
            return PortalMessages.text("form.errors.named", locale, label + ": " + rest, label, rest);
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
