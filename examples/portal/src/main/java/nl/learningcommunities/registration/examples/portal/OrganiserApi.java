package nl.learningcommunities.registration.examples.portal;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.CapacityOutcome;
import nl.learningcommunities.registration.application.CsvStyle;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.SeatCounts;
import nl.learningcommunities.registration.participant.Answer;
import nl.learningcommunities.registration.rule.Reason;
import nl.learningcommunities.registration.xlsx.XlsxExport;

/** The organiser's flows as JSON, behind HTTP Basic with the organiser's credentials. */
@RestController
@RequestMapping(path = "/api/admin", produces = MediaType.APPLICATION_JSON_VALUE)
final class OrganiserApi {

    private static final XlsxExport XLSX = XlsxExport.create();

    private final RegistrationEngine engine;

    OrganiserApi(RegistrationEngine engine) {
        this.engine = engine;
    }

    /** @param capacity the new capacity; absent or null means unlimited */
    record CapacityRequest(Integer capacity) {
    }

    /** @param note a note for the history */
    record NoteRequest(String note) {
    }

    @GetMapping("/events/{eventId}/registrations")
    List<Map<String, Object>> registrations(@PathVariable String eventId,
                                            @RequestParam(required = false) List<String> status,
                                            @RequestParam(required = false) String q) {
        engine.organising().counts(eventId);
        return engine.organising().list(query(eventId, status, q)).stream().map(OrganiserApi::describe).toList();
    }

    @GetMapping(path = "/events/{eventId}/registrations.csv", produces = "text/csv")
    void csv(@PathVariable String eventId, @RequestParam(required = false) List<String> status,
             @RequestParam(required = false) String q, @RequestParam(required = false) String style,
             HttpServletResponse response) throws IOException {
        writeCsv(engine, query(eventId, status, q), csvStyle(style), response);
    }

    @GetMapping(path = "/events/{eventId}/registrations.xlsx", produces = XlsxExport.MEDIA_TYPE)
    void xlsx(@PathVariable String eventId, @RequestParam(required = false) List<String> status,
              @RequestParam(required = false) String q, HttpServletResponse response) throws IOException {
        writeXlsx(engine, query(eventId, status, q), response);
    }

    /** Streams the registrations the query selects as a CSV download; an unknown event is 404 before any byte. */
    static void writeCsv(RegistrationEngine engine, RegistrationQuery query, HttpServletResponse response)
            throws IOException {
        writeCsv(engine, query, CsvStyle.STANDARD, response);
    }

    /**
     * Streams the registrations the query selects as a CSV download in a style ({@code ?style=excel}: semicolons
     * and a byte-order mark, for Dutch Excel); an unknown event is 404 before any byte.
     */
    static void writeCsv(RegistrationEngine engine, RegistrationQuery query, CsvStyle style,
                         HttpServletResponse response) throws IOException {
        engine.organising().counts(query.eventId());
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition",
                "attachment; filename=\"" + query.eventId() + "-registrations.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        engine.organising().exportCsv(query, out, style);
        out.flush();
    }

    /** Streams the registrations the query selects as an .xlsx download; an unknown event is 404 before any byte. */
    static void writeXlsx(RegistrationEngine engine, RegistrationQuery query, HttpServletResponse response)
            throws IOException {
        engine.organising().counts(query.eventId());
        response.setContentType(XlsxExport.MEDIA_TYPE);
        response.setHeader("Content-Disposition",
                "attachment; filename=\"" + query.eventId() + "-registrations.xlsx\"");
        XLSX.write(engine.organising(), query, response.getOutputStream());
    }

    /**
     * @param style the {@code style} parameter: absent, {@code standard} or {@code excel}
     * @return the CSV style; another value is a 400
     */
    static CsvStyle csvStyle(String style) {
        if (style == null || style.isBlank() || style.strip().equalsIgnoreCase("standard")) {
            return CsvStyle.STANDARD;
        }
        if (style.strip().equalsIgnoreCase("excel")) {
            return CsvStyle.EXCEL;
        }
        throw new ApiProblems.ApiException(HttpStatus.BAD_REQUEST, List.of(Reason.ofField("style", "field.invalid")));
    }

    @PostMapping("/registrations/{registrationId}/approve")
    Map<String, Object> approve(@PathVariable UUID registrationId, Authentication organiser) {
        return PublicApi.done(engine.organising().approve(registrationId, organiser.getName()));
    }

