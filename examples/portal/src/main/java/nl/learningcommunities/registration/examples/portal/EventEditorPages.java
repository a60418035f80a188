package nl.learningcommunities.registration.examples.portal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.learningcommunities.registration.EventNotFoundException;
import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ChangePreview;
import nl.learningcommunities.registration.application.EventOutcome;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventRevision;
import nl.learningcommunities.registration.event.Ids;
import nl.learningcommunities.registration.event.StoredEvent;
import nl.learningcommunities.registration.rule.Reason;

/**
 * The organiser's event editor, behind the form login: a new event ({@code /organiser/events/new}), an event
 * edited at the revision the organiser read ({@code /organiser/events/{id}/edit}), and a copy moved to a new start
 * ({@code /organiser/events/{id}/copy}). Buttons that add, remove or move rows show the form again with what was
 * typed, saving nothing. A change that tells participants is shown first with how many it tells, and saved on
 * a second post with {@code confirm=true}; an edit that lost the race to someone else's shows what they changed
 * with everything the organiser typed. After a save, a 303 to the event's organiser page.
 */
@Controller
@RequestMapping("/organiser/events")
final class EventEditorPages {

    private static final String FORM = "organiser/event-form";
    private static final String COPY = "organiser/event-copy";

    private final RegistrationEngine engine;
    private final Clock clock;

    EventEditorPages(RegistrationEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    @GetMapping("/new")
    String newEvent(Model model, Locale locale) {
        return createForm(model, EventFormFiller.blank(), EventFormProblems.none(), locale);
    }

    @PostMapping("/new")
    String create(@RequestParam MultiValueMap<String, String> params, Authentication organiser, Locale locale,
                  Model model, RedirectAttributes redirect, HttpServletRequest request) {
        EventForm form = EventFormParams.read(params);
        if (form.apply(params.getFirst("action"))) {
            return createForm(model, form, EventFormProblems.none(), locale);
        }
        EventFormMapper.Result result = EventFormMapper.map(form, Optional.empty(), Optional.empty(),
                ZonedDateTime.now(clock));
        if (result.event().isEmpty()) {
            return createForm(model, form, editorProblems(result.reasons(), locale, form), locale);
        }
        EventOutcome outcome = engine.events().create(result.event().get(), organiser.getName());
        if (outcome instanceof EventOutcome.Saved saved) {
            redirect.addFlashAttribute("notice", "editor.done.created");
            return seeOther(request, "/organiser/events/" + saved.event().event().id());
        }
        return createForm(model, form, editorProblems(reasons(outcome), locale, form), locale);
    }

    @GetMapping("/{eventId}/edit")
    String edit(@PathVariable String eventId, Model model, Locale locale) {
        StoredEvent current = stored(eventId);
        return editForm(model, EventFormFiller.of(current.event()), current, current.revision(), current.event(),
                EventFormProblems.none(), locale);
    }

    @PostMapping("/{eventId}/edit")
    String update(@PathVariable String eventId, @RequestParam MultiValueMap<String, String> params,
                  Authentication organiser, Locale locale, Model model, RedirectAttributes redirect,
                  HttpServletRequest request) {
        StoredEvent current = stored(eventId);
        long revision = revision(params.getFirst("revision"));
        Event started = startedFrom(eventId, revision).orElse(current.event());
        EventForm form = EventFormParams.read(params).set("id", eventId);
        if (form.apply(params.getFirst("action"))) {
            return editForm(model, form, current, revision, started, EventFormProblems.none(), locale);
        }
        EventFormMapper.Result result = EventFormMapper.map(form, Optional.of(started), Optional.of(eventId),
                ZonedDateTime.now(clock));
        if (result.event().isEmpty()) {
            return editForm(model, form, current, revision, started, editorProblems(result.reasons(), locale, form),
                    locale);
        }
        Event changed = result.event().get();
        if (revision != current.revision()) {
            return conflict(model, form, current, started, changed, locale);
        }
        if (!"true".equals(params.getFirst("confirm"))) {
            ChangePreview preview = preview(eventId, changed);
            if (preview.material() && preview.notified() > 0) {
                model.addAttribute("preview", preview);
                return editForm(model, form, current, revision, started, EventFormProblems.none(), locale);
            }
        }
        EventOutcome outcome = engine.events().update(eventId, revision, changed, organiser.getName());
        if (outcome instanceof EventOutcome.Saved saved) {
            redirect.addFlashAttribute("notice", saved.changes().isEmpty() ? "editor.done.unchanged"
                    : saved.notified() > 0 ? "editor.done.updated-notified" : "editor.done.updated");
            return seeOther(request, "/organiser/events/" + eventId);
        }
        if (outcome instanceof EventOutcome.Stale stale) {
            return conflict(model, form, stale.current(), started, changed, locale);
        }
        if (outcome instanceof EventOutcome.NotFound) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return editForm(model, form, current, revision, started, editorProblems(reasons(outcome), locale, form),
                locale);
    }

    @GetMapping("/{eventId}/copy")
    String copyPage(@PathVariable String eventId, Model model, Locale locale) {
        Event source = stored(eventId).event();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("newId", "");
        values.put("startsAt.date", "");
        values.put("startsAt.time", EventFormParsing.time(source.startsAt()));
        values.put("zone", source.startsAt().getZone().getId());
        return copyForm(model, source, values, EventFormProblems.none(), locale);
    }

    @PostMapping("/{eventId}/copy")
    String copy(@PathVariable String eventId, @RequestParam MultiValueMap<String, String> params,
                Authentication organiser, Locale locale, Model model, RedirectAttributes redirect,
                HttpServletRequest request) {
        Event source = stored(eventId).event();
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : List.of("newId", "startsAt.date", "startsAt.time", "zone")) {
            values.put(name, Optional.ofNullable(params.getFirst(name)).orElse(""));
        }
        List<Reason> reasons = new ArrayList<>();
        String newId = EventFormParsing.strip(values.get("newId"));
        if (newId.isEmpty()) {
            reasons.add(Reason.ofField("newId", "field.required"));
        } else if (!Ids.isSlug(newId)) {
            reasons.add(Reason.ofField("newId", "event.id.invalid"));
        } else if (newId.equals("new")) {
            reasons.add(Reason.ofField("newId", "editor.error.id-reserved"));
        }
        Optional<ZonedDateTime> startsAt = moment(values, reasons);
        if (!reasons.isEmpty()) {
            return copyForm(model, source, values, copyProblems(reasons, locale), locale);
        }
        EventOutcome outcome = engine.events().copy(eventId, newId, startsAt.get(), organiser.getName());
        if (outcome instanceof EventOutcome.Saved saved) {
            redirect.addFlashAttribute("notice", "editor.done.copied");
            return seeOther(request, "/organiser/events/" + saved.event().event().id() + "/edit");
        }
        if (outcome instanceof EventOutcome.NotFound) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        List<Reason> refused = reasons(outcome);
        return copyForm(model, source, values, copyProblems(refused.isEmpty()
                ? List.of(Reason.of("editor.error.invalid")) : refused, locale), locale);
    }

