package nl.learningcommunities.registration.examples.portal;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ActionOutcome;
import nl.learningcommunities.registration.application.ManagedRegistration;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.SeatCounts;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.rule.Messages;
import nl.learningcommunities.registration.rule.Reason;

/** The participant's flows as JSON, for portals that bring their own front end. */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
final class PublicApi {

    private final RegistrationEngine engine;

    PublicApi(RegistrationEngine engine) {
        this.engine = engine;
    }

    /**
     * The body of a registration; every field optional here, the library says which are required.
     */
    record RegistrationRequest(String givenName, String familyName, String email, String organisation, String role,
                               String sector, List<String> sessionIds, Map<String, Object> answers,
                               String invitationCode, String locale, Boolean privacyConsent) {
    }

    @GetMapping("/events")
    List<Map<String, Object>> events(Locale locale) {
        return engine.events().listed().stream()
                .map(event -> summary(event, engine.events().counts(event.id()), locale)).toList();
    }

    @GetMapping("/events/{eventId}")
    Map<String, Object> event(@PathVariable String eventId, Locale locale) {
        Event event = engine.events().find(eventId).orElseThrow(
                () -> new ApiProblems.ApiException(HttpStatus.NOT_FOUND, List.of(
                        Reason.ofField("eventId", "event.unknown"))));
        SeatCounts counts = engine.events().counts(eventId);
        Map<String, Object> body = summary(event, counts, locale);
        body.put("description", event.description().in(locale));
        body.put("organisers", event.organisers());
        body.put("venue", event.venue().orElse(null));
        body.put("invitationOnly", Views.asksForInvitation(event));
        body.put("sessions", event.sessions().stream().map(s -> {
            Map<String, Object> session = new LinkedHashMap<>();
            session.put("id", s.id());
            session.put("title", s.title().in(locale));
            session.put("startsAt", s.startsAt().toOffsetDateTime());
            session.put("endsAt", s.endsAt().toOffsetDateTime());
            session.put("capacity", s.capacity().isPresent() ? s.capacity().getAsInt() : null);
            SeatCounts.SessionCounts seated = counts.sessions().get(s.id());
            session.put("seatsLeft", s.capacity().isPresent() && seated != null
                    ? Math.max(0, s.capacity().getAsInt() - seated.seated()) : null);
            return session;
        }).toList());
        body.put("questions", event.questions().stream().map(q -> {
            Map<String, Object> question = new LinkedHashMap<>();
            question.put("id", q.id());
            question.put("label", q.label().in(locale));
            question.put("type", q.type().name());
            question.put("required", q.required());
            question.put("maxLength", q.effectiveMaxLength());
            question.put("options", q.options().stream()
                    .map(o -> Map.of("id", o.id(), "label", o.label().in(locale))).toList());
            return question;
        }).toList());
        return body;
    }

