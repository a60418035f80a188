package nl.learningcommunities.registration.examples.portal;

import java.net.URI;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import nl.learningcommunities.registration.DefinitionException;
import nl.learningcommunities.registration.EventNotFoundException;
import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ChangePreview;
import nl.learningcommunities.registration.application.EventOutcome;
import nl.learningcommunities.registration.application.ImportReport;
import nl.learningcommunities.registration.application.MessageOutcome;
import nl.learningcommunities.registration.application.ParticipantMessage;
import nl.learningcommunities.registration.booking.Attendance;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventRevision;
import nl.learningcommunities.registration.event.FieldChange;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.event.StoredEvent;
import nl.learningcommunities.registration.json.EventDefinitions;
import nl.learningcommunities.registration.rule.Reason;

/**
 * The organiser's event life as JSON: create, read, update with {@code If-Match}, preview, copy, close, reopen,
 * cancel, history, messages to participants, attendance, and the start-up import report. An event travels in the
 * format of {@code docs/event-definition.md}; its revision is the {@code ETag}.
 */
@RestController
@RequestMapping(path = "/api/admin", produces = MediaType.APPLICATION_JSON_VALUE)
final class EventAdminApi {

    private static final Pattern REVISION = Pattern.compile("\\s*(?:W/)?\"?(\\d{1,18})\"?\\s*");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RegistrationEngine engine;
    private final EventDefinitions definitions = EventDefinitions.create();
    private final StartupImport imports;

    EventAdminApi(RegistrationEngine engine, StartupImport imports) {
        this.engine = engine;
        this.imports = imports;
    }

    /**
     * @param id       the copy's id
     * @param startsAt the copy's start, ISO-8601 with offset or zone
     */
    record CopyRequest(String id, String startsAt) {
    }

    /** @param reason why the event is cancelled, shown to participants */
    record CancelRequest(String reason) {
    }

    /**
     * @param audience {@code confirmed}, {@code waiting} or {@code confirmed-and-waiting}
     * @param subject  the subject per language
     * @param body     the text per language
     */
    record MessageRequest(String audience, Map<String, String> subject, Map<String, String> body) {
    }

    /** @param attendance {@code attended}, {@code no-show} or {@code unknown} (undo) */
    record AttendanceRequest(String attendance) {
    }

    @GetMapping("/events/{eventId}")
    ResponseEntity<Map<String, Object>> read(@PathVariable String eventId) {
        StoredEvent stored = stored(eventId);
        return ResponseEntity.ok().eTag(etag(stored.revision())).body(describe(stored));
    }

    @PostMapping(path = "/events", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> create(@RequestBody String definition, Authentication organiser) {
        EventOutcome outcome = engine.events().create(parse(definition), organiser.getName());
        StoredEvent saved = saved(outcome).event();
        return ResponseEntity.created(URI.create("/api/admin/events/" + saved.event().id()))
                .eTag(etag(saved.revision())).body(describe(saved));
    }

    @PutMapping(path = "/events/{eventId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> update(@PathVariable String eventId,
                                               @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                               @RequestBody String definition, Authentication organiser) {
        stored(eventId);
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiProblems.ApiException(HttpStatus.PRECONDITION_REQUIRED, "event.revision-required");
        }
        Matcher revision = REVISION.matcher(ifMatch);
        if (!revision.matches()) {
            throw new ApiProblems.ApiException(HttpStatus.BAD_REQUEST, List.of(Reason.ofField("If-Match",
                    "event.revision-invalid")));
        }
        Event changed = parse(definition);
        if (!changed.id().equals(eventId)) {
            throw new ApiProblems.ApiException(HttpStatus.UNPROCESSABLE_CONTENT, List.of(Reason.ofField("id",
                    "event.id.changed")));
        }
        EventOutcome.Saved saved = saved(engine.events().update(eventId, Long.parseLong(revision.group(1)), changed,
                organiser.getName()));
        Map<String, Object> body = describe(saved.event());
        body.put("changes", changes(saved.changes()));
        body.put("notified", saved.notified());
        return ResponseEntity.ok().eTag(etag(saved.event().revision())).body(body);
    }

