package nl.learningcommunities.registration.mail;

import static nl.learningcommunities.registration.testing.TestEvents.NOW;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.inmemory.InMemoryEventCatalogue;
import nl.learningcommunities.registration.inmemory.InMemoryStorage;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.testing.MutableClock;
import nl.learningcommunities.registration.token.TokenGenerator;
import nl.learningcommunities.registration.token.TokenPurpose;
import nl.learningcommunities.registration.token.Tokens;

/** An engine on in-memory storage, and dispatchers that send its outbox to a test SMTP server. */
final class MailFixture {

    static final String DOMAIN = "portal.example.org";

    final MutableClock clock = MutableClock.at(NOW);
    final InMemoryStorage storage = InMemoryStorage.create();
    final InMemoryEventCatalogue catalogue = InMemoryEventCatalogue.create();
    final RegistrationEngine engine = RegistrationEngine.builder().eventCatalogue(catalogue)
            .registrationStore(storage).notificationOutbox(storage).clock(clock).build();
    final MailSettings settings = new MailSettings(EmailAddress.of("aanmelden@portal.example.org"), Optional.empty(),
            Links.under(URI.create("https://portal.example.org/registratie")),
            new Branding("Learning Communities hbo en mbo", Optional.empty(), "#00558c",
                    Optional.of(LocalizedText.of("Privacyverklaring: zie de portal.", "Privacy: see the portal."))),
            TemplateSource.shipped(), DOMAIN);

    MailDispatcher dispatcher(Mailer mailer, String name) {
        return MailDispatcher.builder(storage, catalogue, storage, mailer, settings, clock).claimant(name)
                .retries(Duration.ofSeconds(5), Duration.ofSeconds(60)).build();
    }

    static SmtpMailer smtp(int port) {
        return SmtpMailer.create(SmtpSettings.of("127.0.0.1", port, SmtpSettings.Security.NONE));
    }

    Event publish(Event event) {
        engine.events().publish(event);
        return event;
    }

    Registration register(Event event, String given, String email, Locale locale) {
        RegistrationOutcome outcome = engine.registrations().register(RegisterCommand.of(event.id(),
                new ParticipantDetails(given, "Voorbeeld", email, "Hogeschool Utrecht", "projectleider", "hbo",
                        locale)));
        if (outcome instanceof RegistrationOutcome.Confirmed c) {
            return c.registration();
        }
        if (outcome instanceof RegistrationOutcome.Waitlisted w) {
            return w.registration();
        }
        throw new AssertionError("not registered: " + outcome);
    }

    /**
     * A notification of any type about a registration, as the core or a scheduled job would queue it: with a
     * personal-link token, except to the organiser and in an organiser's message to participants.
     */
    Notification notification(NotificationType type, Registration r, Map<String, String> data) {
        var token = type.toOrganiser() || type == NotificationType.ORGANISER_MESSAGE
                ? Optional.<nl.learningcommunities.registration.token.IssuedToken>empty()
                : Optional.of(Tokens.issue(TokenGenerator.secureRandom(), type == NotificationType.VERIFY_EMAIL
                        ? TokenPurpose.VERIFY_EMAIL : type == NotificationType.VERIFY_NEW_EMAIL
                        ? TokenPurpose.VERIFY_NEW_EMAIL : TokenPurpose.MANAGE,
                        Optional.of(NOW.plus(Duration.ofHours(48)))));
        EmailAddress to = type.toOrganiser() ? EmailAddress.of("melina.groen@example.org") : r.participant().email();
        String name = type.toOrganiser() ? "Melina Groen" : type == NotificationType.VERIFY_NEW_EMAIL ? ""
                : r.participant().fullName();
        return new Notification(UUID.randomUUID(), type, r.eventId(), Optional.of(r.id()), to, name,
                r.participant().locale(), clock.instant(), token, data);
    }

    List<Notification> enqueue(Notification... notifications) {
        storage.enqueue(List.of(notifications));
        return List.of(notifications);
    }
}
