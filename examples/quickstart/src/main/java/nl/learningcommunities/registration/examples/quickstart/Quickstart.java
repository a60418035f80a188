package nl.learningcommunities.registration.examples.quickstart;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.stream.Stream;

import org.h2.jdbcx.JdbcDataSource;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.jdbc.JdbcStorage;
import nl.learningcommunities.registration.json.EventDefinitions;
import nl.learningcommunities.registration.mail.Branding;
import nl.learningcommunities.registration.mail.FileMailer;
import nl.learningcommunities.registration.mail.Links;
import nl.learningcommunities.registration.mail.MailDispatcher;
import nl.learningcommunities.registration.mail.MailSettings;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.rule.Messages;

/**
 * The engine on an H2 file database and the .eml mailer: the seed programme, four registrations, a cancellation.
 * Its data lies in a folder of its own (the first argument, else {@code target/quickstart}), which every run
 * clears first, so that every run tells the same story.
 */
public final class Quickstart {

    private static final String BROAD = "brede-bijeenkomst-2021-06-09";

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "target/quickstart").toAbsolutePath().normalize();
        Path mail = folder.resolve("mail");
        startAfresh(folder, mail);
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + folder.resolve("quickstart"));
        JdbcStorage storage = JdbcStorage.builder(h2).build();
        storage.migrate();
        // The seed programme lies in 2021: stand in May 2021, while its registration is open.
        Clock clock = Clock.fixed(Instant.parse("2021-05-10T08:00:00Z"), ZoneId.of("Europe/Amsterdam"));
        RegistrationEngine engine = RegistrationEngine.builder().eventCatalogue(storage.eventCatalogue())
                .registrationStore(storage).notificationOutbox(storage).clock(clock).build();
        engine.events().publishAll(EventDefinitions.create()
                .readResource("/nl/learningcommunities/registration/programmes/learning-communities-2021.json"));
        engine.organising().changeCapacity(BROAD, Optional.empty(), OptionalInt.of(2), "melina");

        Optional<UUID> anna = register(engine, "Anna", "anna@hu.example.org", "projectleider", "hbo");
        register(engine, "Bram", "bram@roc.example.org", "bestuurder", "mbo");
        register(engine, "Tom", "tom@student.example.org", "student", "hbo");
        Optional<UUID> sanne = register(engine, "Sanne", "sanne@roc.example.org", "beleidsmedewerker", "mbo");
        anna.ifPresent(id -> System.out.println("Anna cancels from the link in her e-mail: " + engine.registrations()
                .cancel(id, storage.about(id).get(0).notification().token().orElseThrow().secret())
                .getClass().getSimpleName().toLowerCase(Locale.ROOT)));
        sanne.ifPresent(id -> System.out.println("Sanne is now "
                + storage.find(id).orElseThrow().status().name().toLowerCase(Locale.ROOT)));

        MailSettings settings = MailSettings.of(EmailAddress.of("aanmelden@learningcommunities.example.org"),
                Links.under(URI.create("http://localhost:8080")), Branding.plain("Learning Communities hbo en mbo"));
        int sent = MailDispatcher.builder(storage, storage.eventCatalogue(), storage, FileMailer.into(mail), settings,
                clock).build().runOnce();
        System.out.println(sent + " e-mails, in the participants' language (Dutch), written to " + mail);
        System.out.println("The database is " + folder.resolve("quickstart.mv.db") + "; every run starts afresh.");
    }

    private static Optional<UUID> register(RegistrationEngine engine, String name, String email, String role,
                                           String sector) {
        RegistrationOutcome outcome = engine.registrations().register(RegisterCommand.of(BROAD,
                        new ParticipantDetails(name, "Voorbeeld", email, "Hogeschool Utrecht", role, sector,
                                Locale.forLanguageTag("nl")))
                .withAnswers(Map.of("board-representative", role.equals("bestuurder")))
                .withInvitationCode("LC-BREED-2021"));
        System.out.println(name + ": " + said(outcome));
        return outcome instanceof RegistrationOutcome.Confirmed c ? Optional.of(c.registration().id())
                : outcome instanceof RegistrationOutcome.Waitlisted w ? Optional.of(w.registration().id())
                : Optional.empty();
    }

    private static String said(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationOutcome.Waitlisted w) {   // position(): the place in line, not of arrival
            return "waiting list, place " + w.position() + " in line";
        }
        if (outcome instanceof RegistrationOutcome.Refused r) {
            return "refused: " + r.reasons().get(0).message(Messages.ENGLISH);
        }
        return outcome.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** Clears what the last run left, and only that: its database and its e-mails. */
    private static void startAfresh(Path folder, Path mail) throws IOException {
        Files.deleteIfExists(folder.resolve("quickstart.mv.db"));
        Files.deleteIfExists(folder.resolve("quickstart.trace.db"));
        if (Files.isDirectory(mail)) {
            try (Stream<Path> files = Files.list(mail)) {
                for (Path eml : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                    Files.delete(eml);
                }
            }
        }
    }
}