    @PostMapping(path = "/events/{eventId}/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> preview(@PathVariable String eventId, @RequestBody String definition) {
        stored(eventId);
        ChangePreview preview = engine.events().preview(eventId, parse(definition));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("changes", changes(preview.changes()));
        body.put("material", preview.material());
        body.put("confirmed", preview.confirmed());
        body.put("waiting", preview.waiting());
        return body;
    }

    @PostMapping(path = "/events/{eventId}/copy", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> copy(@PathVariable String eventId, @RequestBody CopyRequest request,
                                             Authentication organiser) {
        stored(eventId);
        if (request.id() == null || request.id().isBlank()) {
            throw invalid("id", "field.required");
        }
        ZonedDateTime startsAt;
        try {
            startsAt = request.startsAt() == null ? null : ZonedDateTime.parse(request.startsAt());
        } catch (DateTimeParseException e) {
            throw invalid("startsAt", "field.invalid");
        }
        if (startsAt == null) {
            throw invalid("startsAt", "field.required");
        }
        StoredEvent copy = saved(engine.events().copy(eventId, request.id().strip(), startsAt, organiser.getName()))
                .event();
        return ResponseEntity.created(URI.create("/api/admin/events/" + copy.event().id()))
                .eTag(etag(copy.revision())).body(describe(copy));
    }

    @PostMapping("/events/{eventId}/close")
    Map<String, Object> close(@PathVariable String eventId, Authentication organiser) {
        return lifecycle(engine.events().close(eventId, organiser.getName()));
    }

    @PostMapping("/events/{eventId}/reopen")
    Map<String, Object> reopen(@PathVariable String eventId, Authentication organiser) {
        return lifecycle(engine.events().reopen(eventId, organiser.getName()));
    }

    @PostMapping(path = "/events/{eventId}/cancel", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> cancel(@PathVariable String eventId, @RequestBody CancelRequest request,
                               Authentication organiser) {
        return lifecycle(engine.events().cancel(eventId, request.reason(), organiser.getName()));
    }

    @GetMapping("/events/{eventId}/history")
    List<Map<String, Object>> history(@PathVariable String eventId) {
        stored(eventId);
        return engine.events().history(eventId).stream().map(EventAdminApi::describe).toList();
    }

    @GetMapping("/events/{eventId}/messages/audience")
    Map<String, Object> audience(@PathVariable String eventId, @RequestParam String audience) {
        return Map.of("recipients", engine.organising().audienceSize(eventId, audience(audience)));
    }

    @PostMapping(path = "/events/{eventId}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> message(@PathVariable String eventId, @RequestBody MessageRequest request,
                                                Authentication organiser) {
        stored(eventId);
        MessageOutcome outcome = engine.organising().message(new ParticipantMessage(eventId,
                audience(request.audience()), text(request.subject(), "subject"), text(request.body(), "body")),
                organiser.getName());
        if (outcome instanceof MessageOutcome.Invalid invalid) {
            throw new ApiProblems.ApiException(HttpStatus.UNPROCESSABLE_CONTENT, invalid.reasons());
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("recipients", ((MessageOutcome.Queued) outcome).recipients()));
    }

    @PostMapping(path = "/registrations/{registrationId}/attendance", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> attendance(@PathVariable UUID registrationId, @RequestBody AttendanceRequest request,
                                   Authentication organiser) {
        Attendance attendance = switch (Optional.ofNullable(request.attendance()).orElse("")
                .strip().toLowerCase(Locale.ROOT)) {
            case "attended" -> Attendance.ATTENDED;
            case "no-show" -> Attendance.NO_SHOW;
            case "unknown" -> Attendance.UNKNOWN;
            default -> throw invalid("attendance", "field.invalid");
        };
        Map<String, Object> body = PublicApi.done(engine.organising().recordAttendance(registrationId, attendance,
                organiser.getName()));
        return body;
    }

    @GetMapping("/imports/latest")
    List<Map<String, Object>> latestImport(Locale locale) {
        return imports.report().map(ImportReport::events).orElse(List.of()).stream().map(each -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("eventId", each.eventId());
            body.put("result", each.result().name().toLowerCase(Locale.ROOT));
            body.put("applied", each.applied());
            body.put("kept", each.kept());
            body.put("conflicts", each.conflicts());
            body.put("refused", ApiProblems.errors(each.refused(), locale));
            return body;
        }).toList();
    }

    private Map<String, Object> lifecycle(EventOutcome outcome) {
        EventOutcome.Saved saved = saved(outcome);
        Map<String, Object> body = describe(saved.event());
        body.put("notified", saved.notified());
        return body;
    }

    private StoredEvent stored(String eventId) {
        return engine.events().stored(eventId).orElseThrow(() -> new EventNotFoundException(eventId));
    }

    private Event parse(String definition) {
        try {
            List<Event> events = definitions.read(definition);
            if (events.size() != 1) {
                throw invalid("events", "event.one-expected");
            }
            return events.get(0);
        } catch (DefinitionException e) {
            throw new ApiProblems.ApiException(e.reasons().isEmpty() ? HttpStatus.BAD_REQUEST
                    : HttpStatus.UNPROCESSABLE_CONTENT, e.reasons().isEmpty()
                    ? List.of(Reason.of("event.definition-invalid")) : e.reasons());
        }
    }

    private static EventOutcome.Saved saved(EventOutcome outcome) {
        if (outcome instanceof EventOutcome.Saved saved) {
            return saved;
        }
        if (outcome instanceof EventOutcome.Stale stale) {
            throw new ApiProblems.ApiException(HttpStatus.PRECONDITION_FAILED, List.of(Reason.of("event.stale",
                    String.valueOf(stale.current().revision()))));
        }
        if (outcome instanceof EventOutcome.Refused refused) {
            boolean conflict = refused.reasons().stream().anyMatch(r -> r.code().equals("event.exists")
                    || r.code().equals("event.cancelled"));
            throw new ApiProblems.ApiException(conflict ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT,
                    refused.reasons());
        }
        throw new ApiProblems.ApiException(HttpStatus.NOT_FOUND, List.of(Reason.ofField("eventId", "event.unknown")));
    }

    private static ParticipantMessage.Audience audience(String value) {
        return switch (Optional.ofNullable(value).orElse("").strip().toLowerCase(Locale.ROOT)) {
            case "confirmed" -> ParticipantMessage.Audience.CONFIRMED;
            case "waiting" -> ParticipantMessage.Audience.WAITING;
            case "confirmed-and-waiting", "all" -> ParticipantMessage.Audience.CONFIRMED_AND_WAITING;
            default -> throw invalid("audience", "field.invalid");
        };
    }

    private static LocalizedText text(Map<String, String> values, String field) {
        Map<String, String> given = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((language, value) -> {
                if (value != null && !value.isBlank() && List.of("nl", "en").contains(language)) {
                    given.put(language, value);
                }
            });
        }
        if (given.isEmpty()) {
            throw invalid(field, "field.required");
        }
        return new LocalizedText(given);
    }

    private static ApiProblems.ApiException invalid(String field, String code) {
        return new ApiProblems.ApiException(HttpStatus.UNPROCESSABLE_CONTENT, List.of(Reason.ofField(field, code)));
    }

    private static String etag(long revision) {
        return "\"" + revision + "\"";
    }

    private Map<String, Object> describe(StoredEvent stored) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", stored.event().id());
        body.put("revision", stored.revision());
        body.put("status", stored.event().status().name().toLowerCase(Locale.ROOT));
        body.put("event", definition(stored.event()));
        return body;
    }

    private static Map<String, Object> describe(EventRevision revision) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("revision", revision.number());
        body.put("at", revision.at().toString());
        body.put("actor", revision.actor());
        body.put("action", revision.action());
        body.put("changes", changes(revision.changes()));
        return body;
    }

    private JsonNode definition(Event event) {
        return JSON.readTree(definitions.write(List.of(event))).get("events").get(0);
    }

    private static List<Map<String, String>> changes(List<FieldChange> changes) {
        return changes.stream().map(c -> Map.of("field", c.field(), "before", c.before(), "after", c.after()))
                .toList();
    }
}