    @PostMapping(path = "/events/{eventId}/registrations", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> register(@PathVariable String eventId,
                                                 @RequestBody RegistrationRequest request, Locale locale,
                                                 @RequestHeader(name = "Idempotency-Key", required = false)
                                                 String idempotencyKey) {
        Locale participantLocale = Optional.ofNullable(request.locale()).filter(l -> !l.isBlank())
                .map(PublicApi::spoken).orElse(Messages.supported(locale));
        RegisterCommand command = new RegisterCommand(eventId, new ParticipantDetails(request.givenName(),
                request.familyName(), request.email(), request.organisation(), request.role(), request.sector(),
                participantLocale), Optional.empty(), request.sessionIds(), request.answers(),
                Optional.ofNullable(request.invitationCode()), Boolean.TRUE.equals(request.privacyConsent()),
                Optional.ofNullable(idempotencyKey));
        RegistrationOutcome outcome = engine.registrations().register(command);
        if (outcome instanceof RegistrationOutcome.Refused refused) {
            throw new ApiProblems.ApiException(isConflict(refused.reasons())
                    ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT, refused.reasons());
        }
        if (outcome instanceof RegistrationOutcome.Invalid invalid) {
            throw new ApiProblems.ApiException(HttpStatus.UNPROCESSABLE_CONTENT, invalid.reasons());
        }
        return created(outcome);
    }

    @GetMapping("/registrations/{registrationId}")
    Map<String, Object> registration(@PathVariable UUID registrationId,
                                     @RequestParam(required = false) String token) {
        ManagedRegistration managed = engine.registrations().view(registrationId, orEmpty(token))
                .orElseThrow(PublicApi::unknownRegistration);
        Map<String, Object> body = OrganiserApi.describe(managed.registration());
        body.put("onlineLink", managed.onlineLink().map(URI::toString).orElse(null));
        body.put("placeInLine", managed.placeInLine().isPresent() ? managed.placeInLine().getAsLong() : null);
        return body;
    }

    @DeleteMapping("/registrations/{registrationId}")
    Map<String, Object> cancel(@PathVariable UUID registrationId, @RequestParam(required = false) String token) {
        return done(engine.registrations().cancel(registrationId, orEmpty(token)));
    }

    @PostMapping("/registrations/{registrationId}/verification")
    Map<String, Object> verify(@PathVariable UUID registrationId, @RequestParam(required = false) String token) {
        return done(engine.registrations().verifyEmail(registrationId, orEmpty(token)));
    }

    static Map<String, Object> done(ActionOutcome outcome) {
        if (outcome instanceof ActionOutcome.Done done) {
            return OrganiserApi.describe(done.registration());
        }
        if (outcome instanceof ActionOutcome.NotAllowed notAllowed) {
            throw new ApiProblems.ApiException(HttpStatus.CONFLICT, notAllowed.reasons());
        }
        if (outcome instanceof ActionOutcome.Invalid invalid) {
            throw new ApiProblems.ApiException(HttpStatus.UNPROCESSABLE_CONTENT, invalid.reasons());
        }
        throw unknownRegistration();
    }

    static ApiProblems.ApiException unknownRegistration() {
        return new ApiProblems.ApiException(HttpStatus.NOT_FOUND, "registration.unknown");
    }

    /**
     * @param tag a language tag, such as {@code nl} or {@code en-GB}
     * @return the language the library speaks that the tag names; another language, or no well-formed tag, is a 422
     *         on {@code locale}, never English by default
     */
    private static Locale spoken(String tag) {
        Locale requested;
        try {
            requested = new Locale.Builder().setLanguageTag(tag.strip()).build();
        } catch (java.util.IllformedLocaleException e) {
            requested = Locale.ROOT;
        }
        Locale spoken = Messages.supported(requested);
        if (!spoken.getLanguage().equals(requested.getLanguage())) {
            throw new ApiProblems.ApiException(HttpStatus.UNPROCESSABLE_CONTENT,
                    List.of(Reason.ofField("locale", "locale.unsupported")));
        }
        return spoken;
    }

    private static String orEmpty(String token) {
        return token == null ? "" : token;
    }

    private static boolean isConflict(List<Reason> reasons) {
        return reasons.stream().anyMatch(r -> r.code().equals("registration.duplicate")
                || r.code().equals("registration.pending-verification"));
    }

    private ResponseEntity<Map<String, Object>> created(RegistrationOutcome outcome) {
        Registration registration = Views.registrationOf(outcome);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("registrationId", registration.id());
        body.put("status", registration.status().name());
        // The place in line as the admission decided it, not the stored position, which only orders the list; the
        // outcome carries it, so a hot event's waiting list is not read again for every 201.
        body.put("waitlistPosition", outcome instanceof RegistrationOutcome.Waitlisted waitlisted
                ? waitlisted.position() : null);
        return ResponseEntity.created(URI.create("/api/registrations/" + registration.id())).body(body);
    }

    private Map<String, Object> summary(Event event, SeatCounts counts, Locale locale) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.id());
        body.put("title", event.title().in(locale));
        body.put("startsAt", OffsetDateTime.from(event.startsAt()));
        body.put("endsAt", OffsetDateTime.from(event.endsAt()));
        body.put("format", event.format().name());
        body.put("capacity", event.capacity().isPresent() ? event.capacity().getAsInt() : null);
        var seatsLeft = counts.seatsLeft();
        body.put("seatsLeft", seatsLeft.isPresent() ? seatsLeft.getAsInt() : null);
        body.put("registrationOpen", engine.events().isRegistrationOpen(event.id()));
        return body;
    }
}
