package nl.learningcommunities.registration.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** A property the configuration needs but the host did not set stops start-up with its name and how to set it. */
@ExtendWith(OutputCaptureExtension.class)
class MissingPropertyTest {

    @TempDir
    Path mail;

    @Test
    void without_a_sender_address_start_up_fails_naming_registration_mail_from_and_its_environment_variable() {
        Starter.bare(Starter.newDatabase())
                .withPropertyValues("registration.base-url=" + Starter.BASE_URL, "registration.mail.directory=" + mail)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOf(MissingRegistrationPropertyException.class)
                            .hasMessageContaining("registration.mail.from");

                    FailureAnalysis analysis = new RegistrationPropertyFailureAnalyzer()
                            .analyze(context.getStartupFailure());

                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains("registration.mail.from");
                    assertThat(analysis.getAction()).contains("registration.mail.from")
                            .contains("REGISTRATION_MAIL_FROM");
                });
    }

    @Test
    void without_a_base_url_start_up_fails_naming_registration_base_url_and_its_environment_variable() {
        Starter.bare(Starter.newDatabase())
                .withPropertyValues("registration.mail.from=" + Starter.FROM, "registration.mail.directory=" + mail)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOf(MissingRegistrationPropertyException.class)
                            .hasMessageContaining("registration.base-url");

                    FailureAnalysis analysis = new RegistrationPropertyFailureAnalyzer()
                            .analyze(context.getStartupFailure());

                    assertThat(analysis.getDescription()).contains("registration.base-url");
                    assertThat(analysis.getAction()).contains("registration.base-url").contains("REGISTRATION_BASEURL");
                });
    }

    @Test
    void a_blank_sender_address_counts_as_missing() {
        Starter.withDefaults(mail).withPropertyValues("registration.mail.from=  ").run(context ->
                assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOf(MissingRegistrationPropertyException.class)
                        .hasMessageContaining("registration.mail.from"));
    }

    @Test
    void the_analyzer_answers_only_for_a_missing_registration_property() {
        assertThat(new RegistrationPropertyFailureAnalyzer().analyze(new IllegalStateException("other"))).isNull();
    }

    @Test
    void spring_boot_finds_the_analyzer_through_spring_factories() {
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                .load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, e) -> {
                    // Boot's own analyzers that want constructor arguments are not what this test is about.
                }));

        assertThat(analyzers).hasAtLeastOneElementOfType(RegistrationPropertyFailureAnalyzer.class);
    }

    @Test
    void a_spring_boot_application_without_a_sender_address_reports_the_property_instead_of_a_stack_trace(
            CapturedOutput output) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .registerShutdownHook(false)
                .properties("spring.datasource.url=" + Starter.newDatabase(),
                        "registration.base-url=" + Starter.BASE_URL, "registration.mail.directory=" + mail);

        assertThatThrownBy(application::run).rootCause().isInstanceOf(MissingRegistrationPropertyException.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("The property registration.mail.from is not set")
                .contains("the environment variable REGISTRATION_MAIL_FROM");
    }

    /** The smallest Spring Boot application with the starter. */
    @SpringBootConfiguration
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, RegistrationAutoConfiguration.class})
    static class Application {
    }
}
