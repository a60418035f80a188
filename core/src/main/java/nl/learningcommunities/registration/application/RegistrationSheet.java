package nl.learningcommunities.registration.application;

import java.util.List;

/**
 * Where an export of registrations writes its table: the header once, then one row per registration, in order of
 * arrival, streaming. The core fills it ({@link Organising#export}); a writer turns it into a file: CSV in the core
 * ({@link Organising#exportCsv(nl.learningcommunities.registration.booking.RegistrationQuery, java.io.Writer,
 * CsvStyle)}), XLSX in {@code registration-xlsx-export}. Cells are plain text as stored; a writer whose format
 * could read a cell as a formula must defuse it.
 *
 * <p>Not thread-safe: one export, one thread.
 */
public interface RegistrationSheet {

    /**
     * @param columns the column names: fixed ones, then {@code answer:<questionId>} per question of the event
     */
    void header(List<String> columns);

    /**
     * @param cells one registration's cells, in the header's order; an absent value is the empty string
     */
    void row(List<String> cells);
}
