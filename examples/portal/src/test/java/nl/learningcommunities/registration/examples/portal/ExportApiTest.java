package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The organiser's downloads over HTTP on H2: the .xlsx export, read back with a spreadsheet reader, and the CSV
 * in Excel's style ({@code ?style=excel}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "registration.datasource.url=jdbc:h2:mem:portal-export;DB_CLOSE_DELAY=-1",
        "registration.events.location=target/test-classes/test-events",
        "registration.admin.username=organisator",
        "registration.admin.password=" + ApiContract.PASSWORD,
        "registration.limits.registrations-per-minute=100000",
        "registration.mail.interval=1h",
        "registration.mail.directory=target/test-mail"})
class ExportApiTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String FORMULA = "=HYPERLINK(\"x\")";

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newHttpClient();
    private Api api;

    @BeforeEach
    void connect() {
        api = Api.at(port);
    }

    @Test
    void the_xlsx_download_reads_back_with_accents_answers_and_a_formula_as_plain_text() throws IOException {
        String zoe = registered("Zoë", "Brontë", "Zorg Noord");
        String unal = registered("Ünal", "Yılmaz", "Techniek & ICT");
        String formula = registered(FORMULA, "Jansen", "=1+1");

        HttpResponse<byte[]> response = download("/api/admin/events/open-meeting/registrations.xlsx", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(XLSX);
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"open-meeting-registrations.xlsx\"");
        assertThat(response.body()).startsWith('P', 'K', 3, 4);
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(response.body()))) {
            Sheet sheet = workbook.getFirstSheet();
            assertThat(sheet.getName()).isEqualTo("open-meeting");
            List<Row> rows = sheet.read();
            Map<String, Integer> column = columns(rows.get(0));
            assertThat(column).containsKeys("registrationId", "status", "givenName", "familyName", "email",
                    "answer:learning-community", "answer:board-representative");
            Map<String, Row> byEmail = new HashMap<>();
            rows.subList(1, rows.size()).forEach(r -> byEmail.put(r.getCellText(column.get("email")), r));

            assertThat(byEmail.get(zoe).getCellText(column.get("givenName"))).isEqualTo("Zoë");
            assertThat(byEmail.get(zoe).getCellText(column.get("familyName"))).isEqualTo("Brontë");
            assertThat(byEmail.get(zoe).getCellText(column.get("answer:learning-community"))).isEqualTo("Zorg Noord");
            assertThat(byEmail.get(unal).getCellText(column.get("givenName"))).isEqualTo("Ünal");
            assertThat(byEmail.get(unal).getCellText(column.get("familyName"))).isEqualTo("Yılmaz");
            assertThat(byEmail.get(unal).getCellText(column.get("answer:learning-community")))
                    .isEqualTo("Techniek & ICT");
            Cell name = byEmail.get(formula).getCell(column.get("givenName"));
            assertThat(name.getType()).isEqualTo(CellType.STRING);
            assertThat(name.getFormula()).isNull();
            assertThat(name.asString()).isEqualTo(FORMULA);
            assertThat(byEmail.get(formula).getCellText(column.get("answer:learning-community"))).isEqualTo("=1+1");
        }
    }

    @Test
    void the_xlsx_download_takes_the_csvs_filters_and_refuses_what_the_csv_refuses() throws IOException {
        String wanted = registered("Femke", "de Boer", "Onderwijs");
        registered("Gijs", "de Boer", "Onderwijs");

        HttpResponse<byte[]> searched = download("/api/admin/events/open-meeting/registrations.xlsx?q="
                + wanted.substring(0, wanted.indexOf('@')), true);
        HttpResponse<byte[]> badStatus = download(
                "/api/admin/events/open-meeting/registrations.xlsx?status=NONSENSE", true);
        HttpResponse<byte[]> anonymous = download("/api/admin/events/open-meeting/registrations.xlsx", false);

        assertThat(searched.statusCode()).isEqualTo(200);
        List<Row> rows = read(searched.body());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).getCellText(columns(rows.get(0)).get("email"))).isEqualTo(wanted);
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void an_unknown_event_is_404_for_both_downloads_before_any_spreadsheet_byte() {
        HttpResponse<byte[]> xlsx = download("/api/admin/events/no-such-meeting/registrations.xlsx", true);
        HttpResponse<byte[]> csv = download("/api/admin/events/no-such-meeting/registrations.csv?style=excel", true);

        for (HttpResponse<byte[]> response : List.of(xlsx, csv)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                    .startsWith("application/problem+json"));
            assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("event.unknown");
        }
    }

    @Test
    void the_csv_for_excel_starts_with_a_byte_order_mark_and_separates_with_semicolons() {
        String zoe = registered("Zoë", "Ünal", "Zorg; Noord");

        HttpResponse<byte[]> excel = download("/api/admin/events/open-meeting/registrations.csv?style=excel", true);
        HttpResponse<byte[]> standard = download("/api/admin/events/open-meeting/registrations.csv", true);
        HttpResponse<byte[]> unknownStyle = download(
                "/api/admin/events/open-meeting/registrations.csv?style=lotus", true);

        assertThat(excel.statusCode()).isEqualTo(200);
        assertThat(excel.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        assertThat(excel.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"open-meeting-registrations.csv\"");
        assertThat(excel.body()).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(excel.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFregistrationId;status;waitlistPosition;givenName;")
                .contains(";Zoë;Ünal;", zoe, "\"Zorg; Noord\"");
        assertThat(standard.statusCode()).isEqualTo(200);
        assertThat(new String(standard.body(), StandardCharsets.UTF_8)).startsWith("registrationId,status,")
                .contains(",Zoë,Ünal,", zoe);
        assertThat(unknownStyle.statusCode()).isEqualTo(400);
    }

    private String registered(String givenName, String familyName, String community) {
        String email = "deelnemer-" + UUID.randomUUID() + "@hu.example.org";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("givenName", givenName);
        body.put("familyName", familyName);
        body.put("email", email);
        body.put("organisation", "Hogeschool Utrecht");
        body.put("role", "projectleider");
        body.put("sector", "hbo");
        body.put("privacyConsent", true);
        body.put("answers", Map.of("board-representative", false, "learning-community", community));
        Api.Response response = api.post("/api/events/open-meeting/registrations", body);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return email;
    }

    private HttpResponse<byte[]> download(String path, boolean asOrganiser) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (asOrganiser) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    ("organisator:" + ApiContract.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Row> read(byte[] xlsx) throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            return workbook.getFirstSheet().read();
        }
    }

    private static Map<String, Integer> columns(Row header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int c = 0; c < header.getCellCount(); c++) {
            columns.put(header.getCellText(c), c);
        }
        return columns;
    }
}
