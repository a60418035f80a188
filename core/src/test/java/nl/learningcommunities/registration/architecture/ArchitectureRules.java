package nl.learningcommunities.registration.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/** The architecture, as rules. Shared by the test that applies them and the test that proves they bite. */
final class ArchitectureRules {

    static final String BASE = "nl.learningcommunities.registration";
    static final String[] DOMAIN = {BASE + ".rule..", BASE + ".participant..", BASE + ".event..",
            BASE + ".eligibility..", BASE + ".booking..", BASE + ".notification..", BASE + ".token.."};

    /** The domain depends on nothing outside the JDK and itself. */
    static final ArchRule DOMAIN_IS_PURE = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
            .that().resideInAnyPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(DOMAIN, "java.."))
            .because("the domain is plain Java: no framework, no adapter, no application code");

    /** Application services depend on ports, never on adapters. */
    static final ArchRule APPLICATION_USES_PORTS_NOT_ADAPTERS = noClasses()
            .that().resideInAPackage(BASE + ".application..")
            .should().dependOnClassesThat().resideInAnyPackage(BASE + ".inmemory..", BASE + ".json..")
            .because("use cases reach storage through ports, so that every adapter can stand in");

    /** Adapters implement ports; they do not call use cases. */
    static final ArchRule ADAPTERS_DO_NOT_USE_THE_APPLICATION = noClasses()
            .that().resideInAnyPackage(BASE + ".inmemory..", BASE + ".json..")
            .should().dependOnClassesThat().resideInAPackage(BASE + ".application..")
            .because("arrows point inward: adapters know the domain, not the use cases");

    /** The core holds no JDBC, mail or web types. */
    static final ArchRule NO_JDBC_MAIL_OR_WEB_IN_CORE = noClasses()
            .that().resideInAPackage(BASE + "..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "jakarta.mail..",
                    "javax.mail..", "jakarta.servlet..", "javax.servlet..", "org.springframework..",
                    "jakarta.ws.rs..")
            .because("JDBC, mail and web belong in the adapters and the examples");

    static final ArchRule[] ALL = {DOMAIN_IS_PURE, APPLICATION_USES_PORTS_NOT_ADAPTERS,
            ADAPTERS_DO_NOT_USE_THE_APPLICATION, NO_JDBC_MAIL_OR_WEB_IN_CORE};

    private ArchitectureRules() {
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
