package nl.learningcommunities.registration.application.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationQuery;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.OrganiserNotifications;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.rule.Messages;
import nl.learningcommunities.registration.token.IssuedToken;
import nl.learningcommunities.registration.token.TokenPurpose;
import nl.learningcommunities.registration.token.Tokens;

/** Messages that time, not a change, calls for: reminders before an event, and organisers' daily digests. */
final class Reminders {

    private static final LocalTime DIGEST_TIME = LocalTime.of(17, 0);

    private final Context context;

    Reminders(Context context) {
        this.context = context;
    }

    /**
     * Queues the reminder of every confirmed participant who has none yet, once the event is near. The token it
     * carries is added to the registration in the same unit of work; a node that races another loses on the
     * registration's version and queues nothing.
     */
    int queueReminders(Event event, Instant now) {
        Instant from = event.startsAt().toInstant().minus(event.reminderBefore());
        if (now.isBefore(from) || !now.isBefore(event.startsAt().toInstant())) {
            return 0;
        }
        int queued = 0;
        RegistrationQuery confirmed = new RegistrationQuery(event.id(), Set.of(RegistrationStatus.CONFIRMED),
                Optional.empty(), 0, Integer.MAX_VALUE);
        for (Registration registration : context.store().list(confirmed)) {
            boolean reminded = context.outbox().about(registration.id()).stream()
                    .anyMatch(e -> e.notification().type() == NotificationType.REMINDER);
            if (registration.erased() || reminded) {
                continue;
            }
            StoreResult result = context.store().update(registration, registration.version(),
                    change -> List.of(reminder(event, change.after(), now)));
            if (result instanceof StoreResult.Done) {
                queued++;
            }
        }
        return queued;
    }

    private Notification reminder(Event event, Registration registration, Instant now) {
        IssuedToken token = Tokens.issue(context.tokens(), TokenPurpose.MANAGE, Announcements.manageExpiry(event));
        var participant = registration.participant();
        return new Notification(RandomIds.next(), NotificationType.REMINDER, event.id(),
                Optional.of(registration.id()), participant.email(), participant.fullName(), participant.locale(), now,
                Optional.of(token), Map.of("status", registration.status().name()));
    }

    /** Queues the day's digest for an event whose organiser chose one, once a day from 17:00. */
    int queueDigest(Event event, Instant now) {
        if (event.organiserNotifications() != OrganiserNotifications.DAILY_DIGEST) {
            return 0;
        }
        ZonedDateTime local = now.atZone(event.startsAt().getZone());
        if (local.toLocalTime().isBefore(DIGEST_TIME)) {
            return 0;
        }
        LocalDate day = local.toLocalDate();
        Instant since = day.atTime(DIGEST_TIME).atZone(local.getZone()).minusDays(1).toInstant();
        Instant until = day.atTime(DIGEST_TIME).atZone(local.getZone()).toInstant();
        long arrived = context.store().list(RegistrationQuery.all(event.id())).stream()
                .filter(r -> !r.createdAt().isBefore(since) && r.createdAt().isBefore(until)).count();
        if (arrived == 0) {
            return 0;
        }
        UUID id = UUID.nameUUIDFromBytes(("digest:" + event.id() + ":" + day).getBytes(StandardCharsets.UTF_8));
        return context.outbox().enqueue(List.of(new Notification(id, NotificationType.ORGANISER_DIGEST, event.id(),
                Optional.empty(), event.contact().email(), event.contact().name(), Messages.DUTCH, now,
                Optional.empty(), Map.of("registrations", String.valueOf(arrived), "day", day.toString()))));
    }


}
