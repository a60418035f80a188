package nl.learningcommunities.registration.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.IntPredicate;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends over SMTP with Jakarta Mail (Eclipse Angus): plain, STARTTLS or SMTPS, with or without a login, with
 * connect, read and write time-outs always set, one connection per batch. A 4xx answer or a lost connection is a
 * temporary failure; a 5xx answer is permanent.
 *
 * <p>Thread-safe: each batch uses a connection of its own.
 */
public final class SmtpMailer implements Mailer {

    /** The result of a message the dispatcher withheld. */
    static final String WITHHELD = "not sent: the dispatcher withheld it";

    private final SmtpSettings settings;
    private final Session session;
    private final String protocol;

    private SmtpMailer(SmtpSettings settings) {
        this.settings = settings;
        this.protocol = settings.security() == SmtpSettings.Security.SMTPS ? "smtps" : "smtp";
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        p.put("mail.transport.protocol", protocol);
        p.put(prefix + "host", settings.host());
        p.put(prefix + "port", String.valueOf(settings.port()));
        p.put(prefix + "auth", String.valueOf(settings.username().isPresent()));
        p.put(prefix + "connectiontimeout", String.valueOf(settings.connectTimeout().toMillis()));
        p.put(prefix + "timeout", String.valueOf(settings.readTimeout().toMillis()));
        p.put(prefix + "writetimeout", String.valueOf(settings.writeTimeout().toMillis()));
        if (settings.security() == SmtpSettings.Security.STARTTLS) {
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        if (settings.security() != SmtpSettings.Security.NONE) {
            if (settings.trustAnyCertificate()) {
                p.put(prefix + "ssl.trust", "*");
                p.put(prefix + "ssl.checkserveridentity", "false");
            } else {
                p.put(prefix + "ssl.checkserveridentity", "true");
            }
        }
        this.session = Session.getInstance(p);
    }

    /**
     * @param settings how to reach the server
     * @return the mailer
     */
    public static SmtpMailer create(SmtpSettings settings) {
        return new SmtpMailer(Objects.requireNonNull(settings, "settings"));
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public List<DeliveryResult> send(List<MimeMessage> messages) {
        return send(messages, i -> true);
    }

    @Override
    public List<DeliveryResult> send(List<MimeMessage> messages, IntPredicate mayStillSend) {
        List<DeliveryResult> results = new ArrayList<>();
        if (messages.isEmpty()) {
            return results;
        }
        Transport transport = null;
        try {
            transport = session.getTransport(protocol);
            transport.connect(settings.host(), settings.port(), settings.username().orElse(null),
                    settings.password().orElse(null));
            for (MimeMessage message : messages) {
                if (!mayStillSend.test(results.size())) {
                    results.add(new DeliveryResult.TemporaryFailure(WITHHELD));
                    continue;
                }
                DeliveryResult result = sendOne(transport, message);
                results.add(result);
                // isConnected() costs a NOOP round trip, so it is asked only after a failure, when the server
                // may have closed the connection (421); the next message then goes over a new one.
                if (!(result instanceof DeliveryResult.Delivered) && results.size() < messages.size()
                        && !transport.isConnected()) {
                    transport.connect(settings.host(), settings.port(), settings.username().orElse(null),
                            settings.password().orElse(null));
                }
            }
        } catch (MessagingException e) {
            String answer = "cannot connect to " + settings.host() + ":" + settings.port() + ": " + describe(e);
            while (results.size() < messages.size()) {
                results.add(new DeliveryResult.TemporaryFailure(answer));
            }
        } finally {
            close(transport);
        }
        return results;
    }

    private static DeliveryResult sendOne(Transport transport, MimeMessage message) {
        try {
            transport.sendMessage(message, message.getAllRecipients());
            return new DeliveryResult.Delivered();
        } catch (MessagingException e) {
            int code = returnCode(e, transport);
            String answer = describe(e);
            if (code >= 500 && code < 600) {
                return new DeliveryResult.PermanentFailure(answer);
            }
            return new DeliveryResult.TemporaryFailure(answer);
        }
    }

    private static int returnCode(MessagingException e, Transport transport) {
        for (java.lang.Exception x = e; x != null;
             x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPSendFailedException f) {
                return f.getReturnCode();
            }
            if (x instanceof SMTPAddressFailedException f) {
                return f.getReturnCode();
            }
        }
        return transport instanceof SMTPTransport smtp ? smtp.getLastReturnCode() : -1;
    }

    static String describe(MessagingException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        Throwable cause = e.getCause() != null ? e.getCause() : e.getNextException();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += " (" + cause.getMessage().strip() + ")";
        }
        return message.length() > 500 ? message.substring(0, 500) : message;
    }

    private static void close(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the connection is gone either way
            }
        }
    }
}