    private String createForm(Model model, EventForm form, EventFormProblems problems, Locale locale) {
        model.addAttribute("editing", false);
        model.addAttribute("pageTitle", PortalMessages.text("editor.new.title", locale, "New meeting"));
        return form(model, form, problems, null);
    }

    private String editForm(Model model, EventForm form, StoredEvent current, long revision, Event started,
                            EventFormProblems problems, Locale locale) {
        Event event = current.event();
        model.addAttribute("editing", true);
        model.addAttribute("eventId", event.id());
        model.addAttribute("revision", revision);
        model.addAttribute("cancelled", event.isCancelled());
        model.addAttribute("pageTitle", PortalMessages.text("editor.edit.title", locale, "Edit", event.title()
                .in(locale)));
        return form(model, form, problems, form.keepsEligibility()
                ? EventFormEligibility.describe(started.eligibility(), locale) : null);
    }

    private String form(Model model, EventForm form, EventFormProblems problems, String keptRule) {
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("choices", EventFormChoices.forZone(form.value("zone")));
        model.addAttribute("keptRule", keptRule);
        return FORM;
    }

    private String conflict(Model model, EventForm form, StoredEvent current, Event started, Event yours,
                            Locale locale) {
        model.addAttribute("conflict", EventFormConflict.between(started, current.event(), Optional.of(yours)));
        return editForm(model, form, current, current.revision(), started, EventFormProblems.none(), locale);
    }

    private String copyForm(Model model, Event source, Map<String, String> values, EventFormProblems problems,
                            Locale locale) {
        model.addAttribute("source", source);
        model.addAttribute("values", values);
        model.addAttribute("problems", problems);
        model.addAttribute("choices", EventFormChoices.forZone(values.get("zone")));
        model.addAttribute("pageTitle", PortalMessages.text("editor.copy.title", locale, "Copy",
                source.title().in(locale)));
        return COPY;
    }

    private static Optional<ZonedDateTime> moment(Map<String, String> values, List<Reason> reasons) {
        ZoneId zone = EventFormFiller.DEFAULT_ZONE;
        try {
            zone = ZoneId.of(EventFormParsing.strip(values.get("zone")));
        } catch (DateTimeException e) {
            reasons.add(Reason.ofField("zone", "editor.error.zone"));
        }
        Optional<LocalDate> date = EventFormParsing.date(values.get("startsAt.date"));
        Optional<LocalTime> time = EventFormParsing.time(values.get("startsAt.time"));
        if (date.isEmpty()) {
            reasons.add(Reason.ofField("startsAt-date", values.get("startsAt.date").isBlank() ? "field.required"
                    : "editor.error.date"));
        }
        if (time.isEmpty()) {
            reasons.add(Reason.ofField("startsAt-time", values.get("startsAt.time").isBlank() ? "field.required"
                    : "editor.error.time"));
        }
        if (date.isEmpty() || time.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ZonedDateTime.of(date.get(), time.get(), zone));
    }

    private ChangePreview preview(String eventId, Event changed) {
        try {
            return engine.events().preview(eventId, changed);
        } catch (EventNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private Optional<Event> startedFrom(String eventId, long revision) {
        return engine.events().history(eventId).stream().filter(r -> r.number() == revision).findFirst()
                .map(EventRevision::event);
    }

    private StoredEvent stored(String eventId) {
        return engine.events().stored(eventId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static long revision(String text) {
        String digits = EventFormParsing.strip(text);
        return digits.matches("\\d{1,18}") ? Long.parseLong(digits) : -1;
    }

    private static EventFormProblems editorProblems(List<Reason> reasons, Locale locale, EventForm form) {
        return EventFormProblems.of(reasons, locale, reason -> EventFormProblems.editorElement(reason, form));
    }

    private static EventFormProblems copyProblems(List<Reason> reasons, Locale locale) {
        return EventFormProblems.of(reasons, locale, EventFormProblems::copyElement);
    }

    private static List<Reason> reasons(EventOutcome outcome) {
        return outcome instanceof EventOutcome.Refused refused ? refused.reasons()
                : List.of(Reason.of("event.changed-concurrently"));
    }

    /** A redirect after a post that changed something: 303, so that a reload does not post again. */
    private static String seeOther(HttpServletRequest request, String path) {
        request.setAttribute(View.RESPONSE_STATUS_ATTRIBUTE, HttpStatus.SEE_OTHER);
        return "redirect:" + path;
    }
}
