package nl.learningcommunities.registration.mail;

import java.util.List;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends MIME messages: over SMTP ({@link SmtpMailer}), or into a folder while developing ({@link FileMailer}).
 * Implementations must be thread-safe.
 */
public interface Mailer {

    /** @return the Jakarta Mail session messages are built in */
    Session session();

    /**
     * Sends a batch, over one connection where there is one.
     *
     * @param messages the messages
     * @return a result per message, in the same order; never throws for a message that could not be sent
     */
    List<DeliveryResult> send(List<MimeMessage> messages);
}
