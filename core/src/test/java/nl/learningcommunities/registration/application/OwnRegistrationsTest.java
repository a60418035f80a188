package nl.learningcommunities.registration.application;

import static nl.learningcommunities.registration.testing.TestEvents.at;
import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static nl.learningcommunities.registration.testing.TestParticipants.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventCatalogue;
import nl.learningcommunities.registration.event.EventRevision;
import nl.learningcommunities.registration.event.RegistrationWindow;
import nl.learningcommunities.registration.event.StoredEvent;
import nl.learningcommunities.registration.inmemory.InMemoryEventCatalogue;
import nl.learningcommunities.registration.inmemory.InMemoryStorage;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.participant.TrustedIdentity;
import nl.learningcommunities.registration.token.AccessToken;
import nl.learningcommunities.registration.token.TokenPurpose;
import nl.learningcommunities.registration.token.Tokens;

/**
 * A logged-in person finds their own registrations ("Mijn aanmeldingen") by the address the host vouches for, and
 * opens one with a short-lived personal link that is never mailed.
 */
class OwnRegistrationsTest {

    private final EngineFixture f = new EngineFixture();
    private final Registrations registrations = f.engine.registrations();

    /** The person behind {@code TestParticipants.number(n)}, logged in; the host writes the address in its own case. */
    private static TrustedIdentity loggedIn(int n) {
        return new TrustedIdentity("sso-" + n, "Deelnemer", "Nummer " + n,
                EmailAddress.of("Deelnemer" + n + "@Hogeschool.Example.org"), "Hogeschool " + n, "projectleider",
                "hbo");
    }

    private Registration register(Event event, int n) {
        return f.registered(registrations.register(registration(event.id(), n)));
    }

    private Event autumn() {
        return f.publish(meeting("najaar", 5).startsAt(at(2027, 10, 6, 13)).endsAt(at(2027, 10, 6, 17))
                .registrationWindow(new RegistrationWindow(at(2027, 4, 1, 9), at(2027, 10, 5, 12))).build());
    }

