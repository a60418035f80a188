package nl.learningcommunities.registration.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import nl.learningcommunities.registration.application.violation.ApplicationReachingIntoAnAdapter;
import nl.learningcommunities.registration.event.violation.DomainReachingForJdbcAndJackson;

/** Each architecture rule fails on code that breaks it (the offenders live in test sources only). */
class ArchitectureRulesBiteTest {

    private final JavaClasses offenders = new ClassFileImporter()
            .importClasses(DomainReachingForJdbcAndJackson.class, ApplicationReachingIntoAnAdapter.class);

    @Test
    void a_domain_class_using_jackson_breaks_the_purity_rule() {
        assertThat(ArchitectureRules.DOMAIN_IS_PURE.evaluate(offenders).hasViolation()).isTrue();
    }

    @Test
    void a_use_case_calling_an_adapter_breaks_the_ports_rule() {
        assertThat(ArchitectureRules.APPLICATION_USES_PORTS_NOT_ADAPTERS.evaluate(offenders).hasViolation()).isTrue();
    }

    @Test
    void a_jdbc_type_in_the_core_breaks_the_no_jdbc_rule() {
        assertThat(ArchitectureRules.NO_JDBC_MAIL_OR_WEB_IN_CORE.evaluate(offenders).hasViolation()).isTrue();
    }

    @Test
    void an_adapter_calling_a_use_case_breaks_the_inward_rule() {
        JavaClasses adapter = new ClassFileImporter().importClasses(
                nl.learningcommunities.registration.inmemory.violation.AdapterCallingAUseCase.class);
        assertThat(ArchitectureRules.ADAPTERS_DO_NOT_USE_THE_APPLICATION.evaluate(adapter).hasViolation()).isTrue();
    }
}
