package nl.learningcommunities.registration.application;

import static nl.learningcommunities.registration.application.EngineFixture.code;
import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static nl.learningcommunities.registration.testing.TestParticipants.number;
import static nl.learningcommunities.registration.testing.TestParticipants.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nl.learningcommunities.registration.booking.PendingEmail;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.token.TokenPurpose;

/**
 * A participant changes their address from their personal link: the new address takes effect only when the link sent
 * to it is used, the old address is told, and a registration can ask for only so many changes a day.
 */
class ChangingAddressTest {

    private static final String OLD = "deelnemer1@hogeschool.example.org";
    private static final String NEW = "nieuw.adres@elders.example.org";

    private final EngineFixture f = new EngineFixture();

    private Registration confirmedOn(Event event) {
        Registration r = f.registered(f.engine.registrations().register(registration(event.id(), 1)));
        if (r.status() == RegistrationStatus.PENDING_VERIFICATION) {
            f.engine.registrations().verifyEmail(r.id(), f.mailbox.token(r.id(), NotificationType.VERIFY_EMAIL));
        }
        return f.storage.find(r.id()).orElseThrow();
    }

    private ActionOutcome change(Registration r, String email) {
        return change(r, email, "Nummer 1");
    }

    private ActionOutcome change(Registration r, String email, String familyName) {
        var details = number(1);
        return f.engine.registrations().changeDetails(new ChangeDetailsCommand(r.id(), f.mailbox.manageToken(r.id()),
                new ParticipantDetails(details.givenName(), familyName, email, details.organisation(),
                        details.role(), details.sector(), details.locale()), Map.of()));
    }

    private Registration stored(Registration r) {
        return f.storage.find(r.id()).orElseThrow();
    }

    @Test
    void a_verified_registration_moved_to_a_new_address_keeps_its_address_and_status_until_the_new_one_is_verified() {
        Event event = f.publish(meeting("verified-move", 5).emailVerification(true).build());
        Registration r = confirmedOn(event);

        ActionOutcome changed = change(r, NEW);

        assertThat(changed).isInstanceOf(ActionOutcome.Done.class);
        Registration waiting = stored(r);
        assertThat(waiting.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(waiting.participant().email()).isEqualTo(EmailAddress.of(OLD));
        assertThat(waiting.pendingEmail()).map(PendingEmail::address).hasValue(EmailAddress.of(NEW));
        assertThat(waiting.pendingEmail().get().expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofHours(48)));
        Notification verification = f.mailbox.newest(r.id(), NotificationType.VERIFY_NEW_EMAIL);
        assertThat(verification.recipient()).isEqualTo(EmailAddress.of(NEW));
        assertThat(verification.recipientName()).as("no text typed by whoever asked").isEmpty();
        assertThat(verification.token().orElseThrow().stored().purpose()).isEqualTo(TokenPurpose.VERIFY_NEW_EMAIL);
        assertThat(f.storage.findByEmail(EmailAddress.of(NEW))).isEmpty();
    }

