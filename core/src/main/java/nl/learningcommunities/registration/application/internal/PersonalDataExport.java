package nl.learningcommunities.registration.application.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.event.EventCatalogue;
import nl.learningcommunities.registration.rule.Messages;

/** Everything stored about one address, as JSON (a subject-access request). Thread-safe. */
final class PersonalDataExport {

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private PersonalDataExport() {
    }

    static String of(List<Registration> registrations, EventCatalogue catalogue) {
        List<Map<String, Object>> items = registrations.stream().filter(r -> !r.erased())
                .map(r -> item(r, catalogue)).toList();
        return MAPPER.writeValueAsString(Map.of("registrations", items));
    }

    private static Map<String, Object> item(Registration r, EventCatalogue catalogue) {
        var p = r.participant();
        Map<String, Object> participant = new LinkedHashMap<>();
        participant.put("givenName", p.givenName());
        participant.put("familyName", p.familyName());
        participant.put("email", p.email().value());
        participant.put("organisation", p.organisation());
        participant.put("role", p.role());
        participant.put("sector", p.sector());
        participant.put("locale", p.locale().toLanguageTag());
        Map<String, String> answers = new LinkedHashMap<>();
        p.answers().forEach((id, answer) -> answers.put(id, answer.asText()));
        participant.put("answers", answers);
        p.subject().ifPresent(s -> participant.put("subject", s));
        r.pendingEmail().ifPresent(pending -> participant.put("pendingEmail", Map.of("address",
                pending.address().value(), "expiresAt", pending.expiresAt().toString())));
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("registrationId", r.id().toString());
        item.put("eventId", r.eventId());
        catalogue.find(r.eventId()).ifPresent(e -> item.put("eventTitle", e.title().in(p.locale())));
        item.put("status", r.status().name());
        r.waitlistPosition().ifPresent(position -> item.put("waitlistPosition", position));
        item.put("participant", participant);
        item.put("sessions", r.sessions().stream().map(s -> Map.of("sessionId", s.sessionId(),
                "placement", s.placement().name())).toList());
        item.put("attendance", r.attendance().name());
        item.put("registeredAt", r.createdAt().toString());
        item.put("updatedAt", r.updatedAt().toString());
        item.put("history", r.history().stream().map(h -> {
            Map<String, Object> line = new LinkedHashMap<>();
            h.from().ifPresent(f -> line.put("from", f.name()));
            line.put("to", h.to().name());
            line.put("at", h.at().toString());
            line.put("by", h.actor());
            line.put("reason", h.reason());
            h.note().ifPresent(n -> line.put("note", n));
            return line;
        }).toList());
        item.put("language", Messages.supported(p.locale()).getLanguage());
        return item;
    }
}