    @Test
    void own_registrations_are_listed_across_events_newest_event_first_and_someone_elses_are_not() {
        Event june = f.publish(meeting("juni", 1).build());
        Event october = autumn();
        register(june, 2);
        Registration waiting = register(june, 1);
        Registration seated = register(october, 1);
        register(october, 3);

        List<ManagedRegistration> mine = registrations.registrationsOf(loggedIn(1));

        assertThat(mine).extracting(m -> m.registration().id()).containsExactly(seated.id(), waiting.id());
        assertThat(mine).extracting(m -> m.event().id()).containsExactly("najaar", "juni");
        assertThat(mine.get(0).onlineLink()).as("confirmed: the meeting link").isEqualTo(october.onlineLink());
        assertThat(mine.get(0).placeInLine()).isEmpty();
        assertThat(mine.get(1).registration().status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(mine.get(1).onlineLink()).as("waiting: no meeting link").isEmpty();
        assertThat(mine.get(1).placeInLine()).isEqualTo(OptionalLong.of(1));
        assertThat(registrations.registrationsOf(loggedIn(4))).isEmpty();
    }

    @Test
    void a_cancelled_registration_is_still_ones_own_and_listed_newest_first_within_its_event() {
        Event june = f.publish(meeting("opnieuw", 5).build());
        Registration first = register(june, 1);
        registrations.cancel(first.id(), f.mailbox.manageToken(first.id()));
        f.clock.advance(Duration.ofMinutes(1));
        Registration again = register(june, 1);

        List<ManagedRegistration> mine = registrations.registrationsOf(loggedIn(1));

        assertThat(mine).extracting(m -> m.registration().id()).containsExactly(again.id(), first.id());
        assertThat(mine).extracting(m -> m.registration().status())
                .containsExactly(RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED);
    }

    @Test
    void the_owners_link_opens_the_registration_and_can_cancel_it_without_mailing_or_noting_anything() {
        Event event = f.publish(meeting("eigen-link", 5).build());
        Registration r = register(event, 1);
        int historyBefore = f.storage.find(r.id()).orElseThrow().history().size();

        String owners = registrations.openAsOwner(r.id(), loggedIn(1)).orElseThrow();

        assertThat(registrations.view(r.id(), owners)).map(m -> m.registration().id()).contains(r.id());
        assertThat(f.mailbox.types(r.id())).as("nothing mailed").hasSize(1);
        assertThat(f.storage.find(r.id()).orElseThrow().history()).as("no history line").hasSize(historyBefore);
        assertThat(f.storage.find(r.id()).orElseThrow().tokens()).as("stored hashed")
                .extracting(AccessToken::hash).contains(Tokens.hash(owners)).doesNotContain(owners);
        assertThat(registrations.cancel(r.id(), owners)).isInstanceOf(ActionOutcome.Done.class);
        assertThat(f.storage.find(r.id()).orElseThrow().status()).isEqualTo(RegistrationStatus.CANCELLED);
    }

    @Test
    void someone_elses_registration_and_an_unknown_one_are_not_opened_alike() {
        Event event = f.publish(meeting("niet-van-mij", 5).build());
        Registration annas = register(event, 1);
        long versionBefore = f.storage.find(annas.id()).orElseThrow().version();

        assertThat(registrations.openAsOwner(annas.id(), loggedIn(2))).isEmpty();
        assertThat(registrations.openAsOwner(UUID.randomUUID(), loggedIn(2))).isEmpty();
        assertThat(registrations.openAsOwner(null, loggedIn(2))).isEmpty();
        assertThat(f.storage.find(annas.id()).orElseThrow().version()).as("nothing stored").isEqualTo(versionBefore);
    }

    @Test
    void the_emailed_link_keeps_working_after_the_owner_opened_the_registration() {
        Event event = f.publish(meeting("beide-links", 5).build());
        Registration r = register(event, 1);
        String emailed = f.mailbox.manageToken(r.id());

        String owners = registrations.openAsOwner(r.id(), loggedIn(1)).orElseThrow();

        assertThat(owners).isNotEqualTo(emailed);
        assertThat(registrations.view(r.id(), emailed)).isPresent();
        assertThat(registrations.view(r.id(), owners)).isPresent();
    }

    @Test
    void the_owners_link_stops_working_after_an_hour_and_is_dropped_when_the_next_one_is_handed_out() {
        Event event = f.publish(meeting("een-uur", 5).build());
        Registration r = register(event, 1);
        String emailed = f.mailbox.manageToken(r.id());
        String owners = registrations.openAsOwner(r.id(), loggedIn(1)).orElseThrow();

        f.clock.advance(Duration.ofHours(1).minusSeconds(1));
        boolean openJustBefore = registrations.view(r.id(), owners).isPresent();
        f.clock.advance(Duration.ofSeconds(1));

        assertThat(openJustBefore).isTrue();
        assertThat(registrations.view(r.id(), owners)).isEmpty();
        assertThat(registrations.cancel(r.id(), owners)).isEqualTo(new ActionOutcome.NotFound());
        assertThat(registrations.view(r.id(), emailed)).isPresent();

        String next = registrations.openAsOwner(r.id(), loggedIn(1)).orElseThrow();

        assertThat(registrations.view(r.id(), next)).isPresent();
        assertThat(f.storage.find(r.id()).orElseThrow().tokens()).filteredOn(t -> t.purpose() == TokenPurpose.MANAGE)
                .extracting(AccessToken::expiresAt)
                .containsExactly(Optional.of(event.retentionEndsAt()),
                        Optional.of(f.clock.instant().plus(Duration.ofHours(1))));
    }

    @Test
    void an_erased_registration_is_neither_listed_nor_opened() {
        Event event = f.publish(meeting("gewist", 5).build());
        Registration r = register(event, 1);
        f.engine.organising().erase(r.id(), "melina");

        assertThat(registrations.registrationsOf(loggedIn(1))).isEmpty();
        assertThat(registrations.openAsOwner(r.id(), loggedIn(1))).isEmpty();
    }

    @Test
    void a_registration_whose_event_left_the_catalogue_is_neither_listed_nor_opened() {
        ForgettingCatalogue catalogue = new ForgettingCatalogue(InMemoryEventCatalogue.create());
        InMemoryStorage storage = InMemoryStorage.create();
        RegistrationEngine engine = RegistrationEngine.builder().eventCatalogue(catalogue).registrationStore(storage)
                .notificationOutbox(storage).clock(f.clock).build();
        engine.events().publish(meeting("vergeten", 5).build());
        engine.events().publish(meeting("gebleven", 5).build());
        Registration forgotten = f.registered(engine.registrations().register(registration("vergeten", 1)));
        Registration kept = f.registered(engine.registrations().register(registration("gebleven", 1)));

        catalogue.forget("vergeten");

        assertThat(engine.registrations().registrationsOf(loggedIn(1))).extracting(m -> m.registration().id())
                .containsExactly(kept.id());
        assertThat(engine.registrations().openAsOwner(forgotten.id(), loggedIn(1))).isEmpty();
        assertThat(engine.registrations().openAsOwner(kept.id(), loggedIn(1))).isPresent();
    }

    @Test
    void an_organiser_looks_a_registration_up_by_its_id_to_learn_its_event() {
        Event event = f.publish(meeting("opzoeken", 5).build());
        Registration r = register(event, 1);

        assertThat(f.engine.organising().registration(r.id())).map(Registration::eventId).contains(event.id());
        assertThat(f.engine.organising().registration(UUID.randomUUID())).isEmpty();
        assertThat(f.engine.organising().registration(null)).isEmpty();
    }

    /** A catalogue that can lose an event, as a host's catalogue might. */
    private static final class ForgettingCatalogue implements EventCatalogue {
        private final EventCatalogue catalogue;
        private final Set<String> forgotten = ConcurrentHashMap.newKeySet();

        ForgettingCatalogue(EventCatalogue catalogue) {
            this.catalogue = catalogue;
        }

        void forget(String eventId) {
            forgotten.add(eventId);
        }

        @Override
        public Optional<Event> find(String eventId) {
            return forgotten.contains(eventId) ? Optional.empty() : catalogue.find(eventId);
        }

        @Override
        public List<Event> all() {
            return catalogue.all().stream().filter(e -> !forgotten.contains(e.id())).toList();
        }

        @Override
        public Optional<StoredEvent> stored(String eventId) {
            return forgotten.contains(eventId) ? Optional.empty() : catalogue.stored(eventId);
        }

        @Override
        public List<EventRevision> history(String eventId) {
            return forgotten.contains(eventId) ? List.of() : catalogue.history(eventId);
        }

        @Override
        public boolean save(EventRevision revision, Optional<Event> imported) {
            return catalogue.save(revision, imported);
        }
    }
}
