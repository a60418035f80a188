package nl.learningcommunities.registration.mail;

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
 * @param templates      the institution's template overrides (a folder, or a class-path folder)
 * @param calendarDomain the domain of calendar UIDs and Message-IDs, for example the portal's host name
 */
public record MailSettings(EmailAddress from, Optional<EmailAddress> replyTo, Links links, Branding branding,
                           TemplateSource templates, String calendarDomain) {

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
        return new MailSettings(from, Optional.empty(), links, branding, TemplateSource.shipped(), from.domain());
    }

    /**
     * @param templates where the institution's template overrides are
     * @return a copy that reads overrides from there
     */
    public MailSettings withTemplates(TemplateSource templates) {
        return new MailSettings(from, replyTo, links, branding, templates, calendarDomain);
    }

    /**
     * @param replyTo where replies go
     * @return a copy with that reply-to address
     */
    public MailSettings withReplyTo(EmailAddress replyTo) {
        return new MailSettings(from, Optional.of(replyTo), links, branding, templates, calendarDomain);
    }
}
