package nl.learningcommunities.registration.mail;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import nl.learningcommunities.registration.event.LocalizedText;

/**
 * How the institution's e-mail looks: the name it signs with, its logo, its colour, and a footer.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sender        the name the messages are signed with, for example "Learning Communities hbo en mbo"
 * @param logoUrl       an absolute URL of the logo (the HTML part shows it), if any
 * @param primaryColour the accent colour, as a CSS hex colour such as {@code #00558c}
 * @param footer        the footer per language, if any (for example the privacy statement)
 */
public record Branding(String sender, Optional<URI> logoUrl, String primaryColour, Optional<LocalizedText> footer) {

    /** Checks the components. */
    public Branding {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(logoUrl, "logoUrl");
        Objects.requireNonNull(primaryColour, "primaryColour");
        Objects.requireNonNull(footer, "footer");
        if (!primaryColour.matches("#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?")) {
            throw new IllegalArgumentException("primaryColour must be a CSS hex colour such as #00558c");
        }
    }

    /**
     * @param sender the name the messages are signed with
     * @return plain branding: no logo, a dark blue accent, no footer
     */
    public static Branding plain(String sender) {
        return new Branding(sender, Optional.empty(), "#00558c", Optional.empty());
    }
}
