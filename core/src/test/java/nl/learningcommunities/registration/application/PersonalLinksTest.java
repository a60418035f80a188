package nl.learningcommunities.registration.application;

import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static nl.learningcommunities.registration.testing.TestParticipants.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Period;

import org.junit.jupiter.api.Test;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.token.AccessToken;
import nl.learningcommunities.registration.token.TokenPurpose;

/** Personal links do not live forever: they end with the event's retention, on erasure, and when a newer one is sent. */
class PersonalLinksTest {

    private final EngineFixture f = new EngineFixture();

    @Test
    void a_personal_link_works_until_the_events_retention_ends_even_when_housekeeping_never_ran() {
        Event event = f.publish(meeting("link-expiry", 5).retention(Period.ofMonths(3)).build());
        Registration r = f.registered(f.engine.registrations().register(registration(event.id(), 1)));
        String link = f.mailbox.manageToken(r.id());

        f.clock.set(event.retentionEndsAt().minusSeconds(1));
        boolean openJustBefore = f.engine.registrations().view(r.id(), link).isPresent();
        f.clock.set(event.retentionEndsAt());

        assertThat(openJustBefore).isTrue();
        assertThat(f.engine.registrations().view(r.id(), link)).isEmpty();
        assertThat(f.storage.find(r.id()).orElseThrow().tokens()).filteredOn(t -> t.purpose() == TokenPurpose.MANAGE)
                .extracting(AccessToken::expiresAt).containsOnly(java.util.Optional.of(event.retentionEndsAt()));
    }

    @Test
    void an_organisers_resend_leaves_only_the_newest_personal_link_working() {
        Event event = f.publish(meeting("resend-revokes", 5).build());
        Registration r = f.registered(f.engine.registrations().register(registration(event.id(), 1)));
        String first = f.mailbox.manageToken(r.id());

        f.engine.organising().resend(r.id(), "melina");
        String second = f.mailbox.manageToken(r.id());
        f.engine.organising().resend(r.id(), "melina");
        String third = f.mailbox.manageToken(r.id());

        assertThat(f.engine.registrations().view(r.id(), first)).isEmpty();
        assertThat(f.engine.registrations().view(r.id(), second)).isEmpty();
        assertThat(f.engine.registrations().view(r.id(), third)).isPresent();
        assertThat(f.engine.registrations().cancel(r.id(), first)).isEqualTo(new ActionOutcome.NotFound());
    }

    @Test
    void a_resent_verification_message_leaves_only_the_newest_verification_link_working() {
        Event event = f.publish(meeting("resend-verify", 5).emailVerification(true).build());
        Registration r = f.registered(f.engine.registrations().register(registration(event.id(), 1)));
        String first = f.mailbox.token(r.id(), NotificationType.VERIFY_EMAIL);
        f.clock.advance(Duration.ofMinutes(5));

        f.engine.organising().resend(r.id(), "melina");
        String second = f.mailbox.token(r.id(), NotificationType.VERIFY_EMAIL);

        assertThat(f.engine.registrations().verifyEmail(r.id(), first)).isEqualTo(new ActionOutcome.NotFound());
        assertThat(f.engine.registrations().verifyEmail(r.id(), second)).isInstanceOf(ActionOutcome.Done.class);
    }

    @Test
    void every_link_ends_when_the_registrations_data_is_erased() {
        Event event = f.publish(meeting("erased-links", 5).build());
        Registration r = f.registered(f.engine.registrations().register(registration(event.id(), 1)));
        String link = f.mailbox.manageToken(r.id());
        f.engine.organising().resend(r.id(), "melina");
        String resent = f.mailbox.manageToken(r.id());

        f.engine.organising().erase(r.id(), "melina");

        assertThat(f.engine.registrations().view(r.id(), link)).isEmpty();
        assertThat(f.engine.registrations().view(r.id(), resent)).isEmpty();
        assertThat(f.engine.registrations().exportPersonalData(r.id(), resent)).isEmpty();
        assertThat(f.storage.find(r.id()).orElseThrow().tokens()).isEmpty();
    }

    @Test
    void every_link_ends_when_housekeeping_erases_the_event_after_its_retention() {
        Event event = f.publish(meeting("retention-links", 5).retention(Period.ofMonths(1)).build());
        Registration r = f.registered(f.engine.registrations().register(registration(event.id(), 1)));
        String link = f.mailbox.manageToken(r.id());

        f.clock.set(event.retentionEndsAt().plusSeconds(1));
        f.engine.housekeeping().run();

        assertThat(f.storage.find(r.id()).orElseThrow().erased()).isTrue();
        assertThat(f.storage.find(r.id()).orElseThrow().tokens()).isEmpty();
        assertThat(f.engine.registrations().view(r.id(), link)).isEmpty();
    }
}
