package nl.learningcommunities.registration.application;

import static nl.learningcommunities.registration.application.EngineFixture.code;
import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static nl.learningcommunities.registration.testing.TestEvents.session;
import static nl.learningcommunities.registration.testing.TestParticipants.number;
import static nl.learningcommunities.registration.testing.TestParticipants.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import nl.learningcommunities.registration.EventNotFoundException;
import nl.learningcommunities.registration.booking.DomainEvent;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.eligibility.EligibilityRule;
import nl.learningcommunities.registration.event.ApprovalMode;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.participant.TrustedIdentity;
import nl.learningcommunities.registration.testing.TestEvents;

class RegisteringTest {

    private final EngineFixture f = new EngineFixture();

    @Test
    void registration_before_the_window_opens_or_after_it_closes_is_refused() {
        Event event = f.publish(meeting("window", 10).build());
        f.clock.set(TestEvents.at(2027, 3, 1, 9).toInstant());
        RegistrationOutcome early = f.engine.registrations().register(registration(event.id(), 1));
        f.clock.set(TestEvents.at(2027, 6, 8, 12).toInstant());
        RegistrationOutcome late = f.engine.registrations().register(registration(event.id(), 1));

        assertThat(code(early)).isEqualTo("registration.window.not-open");
        assertThat(code(late)).isEqualTo("registration.window.closed");
    }

    @Test
    void every_outcome_tells_without_a_type_switch_what_was_stored_or_why_not() {
        Event event = f.publish(meeting("accessors", 1).build());
        RegistrationOutcome confirmed = f.engine.registrations().register(registration(event.id(), 1));
        RegistrationOutcome waiting = f.engine.registrations().register(registration(event.id(), 2));
        RegistrationOutcome duplicate = f.engine.registrations().register(registration(event.id(), 1));

        assertThat(confirmed.registered()).get().extracting(Registration::status).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(confirmed.reasons()).isEmpty();
        assertThat(waiting.registered()).get().extracting(Registration::status).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(duplicate.registered()).isEmpty();
        assertThat(duplicate.reasons()).extracting(r -> r.code()).containsExactly("registration.duplicate");
    }

