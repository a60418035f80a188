package nl.learningcommunities.registration.mail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 * <p>A batch in which every message went through leaves its connection open for the next batch, for up to
 * {@link #KEPT_OPEN}, after which it is closed; the next batch checks it with a NOOP before using it, and opens a
 * new one when it does not answer. {@link #close()} closes it at once. Write time-outs and the closing of kept
 * connections are timed on one daemon thread shared by all mailers.
 *
 * <p>Thread-safe: each batch uses a connection of its own; one is kept for the next.
 */
public final class SmtpMailer implements Mailer, AutoCloseable {

    /**
     * How long a connection is kept open after a batch for the next one: long enough for a dispatcher working
     * through a backlog, well within the minutes a server lets a connection idle.
     */
    static final Duration KEPT_OPEN = Duration.ofSeconds(10);

    /**
     * Where every mailer's write time-outs are timed, and its kept connection closed once {@link #KEPT_OPEN} has
     * passed: one daemon thread, which exists only while there is something to time. (Left to itself, Jakarta Mail
     * starts a thread of its own for every connection with a write time-out, which also keeps the JVM from
     * exiting while such a connection is open.)
     */
    private static final ScheduledThreadPoolExecutor TIMERS = timers();

    /** The result of a message the dispatcher withheld. */
    static final String WITHHELD = "not sent: the dispatcher withheld it";

    private final SmtpSettings settings;
    private final Session session;
    private final String protocol;
    private final AtomicReference<Kept> kept = new AtomicReference<>();

    /** A connection open since a moment ({@link System#nanoTime()}). */
    private record Kept(Transport transport, long since) {
    }

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
        p.put(prefix + "executor.writetimeout", TIMERS);
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
        boolean clean = false;
        try {
            transport = open();
            clean = true;
            for (MimeMessage message : messages) {
                if (!mayStillSend.test(results.size())) {
                    results.add(new DeliveryResult.TemporaryFailure(WITHHELD));
                    continue;
                }
                DeliveryResult result = sendOne(transport, message);
                results.add(result);
                clean &= result instanceof DeliveryResult.Delivered;
                // isConnected() costs a NOOP round trip, so it is asked only after a failure, when the server
                // may have closed the connection (421); the next message then goes over a new one.
                if (!(result instanceof DeliveryResult.Delivered) && results.size() < messages.size()
                        && !transport.isConnected()) {
                    transport.connect(settings.host(), settings.port(), settings.username().orElse(null),
                            settings.password().orElse(null));
                }
            }
        } catch (MessagingException e) {
            clean = false;
            String answer = "cannot connect to " + settings.host() + ":" + settings.port() + ": " + describe(e);
            while (results.size() < messages.size()) {
                results.add(new DeliveryResult.TemporaryFailure(answer));
            }
        } finally {
            if (clean) {
                keep(transport);
            } else {
                close(transport);
            }
        }
        return results;
    }

    /**
     * The connection kept open after the last batch, when it is recent and the server still answers a NOOP;
     * otherwise a new one. Opening a connection costs round trips (and a TLS handshake with STARTTLS or SMTPS),
     * a cost that batches of ten messages paid again and again.
     */
    private Transport open() throws MessagingException {
        Kept idle = kept.getAndSet(null);
        if (idle != null) {
            if (System.nanoTime() - idle.since() < KEPT_OPEN.toNanos() && idle.transport().isConnected()) {
                return idle.transport();
            }
            close(idle.transport());
        }
        Transport transport = session.getTransport(protocol);
        transport.connect(settings.host(), settings.port(), settings.username().orElse(null),
                settings.password().orElse(null));
        return transport;
    }

    /**
     * Keeps a connection open for the next batch, after a batch in which every message went through, and closes it
     * when no batch took it within {@link #KEPT_OPEN}.
     */
    private void keep(Transport transport) {
        Kept mine = new Kept(transport, System.nanoTime());
        Kept previous = kept.getAndSet(mine);
        if (previous != null) {
            close(previous.transport());
        }
        try {
            TIMERS.schedule(() -> {
                if (kept.compareAndSet(mine, null)) {
                    close(mine.transport());
                }
            }, KEPT_OPEN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            if (kept.compareAndSet(mine, null)) {
                close(transport);
            }
        }
    }

    private static ScheduledThreadPoolExecutor timers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "smtp-timers");
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        timers.setKeepAliveTime(30, TimeUnit.SECONDS);
        timers.allowCoreThreadTimeOut(true);
        return timers;
    }

    /** Closes the connection kept open for the next batch, if any. The mailer may still send afterwards. */
    @Override
    public void close() {
        Kept idle = kept.getAndSet(null);
        if (idle != null) {
            close(idle.transport());
        }
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