    @PostMapping("/registrations/{registrationId}/reject")
    Map<String, Object> reject(@PathVariable UUID registrationId,
                               @RequestBody(required = false) NoteRequest body, Authentication organiser) {
        Optional<String> note = Optional.ofNullable(body).map(NoteRequest::note);
        return PublicApi.done(engine.organising().reject(registrationId, organiser.getName(), note));
    }

    @PostMapping("/registrations/{registrationId}/move-to-confirmed")
    Map<String, Object> moveToConfirmed(@PathVariable UUID registrationId, Authentication organiser) {
        return PublicApi.done(engine.organising().moveToConfirmed(registrationId, organiser.getName()));
    }

    @PostMapping("/registrations/{registrationId}/move-to-waiting-list")
    Map<String, Object> moveToWaitingList(@PathVariable UUID registrationId, Authentication organiser) {
        return PublicApi.done(engine.organising().moveToWaitingList(registrationId, organiser.getName()));
    }

    @PostMapping("/registrations/{registrationId}/resend")
    Map<String, Object> resend(@PathVariable UUID registrationId, Authentication organiser) {
        return PublicApi.done(engine.organising().resend(registrationId, organiser.getName()));
    }

    @PutMapping(path = "/events/{eventId}/capacity", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> capacity(@PathVariable String eventId, @RequestBody CapacityRequest body,
                                 Authentication organiser) {
        OptionalInt capacity = body.capacity() == null ? OptionalInt.empty() : OptionalInt.of(body.capacity());
        CapacityOutcome outcome = engine.organising().changeCapacity(eventId, Optional.empty(), capacity,
                organiser.getName());
        if (outcome instanceof CapacityOutcome.Refused refused) {
            throw new ApiProblems.ApiException(HttpStatus.UNPROCESSABLE_CONTENT, refused.reasons());
        }
        return counts(((CapacityOutcome.Changed) outcome).counts());
    }

    static Map<String, Object> counts(SeatCounts counts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", counts.eventId());
        body.put("capacity", counts.capacity().isPresent() ? counts.capacity().getAsInt() : null);
        body.put("confirmed", counts.confirmed());
        body.put("offered", counts.offered());
        body.put("waiting", counts.waiting());
        body.put("pending", counts.pending());
        body.put("seatsLeft", counts.seatsLeft().isPresent() ? counts.seatsLeft().getAsInt() : null);
        return body;
    }

    static Map<String, Object> describe(Registration registration) {
        var participant = registration.participant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("registrationId", registration.id());
        body.put("eventId", registration.eventId());
        body.put("status", registration.status().name());
        body.put("waitlistPosition", registration.waitlistPosition().isPresent()
                ? registration.waitlistPosition().getAsLong() : null);
        body.put("offerExpiresAt", registration.offerExpiresAt().orElse(null));
        body.put("givenName", participant.givenName());
        body.put("familyName", participant.familyName());
        body.put("email", participant.email().value());
        body.put("organisation", participant.organisation());
        body.put("role", participant.role());
        body.put("sector", participant.sector());
        body.put("locale", participant.locale().toLanguageTag());
        body.put("sessionIds", registration.sessionIds());
        Map<String, Object> answers = new LinkedHashMap<>();
        participant.answers().forEach((question, answer) -> answers.put(question, value(answer)));
        body.put("answers", answers);
        body.put("createdAt", registration.createdAt());
        body.put("updatedAt", registration.updatedAt());
        return body;
    }

    static RegistrationQuery query(String eventId, List<String> statuses, String text) {
        Set<RegistrationStatus> wanted = EnumSet.noneOf(RegistrationStatus.class);
        for (String status : statuses == null ? List.<String>of() : statuses) {
            if (status.isBlank()) {
                continue;
            }
            try {
                wanted.add(RegistrationStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ApiProblems.ApiException(HttpStatus.BAD_REQUEST,
                        List.of(Reason.ofField("status", "field.invalid")));
            }
        }
        Optional<String> search = Optional.ofNullable(text).map(String::strip).filter(t -> !t.isEmpty());
        return new RegistrationQuery(eventId, wanted, search, 0, Integer.MAX_VALUE);
    }

    private static Object value(Answer answer) {
        if (answer instanceof Answer.Text text) {
            return text.text();
        }
        if (answer instanceof Answer.Choice choice) {
            return choice.option();
        }
        if (answer instanceof Answer.Choices choices) {
            return choices.options();
        }
        return ((Answer.YesNo) answer).yes();
    }
}
