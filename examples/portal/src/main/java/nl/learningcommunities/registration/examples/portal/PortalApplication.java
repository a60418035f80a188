package nl.learningcommunities.registration.examples.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import nl.learningcommunities.registration.mail.MailStreams;

/** The intranet registration portal: the library embedded in a Spring Boot web application. */
@SpringBootApplication
@EnableConfigurationProperties(PortalProperties.class)
public class PortalApplication {

    /**
     * Starts the portal.
     *
     * @param args Spring Boot arguments, such as {@code --server.port=8081}
     */
    public static void main(String[] args) {
        MailStreams.nameTheProvider();
        SpringApplication.run(PortalApplication.class, args);
    }
}
