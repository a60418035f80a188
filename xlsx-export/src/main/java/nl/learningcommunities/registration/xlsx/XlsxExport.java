package nl.learningcommunities.registration.xlsx;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

import nl.learningcommunities.registration.application.Organising;
import nl.learningcommunities.registration.booking.RegistrationQuery;

/**
 * Writes an event's registrations as an Excel workbook (.xlsx, Office Open XML), streaming: one worksheet named
 * after the event, a bold and frozen header row with a filter, then one row per registration in order of
 * arrival, with the columns of the CSV export ({@link Organising#export}).
 *
 * <p>Every cell is written as a text cell (an inline string), never as a number, date or formula, so nothing an
 * organiser opens is evaluated: a name such as {@code =HYPERLINK("x")} is shown as exactly that text. A cell that
 * starts like a formula ({@code = + - @}, a tab, a carriage return or {@code |}) is moreover formatted as Text,
 * so that editing it in Excel keeps it text. Unlike the CSV export, the cell's value is left as stored, without a
 * quote in front.
 *
 * <p>Memory stays flat whatever the number of registrations: rows are written to the stream every
 * 1,000 registrations and no shared-string table is built. Column widths are taken from
 * the header and the first 100 rows. Excel holds at most 32,767 characters in a cell
 * and 1,048,576 rows in a sheet: a longer cell is cut to that length, and an export of more registrations than
 * fit fails with an {@link IllegalStateException}.
 *
 * <p>The file is a streamed zip whose entries end in Zip64 data descriptors. Excel, LibreOffice, Apache POI and
 * {@link java.util.zip.ZipFile} read it; Java 17's {@link java.util.zip.ZipInputStream} does not (JDK-8303866,
 * fixed in Java 21), so a host that post-processes the file in Java 17 should open it as a {@code ZipFile}.
 *
 * <p>Immutable and thread-safe: one instance may serve any number of concurrent exports, each to its own stream.
 */
public final class XlsxExport {

    /** The media type of an .xlsx file, for a download's {@code Content-Type}. */
    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private XlsxExport() {
    }

    /**
     * @return the export
     */
    public static XlsxExport create() {
        return new XlsxExport();
    }

    /**
     * Writes the registrations the query selects as a complete workbook. Nothing is written before the event is
     * known, so a host may still answer "not found" when it is not. The stream is flushed, not closed. When the
     * store or the stream fails half way, what was written is an incomplete file: a host that sends it over HTTP
     * should then abort the response rather than end it normally.
     *
     * @param organising the engine's organiser use cases ({@code engine.organising()})
     * @param query      which registrations; the event is {@link RegistrationQuery#eventId()}
     * @param out        where the .xlsx file goes
     * @throws nl.learningcommunities.registration.EventNotFoundException when the event is unknown (before any
     *                                                                    byte is written)
     * @throws IOException           when writing to {@code out} fails
     * @throws IllegalStateException when there are more registrations than an Excel sheet holds (1,048,575)
     * @throws NullPointerException  when an argument is {@code null}
     */
    public void write(Organising organising, RegistrationQuery query, OutputStream out) throws IOException {
        Objects.requireNonNull(organising, "organising");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(out, "out");
        XlsxSheet sheet = new XlsxSheet(out, SheetNames.of(query.eventId()));
        try {
            organising.export(query, sheet);
            sheet.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }
}
