package nl.learningcommunities.registration.mail;

import java.util.List;
import java.util.function.IntPredicate;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends MIME messages: over SMTP ({@link SmtpMailer}), or into a folder while developing ({@link FileMailer}).
 * Implementations must be thread-safe.
 *
 * <p>The list {@link MailDispatcher} hands over fills while it is read: its messages are rendered one after the
 * other while the first ones are already being sent. A mailer that reads it front to back through its iterator
 * (as {@code SmtpMailer} and {@code FileMailer} do) starts sending at once; asking for its size, or for a message
 * further on, waits until the batch is rendered, and works as well, only without the overlap.
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

    /**
     * Sends a batch, over one connection where there is one, asking just before each message whether it may still
     * go: the dispatcher answers no once its claim on the message was taken over or is about to lapse, or when it
     * is closing, and such a message is not handed to the server. {@link SmtpMailer} and {@link FileMailer} ask;
     * this default, for mailers that do not, sends the whole batch with {@link #send(List)}.
     *
     * @param messages     the messages
     * @param mayStillSend asked with a message's index just before it would be handed to the server
     * @return a result per message, in the same order; a message not sent because the answer was no has a
     *         {@link DeliveryResult.TemporaryFailure}
     */
    default List<DeliveryResult> send(List<MimeMessage> messages, IntPredicate mayStillSend) {
        return send(messages);
    }
}
