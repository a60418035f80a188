package nl.learningcommunities.registration.mail;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import nl.learningcommunities.registration.participant.EmailAddress;

/**
 * What every message carries: the sender, where replies go, the links into the portal, the branding, and where
 * the institution's own templates are (they override the shipped ones file by file, key by key).
 *
 * <p>Immutable and thread-safe.
 *
 * @param from           the sender's address
 * @param replyTo        where replies go, if not to the sender (for example the event's contact)
 * @param links          links into the portal
 * @param branding       the look of the messages
 * @param templates      a folder with {@code layout.text.mustache}, {@code layout.html.mustache} and
 *                       {@code messages_nl.properties} / {@code messages_en.properties} overrides, if any
 * @param calendarDomain the domain of calendar UIDs and Message-IDs, for example the portal's host name
 */
public record MailSettings(EmailAddress from, Optional<EmailAddress> replyTo, Links links, Branding branding,
                           Optional<Path> templates, String calendarDomain) {

    /** Checks the components. */
    public MailSettings {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(branding, "branding");
        Objects.requireNonNull(templates, "templates");
        Objects.requireNonNull(calendarDomain, "calendarDomain");
        if (!calendarDomain.matches("[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException("calendarDomain must be a host name");
        }
    }

    /**
     * @param from     the sender
     * @param links    links into the portal
     * @param branding the look
     * @return settings with replies to the sender, the shipped templates, and the sender's domain for UIDs
     */
    public static MailSettings of(EmailAddress from, Links links, Branding branding) {
        return new MailSettings(from, Optional.empty(), links, branding, Optional.empty(), from.domain());
    }

    /**
     * @param folder a folder of template overrides
     * @return a copy that reads overrides from it
     */
    public MailSettings withTemplates(Path folder) {
        return new MailSettings(from, replyTo, links, branding, Optional.of(folder), calendarDomain);
    }
}
