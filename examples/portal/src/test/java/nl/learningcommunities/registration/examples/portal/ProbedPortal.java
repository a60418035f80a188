package nl.learningcommunities.registration.examples.portal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The running portal the error and probe tests send their requests to: the test programme, and rate limits high
 * enough that every probe reaches its handler. Each test class names its own database, and so gets a portal of its
 * own (the starter's jobs do not start again once the test framework has paused a cached context).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "registration.events.location=target/test-classes/test-events",
        "registration.admin.username=organisator",
        "registration.admin.password=probe-wachtwoord",
        "registration.limits.registrations-per-minute=100000",
        "registration.limits.mail-actions-per-minute=100000",
        "registration.mail.interval=1h",
        "registration.mail.directory=target/test-mail"})
@interface ProbedPortal {

    String PASSWORD = "probe-wachtwoord";
}
