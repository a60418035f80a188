package nl.learningcommunities.registration.examples.quickstart;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.inmemory.InMemoryEventCatalogue;
import nl.learningcommunities.registration.inmemory.InMemoryStorage;
import nl.learningcommunities.registration.json.EventDefinitions;
import nl.learningcommunities.registration.rule.Messages;

/** Wires the engine, loads the seed programme, registers, cancels, and prints what happened. */
public final class Quickstart {

    private static final String BROAD = "brede-bijeenkomst-2021-06-09";

    public static void main(String[] args) {
        InMemoryStorage storage = InMemoryStorage.create();
        RegistrationEngine engine = RegistrationEngine.builder()
                .eventCatalogue(InMemoryEventCatalogue.create())
                .registrationStore(storage)
                .notificationOutbox(storage)
                // The seed programme lies in 2021: stand in May 2021, while registration is open.
                .clock(Clock.fixed(Instant.parse("2021-05-10T08:00:00Z"), ZoneId.of("Europe/Amsterdam")))
                .build();
        engine.events().publishAll(EventDefinitions.create()
                .readResource("/nl/learningcommunities/registration/programmes/learning-communities-2021.json"));
        engine.organising().changeCapacity(BROAD, Optional.empty(), OptionalInt.of(2), "melina");
        System.out.println("Published: " + engine.events().all().size() + " events; " + BROAD + " has 2 seats.");

        UUID anna = register(engine, "Anna", "anna@hu.example.org", "Hogeschool Utrecht", "projectleider", "hbo");
        register(engine, "Bram", "bram@roc.example.org", "ROC Voorbeeld", "bestuurder", "mbo");
        register(engine, "Tom", "tom@student.example.org", "Hogeschool Utrecht", "student", "hbo");
        UUID sanne = register(engine, "Sanne", "sanne@roc.example.org", "ROC Voorbeeld", "beleidsmedewerker", "mbo");

        String annasLink = storage.about(anna).get(0).notification().token().orElseThrow().secret();
        System.out.println("Anna cancels from her e-mail: " + engine.registrations().cancel(anna, annasLink)
                .getClass().getSimpleName());
        System.out.println("Sanne is now " + storage.find(sanne).orElseThrow().status());

        System.out.println("E-mails waiting in the outbox for the mail dispatcher:");
        for (UUID id : new UUID[] {anna, sanne}) {
            storage.about(id).forEach(entry -> System.out.printf("  %-27s to %s%n",
                    entry.notification().type(), entry.notification().recipient()));
        }
    }

    private static UUID register(RegistrationEngine engine, String name, String email, String organisation,
                                 String role, String sector) {
        RegisterCommand command = RegisterCommand.of(BROAD, new ParticipantDetails(name, "Voorbeeld", email,
                        organisation, role, sector, Locale.forLanguageTag("nl")))
                .withAnswers(Map.of("board-representative", role.equals("bestuurder")))
                .withInvitationCode("LC-BREED-2021");
        RegistrationOutcome outcome = engine.registrations().register(command);
        if (outcome instanceof RegistrationOutcome.Refused refused) {
            System.out.println(name + ": refused: " + refused.reasons().get(0).message(Messages.DUTCH));
            return null;
        }
        String shown = outcome instanceof RegistrationOutcome.Waitlisted w
                ? "WAITLISTED at position " + w.position() : outcome.getClass().getSimpleName().toUpperCase();
        System.out.println(name + ": " + shown);
        return outcome instanceof RegistrationOutcome.Confirmed c ? c.registration().id()
                : ((RegistrationOutcome.Waitlisted) outcome).registration().id();
    }
}
