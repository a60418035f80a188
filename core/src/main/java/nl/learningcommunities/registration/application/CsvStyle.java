package nl.learningcommunities.registration.application;

/** How a CSV export is written, for the program that opens it. */
public enum CsvStyle {
    /** RFC 4180: commas, UTF-8 without a byte-order mark. For programs and most tools. */
    STANDARD(',', false),
    /**
     * What Excel with Dutch regional settings opens in columns with its accents intact: semicolons, and a UTF-8
     * byte-order mark first.
     */
    EXCEL(';', true);

    private final char separator;
    private final boolean byteOrderMark;

    CsvStyle(char separator, boolean byteOrderMark) {
        this.separator = separator;
        this.byteOrderMark = byteOrderMark;
    }

    /** @return the column separator */
    public char separator() {
        return separator;
    }

    /** @return whether the text starts with a UTF-8 byte-order mark */
    public boolean byteOrderMark() {
        return byteOrderMark;
    }
}
