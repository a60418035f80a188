package nl.learningcommunities.registration.examples.quickstart;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

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

/** The engine on an H2 file database and the .eml mailer: the seed programme, four registrations, a cancellation. */
public final class Quickstart {

    private static final String BROAD = "brede-bijeenkomst-2021-06-09";

    public static void main(String[] args) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:./data/quickstart");
        JdbcStorage storage = JdbcStorage.builder(h2).build();
        storage.migrate();
        // The seed programme lies in 2021: stand in May 2021, while its registration is open.
        Clock clock = Clock.fixed(Instant.parse("2021-05-10T08:00:00Z"), ZoneId.of("Europe/Amsterdam"));
        RegistrationEngine engine = RegistrationEngine.builder().eventCatalogue(storage.eventCatalogue())
                .registrationStore(storage).notificationOutbox(storage).clock(clock).build();
        engine.events().publishAll(EventDefinitions.create()
                .readResource("/nl/learningcommunities/registration/programmes/learning-communities-2021.json"));
        engine.organising().changeCapacity(BROAD, Optional.empty(), OptionalInt.of(2), "melina");

        var anna = register(engine, "Anna", "anna@hu.example.org", "projectleider", "hbo");
        register(engine, "Bram", "bram@roc.example.org", "bestuurder", "mbo");
        register(engine, "Tom", "tom@student.example.org", "student", "hbo");
        var sanne = register(engine, "Sanne", "sanne@roc.example.org", "beleidsmedewerker", "mbo");
        anna.ifPresent(id -> System.out.println("Anna cancels from her e-mail: " + engine.registrations()
                .cancel(id, storage.about(id).get(0).notification().token().orElseThrow().secret())
                .getClass().getSimpleName()));
        sanne.ifPresent(id -> System.out.println("Sanne is now " + storage.find(id).orElseThrow().status()));

        Path mail = Path.of("data", "mail");
        MailSettings settings = MailSettings.of(EmailAddress.of("aanmelden@learningcommunities.example.org"),
                Links.under(URI.create("http://localhost:8080")), Branding.plain("Learning Communities hbo en mbo"));
        int sent = MailDispatcher.builder(storage, storage.eventCatalogue(), storage, FileMailer.into(mail), settings,
                clock).build().runOnce();
        System.out.println(sent + " e-mails written to " + mail.toAbsolutePath() + "; the data is in ./data/");
    }

    private static Optional<java.util.UUID> register(RegistrationEngine engine, String name, String email,
                                                     String role, String sector) {
        RegistrationOutcome outcome = engine.registrations().register(RegisterCommand.of(BROAD,
                        new ParticipantDetails(name, "Voorbeeld", email, "Hogeschool Utrecht", role, sector,
                                Locale.forLanguageTag("nl")))
                .withAnswers(Map.of("board-representative", role.equals("bestuurder")))
                .withInvitationCode("LC-BREED-2021"));
        if (outcome instanceof RegistrationOutcome.Refused refused) {
            System.out.println(name + ": refused: " + refused.reasons().get(0).message(Messages.DUTCH));
            return Optional.empty();
        }
        System.out.println(name + ": " + (outcome instanceof RegistrationOutcome.Waitlisted w
                ? "WAITLISTED at position " + w.position() : outcome.getClass().getSimpleName().toUpperCase()));
        return Optional.of(outcome instanceof RegistrationOutcome.Confirmed c ? c.registration().id()
                : ((RegistrationOutcome.Waitlisted) outcome).registration().id());
    }
}
