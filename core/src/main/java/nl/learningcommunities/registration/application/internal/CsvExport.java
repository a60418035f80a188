package nl.learningcommunities.registration.application.internal;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.Question;
import nl.learningcommunities.registration.participant.Answer;

/** Streams an event's registrations as CSV, one row at a time. Thread-safe. */
final class CsvExport {

    static final List<String> COLUMNS = List.of("registrationId", "status", "waitlistPosition", "givenName",
            "familyName", "email", "organisation", "role", "sector", "locale", "sessions", "attendance",
            "registeredAt", "updatedAt");

    private static final CsvMapper MAPPER = CsvMapper.builder().build();

    private CsvExport() {
    }

    static void write(Event event, RegistrationStore store, RegistrationQuery query, Writer out) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        List<String> questionColumns = new ArrayList<>();
        for (Question question : event.questions()) {
            String column = "answer:" + question.id();
            questionColumns.add(column);
            schema.addColumn(column);
        }
        try (SequenceWriter rows = MAPPER.writerFor(Map.class).with(schema.build())
                .writeValues(new KeepOpen(out))) {
            store.forEach(query, registration -> rows.write(row(event, registration)));
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> row(Event event, Registration r) {
        Map<String, String> row = new LinkedHashMap<>();
        var p = r.participant();
        row.put("registrationId", r.id().toString());
        row.put("status", r.status().name());
        row.put("waitlistPosition", r.waitlistPosition().isPresent() ? String.valueOf(r.waitlistPosition().getAsLong()) : "");
        row.put("givenName", p.givenName());
        row.put("familyName", p.familyName());
        row.put("email", r.erased() ? "" : p.email().value());
        row.put("organisation", p.organisation());
        row.put("role", p.role());
        row.put("sector", p.sector());
        row.put("locale", p.locale().getLanguage());
        row.put("sessions", r.sessions().stream().map(s -> s.sessionId() + ":" + s.placement().name().toLowerCase())
                .collect(Collectors.joining(" ")));
        row.put("attendance", r.attendance().name());
        row.put("registeredAt", r.createdAt().toString());
        row.put("updatedAt", r.updatedAt().toString());
        for (Question question : event.questions()) {
            Answer answer = p.answers().get(question.id());
            row.put("answer:" + question.id(), answer == null ? "" : answer.asText());
        }
        row.replaceAll((column, value) -> defuse(value));
        return row;
    }

    /**
     * Prefixes a quote to a cell a spreadsheet would read as a formula (OWASP's advice on CSV injection).
     *
     * @param value a cell
     * @return the cell, safe to open
     */
    static String defuse(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                || first == '|' ? "'" + value : value;
    }

    /** Lets Jackson close its generator without closing the host's writer. */
    private static final class KeepOpen extends FilterWriter {
        KeepOpen(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
