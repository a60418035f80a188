package nl.learningcommunities.registration.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.HousekeepingReport;
import nl.learningcommunities.registration.event.OrganiserNotifications;
import nl.learningcommunities.registration.jdbc.JdbcStorage;
import nl.learningcommunities.registration.mail.Links;
import nl.learningcommunities.registration.mail.MailDispatcher;
import nl.learningcommunities.registration.mail.MailSettings;
import nl.learningcommunities.registration.mail.Mailer;
import nl.learningcommunities.registration.mail.SmtpMailer;
import nl.learningcommunities.registration.notification.OutboxEntry;
import nl.learningcommunities.registration.testing.MutableClock;
import nl.learningcommunities.registration.testing.TestEvents;

/** Each {@code registration.*} property reaches the option of the library it names, observably. */
class PropertyEffectsTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path mail;

    @Test
    void a_table_prefix_names_the_librarys_tables() {
        Starter.withDefaults(mail).withPropertyValues("registration.store.table-prefix=x_").run(context -> {
            assertThat(context).hasNotFailed();
            DataSource dataSource = context.getBean(DataSource.class);
            assertThat(Starter.tables(dataSource, "X\\_%")).contains("X_EVENTS", "X_REGISTRATIONS", "X_OUTBOX");
            assertThat(Starter.tables(dataSource, "x_schema_history")).hasSize(1);
            assertThat(Starter.tables(dataSource, "LCR\\_%")).isEmpty();
        });
    }

    @Test
    void turning_migration_off_leaves_the_database_without_the_librarys_tables() {
        // Nothing runs against the tables that are not there: this node neither sends nor keeps house.
        Starter.withDefaults(mail).withPropertyValues("registration.store.migrate=false",
                "registration.mail.enabled=false", "registration.housekeeping.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            DataSource dataSource = context.getBean(DataSource.class);
            assertThat(Starter.tables(dataSource, "%")).isEmpty();
        });
    }

    @Test
    void an_admission_batch_size_below_one_stops_the_start_naming_the_setting() {
        Starter.withDefaults(mail).withPropertyValues("registration.store.admission-batch-size=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("admissionBatchSize");
        });
        Starter.withDefaults(mail).withPropertyValues("registration.store.admission-batch-size=1").run(context ->
                assertThat(context).hasNotFailed());
    }

    @Test
    void the_time_zone_is_the_zone_of_the_engines_clock() {
        Starter.withDefaults(mail).withPropertyValues("registration.time-zone=America/Curacao").run(context ->
                assertThat(context.getBean(Clock.class).getZone()).isEqualTo(ZoneId.of("America/Curacao")));
    }

    @Test
    void the_clock_is_in_amsterdam_unless_told_otherwise() {
        Starter.withDefaults(mail).run(context ->
                assertThat(context.getBean(Clock.class).getZone()).isEqualTo(ZoneId.of("Europe/Amsterdam")));
    }

    @Test
    void a_batch_size_is_how_many_messages_one_dispatcher_run_hands_to_the_mailer() {
        RecordingMailer mailer = RecordingMailer.holding();
        Starter.withDefaults(mail).withBean(Mailer.class, () -> mailer)
                .withPropertyValues("registration.mail.batch-size=3", "registration.mail.interval=50ms")
                .run(context -> {
                    RegistrationEngine engine = context.getBean(RegistrationEngine.class);
                    Meetings.publishOpenNow(engine, "batches", OrganiserNotifications.NONE);
                    // The first confirmation keeps the dispatcher busy while four more are queued behind it.
                    Meetings.register(engine, "batches", 0);
                    await().atMost(Duration.ofSeconds(10)).until(() -> mailer.held() == 1);
                    for (int n = 1; n <= 4; n++) {
                        Meetings.register(engine, "batches", n);
                    }

                    mailer.open();

                    await().atMost(Duration.ofSeconds(10)).until(() -> mailer.delivered().size() == 5);
                    assertThat(mailer.batches()).extracting(List::size).containsExactly(1, 3, 1);
                });
    }

    @Test
    void the_first_retry_and_the_longest_retry_delay_set_when_a_message_that_failed_for_now_is_tried_again() {
        MutableClock clock = MutableClock.at(TestEvents.NOW);
        Starter.withDefaults(mail).withBean(Clock.class, () -> clock)
                .withBean(Mailer.class, RecordingMailer::greylisting)
                .withPropertyValues("registration.mail.first-retry=7s", "registration.mail.max-retry-delay=10s",
                        "registration.mail.interval=50ms")
                .run(context -> {
                    RegistrationEngine engine = context.getBean(RegistrationEngine.class);
                    JdbcStorage storage = context.getBean(JdbcStorage.class);
                    Meetings.publishQuiet(engine, "grijs");
                    UUID id = Meetings.register(engine, "grijs", 1).id();

                    OutboxEntry first = await().atMost(Duration.ofSeconds(10)).until(() -> only(storage, id),
                            e -> e.attempts() == 1 && e.claimedBy().isEmpty());
                    clock.advance(Duration.ofSeconds(7));
                    OutboxEntry second = await().atMost(Duration.ofSeconds(10)).until(() -> only(storage, id),
                            e -> e.attempts() == 2 && e.claimedBy().isEmpty());

                    assertThat(first.state()).isEqualTo(OutboxEntry.DeliveryState.PENDING);
                    assertThat(first.lastError()).hasValueSatisfying(error -> assertThat(error).contains("451"));
                    assertThat(first.nextAttemptAt()).isEqualTo(TestEvents.NOW.plusSeconds(7));
                    assertThat(second.state()).isEqualTo(OutboxEntry.DeliveryState.PENDING);
                    assertThat(second.nextAttemptAt()).isEqualTo(TestEvents.NOW.plusSeconds(7 + 10));
                });
    }

    @Test
    void after_max_attempts_a_message_that_keeps_failing_is_given_up_on() {
        MutableClock clock = MutableClock.at(TestEvents.NOW);
        Starter.withDefaults(mail).withBean(Clock.class, () -> clock)
                .withBean(Mailer.class, RecordingMailer::greylisting)
                .withPropertyValues("registration.mail.max-attempts=1", "registration.mail.interval=50ms")
                .run(context -> {
                    RegistrationEngine engine = context.getBean(RegistrationEngine.class);
                    JdbcStorage storage = context.getBean(JdbcStorage.class);
                    Meetings.publishQuiet(engine, "opgegeven");
                    UUID id = Meetings.register(engine, "opgegeven", 1).id();

                    OutboxEntry entry = await().atMost(Duration.ofSeconds(10)).until(() -> only(storage, id),
                            e -> e.state() == OutboxEntry.DeliveryState.FAILED);

                    assertThat(entry.attempts()).isEqualTo(1);
                    assertThat(storage.failed("opgegeven")).hasSize(1);
                });
    }

    @Test
    void the_lease_is_how_long_a_claim_on_a_message_lasts() {
        MutableClock clock = MutableClock.at(TestEvents.NOW);
        RecordingMailer mailer = RecordingMailer.holding();
        Starter.withDefaults(mail).withBean(Clock.class, () -> clock).withBean(Mailer.class, () -> mailer)
                .withPropertyValues("registration.mail.lease=45s", "registration.mail.interval=50ms")
                .run(context -> {
                    RegistrationEngine engine = context.getBean(RegistrationEngine.class);
                    Meetings.publishQuiet(engine, "geclaimd");
                    UUID id = Meetings.register(engine, "geclaimd", 1).id();
                    await().atMost(Duration.ofSeconds(10)).until(() -> mailer.held() == 1);

                    OutboxEntry claimed = only(context.getBean(JdbcStorage.class), id);

                    mailer.open();
                    assertThat(claimed.claimedBy()).isPresent();
                    assertThat(claimed.claimExpiresAt()).contains(TestEvents.NOW.plusSeconds(45));
                });
    }

    @Test
    void a_cron_expression_that_spring_cannot_read_fails_start_up() {
        Starter.withDefaults(mail).withPropertyValues("registration.housekeeping.cron=0 * * * *").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0 * * * *");
        });
    }

    @Test
    void an_smtp_host_and_port_send_a_real_mail_through_that_server() {
        Starter.withDefaults(mail)
                .withPropertyValues("registration.mail.smtp.host=" + SMTP.getSmtp().getBindTo(),
                        "registration.mail.smtp.port=" + SMTP.getSmtp().getPort(),
                        "registration.mail.smtp.starttls=false", "registration.mail.interval=100ms",
                        "registration.mail.reply-to=secretariaat@intranet.example.nl",
                        "registration.mail.sender=Hogeschool Voorbeeld")
                .run(context -> {
                    assertThat(context.getBean(Mailer.class)).isInstanceOf(SmtpMailer.class);
                    RegistrationEngine engine = context.getBean(RegistrationEngine.class);
                    Meetings.publishOpenNow(engine, "smtp", OrganiserNotifications.NONE);

                    Meetings.register(engine, "smtp", 7);

                    await().atMost(Duration.ofSeconds(10)).until(() -> SMTP.getReceivedMessages().length == 1);
                    MimeMessage received = SMTP.getReceivedMessages()[0];
                    assertThat(((InternetAddress) received.getAllRecipients()[0]).getAddress())
                            .isEqualTo("deelnemer7@hogeschool.example.org");
                    assertThat(((InternetAddress) received.getFrom()[0]).getAddress()).isEqualTo(Starter.FROM);
                    assertThat(((InternetAddress) received.getReplyTo()[0]).getAddress())
                            .isEqualTo("secretariaat@intranet.example.nl");
                });
    }

    @Test
    void the_sender_name_and_reply_to_address_reach_the_mail_settings() {
        Starter.withDefaults(mail).withPropertyValues("registration.mail.sender=Hogeschool Voorbeeld",
                "registration.mail.reply-to=secretariaat@intranet.example.nl").run(context -> {
                    MailSettings settings = context.getBean(MailSettings.class);
                    assertThat(settings.branding().sender()).isEqualTo("Hogeschool Voorbeeld");
                    assertThat(settings.replyTo()).hasValueSatisfying(r ->
                            assertThat(r.value()).isEqualTo("secretariaat@intranet.example.nl"));
                });
    }

    @Test
    void turning_mail_off_leaves_out_the_mailer_and_the_dispatcher_and_needs_no_sender_or_base_url() {
        Starter.bare(Starter.newDatabase()).withPropertyValues("registration.mail.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(MailDispatcher.class).doesNotHaveBean(Mailer.class)
                    .doesNotHaveBean(MailSettings.class).doesNotHaveBean(Links.class);
            assertThat(context).hasSingleBean(RegistrationEngine.class);
            assertThat(context.getBean(RegistrationJobs.class).isRunning()).isTrue();
        });
    }

    @Test
    void housekeeping_runs_on_its_cron_schedule() {
        HousekeepingRuns runs = new HousekeepingRuns();
        Starter.withDefaults(mail).withBean(HousekeepingRuns.class, () -> runs)
                .withPropertyValues("registration.housekeeping.cron=* * * * * *")
                .run(context -> {
                    await().atMost(Duration.ofSeconds(10)).until(() -> !runs.completed.isEmpty());
                    assertThat(runs.failed).isEmpty();
                });
    }

    @Test
    void turning_housekeeping_off_means_it_never_runs_even_on_a_schedule_of_every_second() {
        HousekeepingRuns runs = new HousekeepingRuns();
        Starter.withDefaults(mail).withBean(HousekeepingRuns.class, () -> runs)
                .withPropertyValues("registration.housekeeping.cron=* * * * * *",
                        "registration.housekeeping.enabled=false")
                .run(context -> {
                    assertThat(context.getBean(RegistrationJobs.class).isRunning()).isTrue();
                    await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
                            .until(() -> runs.completed.isEmpty() && runs.failed.isEmpty());
                });
    }

    private static OutboxEntry only(JdbcStorage storage, UUID registrationId) {
        List<OutboxEntry> entries = storage.about(registrationId);
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    /** A host's listener that keeps every housekeeping run it is told of. */
    static final class HousekeepingRuns implements HousekeepingListener {
        final List<HousekeepingReport> completed = new CopyOnWriteArrayList<>();
        final List<RuntimeException> failed = new CopyOnWriteArrayList<>();

        @Override
        public void completed(HousekeepingReport report, Duration took) {
            completed.add(report);
        }

        @Override
        public void failed(RuntimeException failure, Duration took) {
            failed.add(failure);
        }
    }
}
