package nl.learningcommunities.registration.xlsx;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import nl.learningcommunities.registration.application.RegistrationSheet;

/**
 * A {@link RegistrationSheet} on fastexcel's streaming writer: every cell an inline string, rows flushed to the
 * stream as they come. The workbook is opened by the header, so nothing reaches the stream before the core has
 * found the event. Failures of the stream surface as {@link UncheckedIOException}.
 *
 * <p>Not thread-safe: one export, one thread.
 */
final class XlsxSheet implements RegistrationSheet {

    /** Rows kept in memory between two flushes. */
    static final int FLUSH_EVERY = 1_000;
    /** Rows whose text sets the column widths, before the first flush writes them. */
    static final int SAMPLED_ROWS = 100;
    /** The most characters Excel keeps in a cell. */
    static final int MAX_CELL_LENGTH = 32_767;

    static final int MIN_WIDTH = 10;
    static final int MAX_WIDTH = 60;

    private static final String APPLICATION = "Learning Communities Registration";
    /** Excel's built-in number format "Text": what is typed into the cell stays text. */
    private static final String TEXT_FORMAT = "@";

    private final OutputStream out;
    private final String name;
    private Workbook workbook;
    private Worksheet worksheet;
    private int[] widths;
    private int columns;
    /** The next row to write; the header is row 0. */
    private int next;
    private boolean widthsSet;

    XlsxSheet(OutputStream out, String name) {
        this.out = out;
        this.name = name;
    }

    @Override
    public void header(List<String> names) {
        if (workbook != null) {
            throw new IllegalStateException("the header is written once");
        }
        workbook = new Workbook(out, APPLICATION, null);
        worksheet = workbook.newWorksheet(name);
        columns = names.size();
        widths = new int[columns];
        write(names);
        if (columns > 0) {
            worksheet.range(0, 0, 0, columns - 1).style().bold().set();
        }
        worksheet.freezePane(0, 1);
    }

    @Override
    public void row(List<String> cells) {
        if (workbook == null) {
            throw new IllegalStateException("a row comes after the header");
        }
        if (next >= Worksheet.MAX_ROWS) {
            throw new IllegalStateException("more registrations than an Excel sheet holds ("
                    + (Worksheet.MAX_ROWS - 1) + ")");
        }
        write(cells);
        if (next == SAMPLED_ROWS + 1 || next % FLUSH_EVERY == 0) {
            flush();
        }
    }

    /** Writes what is left and the workbook's other parts; the stream stays open. */
    void finish() {
        if (workbook == null) {
            throw new IllegalStateException("nothing was exported");
        }
        setWidths();
        if (columns > 0) {
            worksheet.setAutoFilter(0, 0, next - 1, columns - 1);
        }
        try {
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(List<String> cells) {
        int row = next++;
        for (int c = 0; c < cells.size(); c++) {
            String value = cells.get(c);
            if (value == null || value.isEmpty()) {
                continue;
            }
            if (value.length() > MAX_CELL_LENGTH) {
                int end = Character.isHighSurrogate(value.charAt(MAX_CELL_LENGTH - 1)) ? MAX_CELL_LENGTH - 1
                        : MAX_CELL_LENGTH;
                value = value.substring(0, end);
            }
            worksheet.inlineString(row, c, value);
            if (looksLikeFormula(value)) {
                worksheet.style(row, c).format(TEXT_FORMAT).set();
            }
            if (!widthsSet && c < columns) {
                widths[c] = Math.max(widths[c], widest(value));
            }
        }
    }

    private void flush() {
        setWidths();
        try {
            worksheet.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Before the first flush, which writes the column definitions. */
    private void setWidths() {
        if (widthsSet) {
            return;
        }
        for (int c = 0; c < columns; c++) {
            worksheet.width(c, Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widths[c] + 2)));
        }
        widthsSet = true;
    }

    /** The longest line of a cell, in characters. */
    private static int widest(String value) {
        int widest = 0;
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == '\n') {
                widest = Math.max(widest, value.codePointCount(start, i));
                start = i + 1;
            }
        }
        return widest;
    }

    /**
     * @param value a cell
     * @return whether a spreadsheet would read it as a formula when typed in (OWASP's list for CSV injection)
     */
    static boolean looksLikeFormula(String value) {
        if (value.isEmpty()) {
            return false;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                || first == '|';
    }
}