    @Test
    void the_new_address_takes_effect_when_its_own_link_is_used_and_the_registration_stays_confirmed() {
        Event event = f.publish(meeting("verified-link", 5).emailVerification(true).build());
        Registration r = confirmedOn(event);
        change(r, NEW);
        String link = f.mailbox.token(r.id(), NotificationType.VERIFY_NEW_EMAIL);

        ActionOutcome verified = f.engine.registrations().verifyEmail(r.id(), link);

        assertThat(verified).isInstanceOf(ActionOutcome.Done.class);
        Registration moved = stored(r);
        assertThat(moved.participant().email()).isEqualTo(EmailAddress.of(NEW));
        assertThat(moved.pendingEmail()).isEmpty();
        assertThat(moved.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(moved.history().get(moved.history().size() - 1).reason()).isEqualTo("email-changed");
        Notification told = f.mailbox.newest(r.id(), NotificationType.DETAILS_CHANGED);
        assertThat(told.recipient()).isEqualTo(EmailAddress.of(NEW));
        assertThat(f.engine.registrations().verifyEmail(r.id(), link)).isEqualTo(new ActionOutcome.NotFound());
    }

    @Test
    void the_old_address_is_told_with_the_new_one_masked() {
        Event event = f.publish(meeting("told", 5).build());
        Registration r = confirmedOn(event);

        change(r, NEW);

        Notification told = f.mailbox.newest(r.id(), NotificationType.EMAIL_CHANGE_REQUESTED);
        assertThat(told.recipient()).isEqualTo(EmailAddress.of(OLD));
        assertThat(told.data()).containsEntry("newAddress", "n…@elders.example.org");
        assertThat(told.data().values()).noneMatch(v -> v.contains("nieuw.adres"));
        assertThat(told.token().orElseThrow().stored().purpose()).isEqualTo(TokenPurpose.MANAGE);
        assertThat(f.mailbox.types(r.id())).containsExactly(NotificationType.CONFIRMATION,
                NotificationType.VERIFY_NEW_EMAIL, NotificationType.EMAIL_CHANGE_REQUESTED);
    }

    @Test
    void an_event_without_verification_verifies_a_changed_address_all_the_same() {
        Event event = f.publish(meeting("unverified-event", 5).build());
        Registration r = confirmedOn(event);

        change(r, NEW);

        assertThat(stored(r).participant().email()).isEqualTo(EmailAddress.of(OLD));
        assertThat(f.mailbox.newest(r.id(), NotificationType.VERIFY_NEW_EMAIL).recipient())
                .isEqualTo(EmailAddress.of(NEW));
        assertThat(f.mailbox.types(r.id())).doesNotContain(NotificationType.DETAILS_CHANGED);
    }

    @Test
    void the_personal_links_of_the_old_address_stop_working_once_the_registration_moved() {
        Event event = f.publish(meeting("old-links", 5).build());
        Registration r = confirmedOn(event);
        String oldLink = f.mailbox.manageToken(r.id());
        change(r, NEW);
        String toldLink = f.mailbox.newest(r.id(), NotificationType.EMAIL_CHANGE_REQUESTED).token().orElseThrow()
                .secret();
        assertThat(f.engine.registrations().view(r.id(), toldLink)).isPresent();

        f.engine.registrations().verifyEmail(r.id(), f.mailbox.token(r.id(), NotificationType.VERIFY_NEW_EMAIL));

        assertThat(f.engine.registrations().view(r.id(), oldLink)).isEmpty();
        assertThat(f.engine.registrations().view(r.id(), toldLink)).isEmpty();
        assertThat(f.engine.registrations().view(r.id(), f.mailbox.manageToken(r.id()))).isPresent();
    }

    @Test
    void the_link_to_a_new_address_does_not_open_the_registration() {
        Event event = f.publish(meeting("no-manage", 5).build());
        Registration r = confirmedOn(event);
        change(r, NEW);

        String link = f.mailbox.token(r.id(), NotificationType.VERIFY_NEW_EMAIL);

        assertThat(f.engine.registrations().view(r.id(), link)).isEmpty();
        assertThat(f.engine.registrations().cancel(r.id(), link)).isEqualTo(new ActionOutcome.NotFound());
    }

    @Test
    void a_lapsed_link_to_a_new_address_is_refused_and_the_registration_keeps_its_address() {
        Event event = f.publish(meeting("lapsed", 5).build());
        Registration r = confirmedOn(event);
        change(r, NEW);
        String link = f.mailbox.token(r.id(), NotificationType.VERIFY_NEW_EMAIL);
        f.clock.advance(Duration.ofHours(48));

        ActionOutcome late = f.engine.registrations().verifyEmail(r.id(), link);

        assertThat(code(late)).isEqualTo("email.change-expired");
        assertThat(((ActionOutcome.NotAllowed) late).reasons().get(0).field()).hasValue("email");
        assertThat(stored(r).participant().email()).isEqualTo(EmailAddress.of(OLD));
    }

    @Test
    void asking_for_another_address_replaces_the_pending_one_and_its_link() {
        Event event = f.publish(meeting("replaced", 5).build());
        Registration r = confirmedOn(event);
        change(r, NEW);
        String first = f.mailbox.token(r.id(), NotificationType.VERIFY_NEW_EMAIL);

        change(r, "tweede.adres@elders.example.org");

        assertThat(f.engine.registrations().verifyEmail(r.id(), first)).isEqualTo(new ActionOutcome.NotFound());
        assertThat(stored(r).pendingEmail()).map(p -> p.address().value())
                .hasValue("tweede.adres@elders.example.org");
    }

    @Test
    void saving_the_current_address_withdraws_a_pending_change_and_its_link() {
        Event event = f.publish(meeting("withdrawn", 5).build());
        Registration r = confirmedOn(event);
        change(r, NEW);
        String link = f.mailbox.token(r.id(), NotificationType.VERIFY_NEW_EMAIL);

        ActionOutcome kept = change(r, OLD);

        assertThat(kept).isInstanceOf(ActionOutcome.Done.class);
        assertThat(stored(r).pendingEmail()).isEmpty();
        assertThat(f.engine.registrations().verifyEmail(r.id(), link)).isEqualTo(new ActionOutcome.NotFound());
        assertThat(stored(r).participant().email()).isEqualTo(EmailAddress.of(OLD));
    }

    @Test
    void a_new_address_registered_by_someone_else_meanwhile_is_refused_when_confirmed() {
        Event event = f.publish(meeting("taken-meanwhile", 5).build());
        Registration r = confirmedOn(event);
        change(r, NEW);
        f.engine.registrations().register(RegisterCommand.of(event.id(), new ParticipantDetails("Ander", "Iemand", NEW,
                "Hogeschool 9", "projectleider", "hbo", Locale.forLanguageTag("nl"))));

        ActionOutcome verified = f.engine.registrations().verifyEmail(r.id(),
                f.mailbox.token(r.id(), NotificationType.VERIFY_NEW_EMAIL));

        assertThat(code(verified)).isEqualTo("registration.duplicate");
        assertThat(stored(r).participant().email()).isEqualTo(EmailAddress.of(OLD));
    }

    @Test
    void the_fourth_address_in_a_day_is_refused_naming_the_email_field_and_allowed_again_a_day_later() {
        Event event = f.publish(meeting("address-limit", 5).build());
        Registration r = confirmedOn(event);
        for (int i = 1; i <= 3; i++) {
            assertThat(change(r, "adres" + i + "@elders.example.org")).isInstanceOf(ActionOutcome.Done.class);
            f.clock.advance(Duration.ofMinutes(1));
        }

        ActionOutcome fourth = change(r, "adres4@elders.example.org");

        assertThat(fourth).isInstanceOf(ActionOutcome.NotAllowed.class);
        var reason = ((ActionOutcome.NotAllowed) fourth).reasons().get(0);
        assertThat(reason.code()).isEqualTo("email.change-limit");
        assertThat(reason.field()).hasValue("email");
        assertThat(reason.message(Locale.forLanguageTag("nl"))).contains("3 keer per dag");
        assertThat(reason.message(Locale.ENGLISH)).contains("3 times a day");
        assertThat(f.mailbox.types(r.id())).filteredOn(t -> t == NotificationType.VERIFY_NEW_EMAIL).hasSize(3);
        f.clock.advance(Duration.ofHours(24));
        assertThat(change(r, "adres4@elders.example.org")).isInstanceOf(ActionOutcome.Done.class);
    }

    @Test
    void ten_changes_of_details_in_a_day_send_ten_mails_and_the_eleventh_is_refused() {
        Event event = f.publish(meeting("details-limit", 5).build());
        Registration r = confirmedOn(event);
        for (int i = 1; i <= 10; i++) {
            assertThat(change(r, OLD, "Naam " + i)).isInstanceOf(ActionOutcome.Done.class);
        }

        ActionOutcome eleventh = change(r, OLD, "Naam 11");

        assertThat(code(eleventh)).isEqualTo("registration.change-limit");
        assertThat(f.mailbox.types(r.id())).filteredOn(t -> t == NotificationType.DETAILS_CHANGED).hasSize(10);
        assertThat(stored(r).participant().familyName()).isEqualTo("Naam 10");
    }

    @Test
    void saving_unchanged_details_changes_nothing_and_sends_nothing() {
        Event event = f.publish(meeting("unchanged", 5).build());
        Registration r = confirmedOn(event);

        ActionOutcome same = change(r, OLD);

        assertThat(same).isInstanceOf(ActionOutcome.Done.class);
        assertThat(stored(r).version()).isEqualTo(r.version());
        assertThat(f.mailbox.types(r.id())).containsExactly(NotificationType.CONFIRMATION);
    }
}
