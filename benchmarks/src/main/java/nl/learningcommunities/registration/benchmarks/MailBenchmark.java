package nl.learningcommunities.registration.benchmarks;


import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.inmemory.InMemoryEventCatalogue;
import nl.learningcommunities.registration.inmemory.InMemoryStorage;
import nl.learningcommunities.registration.mail.Branding;
import nl.learningcommunities.registration.mail.DeliveryResult;
import nl.learningcommunities.registration.mail.Links;
import nl.learningcommunities.registration.mail.MailDispatcher;
import nl.learningcommunities.registration.mail.MailSettings;
import nl.learningcommunities.registration.mail.Mailer;
import nl.learningcommunities.registration.mail.SmtpMailer;
import nl.learningcommunities.registration.mail.SmtpSettings;
import nl.learningcommunities.registration.participant.EmailAddress;

/** Dispatching queued notifications to GreenMail, against a bare Jakarta Mail loop over one connection. */
final class MailBenchmark {

    /**
     * Both loops once on a smaller batch first, unmeasured: the first message a JVM renders loads the templates, the
     * calendar's time zones and the MIME classes, close to a second on two cores, which the dispatcher would pay
     * alone and the bare loop, sending what the dispatcher rendered, never.
     */
    static List<Row> run(int notifications) throws Exception {
        once(Math.max(1, notifications / 4));
        return once(notifications);
    }

    private static List<Row> once(int notifications) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            InMemoryStorage storage = InMemoryStorage.create();
            InMemoryEventCatalogue catalogue = InMemoryEventCatalogue.create();
            RegistrationEngine engine = RegistrationEngine.builder().eventCatalogue(catalogue).registrationStore(storage)
                    .notificationOutbox(storage).clock(Library.CLOCK).build();
            engine.events().publish(Library.event("mail", notifications));
            for (int n = 0; n < notifications; n++) {
                engine.registrations().register(RegisterCommand.of("mail", new ParticipantDetails("Deelnemer",
                        "Nummer " + n, "p" + n + "@bench.example.org", "Hogeschool", "projectleider", "hbo",
                        Locale.forLanguageTag("nl"))));
            }
            MailSettings settings = MailSettings.of(EmailAddress.of("aanmelden@bench.example.org"),
                    Links.under(URI.create("https://portal.example.org")), Branding.plain("Benchmark"));
            SmtpMailer smtpMailer = SmtpMailer.create(SmtpSettings.of("127.0.0.1", port, SmtpSettings.Security.NONE));

            List<MimeMessage> rendered = new ArrayList<>();
            Mailer capture = new Mailer() {
                @Override
                public Session session() {
                    return smtpMailer.session();
                }

                @Override
                public List<DeliveryResult> send(List<MimeMessage> messages) {
                    List<DeliveryResult> results = smtpMailer.send(messages);
                    rendered.addAll(messages);
                    return results;
                }
            };
            // GreenMail makes a mailbox the first time an address receives mail, looked up by a linear search and
            // logged; made here, before either loop is timed, so that neither pays for the test server's bookkeeping.
            for (int n = 0; n < notifications; n++) {
                smtp.setUser("p" + n + "@bench.example.org", "p" + n);
            }
            MailDispatcher dispatcher = MailDispatcher.builder(storage, catalogue, storage, capture, settings,
                    Library.CLOCK).batchSize(200).build();
            long began = System.nanoTime();
            int sent = 0;
            for (int settled = dispatcher.runOnce(); settled > 0; settled = dispatcher.runOnce()) {
                sent += settled;
            }
            double library = sent / ((System.nanoTime() - began) / 1e9);
            smtp.waitForIncomingEmail(60_000, notifications);
            int libraryReceived = smtp.getReceivedMessages().length;

            Session session = Session.getInstance(new Properties());
            long bareBegan = System.nanoTime();
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect("127.0.0.1", port, null, null);
                for (MimeMessage message : rendered) {
                    transport.sendMessage(message, message.getAllRecipients());
                }
            }
            double bare = rendered.size() / ((System.nanoTime() - bareBegan) / 1e9);
            smtp.waitForIncomingEmail(60_000, notifications * 2);

            boolean correct = sent == notifications && libraryReceived == notifications
                    && smtp.getReceivedMessages().length == notifications * 2;
            return List.of(
                    new Row("mail", "greenmail", "library-dispatcher", 1, notifications, 0, 1, library, 0, 0, sent, 0,
                            0, notifications - libraryReceived, 0, null, correct,
                            "renders, sends in batches of 200, settles the outbox"),
                    new Row("mail", "greenmail", "bare-jakarta-mail", 1, notifications, 0, 1, bare, 0, 0,
                            rendered.size(), 0, 0, 0, 0, null, correct, "the same messages, pre-rendered, one connection"));
        } finally {
            smtp.stop();
        }
    }

    private MailBenchmark() {
    }

}
