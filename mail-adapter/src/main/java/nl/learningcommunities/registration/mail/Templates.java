package nl.learningcommunities.registration.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.rule.Messages;

/**
 * The message texts: the shipped Dutch and English texts and layouts, overridden file by file and key by key by
 * the institution's folder. Rendered with JMustache; in the HTML part every value is escaped, and in the greeting
 * and opening paragraph every line break, in the text or in a value (an organiser's message, a cancellation
 * reason), becomes a {@code <br>}. Thread-safe.
 */
final class Templates {

    private static final String BASE = "/nl/learningcommunities/registration/mail/templates/";
    /** The largest buffer a thread keeps for writing layouts, in characters. */
    private static final int KEPT_BUFFER = 64 * 1024;
    private static final ThreadLocal<Buffer> BUFFER = ThreadLocal.withInitial(Buffer::new);
    /** A line break in a text: CR LF, CR, LF, or a Unicode line or paragraph separator. */
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|[\\r\\n\\x{2028}\\x{2029}]");

    /** A rendered message. */
    record Rendered(String subject, String text, String html) {
    }

    private final Mustache.Compiler text = Mustache.compiler().escapeHTML(false).defaultValue("");
    private final Mustache.Compiler html = Mustache.compiler().escapeHTML(true).defaultValue("");
    private final Template textLayout;
    private final Template htmlLayout;
    private final Map<String, Properties> messages;
    private final Map<String, Template> compiled = new java.util.concurrent.ConcurrentHashMap<>();

    Templates(TemplateSource overrides) {
        this.textLayout = text.compile(source("layout.text.mustache", overrides));
        this.htmlLayout = html.compile(source("layout.html.mustache", overrides));
        this.messages = Map.of("nl", messages("nl", overrides), "en", messages("en", overrides));
    }

    String label(Locale locale, String key) {
        return properties(locale).getProperty(key, key);
    }

    Rendered render(NotificationType type, Locale locale, Map<String, Object> context) {
        Properties p = properties(locale);
        String subjectSource = require(p, type.name() + ".subject");
        String leadSource = require(p, type.name() + ".lead");
        String greetingSource = require(p, type.toOrganiser() ? "greeting.organiser"
                : type == NotificationType.INVITATION || type == NotificationType.VERIFY_NEW_EMAIL
                ? "greeting.invitation" : "greeting");
        String subject = snippet(false, subjectSource).execute(context);
        Map<String, Object> forText = new java.util.HashMap<>(context);
        forText.put("subject", subject);
        forText.put("lead", snippet(false, leadSource).execute(context));
        forText.put("greeting", snippet(false, greetingSource).execute(context));
        Map<String, Object> forHtml = new java.util.HashMap<>(context);
        forHtml.put("subject", subject);
        forHtml.put("lead", breaks(snippet(true, leadSource).execute(context)));
        forHtml.put("greeting", breaks(snippet(true, greetingSource).execute(context)));
        return new Rendered(subject, execute(textLayout, forText), execute(htmlLayout, forHtml));
    }

    /**
     * A layout written into the thread's buffer, which keeps its size from one message to the next instead of
     * growing from nothing for each; a buffer grown past {@link #KEPT_BUFFER} by an outsized message is let go.
     */
    private static String execute(Template layout, Map<String, Object> context) {
        Buffer out = BUFFER.get();
        out.text.setLength(0);
        layout.execute(context, out);
        String written = out.text.toString();
        if (out.text.capacity() > KEPT_BUFFER) {
            BUFFER.remove();
        }
        return written;
    }

    /** A writer into a plain {@link StringBuilder}: one thread's, never shared. */
    private static final class Buffer extends Writer {
        private final StringBuilder text = new StringBuilder(KEPT_BUFFER / 4);

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
        }

        @Override
        public void write(String string, int offset, int length) {
            text.append(string, offset, offset + length);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private Template snippet(boolean escaped, String source) {
        return compiled.computeIfAbsent((escaped ? "html:" : "text:") + source,
                key -> (escaped ? html : text).compile(source));
    }

    /** Turns the line breaks of an escaped HTML paragraph into {@code <br>}, so that they show. */
    static String breaks(String escaped) {
        return LINE_BREAK.matcher(escaped).replaceAll("<br>\n");
    }

    private Properties properties(Locale locale) {
        return messages.get(Messages.supported(locale).getLanguage());
    }

    private static String require(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("no message text for " + key);
        }
        return value;
    }

    private static Properties messages(String language, TemplateSource overrides) {
        Properties properties = new Properties();
        try (InputStream in = Templates.class.getResourceAsStream(BASE + "messages_" + language + ".properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Optional<String> own = overrides.read("messages_" + language + ".properties");
            if (own.isPresent()) {
                try (Reader reader = new java.io.StringReader(own.get())) {
                    properties.load(reader);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + language + " message texts", e);
        }
        return properties;
    }

    private static String source(String name, TemplateSource overrides) {
        Optional<String> own = overrides.read(name);
        if (own.isPresent()) {
            return own.get();
        }
        try {
            try (InputStream in = Templates.class.getResourceAsStream(BASE + name)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the template " + name, e);
        }
    }
}
