package nl.learningcommunities.registration.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For development without an SMTP server: writes each message as an {@code .eml} file into a folder (any mail
 * program opens it) and logs one line with the subject and the file. Thread-safe.
 */
public final class FileMailer implements Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(FileMailer.class);

    private final Path folder;
    private final Session session = Session.getInstance(new Properties());
    private final AtomicLong sequence = new AtomicLong();

    private FileMailer(Path folder) {
        this.folder = folder;
    }

    /**
     * @param folder where the files go; created when missing
     * @return the mailer
     */
    public static FileMailer into(Path folder) {
        return new FileMailer(Objects.requireNonNull(folder, "folder"));
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
        for (MimeMessage message : messages) {
            if (!mayStillSend.test(results.size())) {
                results.add(new DeliveryResult.TemporaryFailure(SmtpMailer.WITHHELD));
                continue;
            }
            try {
                Files.createDirectories(folder);
                String id = message.getMessageID() == null ? "message" : message.getMessageID()
                        .replaceAll("[^A-Za-z0-9.@-]", "");
                Path file = folder.resolve(String.format("%06d-%s.eml", sequence.incrementAndGet(), id));
                try (OutputStream out = Files.newOutputStream(file)) {
                    message.writeTo(out);
                }
                LOG.info("e-mail \"{}\" written to {}", message.getSubject(), file);
                results.add(new DeliveryResult.Delivered());
            } catch (IOException | MessagingException e) {
                results.add(new DeliveryResult.TemporaryFailure("cannot write to " + folder + ": " + e.getMessage()));
            }
        }
        return results;
    }
}
