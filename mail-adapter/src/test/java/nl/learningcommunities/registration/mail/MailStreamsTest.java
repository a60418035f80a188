package nl.learningcommunities.registration.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import jakarta.mail.util.StreamProvider;

@ResourceLock("system-properties")
class MailStreamsTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(MailStreams.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(MailStreams.PROPERTY);
        } else {
            System.setProperty(MailStreams.PROPERTY, before);
        }
    }

    @Test
    void names_angus_provider_and_jakarta_mail_then_finds_it_by_that_name() {
        System.clearProperty(MailStreams.PROPERTY);

        String named = MailStreams.nameTheProvider();

        assertThat(named).isEqualTo(MailStreams.ANGUS_PROVIDER);
        assertThat(System.getProperty(MailStreams.PROPERTY)).isEqualTo(MailStreams.ANGUS_PROVIDER);
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(MailStreams.ANGUS_PROVIDER);
    }

    @Test
    void leaves_a_provider_the_host_named_alone() {
        System.setProperty(MailStreams.PROPERTY, "org.example.HostsOwnProvider");

        assertThat(MailStreams.nameTheProvider()).isEqualTo("org.example.HostsOwnProvider");
        assertThat(System.getProperty(MailStreams.PROPERTY)).isEqualTo("org.example.HostsOwnProvider");
    }
}
