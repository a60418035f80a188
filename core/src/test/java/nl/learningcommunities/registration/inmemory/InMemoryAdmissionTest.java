package nl.learningcommunities.registration.inmemory;

import static nl.learningcommunities.registration.testing.TestEvents.NOW;
import static nl.learningcommunities.registration.testing.TestEvents.meeting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nl.learningcommunities.registration.booking.Admission;
import nl.learningcommunities.registration.booking.Attendance;
import nl.learningcommunities.registration.booking.NotificationPlan;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.SeatCounts;
import nl.learningcommunities.registration.booking.SeatPlan;
import nl.learningcommunities.registration.booking.StatusChange;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.participant.Participant;

/**
 * The in-memory store holds an event's lock only for the seat decision of a registrant: their history line,
 * notifications and tokens are built after it, while the event's book marks the registration as being built.
 * Registrants of the same event do not wait for that; whoever reads the registration meanwhile does, and an
 * admission whose notifications cannot be built leaves no trace.
 */
class InMemoryAdmissionTest {

    /** How long a fake plan waits for the other party before it reports that it waited in vain: a hang guard. */
    private static final long GUARD_SECONDS = 30;

    private final InMemoryStorage storage = InMemoryStorage.create();
    private final Event event = meeting("one-seat", 1).build();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    InMemoryAdmissionTest() {
        storage.defineSeats(SeatPlan.of(event), NOW, NotificationPlan.NONE);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void a_registrant_whose_notifications_are_still_being_built_holds_up_nobody_else_for_the_event()
            throws Exception {
        Registration first = draft(1);
        Registration second = draft(2);
        Gate gate = new Gate();
        Future<StoreResult> firstAdmitted = threads.submit(() -> storage.admit(admission(first, gate.plan())));
        gate.awaitBuilding();

        StoreResult secondAdmitted = storage.admit(admission(second, confirming()));
        gate.open();

        assertThat(firstAdmitted.get(GUARD_SECONDS, TimeUnit.SECONDS)).isInstanceOfSatisfying(StoreResult.Done.class,
                done -> {
                    assertThat(done.first().status()).isEqualTo(RegistrationStatus.CONFIRMED);
                    assertThat(done.first().version()).isEqualTo(1);
                    assertThat(done.first().history()).singleElement()
                            .satisfies(line -> assertThat(line.reason()).isEqualTo("registered"));
                });
        assertThat(gate.waitedInVain()).as("the first plan waited for the second registrant in vain").isFalse();
        assertThat(secondAdmitted).isInstanceOfSatisfying(StoreResult.Done.class, done -> {
            assertThat(done.first().status()).isEqualTo(RegistrationStatus.WAITLISTED);
            assertThat(done.first().waitlistPosition()).hasValue(1);
            assertThat(done.placesInLine()).containsEntry(second.id(), 1L);
        });
        assertThat(storage.about(first.id())).singleElement()
                .satisfies(e -> assertThat(e.notification().type()).isEqualTo(NotificationType.CONFIRMATION));
        assertThat(storage.list(RegistrationQuery.all(event.id()))).extracting(Registration::id)
                .containsExactly(first.id(), second.id());
    }

    @Test
    void a_reader_meeting_a_registration_still_being_built_waits_and_reads_it_whole() throws Exception {
        Registration first = draft(1);
        Gate gate = new Gate();
        Future<StoreResult> admitted = threads.submit(() -> storage.admit(admission(first, gate.plan())));
        gate.awaitBuilding();
        AtomicReference<Thread> reading = new AtomicReference<>();
        Future<List<Registration>> listed = threads.submit(() -> {
            reading.set(Thread.currentThread());
            return storage.list(RegistrationQuery.all(event.id()));
        });
        Future<SeatCounts> counted = threads.submit(() -> storage.counts(event.id()));
        awaitWaiting(listed, reading);

        gate.open();

        assertThat(admitted.get(GUARD_SECONDS, TimeUnit.SECONDS)).isInstanceOf(StoreResult.Done.class);
        assertThat(listed.get(GUARD_SECONDS, TimeUnit.SECONDS)).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(first.id());
            assertThat(r.version()).isEqualTo(1);
        });
        assertThat(counted.get(GUARD_SECONDS, TimeUnit.SECONDS).confirmed()).isEqualTo(1);
    }

    @Test
    void an_admission_whose_notifications_cannot_be_built_leaves_no_trace_and_its_seat_goes_to_the_first_in_line()
            throws Exception {
        Registration failing = draft(1);
        Registration next = draft(2);
        Gate gate = new Gate();
        NotificationPlan failsForTheFirst = change -> {
            if (change.after().id().equals(failing.id())) {
                gate.plan().notificationsFor(change);
                throw new IllegalStateException("no token to be had");
            }
            return confirming().notificationsFor(change);
        };
        Future<StoreResult> failed = threads.submit(() -> storage.admit(admission(failing, failsForTheFirst)));
        gate.awaitBuilding();

        StoreResult queued = storage.admit(admission(next, failsForTheFirst));
        gate.open();

        assertThatThrownBy(() -> failed.get(GUARD_SECONDS, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(IllegalStateException.class).hasRootCauseMessage("no token to be had");
        assertThat(queued).isInstanceOfSatisfying(StoreResult.Done.class,
                done -> assertThat(done.first().status()).isEqualTo(RegistrationStatus.WAITLISTED));
        assertThat(storage.find(failing.id())).isEmpty();
        assertThat(storage.about(failing.id())).isEmpty();
        assertThat(storage.list(RegistrationQuery.all(event.id()))).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(next.id());
            assertThat(r.status()).isEqualTo(RegistrationStatus.CONFIRMED);
            assertThat(r.history()).extracting(StatusChange::reason).containsExactly("registered", "promoted");
        });
        SeatCounts counts = storage.counts(event.id());
        assertThat(List.of(counts.confirmed(), counts.waiting())).containsExactly(1, 0);
    }

    @Test
    void an_admission_that_fails_on_its_own_leaves_the_address_and_the_seat_free() {
        Registration failing = draft(1);
        NotificationPlan broken = change -> {
            throw new IllegalStateException("no token to be had");
        };

        assertThatThrownBy(() -> storage.admit(admission(failing, broken))).hasMessage("no token to be had");
        StoreResult again = storage.admit(admission(draft(1), confirming()));

        assertThat(again).isInstanceOfSatisfying(StoreResult.Done.class,
                done -> assertThat(done.first().status()).isEqualTo(RegistrationStatus.CONFIRMED));
        assertThat(storage.find(failing.id())).isEmpty();
        assertThat(storage.counts(event.id()).confirmed()).isEqualTo(1);
    }

    @Test
    void a_notification_plan_that_reads_the_store_about_its_own_registration_is_refused_and_stores_nothing() {
        Registration reader = draft(1);
        NotificationPlan readsTheStore = change -> {
            storage.list(RegistrationQuery.all(event.id()));
            return List.of();
        };

        assertThatThrownBy(() -> storage.admit(admission(reader, readsTheStore)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must not read the store");
        assertThat(storage.list(RegistrationQuery.all(event.id()))).isEmpty();
    }

    /** Holds a registrant's plan until the test lets it go on, and tells whether it was let go or gave up. */
    private static final class Gate {
        private final CountDownLatch building = new CountDownLatch(1);
        private final CountDownLatch open = new CountDownLatch(1);
        private final AtomicBoolean waitedInVain = new AtomicBoolean();

        NotificationPlan plan() {
            return change -> {
                building.countDown();
                try {
                    waitedInVain.compareAndSet(false, !open.await(GUARD_SECONDS, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return confirming().notificationsFor(change);
            };
        }

        void awaitBuilding() throws InterruptedException {
            assertThat(building.await(GUARD_SECONDS, TimeUnit.SECONDS)).as("the plan was reached").isTrue();
        }

        void open() {
            open.countDown();
        }

        boolean waitedInVain() {
            return waitedInVain.get();
        }
    }

    /** Waits until the reading thread waits for the registration being built (or for the event's lock). */
    private static void awaitWaiting(Future<?> reader, AtomicReference<Thread> reading) {
        while (!reader.isDone() && (reading.get() == null || (reading.get().getState() != Thread.State.WAITING
                && reading.get().getState() != Thread.State.BLOCKED))) {
            Thread.onSpinWait();
        }
    }

    /** A plan that announces a confirmation to the participant, with no link. */
    private static NotificationPlan confirming() {
        return change -> List.of(new Notification(UUID.randomUUID(), NotificationType.CONFIRMATION,
                change.after().eventId(), Optional.of(change.after().id()), change.after().participant().email(),
                change.after().participant().fullName(), Locale.forLanguageTag("nl"), NOW, Optional.empty(),
                Map.of()));
    }

    private Admission admission(Registration draft, NotificationPlan plan) {
        return new Admission(event.id(), List.of(draft), new StatusChange(Optional.empty(),
                RegistrationStatus.CONFIRMED, NOW, StatusChange.PARTICIPANT, "registered", Optional.empty()),
                OptionalInt.empty(), NOW, plan);
    }

    private Registration draft(int n) {
        Participant participant = new Participant("Deelnemer", "Nummer " + n,
                EmailAddress.of("deelnemer" + n + "@hogeschool.example.org"), "Hogeschool " + n, "projectleider",
                "hbo", Locale.forLanguageTag("nl"), Map.of(), Optional.empty());
        return new Registration(UUID.randomUUID(), event.id(), participant, List.of(), RegistrationStatus.CONFIRMED,
                OptionalLong.empty(), Optional.empty(), Attendance.UNKNOWN, Optional.empty(), Optional.empty(), NOW,
                NOW, List.of(), List.of(), false, 0);
    }
}
