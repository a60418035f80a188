package nl.learningcommunities.registration.application.internal;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.learningcommunities.registration.application.Housekeeping;
import nl.learningcommunities.registration.application.HousekeepingReport;
import nl.learningcommunities.registration.booking.Change;
import nl.learningcommunities.registration.booking.NotificationPlan;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.StatusChange;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.event.Event;

/** Periodic work. Thread-safe and idempotent. */
public final class HousekeepingUseCases implements Housekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(HousekeepingUseCases.class);

    private final Context context;
    private final OrganiserUseCases organising;
    private final Reminders reminders;
    private final EventCancellation cancellation;

    /**
     * @param context the ports and clock
     */
    public HousekeepingUseCases(Context context) {
        this.context = Objects.requireNonNull(context, "context");
        this.organising = new OrganiserUseCases(context);
        this.reminders = new Reminders(context);
        this.cancellation = new EventCancellation(context);
    }

    @Override
    public HousekeepingReport run() {
        int lapsed = 0;
        int promoted = 0;
        int expired = 0;
        int erased = 0;
        int remindersQueued = 0;
        int digests = 0;
        for (Event event : context.catalogue().all()) {
            Instant now = context.now();
            if (!now.isBefore(event.retentionEndsAt())) {
                erased += organising.eraseEvent(event.id(), StatusChange.SYSTEM);
                continue;
            }
            if (event.isCancelled()) {
                // Finishes a cancellation that stopped half-way; nobody is reminded of a cancelled event.
                cancellation.cancelRegistrations(event, StatusChange.SYSTEM);
                continue;
            }
            StoreResult.Done refilled = context.store().refill(event.id(), now, context.announcements(event, now));
            context.publish(refilled.changes(), now);
            for (Change change : refilled.changes()) {
                String reason = change.after().history().get(change.after().history().size() - 1).reason();
                if ("offer-expired".equals(reason)) {
                    lapsed++;
                } else if ("promoted".equals(reason) || "offer-made".equals(reason)) {
                    promoted++;
                }
            }
            expired += expireVerifications(event, now);
            remindersQueued += reminders.queueReminders(event, now);
            digests += reminders.queueDigest(event, now);
        }
        HousekeepingReport report = new HousekeepingReport(lapsed, promoted, expired, erased, remindersQueued, digests);
        if (lapsed + promoted + expired + erased + remindersQueued + digests > 0) {
            LOG.info("housekeeping: {}", report);
        }
        return report;
    }

    private int expireVerifications(Event event, Instant now) {
        Set<RegistrationStatus> pending = EnumSet.of(RegistrationStatus.PENDING_VERIFICATION);
        RegistrationQuery query = new RegistrationQuery(event.id(), pending, Optional.empty(), 0, Integer.MAX_VALUE);
        int expired = 0;
        for (Registration registration : context.store().list(query)) {
            if (ParticipantUseCases.verificationLapsed(registration, now)) {
                StoreResult result = context.store().transition(registration.id(), pending, new StatusChange(
                        Optional.empty(), RegistrationStatus.CANCELLED, now, StatusChange.SYSTEM,
                        "verification-expired", Optional.empty()), NotificationPlan.NONE);
                if (result instanceof StoreResult.Done done) {
                    context.publish(done.changes(), now);
                    expired++;
                }
            }
        }
        return expired;
    }
}
