package nl.learningcommunities.registration.application;

import static nl.learningcommunities.registration.testing.TestEvents.at;
import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static nl.learningcommunities.registration.testing.TestParticipants.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.eligibility.InvitationCode;
import nl.learningcommunities.registration.eligibility.Invitations;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.OrganiserNotifications;
import nl.learningcommunities.registration.event.Visibility;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.notification.OutboxEntry;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.token.TokenPurpose;

/** Reminders, digests and invitations: the messages time or an organiser calls for. */
class TimedMessagesTest {

    private final EngineFixture f = new EngineFixture();

    @Test
    void confirmed_participants_get_one_reminder_a_day_before_with_a_working_link() {
        Event event = f.publish(meeting("reminders", 1).build());
        Registration confirmed = f.registered(f.engine.registrations().register(registration(event.id(), 1)));
        Registration waiting = f.registered(f.engine.registrations().register(registration(event.id(), 2)));

        HousekeepingReport early = f.engine.housekeeping().run();
        f.clock.set(at(2027, 6, 8, 14).toInstant());
        HousekeepingReport dayBefore = f.engine.housekeeping().run();
        HousekeepingReport again = f.engine.housekeeping().run();

        assertThat(early.remindersQueued()).isZero();
        assertThat(dayBefore.remindersQueued()).isEqualTo(1);
        assertThat(again.remindersQueued()).isZero();
        assertThat(f.mailbox.types(confirmed.id())).containsExactly(NotificationType.CONFIRMATION,
                NotificationType.REMINDER);
        assertThat(f.mailbox.types(waiting.id())).doesNotContain(NotificationType.REMINDER);
        String link = f.mailbox.manageToken(confirmed.id());
        assertThat(f.storage.find(confirmed.id()).orElseThrow().admits(TokenPurpose.MANAGE, link, f.clock.instant()))
                .isTrue();
    }

    @Test
    void housekeeping_finishes_a_cancellation_that_stopped_half_way_and_reminds_nobody_of_it() {
        Event event = f.publish(meeting("half-cancelled", 1).build());
        Registration confirmed = f.registered(f.engine.registrations().register(registration(event.id(), 1)));
        Registration waiting = f.registered(f.engine.registrations().register(registration(event.id(), 2)));
        var stored = f.catalogue.stored(event.id()).orElseThrow();
        Event cancelled = event.toBuilder().status(nl.learningcommunities.registration.event.EventStatus.CANCELLED)
                .cancellationReason(java.util.Optional.of("De zaal is afgebrand.")).build();
        // As if the node died right after storing the cancelled revision, before cancelling anyone.
        f.catalogue.save(new nl.learningcommunities.registration.event.EventRevision(event.id(), stored.revision() + 1,
                f.clock.instant(), "organiser:melina", "cancelled", java.util.List.of(), cancelled),
                java.util.Optional.empty());
        f.clock.set(at(2027, 6, 8, 14).toInstant());

        HousekeepingReport report = f.engine.housekeeping().run();

        assertThat(report.remindersQueued()).isZero();
        for (Registration r : java.util.List.of(confirmed, waiting)) {
            assertThat(f.storage.find(r.id()).orElseThrow().status()).isEqualTo(
                    nl.learningcommunities.registration.booking.RegistrationStatus.CANCELLED);
            assertThat(f.mailbox.types(r.id())).endsWith(NotificationType.EVENT_CANCELLED)
                    .doesNotContain(NotificationType.REMINDER, NotificationType.PROMOTED);
        }
    }

    @Test
    void an_organiser_who_chose_a_digest_gets_one_a_day_from_five_o_clock_and_none_per_registration() {
        Event event = f.publish(meeting("digest", 10).organiserNotifications(OrganiserNotifications.DAILY_DIGEST)
                .build());
        Registration r = f.registered(f.engine.registrations().register(registration(event.id(), 1)));
        f.engine.registrations().register(registration(event.id(), 2));

        HousekeepingReport morning = f.engine.housekeeping().run();
        f.clock.set(at(2027, 5, 3, 17).toInstant());
        HousekeepingReport evening = f.engine.housekeeping().run();
        HousekeepingReport later = f.engine.housekeeping().run();

        assertThat(f.storage.about(r.id())).extracting(e -> e.notification().type())
                .doesNotContain(NotificationType.ORGANISER_NEW_REGISTRATION);
        assertThat(morning.digestsQueued()).isZero();
        assertThat(evening.digestsQueued()).isEqualTo(1);
        assertThat(later.digestsQueued()).isZero();
        List<OutboxEntry> digests = f.storage.claimDue("test", 50, f.clock.instant(), Duration.ofMinutes(1)).stream()
                .filter(e -> e.notification().type() == NotificationType.ORGANISER_DIGEST).toList();
        assertThat(digests).singleElement().satisfies(d -> {
            assertThat(d.notification().recipient()).isEqualTo(EmailAddress.of("melina.groen@example.org"));
            assertThat(d.notification().data()).containsEntry("registrations", "2");
        });
    }

    @Test
    void invitations_carry_the_events_valid_code_and_go_once_per_address() {
        Event event = f.publish(meeting("invite", 30).visibility(Visibility.INVITATION_ONLY)
                .invitations(new Invitations(Set.of(), List.of(new InvitationCode("LC-EXPERTS", OptionalInt.of(30),
                        java.util.Optional.empty())))).build());
        List<EmailAddress> invitees = List.of(EmailAddress.of("a@roc.example.org"), EmailAddress.of("b@hu.example.org"),
                EmailAddress.of("A@ROC.example.org"));

        int first = f.engine.organising().invite(event.id(), invitees, Locale.ENGLISH, "melina");
        int again = f.engine.organising().invite(event.id(), invitees.subList(0, 1), Locale.ENGLISH, "melina");

        assertThat(first).isEqualTo(2);
        assertThat(again).isZero();
        assertThat(f.storage.claimDue("test", 50, f.clock.instant(), Duration.ofMinutes(1)))
                .allSatisfy(e -> {
                    assertThat(e.notification().type()).isEqualTo(NotificationType.INVITATION);
                    assertThat(e.notification().data()).containsEntry("invitationCode", "LC-EXPERTS");
                    assertThat(e.notification().locale()).isEqualTo(Locale.ENGLISH);
                });
    }
}