    @Test
    void an_unknown_event_is_an_exception_naming_it() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        f.engine.registrations().register(registration("no-such-event", 1)))
                .isInstanceOf(EventNotFoundException.class).hasMessageContaining("no-such-event");
    }

    @Test
    void a_confirmed_participant_gets_a_confirmation_and_the_organiser_hears_of_it() {
        Event event = f.publish(meeting("confirm", 10).build());

        Registration r = f.registered(f.engine.registrations().register(registration(event.id(), 1)));

        assertThat(f.mailbox.types(r.id())).containsExactly(NotificationType.CONFIRMATION);
        assertThat(f.storage.about(r.id())).anySatisfy(e -> {
            assertThat(e.notification().type()).isEqualTo(NotificationType.ORGANISER_NEW_REGISTRATION);
            assertThat(e.notification().recipient()).isEqualTo(EmailAddress.of("melina.groen@example.org"));
        });
        assertThat(f.events).hasAtLeastOneElementOfType(DomainEvent.RegistrationConfirmed.class);
    }

    @Test
    void a_trusted_identity_is_what_eligibility_checks_and_skips_verification() {
        Event event = f.publish(meeting("trusted", 10).emailVerification(true).anonymousRegistration(false)
                .eligibility(new EligibilityRule.RoleIn(Set.of("beleidsmedewerker"))).build());
        TrustedIdentity identity = new TrustedIdentity("sso-123", "Bram", "Bakker",
                EmailAddress.of("b.bakker@roc.example.org"), "ROC Voorbeeld", "beleidsmedewerker", "mbo");

        RegistrationOutcome anonymous = f.engine.registrations().register(registration(event.id(), 1));
        RegistrationOutcome vouched = f.engine.registrations().register(RegisterCommand.of(event.id(),
                ParticipantDetails.of(identity, Locale.ENGLISH)).withIdentity(identity));

        assertThat(code(anonymous)).isEqualTo("registration.login-required");
        assertThat(vouched).isInstanceOf(RegistrationOutcome.Confirmed.class);
        Registration r = f.registered(vouched);
        assertThat(r.participant().subject()).contains("sso-123");
        assertThat(r.participant().locale().getLanguage()).isEqualTo("en");
    }

    @Test
    void a_participant_cannot_claim_a_role_other_than_their_login_says() {
        Event event = f.publish(meeting("claim", 10).eligibility(new EligibilityRule.RoleIn(Set.of("bestuurder")))
                .build());
        TrustedIdentity identity = new TrustedIdentity("sso-9", "Bram", "Bakker",
                EmailAddress.of("b.bakker@roc.example.org"), "ROC Voorbeeld", "docent", "mbo");
        ParticipantDetails claimed = new ParticipantDetails("Bram", "Bakker", "b.bakker@roc.example.org",
                "ROC Voorbeeld", "bestuurder", "mbo", Locale.ENGLISH);

        RegistrationOutcome outcome = f.engine.registrations()
                .register(RegisterCommand.of(event.id(), claimed).withIdentity(identity));

        assertThat(outcome).isInstanceOf(RegistrationOutcome.Refused.class);
        assertThat(((RegistrationOutcome.Refused) outcome).reasons().get(0).field()).contains("role");
        assertThat(code(outcome)).isEqualTo("identity.mismatch");
    }

    @Test
    void an_ineligible_participant_is_refused_with_the_rules_code_in_their_language() {
        Event event = f.publish(meeting("eligible", 10).eligibility(new EligibilityRule.SectorIn(Set.of("mbo")))
                .build());

        RegistrationOutcome outcome = f.engine.registrations().register(registration(event.id(), 1));

        assertThat(code(outcome)).isEqualTo("eligibility.sector");
        var reason = ((RegistrationOutcome.Refused) outcome).reasons().get(0);
        assertThat(reason.message(Locale.forLanguageTag("nl-NL"))).contains("sector").contains("niet open");
        assertThat(reason.message(Locale.UK)).isEqualTo("This event is not open to your sector.");
    }

    @Test
    void overlapping_sessions_cannot_both_be_picked() {
        Event event = f.publish(meeting("overlap", 10).sessions(List.of(session("a", 13, 15, 5),
                session("b", 14, 16, 5), session("c", 15, 16, 5))).build());

        RegistrationOutcome overlapping = f.engine.registrations()
                .register(registration(event.id(), 1).withSessions(List.of("a", "b")));
        RegistrationOutcome touching = f.engine.registrations()
                .register(registration(event.id(), 2).withSessions(List.of("a", "c")));

        assertThat(code(overlapping)).isEqualTo("session.overlap");
        assertThat(touching).isInstanceOf(RegistrationOutcome.Confirmed.class);
    }

    @Test
    void approval_holds_no_seat_until_the_organiser_approves() {
        Event event = f.publish(meeting("approval", 1).approval(ApprovalMode.ORGANISER).build());
        Registration first = f.registered(f.engine.registrations().register(registration(event.id(), 1)));
        Registration second = f.registered(f.engine.registrations().register(registration(event.id(), 2)));

        assertThat(first.status()).isEqualTo(RegistrationStatus.PENDING_APPROVAL);
        assertThat(f.engine.events().counts(event.id()).seatsLeft()).hasValue(1);

        ActionOutcome approvedSecond = f.engine.organising().approve(second.id(), "melina");
        ActionOutcome approvedFirst = f.engine.organising().approve(first.id(), "melina");
        ActionOutcome again = f.engine.organising().approve(first.id(), "melina");

        assertThat(((ActionOutcome.Done) approvedSecond).registration().status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(((ActionOutcome.Done) approvedFirst).registration().status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(code(again)).isEqualTo("registration.not-pending-approval");
        assertThat(f.mailbox.types(second.id())).containsExactly(NotificationType.PENDING_APPROVAL,
                NotificationType.APPROVED);
        assertThat(f.storage.find(second.id()).orElseThrow().history()).last()
                .satisfies(h -> assertThat(h.actor()).isEqualTo("organiser:melina"));
    }

    @Test
    void a_rejected_registration_is_told_and_frees_its_address() {
        Event event = f.publish(meeting("reject", 5).approval(ApprovalMode.ORGANISER).build());
        Registration r = f.registered(f.engine.registrations().register(registration(event.id(), 1)));

        f.engine.organising().reject(r.id(), "melina", Optional.of("Niet de doelgroep"));

        assertThat(f.mailbox.types(r.id())).endsWith(NotificationType.REJECTED);
        assertThat(f.storage.find(r.id()).orElseThrow().history()).last()
                .satisfies(h -> assertThat(h.note()).contains("Niet de doelgroep"));
        assertThat(f.engine.registrations().register(registration(event.id(), 1)))
                .isInstanceOf(RegistrationOutcome.PendingApproval.class);
    }

    @Test
    void double_opt_in_claims_the_seat_only_when_the_link_is_used() {
        Event event = f.publish(meeting("verify", 1).emailVerification(true).build());
        Registration r = f.registered(f.engine.registrations().register(registration(event.id(), 1)));
        String link = f.mailbox.token(r.id(), NotificationType.VERIFY_EMAIL);

        assertThat(r.status()).isEqualTo(RegistrationStatus.PENDING_VERIFICATION);
        assertThat(f.engine.events().counts(event.id()).seatsLeft()).hasValue(1);
        assertThat(f.engine.registrations().verifyEmail(r.id(), "wrong-token"))
                .isInstanceOf(ActionOutcome.NotFound.class);

        ActionOutcome verified = f.engine.registrations().verifyEmail(r.id(), link);
        ActionOutcome twice = f.engine.registrations().verifyEmail(r.id(), link);

        assertThat(((ActionOutcome.Done) verified).registration().status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(twice).isInstanceOf(ActionOutcome.Done.class);
        assertThat(f.mailbox.types(r.id())).containsExactly(NotificationType.VERIFY_EMAIL,
                NotificationType.CONFIRMATION);
    }

    @Test
    void an_unverified_registration_expires_and_the_address_may_register_again() {
        Event event = f.publish(meeting("expire", 5).emailVerification(true).build());
        Registration r = f.registered(f.engine.registrations().register(registration(event.id(), 1)));
        String link = f.mailbox.token(r.id(), NotificationType.VERIFY_EMAIL);

        RegistrationOutcome tooSoon = f.engine.registrations().register(registration(event.id(), 1));
        f.clock.advance(Duration.ofHours(49));
        ActionOutcome expiredLink = f.engine.registrations().verifyEmail(r.id(), link);
        HousekeepingReport report = f.engine.housekeeping().run();
        RegistrationOutcome again = f.engine.registrations().register(registration(event.id(), 1));

        assertThat(code(tooSoon)).isEqualTo("registration.pending-verification");
        assertThat(code(expiredLink)).isEqualTo("verification.expired");
        assertThat(report.verificationsExpired()).isEqualTo(1);
        assertThat(again).isInstanceOf(RegistrationOutcome.PendingVerification.class);
    }

    @Test
    void the_personal_link_shows_the_online_link_only_while_confirmed() {
        Event event = f.publish(meeting("link", 1).build());
        Registration confirmed = f.registered(f.engine.registrations().register(registration(event.id(), 1)));
        Registration waiting = f.registered(f.engine.registrations().register(registration(event.id(), 2)));

        var seen = f.engine.registrations().view(confirmed.id(), f.mailbox.manageToken(confirmed.id())).orElseThrow();
        var waited = f.engine.registrations().view(waiting.id(), f.mailbox.manageToken(waiting.id())).orElseThrow();

        assertThat(seen.onlineLink()).isPresent();
        assertThat(waited.onlineLink()).isEmpty();
        assertThat(f.engine.registrations().view(confirmed.id(), f.mailbox.manageToken(waiting.id()))).isEmpty();
        assertThat(f.engine.registrations().view(confirmed.id(), null)).isEmpty();
    }

    @Test
    void a_participant_changes_details_but_not_to_an_address_already_registered() {
        Event event = f.publish(meeting("details", 5).build());
        Registration r = f.registered(f.engine.registrations().register(registration(event.id(), 1)));
        f.engine.registrations().register(registration(event.id(), 2));
        String token = f.mailbox.manageToken(r.id());
        ParticipantDetails renamed = new ParticipantDetails("Anna", "de Vries-Jansen", number(1).email(),
                "Hogeschool 1", "expert", "hbo", Locale.ENGLISH);

        ActionOutcome changed = f.engine.registrations().changeDetails(new ChangeDetailsCommand(r.id(), token,
                renamed, java.util.Map.of()));
        ActionOutcome taken = f.engine.registrations().changeDetails(new ChangeDetailsCommand(r.id(), token,
                number(2), java.util.Map.of()));

        assertThat(((ActionOutcome.Done) changed).registration().participant().familyName())
                .isEqualTo("de Vries-Jansen");
        assertThat(f.mailbox.types(r.id())).endsWith(NotificationType.DETAILS_CHANGED);
        assertThat(code(taken)).isEqualTo("registration.duplicate");
        assertThat(f.events).hasAtLeastOneElementOfType(DomainEvent.DetailsChanged.class);
    }

    @Test
    void attendance_is_recorded_only_for_confirmed_registrations_and_counts_for_the_programme() {
        Event first = f.publish(meeting("programme-1", 1).programme(Optional.of("lc")).build());
        Event second = f.publish(meeting("programme-2", 5).programme(Optional.of("lc"))
                .eligibility(new EligibilityRule.ProgrammeParticipation("lc",
                        EligibilityRule.ProgrammeParticipation.Level.ATTENDED)).build());
        Registration came = f.registered(f.engine.registrations().register(registration(first.id(), 1)));
        Registration waited = f.registered(f.engine.registrations().register(registration(first.id(), 2)));

        ActionOutcome recorded = f.engine.organising().recordAttendance(came.id(),
                nl.learningcommunities.registration.booking.Attendance.ATTENDED, "melina");
        ActionOutcome notConfirmed = f.engine.organising().recordAttendance(waited.id(),
                nl.learningcommunities.registration.booking.Attendance.ATTENDED, "melina");

        assertThat(recorded).isInstanceOf(ActionOutcome.Done.class);
        assertThat(code(notConfirmed)).isEqualTo("attendance.not-confirmed");
        assertThat(f.engine.registrations().register(registration(second.id(), 1)))
                .isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(code(f.engine.registrations().register(registration(second.id(), 2))))
                .isEqualTo("eligibility.programme.attended");
    }

    @Test
    void a_failing_listener_does_not_fail_the_registration() {
        EngineFixture broken = new EngineFixture();
        var engine = nl.learningcommunities.registration.RegistrationEngine.builder()
                .eventCatalogue(broken.catalogue).registrationStore(broken.storage)
                .notificationOutbox(broken.storage).clock(broken.clock)
                .listener(e -> {
                    throw new IllegalStateException("webhook down");
                }).build();
        engine.events().publish(meeting("listener", 5).build());

        RegistrationOutcome outcome = engine.registrations().register(registration("listener", 1));

        assertThat(outcome).isInstanceOf(RegistrationOutcome.Confirmed.class);
    }
}
