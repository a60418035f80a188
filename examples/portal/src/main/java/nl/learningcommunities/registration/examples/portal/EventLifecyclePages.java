package nl.learningcommunities.registration.examples.portal;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;


import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ActionOutcome;
import nl.learningcommunities.registration.application.EventOutcome;
import nl.learningcommunities.registration.application.MessageOutcome;
import nl.learningcommunities.registration.application.ParticipantMessage;
import nl.learningcommunities.registration.booking.Attendance;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.booking.SeatCounts;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventRevision;
import nl.learningcommunities.registration.rule.Reason;

/**
 * The organiser's pages for an event's life and its day: close and reopen registration, cancel the event after a
 * typed confirmation, read the event's history, check participants in, and write the participants a message.
 *
 * <p>Every page is behind the organiser's login ({@link SecurityConfiguration}), every form carries its CSRF
 * token, the organiser's login name is the actor the library records, and an unknown event or registration is
 * the friendly 404 page.
 */
@Controller
@RequestMapping("/organiser/events/{eventId}")
final class EventLifecyclePages {

    private static final String TO_EVENTS = "redirect:/organiser";

    private final RegistrationEngine engine;
    private final RegistrationStore store;

    EventLifecyclePages(RegistrationEngine engine, RegistrationStore store) {
        this.engine = engine;
        this.store = store;
    }

    /** Closes registration for the event, whatever its registration window says. */
    @PostMapping("/close")
    String close(@PathVariable String eventId, Authentication organiser, Locale locale, RedirectAttributes redirect) {
        Event event = event(eventId);
        return afterLifecycle(engine.events().close(eventId, organiser.getName()), event, "lifecycle.done.closed",
                locale, redirect);
    }

    /** Reopens registration an organiser closed. */
    @PostMapping("/reopen")
    String reopen(@PathVariable String eventId, Authentication organiser, Locale locale,
                  RedirectAttributes redirect) {
        Event event = event(eventId);
        return afterLifecycle(engine.events().reopen(eventId, organiser.getName()), event, "lifecycle.done.reopened",
                locale, redirect);
    }

    /** The cancel page: who will be told, the reason, and the typed confirmation. */
    @GetMapping("/cancel")
    String cancelPage(@PathVariable String eventId, Model model) {
        return showCancel(event(eventId), "", List.of(), model);
    }

