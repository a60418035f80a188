package nl.learningcommunities.registration.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.event.EventCatalogue;
import nl.learningcommunities.registration.event.OrganiserNotifications;
import nl.learningcommunities.registration.jdbc.JdbcStorage;
import nl.learningcommunities.registration.mail.FileMailer;
import nl.learningcommunities.registration.mail.Links;
import nl.learningcommunities.registration.mail.MailDispatcher;
import nl.learningcommunities.registration.mail.MailSettings;
import nl.learningcommunities.registration.mail.Mailer;
import nl.learningcommunities.registration.notification.NotificationOutbox;

/** What a host gets with nothing but a DataSource, {@code registration.base-url} and {@code registration.mail.from}. */
class DefaultWiringTest {

    @TempDir
    Path mail;

    @Test
    void with_only_a_data_source_a_base_url_and_a_sender_every_piece_is_wired() {
        Starter.withDefaults(mail).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(JdbcStorage.class).hasSingleBean(EventCatalogue.class)
                    .hasSingleBean(RegistrationEngine.class).hasSingleBean(Clock.class).hasSingleBean(Links.class)
                    .hasSingleBean(Mailer.class).hasSingleBean(MailSettings.class)
                    .hasSingleBean(MailDispatcher.class).hasSingleBean(RegistrationJobs.class);
            JdbcStorage storage = context.getBean(JdbcStorage.class);
            assertThat(context.getBean(RegistrationStore.class)).isSameAs(storage);
            assertThat(context.getBean(NotificationOutbox.class)).isSameAs(storage);
            assertThat(context.getBean(EventCatalogue.class)).isSameAs(storage.eventCatalogue());
            assertThat(context.getBean(Mailer.class)).isInstanceOf(FileMailer.class);
            MailSettings settings = context.getBean(MailSettings.class);
            assertThat(settings.from().value()).isEqualTo(Starter.FROM);
            assertThat(settings.replyTo()).isEmpty();
            assertThat(settings.branding().sender()).isEqualTo("Learning Communities hbo en mbo");
            assertThat(context.getBean(Links.class).event("open-dag")).hasToString(Starter.BASE_URL + "/events/open-dag");
            assertThat(context.getBean(RegistrationJobs.class).isRunning()).isTrue();
        });
    }

    @Test
    void the_library_tables_are_migrated_into_the_applications_database_at_start_up() {
        Starter.withDefaults(mail).run(context -> {
            DataSource dataSource = context.getBean(DataSource.class);
            assertThat(Starter.tables(dataSource, "LCR\\_%")).contains("LCR_EVENTS", "LCR_REGISTRATIONS",
                    "LCR_OUTBOX", "LCR_SEAT_LEDGER");
            assertThat(Starter.tables(dataSource, "registration_schema_history")).hasSize(1);
        });
    }

    @Test
    void without_an_smtp_host_a_confirmation_is_written_as_an_eml_file_into_the_mail_directory() {
        Starter.withDefaults(mail).withPropertyValues("registration.mail.interval=100ms").run(context -> {
            RegistrationEngine engine = context.getBean(RegistrationEngine.class);
            Meetings.publishOpenNow(engine, "open-dag", OrganiserNotifications.NONE);

            Meetings.register(engine, "open-dag", 1);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(emlFiles()).hasSize(1));
            assertThat(Files.readString(emlFiles().get(0))).contains("deelnemer1@hogeschool.example.org")
                    .contains(Starter.FROM);
        });
    }

    @Test
    void spring_boot_finds_the_three_auto_configurations_of_the_starter() {
        List<String> candidates = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
                .getCandidates();

        assertThat(candidates).contains(RegistrationAutoConfiguration.class.getName(),
                RegistrationMetricsAutoConfiguration.class.getName(),
                RegistrationHealthAutoConfiguration.class.getName());
    }

    private List<Path> emlFiles() throws java.io.IOException {
        if (!Files.isDirectory(mail)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(mail)) {
            return files.filter(f -> f.toString().endsWith(".eml")).toList();
        }
    }
}
