package nl.learningcommunities.registration.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The production code keeps to the architecture. */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ArchitectureRules.BASE);
    }

    @Test
    void the_rules_look_at_classes_that_exist() {
        for (String domain : ArchitectureRules.DOMAIN) {
            String pkg = domain.substring(0, domain.length() - 2);
            assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)))
                    .as("package %s exists", pkg).isTrue();
        }
        assertThat(production.containPackage(ArchitectureRules.BASE + ".application")).isTrue();
        assertThat(production.containPackage(ArchitectureRules.BASE + ".inmemory")).isTrue();
    }

    @Test
    void the_domain_depends_on_nothing_outside_the_jdk_and_itself() {
        ArchitectureRules.DOMAIN_IS_PURE.check(production);
    }

    @Test
    void application_services_depend_on_ports_never_on_adapters() {
        ArchitectureRules.APPLICATION_USES_PORTS_NOT_ADAPTERS.check(production);
    }

    @Test
    void adapters_do_not_use_the_application() {
        ArchitectureRules.ADAPTERS_DO_NOT_USE_THE_APPLICATION.check(production);
    }

    @Test
    void the_core_has_no_jdbc_mail_or_web_types() {
        ArchitectureRules.NO_JDBC_MAIL_OR_WEB_IN_CORE.check(production);
    }
}
