package nl.learningcommunities.registration.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A mail server in memory, shared by the nodes of a test: keeps the {@code Message-ID} of every message handed to it,
 * and asks the dispatcher before each one. Reads a batch front to back, as {@link SmtpMailer} does, so that it
 * takes each message as soon as the dispatcher has rendered it. Subclasses make it slow with {@link #deliver}. Thread-safe.
 */
class RecordingServer implements Mailer {

    private final Session session = Session.getInstance(new Properties());
    private final List<String> received;

    /** @param received where every node's messages arrive */
    RecordingServer(List<String> received) {
        this.received = received;
    }

    /** @return a list for {@link #RecordingServer(List)} */
    static List<String> inbox() {
        return new CopyOnWriteArrayList<>();
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public List<DeliveryResult> send(List<MimeMessage> messages) {
        return send(messages, i -> true);
    }

    /**
     * Overrides {@code Mailer.send(List, IntPredicate)}; without {@code @Override}, so that it also builds on the
     * Mailer from before that method.
     */
    public List<DeliveryResult> send(List<MimeMessage> messages, IntPredicate mayStillSend) {
        List<DeliveryResult> results = new ArrayList<>();
        for (MimeMessage message : messages) {
            if (mayStillSend.test(results.size())) {
                deliver(message);
                results.add(new DeliveryResult.Delivered());
            } else {
                results.add(new DeliveryResult.TemporaryFailure("withheld"));
            }
        }
        return results;
    }

    /** @param message a message handed to the server */
    void deliver(MimeMessage message) {
        received.add(id(message));
    }

    static String id(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the ids that arrived more than once */
    static List<String> twice(List<String> received) {
        return received.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    /** Waits for a latch, however often interrupted: a node that hangs. */
    static void hang(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
