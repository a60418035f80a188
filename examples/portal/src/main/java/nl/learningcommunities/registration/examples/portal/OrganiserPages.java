package nl.learningcommunities.registration.examples.portal;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
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
import nl.learningcommunities.registration.application.CapacityOutcome;
import nl.learningcommunities.registration.application.CsvStyle;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.rule.Reason;

/**
 * The organiser's pages, behind the login: the events the signed-in person may manage (an administrator all of
 * them), and per event its registrations and what can be done with them. {@link EventPermissions} has checked the
 * event of every route before a handler runs.
 */
@Controller
@RequestMapping("/organiser")
final class OrganiserPages {

    private final RegistrationEngine engine;
    private final ObjectProvider<StartupImport> startupImport;
    private final SignedIn signedIn;

    OrganiserPages(RegistrationEngine engine, ObjectProvider<StartupImport> startupImport, SignedIn signedIn) {
        this.engine = engine;
        this.startupImport = startupImport;
        this.signedIn = signedIn;
    }

    /** The demo's form login; with an identity provider there is none, and signing in starts there. */
    @GetMapping("/login")
    String login() {
        return signedIn.signOnEnabled() ? "redirect:" + SecurityConfiguration.SIGN_IN : "organiser/login";
    }

    @GetMapping
    String events(Model model, Locale locale) {
        Optional<Person> person = signedIn.current();
        boolean admin = person.filter(Person::admin).isPresent();
        model.addAttribute("events", manageable(person, engine.events().all()));
        model.addAttribute("engine", engine.organising());
        model.addAttribute("directory", engine.events());
        StartupImport imported = admin ? startupImport.getIfAvailable() : null;
        model.addAttribute("importNotes", imported == null ? List.of() : imported.report()
                .map(report -> LifecycleImportNotes.of(report, id -> engine.events().find(id).orElse(null), locale))
                .orElse(List.of()));
        model.addAttribute("unreadableFiles", imported == null ? List.of() : imported.unreadable());
        return "organiser/events";
    }

    /**
     * @param person who is signed in, if anyone
     * @param events events, in the order to show them
     * @return those the person may manage ({@link SignedIn#mayManage}), in the same order: every one for an
     *         administrator, none for nobody
     */
    static List<Event> manageable(Optional<Person> person, List<Event> events) {
        return person.map(p -> events.stream().filter(event -> SignedIn.mayManage(p, event)).toList())
                .orElse(List.of());
    }

    @GetMapping("/events/{eventId}")
    String registrations(@PathVariable String eventId, @RequestParam(required = false) String status,
                         @RequestParam(required = false) String q, Model model) {
        Event event = event(eventId);
        model.addAttribute("event", event);
        model.addAttribute("counts", engine.organising().counts(eventId));
        model.addAttribute("registrations", engine.organising().list(OrganiserApi.query(eventId, statuses(status),
                q)));
        model.addAttribute("statuses", Arrays.asList(RegistrationStatus.values()));
        model.addAttribute("status", status == null ? "" : status);
        model.addAttribute("q", q == null ? "" : q);
        return "organiser/registrations";
    }

    @GetMapping("/events/{eventId}/registrations.csv")
    void csv(@PathVariable String eventId, @RequestParam(required = false) String status,
             @RequestParam(required = false) String q, @RequestParam(required = false) String style,
             HttpServletResponse response) throws IOException {
        event(eventId);
        CsvStyle csvStyle = "excel".equalsIgnoreCase(style) ? CsvStyle.EXCEL : CsvStyle.STANDARD;
        OrganiserApi.writeCsv(engine, OrganiserApi.query(eventId, statuses(status), q), csvStyle, response);
    }

    @GetMapping("/events/{eventId}/registrations.xlsx")
    void xlsx(@PathVariable String eventId, @RequestParam(required = false) String status,
              @RequestParam(required = false) String q, HttpServletResponse response) throws IOException {
        event(eventId);
        OrganiserApi.writeXlsx(engine, OrganiserApi.query(eventId, statuses(status), q), response);
    }

    @GetMapping("/events/{eventId}/outbox")
    String outbox(@PathVariable String eventId, Model model) {
        model.addAttribute("event", event(eventId));
        model.addAttribute("failed", engine.organising().failedNotifications(eventId));
        return "organiser/outbox";
    }

    /** The actions that cannot be undone: each asks first, on a page of its own ({@link #confirm}). */
    static final List<String> DESTRUCTIVE = List.of("reject", "cancel");

