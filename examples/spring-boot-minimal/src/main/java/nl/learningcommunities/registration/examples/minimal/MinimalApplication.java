package nl.learningcommunities.registration.examples.minimal;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.*;
import org.springframework.web.bind.annotation.*;
import nl.learningcommunities.registration.*;
import nl.learningcommunities.registration.application.*;
import nl.learningcommunities.registration.json.EventDefinitions;

/** An intranet application with one registration endpoint; the starter wires the library from registration.*. */
@SpringBootApplication
@RestController
public class MinimalApplication {

    private final RegistrationEngine engine;

    MinimalApplication(RegistrationEngine engine) {
        this.engine = engine;
    }

    public static void main(String[] args) {
        SpringApplication.run(MinimalApplication.class, args);
    }

    /** Publishes the event in events.json at every start; an unchanged definition changes nothing. */
    @Bean
    ApplicationRunner publishEvents() {
        return args -> engine.events().publishAll(EventDefinitions.create().readResource("/events.json"));
    }

    /** Registers the participant in the body: 201 with id and status, or 422 with the reasons as problem+json. */
    @PostMapping("/events/{eventId}/registrations")
    ResponseEntity<?> register(@PathVariable String eventId, @RequestBody ParticipantDetails participant) {
        Locale locale = participant.locale() == null ? Locale.forLanguageTag("nl") : participant.locale();
        RegistrationOutcome outcome = engine.registrations().register(RegisterCommand.of(eventId, participant));
        return outcome.registered().<ResponseEntity<?>>map(registration -> ResponseEntity.status(201)
                .body(Map.of("id", registration.id(), "status", registration.status()))).orElseGet(() -> {
                    var problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(422),
                            outcome.reasons().get(0).message(locale));
                    problem.setProperty("reasons", outcome.reasons().stream().map(r -> Map.of("code", r.code(),
                            "field", r.field().orElse(""), "message", r.message(locale))).toList());
                    return ResponseEntity.of(problem).build();
                });
    }

    /** An unknown event is a 404 as problem+json. */
    @ExceptionHandler(EventNotFoundException.class)
    ProblemDetail unknownEvent(EventNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }
}
