package nl.learningcommunities.registration.application;

import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static nl.learningcommunities.registration.testing.TestParticipants.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.event.Question;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.testing.TestEvents;

class PrivacyTest {

    private final EngineFixture f = new EngineFixture();

    @Test
    void personal_data_is_erased_once_the_retention_period_has_passed_and_counts_remain() {
        Event event = f.publish(meeting("retention", 1).retention(Period.ofMonths(12)).build());
        Registration confirmed = f.registered(f.engine.registrations().register(registration(event.id(), 1)));
        f.engine.registrations().register(registration(event.id(), 2));

        f.clock.set(TestEvents.at(2028, 6, 9, 16).toInstant());
        HousekeepingReport before = f.engine.housekeeping().run();
        f.clock.set(TestEvents.at(2028, 6, 9, 18).toInstant());
        HousekeepingReport after = f.engine.housekeeping().run();

        assertThat(before.registrationsErased()).isZero();
        assertThat(after.registrationsErased()).isEqualTo(2);
        List<Registration> all = f.storage.list(RegistrationQuery.all(event.id()));
        assertThat(all).allSatisfy(r -> {
            assertThat(r.erased()).isTrue();
            assertThat(r.participant().fullName()).isEmpty();
            assertThat(r.participant().organisation()).isEmpty();
            assertThat(r.participant().answers()).isEmpty();
        });
        assertThat(f.storage.find(confirmed.id()).orElseThrow().status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(f.engine.events().counts(event.id()).confirmed()).isEqualTo(1);
        assertThat(f.engine.housekeeping().run().registrationsErased()).isZero();
    }

    @Test
    void an_erasure_request_cancels_the_seat_and_gives_it_to_the_waiting_list() {
        Event event = f.publish(meeting("forget-me", 1).build());
        Registration leaving = f.registered(f.engine.registrations().register(registration(event.id(), 1)));
        Registration waiting = f.registered(f.engine.registrations().register(registration(event.id(), 2)));

        ActionOutcome erased = f.engine.organising().erase(leaving.id(), "melina");

        assertThat(((ActionOutcome.Done) erased).registration().status()).isEqualTo(RegistrationStatus.CANCELLED);
        assertThat(f.storage.find(waiting.id()).orElseThrow().status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(f.engine.organising().exportPersonalData(EmailAddress.of("deelnemer1@hogeschool.example.org")))
                .doesNotContain("Nummer 1");
    }

    @Test
    void the_csv_export_has_a_column_per_question_and_defuses_spreadsheet_formulas() {
        Event event = f.publish(meeting("csv", 5).questions(List.of(new Question("community",
                LocalizedText.of("Community", "Community"), Question.Type.TEXT, false, OptionalInt.empty(),
                List.of()))).build());
        f.engine.registrations().register(RegisterCommand.of(event.id(), new ParticipantDetails("=HYPERLINK(\"x\")",
                "+Jansen", "anna@hu.example.org", "@Hogeschool, \"Utrecht\"", "-expert", "hbo", Locale.ENGLISH))
                .withAnswers(Map.of("community", "=1+1\nen meer")));
        StringWriter out = new StringWriter();

        f.engine.organising().exportCsv(RegistrationQuery.all(event.id()), out);

        List<Map<String, String>> rows = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).<Map<String, String>>readValues(out.toString()).readAll();
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("givenName")).isEqualTo("'=HYPERLINK(\"x\")");
            assertThat(row.get("familyName")).isEqualTo("'+Jansen");
            assertThat(row.get("organisation")).isEqualTo("'@Hogeschool, \"Utrecht\"");
            assertThat(row.get("role")).isEqualTo("'-expert");
            assertThat(row.get("answer:community")).isEqualTo("'=1+1\nen meer");
            assertThat(row.get("status")).isEqualTo("CONFIRMED");
        });
    }

    @Test
    void the_excel_style_csv_starts_with_a_byte_order_mark_and_separates_with_semicolons() {
        Event event = f.publish(meeting("excel", 5).build());
        f.engine.registrations().register(RegisterCommand.of(event.id(), new ParticipantDetails("Zoë", "Brontë; Ünal",
                "zoe@hu.example.org", "Hogeschool Utrecht", "projectleider", "hbo", Locale.forLanguageTag("nl"))));
        StringWriter out = new StringWriter();

        f.engine.organising().exportCsv(RegistrationQuery.all(event.id()), out, CsvStyle.EXCEL);

        String text = out.toString();
        assertThat(text).startsWith("\uFEFFregistrationId;status;");
        List<Map<String, String>> rows = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader().withColumnSeparator(';'))
                .<Map<String, String>>readValues(text.substring(1)).readAll();
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("givenName")).isEqualTo("Zoë");
            assertThat(row.get("familyName")).isEqualTo("Brontë; Ünal");
        });
    }

    @Test
    void a_csv_export_without_registrations_still_has_its_header() {
        Event event = f.publish(meeting("empty-export", 5).build());
        StringWriter standard = new StringWriter();
        StringWriter excel = new StringWriter();

        f.engine.organising().exportCsv(RegistrationQuery.all(event.id()), standard);
        f.engine.organising().exportCsv(RegistrationQuery.all(event.id()), excel, CsvStyle.EXCEL);

        assertThat(standard.toString()).startsWith("registrationId,status,").endsWith("\n");
        assertThat(excel.toString()).startsWith("\uFEFFregistrationId;status;");
    }

    @Test
    void an_export_streams_a_header_and_a_row_per_registration_into_any_sheet() {
        Event event = f.publish(meeting("sheet", 5).build());
        f.engine.registrations().register(registration(event.id(), 1));
        f.engine.registrations().register(registration(event.id(), 2));
        List<List<String>> table = new ArrayList<>();

        f.engine.organising().export(RegistrationQuery.all(event.id()), new RegistrationSheet() {
            @Override
            public void header(List<String> columns) {
                table.add(columns);
            }

            @Override
            public void row(List<String> cells) {
                table.add(cells);
            }
        });

        assertThat(table).hasSize(3);
        assertThat(table.get(0)).startsWith("registrationId", "status");
        assertThat(table.get(1)).hasSameSizeAs(table.get(0));
    }

    @Test
    void a_participant_exports_their_own_data_as_json_without_any_token() {
        Event event = f.publish(meeting("export", 5).build());
        Registration r = f.registered(f.engine.registrations().register(registration(event.id(), 1)));
        String token = f.mailbox.manageToken(r.id());

        String json = f.engine.registrations().exportPersonalData(r.id(), token).orElseThrow();

        JsonNode root = JsonMapper.builder().build().readTree(json);
        JsonNode item = root.get("registrations").get(0);
        assertThat(item.get("registrationId").asString()).isEqualTo(r.id().toString());
        assertThat(item.get("participant").get("email").asString()).isEqualTo("deelnemer1@hogeschool.example.org");
        assertThat(item.get("history").get(0).get("reason").asString()).isEqualTo("registered");
        assertThat(json).doesNotContain(token).doesNotContain(r.tokens().get(0).hash());
        assertThat(f.engine.registrations().exportPersonalData(r.id(), "not-the-token")).isEmpty();
    }
}