    /** Asks whether to reject or cancel a registration, with an optional note for its history. */
    @GetMapping("/registrations/{registrationId}/{action}")
    String confirm(@PathVariable UUID registrationId, @PathVariable String action, @RequestParam String eventId,
                   Model model) {
        if (!DESTRUCTIVE.contains(action)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Event event = event(eventId);
        model.addAttribute("event", event);
        model.addAttribute("action", action);
        model.addAttribute("registration", engine.organising().list(RegistrationQuery.all(eventId)).stream()
                .filter(r -> r.id().equals(registrationId)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "organiser/confirm";
    }

    @PostMapping("/registrations/{registrationId}/{action}")
    String act(@PathVariable UUID registrationId, @PathVariable String action, @RequestParam String eventId,
               @RequestParam(required = false) String note, @RequestParam(required = false) String confirmed,
               Authentication organiser, Locale locale, RedirectAttributes redirect) {
        redirect.addAttribute("eventId", eventId);
        if (DESTRUCTIVE.contains(action) && !"true".equals(confirmed)) {
            redirect.addAttribute("registrationId", registrationId);
            redirect.addAttribute("action", action);
            return "redirect:/organiser/registrations/{registrationId}/{action}";
        }
        String who = organiser.getName();
        Optional<String> withNote = Optional.ofNullable(note).filter(n -> !n.isBlank());
        BiFunction<UUID, String, ActionOutcome> use = switch (action) {
            case "approve" -> engine.organising()::approve;
            case "reject" -> (id, by) -> engine.organising().reject(id, by, withNote);
            case "cancel" -> (id, by) -> engine.organising().cancel(id, by, withNote);
            case "move-to-confirmed" -> engine.organising()::moveToConfirmed;
            case "move-to-waiting-list" -> engine.organising()::moveToWaitingList;
            case "resend" -> engine.organising()::resend;
            default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        };
        ActionOutcome outcome = use.apply(registrationId, who);
        if (outcome instanceof ActionOutcome.Done) {
            redirect.addFlashAttribute("notice", "organiser.done." + action);
        } else if (outcome instanceof ActionOutcome.NotAllowed notAllowed) {
            redirect.addFlashAttribute("problem", ApiProblems.message(notAllowed.reasons().get(0), locale));
        } else {
            redirect.addFlashAttribute("problem", PortalMessages.text("registration.unknown", locale, "?"));
        }
        return "redirect:/organiser/events/{eventId}";
    }

    @PostMapping("/events/{eventId}/capacity")
    String capacity(@PathVariable String eventId, @RequestParam(required = false) String capacity,
                    Authentication organiser, Locale locale, RedirectAttributes redirect) {
        event(eventId);
        OptionalInt wanted;
        try {
            wanted = capacity == null || capacity.isBlank() ? OptionalInt.empty()
                    : OptionalInt.of(Integer.parseInt(capacity.strip()));
        } catch (NumberFormatException e) {
            redirect.addFlashAttribute("problem", ApiProblems.message(Reason.ofField("capacity", "field.invalid"),
                    locale));
            return "redirect:/organiser/events/{eventId}";
        }
        CapacityOutcome outcome = engine.organising().changeCapacity(eventId, Optional.empty(), wanted,
                organiser.getName());
        if (outcome instanceof CapacityOutcome.Refused refused) {
            redirect.addFlashAttribute("problem", ApiProblems.message(refused.reasons().get(0), locale));
        } else {
            redirect.addFlashAttribute("notice", "organiser.done.capacity");
        }
        return "redirect:/organiser/events/{eventId}";
    }

    @PostMapping("/events/{eventId}/erase")
    String erase(@PathVariable String eventId, @RequestParam(required = false) String confirm,
                 Authentication organiser, Locale locale, RedirectAttributes redirect) {
        event(eventId);
        if (!eventId.equals(confirm == null ? null : confirm.strip())) {
            redirect.addFlashAttribute("problem", PortalMessages.text("organiser.erase.confirm-mismatch", locale,
                    "Type the event id to confirm."));
            return "redirect:/organiser/events/{eventId}";
        }
        int erased = engine.organising().eraseEvent(eventId, organiser.getName());
        redirect.addFlashAttribute("notice", "organiser.done.erase");
        redirect.addFlashAttribute("erased", erased);
        return "redirect:/organiser/events/{eventId}";
    }

    /** The status a list or download is filtered on; one that names no status is a bad request, not a failure. */
    private static List<String> statuses(String status) {
        if (status == null || status.isBlank()) {
            return List.of();
        }
        try {
            return List.of(RegistrationStatus.valueOf(status.strip().toUpperCase(Locale.ROOT)).name());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
    }

    private Event event(String eventId) {
        return engine.events().find(eventId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
