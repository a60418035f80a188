package nl.learningcommunities.registration.examples.portal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import nl.learningcommunities.registration.rule.Messages;

/** The portal's own texts ({@code messages.properties}, Dutch in {@code messages_nl.properties}). */
final class PortalMessages {

    private PortalMessages() {
    }

    static String text(String key, Locale locale, String fallback, Object... args) {
        try {
            ResourceBundle bundle = ResourceBundle.getBundle("messages", Messages.supported(locale),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            return new MessageFormat(bundle.getString(key), bundle.getLocale()).format(args);
        } catch (MissingResourceException e) {
            return fallback;
        }
    }
}
