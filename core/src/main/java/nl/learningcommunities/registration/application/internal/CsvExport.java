package nl.learningcommunities.registration.application.internal;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.stream.Collectors;

import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import nl.learningcommunities.registration.application.CsvStyle;
import nl.learningcommunities.registration.application.RegistrationSheet;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.Question;
import nl.learningcommunities.registration.participant.Answer;

/**
 * An event's registrations as a table (header, then a row per registration, streaming), and that table as CSV.
 * Thread-safe.
 */
final class CsvExport {

    static final List<String> COLUMNS = List.of("registrationId", "status", "waitlistPosition", "givenName",
            "familyName", "email", "organisation", "role", "sector", "locale", "sessions", "attendance",
            "registeredAt", "updatedAt");

    private static final CsvMapper MAPPER = CsvMapper.builder().build();

    private CsvExport() {
    }

    /** Streams the registrations the query selects into a sheet. */
    static void export(Event event, RegistrationStore store, RegistrationQuery query, RegistrationSheet sheet) {
        List<String> columns = new ArrayList<>(COLUMNS);
        event.questions().forEach(q -> columns.add("answer:" + q.id()));
        sheet.header(List.copyOf(columns));
        store.forEach(query, registration -> sheet.row(row(event, registration)));
    }

    static void write(Event event, RegistrationStore store, RegistrationQuery query, Writer out, CsvStyle style) {
        try {
            if (style.byteOrderMark()) {
                out.write('\uFEFF');
            }
            try (CsvSheet sheet = new CsvSheet(new KeepOpen(out), style)) {
                export(event, store, query, sheet);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the sheet as CSV with Jackson, defusing cells a spreadsheet would read as formulas. */
    private static final class CsvSheet implements RegistrationSheet, AutoCloseable {
        private final Writer out;
        private final CsvStyle style;
        private SequenceWriter rows;

        CsvSheet(Writer out, CsvStyle style) {
            this.out = out;
            this.style = style;
        }

        @Override
        public void header(List<String> columns) {
            CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setColumnSeparator(style.separator());
            columns.forEach(schema::addColumn);
            rows = MAPPER.writerFor(List.class).with(schema.build()).writeValues(out);
        }

        @Override
        public void row(List<String> cells) {
            rows.write(cells.stream().map(CsvExport::defuse).toList());
        }

        /** Ends the CSV: the header is written even when no row follows it. */
        @Override
        public void close() {
            if (rows != null) {
                rows.close();
            }
        }
    }

    private static List<String> row(Event event, Registration r) {
        var p = r.participant();
        List<String> row = new ArrayList<>();
        row.add(r.id().toString());
        row.add(r.status().name());
        row.add(r.waitlistPosition().isPresent() ? String.valueOf(r.waitlistPosition().getAsLong()) : "");
        row.add(p.givenName());
        row.add(p.familyName());
        row.add(r.erased() ? "" : p.email().value());
        row.add(p.organisation());
        row.add(p.role());
        row.add(p.sector());
        row.add(p.locale().getLanguage());
        row.add(r.sessions().stream().map(s -> s.sessionId() + ":" + s.placement().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" ")));
        row.add(r.attendance().name());
        row.add(r.createdAt().toString());
        row.add(r.updatedAt().toString());
        for (Question question : event.questions()) {
            Answer answer = p.answers().get(question.id());
            row.add(answer == null ? "" : answer.asText());
        }
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
