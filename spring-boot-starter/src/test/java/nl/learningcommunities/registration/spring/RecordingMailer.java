package nl.learningcommunities.registration.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import nl.learningcommunities.registration.mail.DeliveryResult;
import nl.learningcommunities.registration.mail.Mailer;

/**
 * A mailer that keeps what it is handed, batch by batch, by recipient. A holding one keeps each message, once the
 * dispatcher said it may still go, until the test opens it: a slow mail server. A greylisting one delivers nothing.
 * Like the library's mailers it asks the dispatcher before each message. Thread-safe.
 */
final class RecordingMailer implements Mailer {

    private final Session session = Session.getInstance(new Properties());
    private final CountDownLatch gate;
    private final DeliveryResult answer;
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger finishedBatches = new AtomicInteger();

    private RecordingMailer(boolean holding, DeliveryResult answer) {
        this.gate = new CountDownLatch(holding ? 1 : 0);
        this.answer = answer;
    }

    /** @return a mailer that delivers at once */
    static RecordingMailer delivering() {
        return new RecordingMailer(false, new DeliveryResult.Delivered());
    }

    /** @return a mailer that holds every message until {@link #open()} */
    static RecordingMailer holding() {
        return new RecordingMailer(true, new DeliveryResult.Delivered());
    }

    /** @return a mailer whose server answers every message with "try again later" */
    static RecordingMailer greylisting() {
        return new RecordingMailer(false, new DeliveryResult.TemporaryFailure("451 4.7.1 greylisted, try again later"));
    }

    /** Lets the held messages, and every later one, through. */
    void open() {
        gate.countDown();
    }

    /** @return how many messages wait at the closed gate */
    int held() {
        return held.get();
    }

    /** @return the recipients of each batch handed to this mailer, in order */
    List<List<String>> batches() {
        return List.copyOf(batches);
    }

    /** @return the recipients of the messages delivered, in order */
    List<String> delivered() {
        return List.copyOf(delivered);
    }

    /** @return how many batches were handed back to the dispatcher with their results */
    int finishedBatches() {
        return finishedBatches.get();
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
        List<String> recipients = messages.stream().map(RecordingMailer::recipient).toList();
        batches.add(recipients);
        List<DeliveryResult> results = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!mayStillSend.test(i)) {
                results.add(new DeliveryResult.TemporaryFailure("withheld by the dispatcher"));
                continue;
            }
            results.add(deliver(recipients.get(i)));
        }
        finishedBatches.incrementAndGet();
        return results;
    }

    private DeliveryResult deliver(String recipient) {
        held.incrementAndGet();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                return new DeliveryResult.TemporaryFailure("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryResult.TemporaryFailure("interrupted");
        } finally {
            held.decrementAndGet();
        }
        if (answer instanceof DeliveryResult.Delivered) {
            delivered.add(recipient);
        }
        return answer;
    }

    private static String recipient(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            if (to == null || to.length == 0) {
                return "";
            }
            return to[0] instanceof InternetAddress address ? address.getAddress() : to[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
