package nl.learningcommunities.registration.xlsx;

import static nl.learningcommunities.registration.testing.TestEvents.NOW;
import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.learningcommunities.registration.EventNotFoundException;
import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.Organising;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.application.RegistrationSheet;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.event.Question;
import nl.learningcommunities.registration.inmemory.InMemoryEventCatalogue;
import nl.learningcommunities.registration.inmemory.InMemoryStorage;
import nl.learningcommunities.registration.testing.MutableClock;
import nl.learningcommunities.registration.testing.TestParticipants;

/** The .xlsx export on an in-memory engine, read back with a separate reader and opened as a zip. */
class XlsxExportTest {

    private static final Locale NL = Locale.forLanguageTag("nl");
    private static final String FORMULA = "=HYPERLINK(\"x\")";

    @TempDir
    Path temp;

    private final InMemoryStorage storage = InMemoryStorage.create();
    private final RegistrationEngine engine = RegistrationEngine.builder()
            .eventCatalogue(InMemoryEventCatalogue.create()).registrationStore(storage).notificationOutbox(storage)
            .clock(MutableClock.at(NOW)).build();
    private final XlsxExport export = XlsxExport.create();

    @Test
    void the_workbook_reads_back_with_its_header_accents_answers_and_a_formula_as_plain_text() throws IOException {
        Event event = publish(meeting("brede-bijeenkomst-2027", 10).questions(List.of(community(OptionalInt.empty()))));
        register(event, new ParticipantDetails("Zoë", "Brontë", "zoe@hu.example.org", "Hogeschool Utrecht",
                "projectleider", "hbo", NL), Map.of("community", "Zorg Noord\nen Zuid"));
        register(event, new ParticipantDetails("Ünal", "Yılmaz", "unal@rocva.example.nl", "ROC van Amsterdam",
                "docent", "mbo", NL), Map.of());
        register(event, new ParticipantDetails(FORMULA, "+Jansen", "formule@hu.example.org", "@Hogeschool",
                "-expert", "hbo", Locale.ENGLISH), Map.of("community", "=1+1"));

        byte[] xlsx = write(RegistrationQuery.all(event.id()));

        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getFirstSheet();
            assertThat(sheet.getName()).isEqualTo("brede-bijeenkomst-2027");
            List<Row> rows = sheet.read();
            assertThat(rows).hasSize(4);
            assertThat(texts(rows.get(0))).containsExactly("registrationId", "status", "waitlistPosition",
                    "givenName", "familyName", "email", "organisation", "role", "sector", "locale", "sessions",
                    "attendance", "registeredAt", "updatedAt", "answer:community");
            Map<String, Integer> column = columns(rows.get(0));

            Row zoe = rows.get(1);
            assertThat(zoe.getCellText(column.get("givenName"))).isEqualTo("Zoë");
            assertThat(zoe.getCellText(column.get("familyName"))).isEqualTo("Brontë");
            assertThat(zoe.getCellText(column.get("status"))).isEqualTo("CONFIRMED");
            assertThat(zoe.getCellText(column.get("answer:community"))).isEqualTo("Zorg Noord\nen Zuid");
            assertThat(zoe.getCellText(column.get("registrationId"))).hasSize(36);
            Row unal = rows.get(2);
            assertThat(unal.getCellText(column.get("givenName"))).isEqualTo("Ünal");
            assertThat(unal.getCellText(column.get("familyName"))).isEqualTo("Yılmaz");
            assertThat(unal.getCellText(column.get("answer:community"))).isEmpty();

            Row formula = rows.get(3);
            Cell name = formula.getCell(column.get("givenName"));
            assertThat(name.getType()).isEqualTo(CellType.STRING);
            assertThat(name.getFormula()).isNull();
            assertThat(name.asString()).isEqualTo(FORMULA);
            assertThat(formula.getCellText(column.get("familyName"))).isEqualTo("+Jansen");
            assertThat(formula.getCellText(column.get("organisation"))).isEqualTo("@Hogeschool");
            assertThat(formula.getCellText(column.get("role"))).isEqualTo("-expert");
            assertThat(formula.getCellText(column.get("answer:community"))).isEqualTo("=1+1");

            assertThat(rows.stream().flatMap(Row::stream).filter(c -> c != null && c.getType() != CellType.EMPTY))
                    .allSatisfy(c -> assertThat(c.getType()).isEqualTo(CellType.STRING));
        }
    }

    @Test
    void the_file_is_an_office_open_xml_zip_with_a_bold_frozen_header_and_no_formula() throws IOException {
        Event event = publish(meeting("zip-check", 10));
        register(event, new ParticipantDetails(FORMULA, "Jansen", "anna@hu.example.org", "Hogeschool Utrecht",
                "projectleider", "hbo", NL), Map.of());
        Path file = temp.resolve("export.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            export.write(engine.organising(), RegistrationQuery.all(event.id()), out);
        }

        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertThat(zip.getEntry("[Content_Types].xml")).isNotNull();
            assertThat(zip.getEntry("xl/workbook.xml")).isNotNull();
            assertThat(zip.getEntry("xl/worksheets/sheet1.xml")).isNotNull();
            String types = entry(zip, "[Content_Types].xml");
            assertThat(types).contains("/xl/worksheets/sheet1.xml",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
            assertThat(entry(zip, "xl/workbook.xml")).contains("<sheet name=\"zip-check\"");
            String sheet = entry(zip, "xl/worksheets/sheet1.xml");
            assertThat(sheet).contains("ySplit=\"1\"", "state=\"frozen\"", "<cols>", "<autoFilter ref=\"A1:N2\"")
                    .contains("t=\"inlineStr\"", "=HYPERLINK(&quot;x&quot;)").doesNotContain("<f>", "t=\"str\"");
            String styles = entry(zip, "xl/styles.xml");
            assertThat(font(styles, xf(styles, style(sheet, "A1")))).contains("<b/>");
            assertThat(font(styles, xf(styles, style(sheet, "N1")))).contains("<b/>");
            assertThat(sheet).as("an ordinary cell keeps the default style").contains("<c r=\"B2\" t=\"inlineStr\">");
            String formulaStyle = xf(styles, style(sheet, "D2"));
            String textFormat = attribute(formulaStyle, "numFmtId");
            assertThat(textFormat.equals("49") // Excel's built-in "Text"
                    || styles.contains("<numFmt numFmtId=\"" + textFormat + "\" formatCode=\"@\"/>"))
                    .as("the formula-like name is formatted as Text, so editing it keeps it text").isTrue();
        }
    }

    /** The style index of a cell in a worksheet's XML. */
    private static int style(String sheet, String cell) {
        Matcher matcher = Pattern.compile("<c r=\"" + cell + "\" s=\"(\\d+)\"").matcher(sheet);
        assertThat(matcher.find()).as("cell %s has a style", cell).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    /** The cell format of a style index: its {@code <xf …>} start tag. */
    private static String xf(String styles, int index) {
        String cellXfs = styles.substring(styles.indexOf("<cellXfs"), styles.indexOf("</cellXfs>"));
        List<String> formats = Pattern.compile("<xf [^>]*>").matcher(cellXfs).results().map(MatchResult::group)
                .toList();
        return formats.get(index);
    }

    private static String font(String styles, String xf) {
        String fonts = styles.substring(styles.indexOf("<fonts"), styles.indexOf("</fonts>"));
        List<String> all = Pattern.compile("<font>.*?</font>").matcher(fonts).results().map(MatchResult::group)
                .toList();
        return all.get(Integer.parseInt(attribute(xf, "fontId")));
    }

    private static String attribute(String tag, String name) {
        Matcher matcher = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(tag);
        assertThat(matcher.find()).as("%s in %s", name, tag).isTrue();
        return matcher.group(1);
    }

    @Test
    void the_query_selects_the_rows() throws IOException {
        Event event = publish(meeting("full", 1));
        register(event, TestParticipants.number(1), Map.of());
        register(event, TestParticipants.number(2), Map.of());

        byte[] xlsx = write(new RegistrationQuery(event.id(), EnumSet.of(RegistrationStatus.WAITLISTED),
                Optional.empty(), 0, Integer.MAX_VALUE));

        List<Row> rows = read(xlsx);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).getCellText(columns(rows.get(0)).get("familyName"))).isEqualTo("Nummer 2");
    }

    @Test
    void an_event_without_registrations_is_a_header_alone() throws IOException {
        Event event = publish(meeting("empty", 10));

        List<Row> rows = read(write(RegistrationQuery.all(event.id())));

        assertThat(rows).hasSize(1);
        assertThat(texts(rows.get(0))).startsWith("registrationId", "status");
    }

    @Test
    void an_unknown_event_throws_before_any_byte_is_written() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> export.write(engine.organising(), RegistrationQuery.all("no-such-event"), out))
                .isInstanceOf(EventNotFoundException.class);
        assertThat(out.size()).isZero();
    }

    @Test
    void thousands_of_rows_reach_the_stream_while_the_export_runs_and_all_read_back_in_order() throws IOException {
        Event event = publish(meeting("many", 5_000));
        for (int n = 0; n < 2_500; n++) {
            engine.registrations().register(TestParticipants.registration(event.id(), n));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> bytesAtRow = new ArrayList<>();

        export.write(observing(engine.organising(), () -> bytesAtRow.add(out.size())),
                RegistrationQuery.all(event.id()), out);

        assertThat(bytesAtRow).hasSize(2_500);
        assertThat(bytesAtRow.get(0)).as("nothing written before the first rows are sampled").isZero();
        assertThat(bytesAtRow.get(bytesAtRow.size() - 1)).as("rows flushed during the export").isPositive();
        List<Row> rows = read(out.toByteArray());
        assertThat(rows).hasSize(2_501);
        int familyName = columns(rows.get(0)).get("familyName");
        for (int n = 0; n < 2_500; n++) {
            assertThat(rows.get(n + 1).getCellText(familyName)).isEqualTo("Nummer " + n);
        }
    }

    @Test
    void a_cell_longer_than_excel_holds_is_cut_to_its_limit() throws IOException {
        Event event = publish(meeting("long", 10).questions(List.of(community(OptionalInt.of(40_000)))));
        register(event, TestParticipants.number(1), Map.of("community", "ë".repeat(40_000)));

        List<Row> rows = read(write(RegistrationQuery.all(event.id())));

        String answer = rows.get(1).getCellText(columns(rows.get(0)).get("answer:community"));
        assertThat(answer).hasSize(XlsxSheet.MAX_CELL_LENGTH).matches("ë+");
    }

    @Test
    void the_sheet_is_named_after_the_event_within_excels_rules() {
        assertThat(SheetNames.of("brede-bijeenkomst-2027-06-09")).isEqualTo("brede-bijeenkomst-2027-06-09");
        assertThat(SheetNames.of("learning-communities-bijeenkomst-2027-06-09")).hasSize(31)
                .isEqualTo("learning-communities-bijeenkomst-2027-06-09".substring(0, 31));
        assertThat(SheetNames.of("a:b/c\\d?e*f[g]h'i")).isEqualTo("a-b-c-d-e-f-g-h-i");
        assertThat(SheetNames.of("History")).isEqualTo(SheetNames.FALLBACK);
        assertThat(SheetNames.of("  ")).isEqualTo(SheetNames.FALLBACK);
        assertThat(SheetNames.of("'")).isEqualTo(SheetNames.FALLBACK);
        assertThat(SheetNames.of("x".repeat(30) + "😀")).hasSize(30);
    }

    @Test
    void the_media_type_is_that_of_an_xlsx_file() {
        assertThat(XlsxExport.MEDIA_TYPE).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    private Event publish(Event.Builder builder) {
        Event event = builder.build();
        engine.events().publish(event);
        return event;
    }

    private void register(Event event, ParticipantDetails details, Map<String, Object> answers) {
        RegistrationOutcome outcome = engine.registrations().register(RegisterCommand.of(event.id(), details)
                .withAnswers(answers));
        assertThat(outcome).isInstanceOfAny(RegistrationOutcome.Confirmed.class, RegistrationOutcome.Waitlisted.class);
    }

    private static Question community(OptionalInt maxLength) {
        return new Question("community", LocalizedText.of("Learning community", "Learning community"),
                Question.Type.TEXT, false, maxLength, List.of());
    }

    private byte[] write(RegistrationQuery query) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.write(engine.organising(), query, out);
        return out.toByteArray();
    }

    private static List<Row> read(byte[] xlsx) throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            return workbook.getFirstSheet().read();
        }
    }

    private static List<String> texts(Row row) {
        return row.stream().map(Cell::getText).toList();
    }

    private static Map<String, Integer> columns(Row header) {
        Map<String, Integer> columns = new java.util.HashMap<>();
        for (int c = 0; c < header.getCellCount(); c++) {
            columns.put(header.getCellText(c), c);
        }
        return columns;
    }

    private static String entry(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The organiser use cases, with a callback as each row is handed to the sheet. */
    private static Organising observing(Organising organising, Runnable beforeEachRow) {
        return (Organising) Proxy.newProxyInstance(Organising.class.getClassLoader(), new Class<?>[]{Organising.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("export") && args.length == 2
                            && args[1] instanceof RegistrationSheet sheet) {
                        args = new Object[]{args[0], new RegistrationSheet() {
                            @Override
                            public void header(List<String> columns) {
                                sheet.header(columns);
                            }

                            @Override
                            public void row(List<String> cells) {
                                beforeEachRow.run();
                                sheet.row(cells);
                            }
                        }};
                    }
                    try {
                        return method.invoke(organising, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
