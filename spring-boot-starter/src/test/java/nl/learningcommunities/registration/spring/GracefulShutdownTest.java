package nl.learningcommunities.registration.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.event.OrganiserNotifications;
import nl.learningcommunities.registration.jdbc.JdbcStorage;
import nl.learningcommunities.registration.mail.MailDispatcher;
import nl.learningcommunities.registration.mail.Mailer;
import nl.learningcommunities.registration.notification.OutboxEntry;

/** Closing the application while mail is being sent loses no message and leaves no claim behind. */
@ExtendWith(OutputCaptureExtension.class)
class GracefulShutdownTest {

    @TempDir
    Path mail;

    @Test
    void closing_while_a_message_is_being_sent_finishes_it_hands_the_rest_of_the_batch_back_and_then_closes_the_pool(
            CapturedOutput output) {
        String database = Starter.newDatabase();
        RecordingMailer mailer = RecordingMailer.holding();
        AtomicReference<RegistrationJobs> jobs = new AtomicReference<>();
        List<String> whenThePoolCloses = new CopyOnWriteArrayList<>();
        AtomicReference<Registration> registered = new AtomicReference<>();
        AtomicReference<Throwable> closing = new AtomicReference<>();

        Starter.withDefaults(database, mail).withBean(Mailer.class, () -> mailer)
                .withPropertyValues("registration.mail.interval=50ms")
                .withInitializer(context -> context.getBeanFactory().addBeanPostProcessor(
                        new DestructionAwareBeanPostProcessor() {
                            @Override
                            public void postProcessBeforeDestruction(Object bean, String name) {
                                if (bean instanceof DataSource) {
                                    whenThePoolCloses.add("jobs running: " + jobs.get().isRunning()
                                            + ", batches finished: " + mailer.finishedBatches());
                                }
                            }

                            @Override
                            public boolean requiresDestruction(Object bean) {
                                return bean instanceof DataSource;
                            }
                        }))
                .run(context -> {
                    jobs.set(context.getBean(RegistrationJobs.class));
                    RegistrationEngine engine = context.getBean(RegistrationEngine.class);
                    // The organiser hears of each registration: one registration queues two messages at once.
                    Meetings.publishOpenNow(engine, "afsluiten", OrganiserNotifications.PER_REGISTRATION);
                    registered.set(Meetings.register(engine, "afsluiten", 1));
                    await().atMost(Duration.ofSeconds(10)).until(() -> mailer.held() == 1);
                    assertThat(mailer.batches()).singleElement().satisfies(batch -> assertThat(batch).hasSize(2));
                    int logged = output.length();

                    Thread closer = new Thread(() -> {
                        try {
                            context.close();
                        } catch (Throwable e) {
                            closing.set(e);
                        }
                    }, "closer");
                    closer.start();
                    await().atMost(Duration.ofSeconds(10)).until(() -> waitsForTheDispatcher(closer));
                    mailer.open();
                    closer.join(Duration.ofSeconds(30).toMillis());

                    assertThat(closer.isAlive()).isFalse();
                    assertThat(closing.get()).isNull();
                    assertThat(output.toString().substring(logged)).doesNotContain("Exception")
                            .doesNotContain("did not finish");
                });

        assertThat(mailer.delivered()).hasSize(1);
        assertThat(whenThePoolCloses).containsExactly("jobs running: false, batches finished: 1");
        List<OutboxEntry> entries = afterwards(database).about(registered.get().id());
        assertThat(entries).hasSize(2).allSatisfy(e -> assertThat(e.claimedBy()).isEmpty());
        assertThat(entries).filteredOn(e -> e.state() == OutboxEntry.DeliveryState.SENT).singleElement()
                .satisfies(e -> assertThat(e.notification().recipient().value()).isEqualTo(mailer.delivered().get(0)));
        assertThat(entries).filteredOn(e -> e.state() == OutboxEntry.DeliveryState.PENDING).singleElement()
                .satisfies(e -> assertThat(e.lastError()).hasValueSatisfying(error ->
                        assertThat(error).contains("dispatcher stopped")));
    }

    @Test
    void closing_an_idle_application_stops_the_jobs_quietly(CapturedOutput output) {
        AtomicReference<RegistrationJobs> jobs = new AtomicReference<>();
        Starter.withDefaults(mail).run(context -> {
            jobs.set(context.getBean(RegistrationJobs.class));
            assertThat(jobs.get().isRunning()).isTrue();
        });

        assertThat(jobs.get().isRunning()).isFalse();
        assertThat(output).doesNotContain("Exception");
    }

    @Test
    void an_application_stopped_and_started_again_sends_mail_again_as_a_paused_test_context_does() {
        RecordingMailer mailer = RecordingMailer.delivering();
        Starter.withDefaults(mail).withBean(Mailer.class, () -> mailer)
                .withPropertyValues("registration.mail.interval=50ms")
                .run(context -> {
                    RegistrationEngine engine = context.getBean(RegistrationEngine.class);
                    RegistrationJobs jobs = context.getBean(RegistrationJobs.class);
                    Meetings.publishOpenNow(engine, "herstart", OrganiserNotifications.NONE);

                    context.stop();
                    assertThat(jobs.isRunning()).isFalse();
                    Registration registered = Meetings.register(engine, "herstart", 1);
                    context.start();

                    assertThat(jobs.isRunning()).isTrue();
                    await().atMost(Duration.ofSeconds(10)).until(() -> mailer.delivered()
                            .contains(registered.participant().email().value()));
                });
    }

    /** @return whether the closing thread waits in the dispatcher's close for the batch in hand */
    private static boolean waitsForTheDispatcher(Thread closer) {
        return closer.getState() == Thread.State.WAITING && Arrays.stream(closer.getStackTrace()).anyMatch(frame ->
                frame.getClassName().equals(MailDispatcher.class.getName()) && frame.getMethodName().equals("close"));
    }

    /** @return the store, read over a connection of its own once the application and its pool are gone */
    private static JdbcStorage afterwards(String database) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(database);
        dataSource.setUser("sa");  // the user Spring Boot gives an embedded database
        return JdbcStorage.builder(dataSource).build();
    }
}