    /**
     * Cancels the event when the organiser typed its id exactly and gave a reason; otherwise shows the page again
     * with the errors, and nothing changes.
     */
    @PostMapping("/cancel")
    String cancel(@PathVariable String eventId, @RequestParam(required = false) String reason,
                  @RequestParam(required = false) String confirm, Authentication organiser, Locale locale,
                  Model model, RedirectAttributes redirect) {
        Event event = event(eventId);
        String why = reason == null ? "" : reason;
        if (event.isCancelled()) {
            return showCancel(event, why, List.of(), model);
        }
        List<Reason> problems = new ArrayList<>();
        if (why.isBlank()) {
            problems.add(Reason.ofField("reason", "lifecycle.cancel.reason-required"));
        }
        if (!eventId.equals(confirm == null ? null : confirm.strip())) {
            problems.add(Reason.ofField("confirm", "lifecycle.cancel.mismatch"));
        }
        if (!problems.isEmpty()) {
            return showCancel(event, why, problems, model);
        }
        EventOutcome outcome = engine.events().cancel(eventId, why, organiser.getName());
        if (outcome instanceof EventOutcome.Saved saved) {
            redirect.addFlashAttribute("lifecycleNotice", PortalMessages.text("lifecycle.done.cancelled", locale,
                    "The meeting is cancelled.", event.title().in(locale), saved.notified()));
            return TO_EVENTS;
        }
        if (outcome instanceof EventOutcome.Refused refused) {
            return showCancel(event(eventId), why, refused.reasons(), model);
        }
        if (outcome instanceof EventOutcome.Stale) {
            return showCancel(event(eventId), why, List.of(Reason.of("event.changed-concurrently")), model);
        }
        throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    /** The event's revisions, newest first, in the event's time zone. */
    @GetMapping("/history")
    String history(@PathVariable String eventId, Model model) {
        Event event = event(eventId);
        List<EventRevision> revisions = new ArrayList<>(engine.events().history(eventId));
        revisions.sort(Comparator.comparingLong(EventRevision::number).reversed());
        model.addAttribute("event", event);
        model.addAttribute("revisions", revisions);
        model.addAttribute("zone", event.startsAt().getZone());
        return "organiser/history";
    }

    /** The check-in list: the confirmed participants, searchable, each with their attendance. */
    @GetMapping("/checkin")
    String checkin(@PathVariable String eventId, @RequestParam(required = false) String q, Locale locale,
                   Model model) {
        Event event = event(eventId);
        String search = q == null ? "" : q.strip();
        List<Registration> confirmed = confirmed(eventId, Optional.empty());
        List<Registration> shown = search.isEmpty() ? confirmed : confirmed(eventId, Optional.of(search));
        Collator collator = Collator.getInstance(locale);
        collator.setStrength(Collator.PRIMARY);
        List<Registration> sorted = new ArrayList<>(shown);
        sorted.sort(Comparator.comparing((Registration r) -> r.participant().familyName(), collator)
                .thenComparing(r -> r.participant().givenName(), collator));
        model.addAttribute("event", event);
        model.addAttribute("registrations", sorted);
        model.addAttribute("attended", confirmed.stream().filter(r -> r.attendance() == Attendance.ATTENDED).count());
        model.addAttribute("confirmedCount", confirmed.size());
        model.addAttribute("q", search);
        return "organiser/checkin";
    }

    /**
     * Records that a confirmed participant came ({@code ATTENDED}), or undoes it ({@code UNKNOWN}), and returns to
     * the check-in list with the same search.
     */
    @PostMapping("/checkin/{registrationId}")
    String mark(@PathVariable String eventId, @PathVariable String registrationId,
                @RequestParam(required = false) String attendance, @RequestParam(required = false) String q,
                Authentication organiser, Locale locale, RedirectAttributes redirect) {
        event(eventId);
        Registration registration = store.find(uuid(registrationId)).filter(r -> r.eventId().equals(eventId))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Attendance wanted;
        if ("ATTENDED".equals(attendance)) {
            wanted = Attendance.ATTENDED;
        } else if ("UNKNOWN".equals(attendance)) {
            wanted = Attendance.UNKNOWN;
        } else {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        ActionOutcome outcome = engine.organising().recordAttendance(registration.id(), wanted, organiser.getName());
        String name = registration.participant().fullName();
        if (outcome instanceof ActionOutcome.Done) {
            redirect.addFlashAttribute("lifecycleNotice", PortalMessages.text(wanted == Attendance.ATTENDED
                    ? "checkin.done.attended" : "checkin.done.undone", locale, "Saved.", name));
        } else if (outcome instanceof ActionOutcome.NotAllowed notAllowed) {
            redirect.addFlashAttribute("lifecycleProblem", ApiProblems.message(notAllowed.reasons().get(0), locale));
        } else if (outcome instanceof ActionOutcome.Invalid invalid) {
            redirect.addFlashAttribute("lifecycleProblem", ApiProblems.message(invalid.reasons().get(0), locale));
        } else {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (q != null && !q.isBlank()) {
            redirect.addAttribute("q", q.strip());
        }
        return "redirect:/organiser/events/{eventId}/checkin";
    }

    /** The message form: audience, subject and text in Dutch and English. */
    @GetMapping("/message")
    String messageForm(@PathVariable String eventId, Model model) {
        return showMessage(event(eventId), ParticipantMessageForm.empty(), List.of(), false, model);
    }

    /** Checks the message and shows it as it will be sent, with the number of recipients. */
    @PostMapping("/message/preview")
    String messagePreview(@PathVariable String eventId, @RequestParam(required = false) String audience,
                          @RequestParam(required = false) String subjectNl,
                          @RequestParam(required = false) String subjectEn,
                          @RequestParam(required = false) String bodyNl,
                          @RequestParam(required = false) String bodyEn, Model model) {
        Event event = event(eventId);
        ParticipantMessageForm form = new ParticipantMessageForm(audience, subjectNl, subjectEn, bodyNl, bodyEn);
        List<Reason> problems = form.check();
        return showMessage(event, form, problems, problems.isEmpty(), model);
    }

    /**
     * Sends the message ({@code step=send}) or goes back to the form to change it ({@code step=edit}).
     */
    @PostMapping("/message/send")
    String messageSend(@PathVariable String eventId, @RequestParam(required = false) String step,
                       @RequestParam(required = false) String audience,
                       @RequestParam(required = false) String subjectNl,
                       @RequestParam(required = false) String subjectEn,
                       @RequestParam(required = false) String bodyNl,
                       @RequestParam(required = false) String bodyEn, Authentication organiser, Locale locale,
                       Model model, RedirectAttributes redirect) {
        Event event = event(eventId);
        ParticipantMessageForm form = new ParticipantMessageForm(audience, subjectNl, subjectEn, bodyNl, bodyEn);
        if ("edit".equals(step)) {
            return showMessage(event, form, List.of(), false, model);
        }
        List<Reason> problems = form.check();
        if (!problems.isEmpty()) {
            return showMessage(event, form, problems, false, model);
        }
        MessageOutcome outcome = engine.organising().message(form.toMessage(eventId), organiser.getName());
        if (outcome instanceof MessageOutcome.Queued queued) {
            redirect.addFlashAttribute("lifecycleNotice", PortalMessages.text("message.done", locale,
                    "The message is sent.", queued.recipients(), event.title().in(locale)));
            return TO_EVENTS;
        }
        List<Reason> refused = ((MessageOutcome.Invalid) outcome).reasons();
        if (refused.stream().anyMatch(r -> r.field().filter("eventId"::equals).isPresent())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return showMessage(event, form, ParticipantMessageForm.onFields(refused), false, model);
    }

    private String afterLifecycle(EventOutcome outcome, Event event, String doneKey, Locale locale,
                                  RedirectAttributes redirect) {
        if (outcome instanceof EventOutcome.Saved) {
            redirect.addFlashAttribute("lifecycleNotice", PortalMessages.text(doneKey, locale, "Done.",
                    event.title().in(locale)));
        } else if (outcome instanceof EventOutcome.Refused refused) {
            redirect.addFlashAttribute("lifecycleProblem", refused.reasons().stream()
                    .map(r -> ApiProblems.message(r, locale)).collect(Collectors.joining(" ")));
        } else if (outcome instanceof EventOutcome.Stale) {
            redirect.addFlashAttribute("lifecycleProblem",
                    ApiProblems.message(Reason.of("event.changed-concurrently"), locale));
        } else {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return TO_EVENTS;
    }

    private String showCancel(Event event, String reason, List<Reason> problems, Model model) {
        SeatCounts counts = engine.organising().counts(event.id());
        model.addAttribute("event", event);
        model.addAttribute("counts", counts);
        model.addAttribute("told", counts.confirmed() + counts.offered() + counts.waiting() + counts.pending());
        model.addAttribute("reason", reason);
        model.addAttribute("problems", ParticipantPageParts.Problems.of(problems));
        return "organiser/cancel";
    }

    private String showMessage(Event event, ParticipantMessageForm form, List<Reason> problems, boolean preview,
                               Model model) {
        model.addAttribute("event", event);
        model.addAttribute("form", form);
        model.addAttribute("problems", ParticipantPageParts.Problems.of(problems));
        model.addAttribute("preview", preview);
        model.addAttribute("audiences", List.of(ParticipantMessage.Audience.values()));
        model.addAttribute("sizes", Arrays.stream(ParticipantMessage.Audience.values())
                .collect(Collectors.toMap(a -> a.name(), a -> engine.organising().audienceSize(event.id(), a))));
        if (preview) {
            model.addAttribute("recipients", engine.organising().audienceSize(event.id(), form.chosen().orElseThrow()));
        }
        return "organiser/message";
    }

    private List<Registration> confirmed(String eventId, Optional<String> search) {
        return engine.organising().list(new RegistrationQuery(eventId, Set.of(RegistrationStatus.CONFIRMED), search,
                0, Integer.MAX_VALUE)).stream().filter(r -> !r.erased()).toList();
    }

    private Event event(String eventId) {
        return engine.events().find(eventId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
