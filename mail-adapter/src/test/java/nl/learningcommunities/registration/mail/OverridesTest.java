package nl.learningcommunities.registration.mail;

import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.learningcommunities.registration.application.ParticipantMessage;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.rule.Messages;

/**
 * Institutions change texts, layout, branding and reply-to without forking, also of the messages about a changed or
 * cancelled event and the organiser's own messages; and HTML escapes what users typed.
 */
class OverridesTest {

    private final MailFixture f = new MailFixture();

    private MimeMessage sendOne(MailSettings settings, Path folder) throws Exception {
        Event event = f.publish(meeting("overrides", 10).build());
        f.register(event, "<b>Anna</b> & co", "anna@hu.example.org", Messages.DUTCH);
        MailDispatcher.builder(f.storage, f.catalogue, f.storage, FileMailer.into(folder), settings, f.clock).build()
                .runOnce();
        List<Path> files;
        try (var listing = Files.list(folder)) {
            files = listing.sorted().toList();
        }
        return new MimeMessage(f.engine == null ? null : jakarta.mail.Session.getInstance(new java.util.Properties()),
                Files.newInputStream(files.get(0)));
    }

    @Test
    void texts_from_the_class_path_and_a_layout_from_a_folder_replace_the_shipped_ones(@TempDir Path dir)
            throws Exception {
        Path layouts = Files.createDirectories(dir.resolve("layouts"));
        Files.writeString(layouts.resolve("layout.text.mustache"), "{{greeting}}\n{{lead}}\nHUISSTIJL {{branding.sender}}\n");
        TemplateSource both = name -> name.endsWith(".properties")
                ? TemplateSource.classPath("/institution-templates", getClass().getClassLoader()).read(name)
                : TemplateSource.folder(layouts).read(name);
        MailSettings settings = f.settings.withTemplates(both).withReplyTo(EmailAddress.of("secretariaat@hu.example.org"));

        MimeMessage message = sendOne(settings, dir.resolve("mail"));

        assertThat(message.getSubject()).isEqualTo("Welkom bij Learning Communities in hbo en mbo namens de Hogeschool");
        assertThat(((InternetAddress) message.getReplyTo()[0]).getAddress()).isEqualTo("secretariaat@hu.example.org");
        String text = MessageTypesTest.body((MimeMultipart) message.getContent(), "text/plain");
        assertThat(text).contains("HUISSTIJL Learning Communities hbo en mbo").contains("Je aanmelding voor");
    }

    @Test
    void the_html_part_escapes_what_participants_typed_and_shows_the_branding(@TempDir Path dir) throws Exception {
        MailSettings settings = new MailSettings(f.settings.from(), Optional.empty(), f.settings.links(),
                new Branding("Hogeschool Utrecht", Optional.of(URI.create("https://www.hu.example.org/logo.png")),
                        "#e30613", Optional.of(LocalizedText.of("HU privacyverklaring", "HU privacy statement"))),
                TemplateSource.shipped(), "hu.example.org");

        MimeMessage message = sendOne(settings, dir.resolve("mail"));

        String html = MessageTypesTest.body((MimeMultipart) message.getContent(), "text/html");
        assertThat(html).contains("&lt;b&gt;Anna&lt;/b&gt; &amp; co").doesNotContain("<b>Anna</b>");
        assertThat(html).contains("https://www.hu.example.org/logo.png").contains("#e30613")
                .contains("HU privacyverklaring");
        String text = MessageTypesTest.body((MimeMultipart) message.getContent(), "text/plain");
        assertThat(text).contains("<b>Anna</b> & co");
    }
    @Test
    void the_event_messages_follow_the_institutions_texts_and_layout(@TempDir Path dir) throws Exception {
        Path layouts = Files.createDirectories(dir.resolve("layouts"));
        Files.writeString(layouts.resolve("layout.text.mustache"), "{{greeting}}\n{{lead}}\nHUISSTIJL\n");
        TemplateSource both = name -> name.endsWith(".properties")
                ? TemplateSource.classPath("/institution-templates", getClass().getClassLoader()).read(name)
                : TemplateSource.folder(layouts).read(name);
        Event event = f.publish(meeting("overrides-event", 10).build());
        f.register(event, "Anna", "anna@hu.example.org", Messages.DUTCH);
        f.register(event, "Bram", "bram@hu.example.org", Messages.ENGLISH);
        f.engine.organising().message(new ParticipantMessage(event.id(),
                ParticipantMessage.Audience.CONFIRMED_AND_WAITING, LocalizedText.of("Voorbereiding", "Preparation"),
                LocalizedText.of("Neem je laptop mee.", "Bring your laptop.")), "organiser");
        f.engine.events().cancel(event.id(), "De zaal is onder water gelopen.", "organiser");
        Path folder = dir.resolve("mail");
        MailDispatcher.builder(f.storage, f.catalogue, f.storage, FileMailer.into(folder),
                f.settings.withTemplates(both), f.clock).build().runOnce();

        Map<String, String> textBySubject = new HashMap<>();
        try (var listing = Files.list(folder)) {
            for (Path file : listing.toList()) {
                try (var in = Files.newInputStream(file)) {
                    MimeMessage message = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                            in);
                    textBySubject.put(message.getSubject(),
                            MessageTypesTest.body((MimeMultipart) message.getContent(), "text/plain"));
                }
            }
        }

        assertThat(textBySubject.get("[Learning Communities in hbo en mbo] Voorbereiding"))
                .contains("Neem je laptop mee.").contains("HUISSTIJL");
        assertThat(textBySubject.get("Gaat niet door: Learning Communities in hbo en mbo"))
                .contains("De organisatie laat weten:").contains("De zaal is onder water gelopen.")
                .contains("HUISSTIJL");
        assertThat(textBySubject.get("Preparation")).contains("Bring your laptop.").contains("HUISSTIJL");
        assertThat(textBySubject.get("The meeting is cancelled: Learning Communities in hbo and mbo"))
                .contains("The organisers explain:").contains("De zaal is onder water gelopen.");
    }
}
