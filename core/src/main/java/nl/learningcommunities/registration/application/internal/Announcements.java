package nl.learningcommunities.registration.application.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import nl.learningcommunities.registration.booking.Change;
import nl.learningcommunities.registration.booking.NotificationPlan;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.SessionChoice;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.OrganiserNotifications;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.rule.Messages;
import nl.learningcommunities.registration.token.IssuedToken;
import nl.learningcommunities.registration.token.TokenGenerator;
import nl.learningcommunities.registration.token.TokenPurpose;
import nl.learningcommunities.registration.token.Tokens;

/**
 * Which e-mail each change sends. Every message to a participant carries a fresh personal-link token, which works
 * until the event's retention period ends (when its data is erased); the verification messages carry a
 * verification token that expires sooner. A new address asked for from the personal link gets a verification
 * message of its own, and the current address is told (the new one masked).
 */
final class Announcements implements NotificationPlan {

    /** History reasons of changes the participant is not told of by e-mail. */
    private static final List<String> SILENT = List.of("superseded", "verification-expired", "erased-on-request");

    private final Event event;
    private final TokenGenerator tokens;
    private final Instant now;

    /** A personal-link token minted before the store takes its lock, for the first message that needs one. */
    private final java.util.concurrent.atomic.AtomicReference<IssuedToken> minted;

    Announcements(Event event, TokenGenerator tokens, Instant now) {
        this.event = event;
        this.tokens = tokens;
        this.now = now;
        this.minted = new java.util.concurrent.atomic.AtomicReference<>(
                Tokens.issue(tokens, TokenPurpose.MANAGE, manageExpiry(event)));
    }

    /** Until when a personal link works: until the event's retention ends and its personal data is erased. */
    static Optional<Instant> manageExpiry(Event event) {
        return Optional.of(event.retentionEndsAt());
    }

    @Override
    public List<Notification> notificationsFor(Change change) {
        Registration after = change.after();
        if (after.erased()) {
            return List.of();
        }
        List<Notification> out = new ArrayList<>();
        Optional<RegistrationStatus> from = change.before().map(Registration::status);
        String reason = after.history().isEmpty() ? "" : after.history().get(after.history().size() - 1).reason();
        if (change.statusChanged()) {
            NotificationType type = participantMessage(from, after, reason);
            if (type != null) {
                out.add(toParticipant(type, after, reason));
            }
            boolean arrived = after.status() != RegistrationStatus.PENDING_VERIFICATION
                    && (from.isEmpty() || from.get() == RegistrationStatus.PENDING_VERIFICATION)
                    && after.status().isActive();
            if (arrived && event.organiserNotifications() == OrganiserNotifications.PER_REGISTRATION) {
                out.add(toOrganiser(after));
            }
        } else {
            Registration before = change.before().orElseThrow();
            if (after.pendingEmail().isPresent() && !after.pendingEmail().equals(before.pendingEmail())) {
                out.add(toNewAddress(after));
                out.add(with(toParticipant(NotificationType.EMAIL_CHANGE_REQUESTED, after, reason), "newAddress",
                        after.pendingEmail().get().address().masked()));
            } else if (!before.participant().equals(after.participant())
                    || !before.sessionIds().equals(after.sessionIds())) {
                out.add(toParticipant(NotificationType.DETAILS_CHANGED, after, reason));
            } else if (seatedInSession(before, after)) {
                out.add(toParticipant(NotificationType.SESSION_SEATED, after, reason));
            }
        }
        return out;
    }

    /**
     * @param changedFields the event's fields that changed, named as in its definition
     * @return a plan that tells each registration changed that the event's time, place or link changed
     */
    NotificationPlan eventChanged(List<String> changedFields) {
        return change -> {
            Registration current = change.after();
            if (current.erased()) {
                return List.of();
            }
            Notification told = toParticipant(NotificationType.EVENT_CHANGED, current, "event-changed");
            return List.of(with(told, "changedFields", String.join(",", changedFields)));
        };
    }

    private static Notification with(Notification n, String key, String value) {
        Map<String, String> data = new LinkedHashMap<>(n.data());
        data.put(key, value);
        return new Notification(n.id(), n.type(), n.eventId(), n.registrationId(), n.recipient(), n.recipientName(),
                n.locale(), n.createdAt(), n.token(), data);
    }

    /**
     * The verification message to a pending new address: its link alone, no personal link, and addressed to no name,
     * since nobody has confirmed the address yet and the name is whatever the person changing it typed.
     */
    private Notification toNewAddress(Registration registration) {
        var pending = registration.pendingEmail().orElseThrow();
        IssuedToken token = Tokens.issue(tokens, TokenPurpose.VERIFY_NEW_EMAIL, Optional.of(pending.expiresAt()));
        Map<String, String> data = new LinkedHashMap<>();
        data.put("status", registration.status().name());
        data.put("reason", "email-change-requested");
        data.put("tokenExpiresAt", pending.expiresAt().toString());
        return new Notification(RandomIds.next(), NotificationType.VERIFY_NEW_EMAIL, event.id(),
                Optional.of(registration.id()), pending.address(), "", registration.participant().locale(), now,
                Optional.of(token), data);
    }

    /**
     * @return a plan that announces, for each registration changed, the message of its current state again
     */
    NotificationPlan resending() {
        return change -> {
            Registration current = change.after();
            if (current.erased()) {
                return List.of();
            }
            NotificationType type = switch (current.status()) {
                case CONFIRMED -> NotificationType.CONFIRMATION;
                case WAITLISTED -> current.offerExpiresAt().isPresent()
                        ? NotificationType.WAITLIST_OFFER : NotificationType.WAITLISTED;
                case PENDING_APPROVAL -> NotificationType.PENDING_APPROVAL;
                case PENDING_VERIFICATION -> NotificationType.VERIFY_EMAIL;
                case CANCELLED -> NotificationType.CANCELLATION;
                case REJECTED -> NotificationType.REJECTED;
            };
            return List.of(toParticipant(type, current, "resent"));
        };
    }

    private static NotificationType participantMessage(Optional<RegistrationStatus> from, Registration after,
                                                       String reason) {
        if (SILENT.contains(reason)) {
            return null;
        }
        RegistrationStatus to = after.status();
        if ("event-cancelled".equals(reason) && to == RegistrationStatus.CANCELLED) {
            return NotificationType.EVENT_CANCELLED;
        }
        if (from.isEmpty() || from.get() == RegistrationStatus.PENDING_VERIFICATION) {
            return switch (to) {
                case CONFIRMED -> NotificationType.CONFIRMATION;
                case WAITLISTED -> NotificationType.WAITLISTED;
                case PENDING_APPROVAL -> NotificationType.PENDING_APPROVAL;
                case PENDING_VERIFICATION -> NotificationType.VERIFY_EMAIL;
                case CANCELLED -> NotificationType.CANCELLATION;
                case REJECTED -> NotificationType.REJECTED;
            };
        }
        return switch (to) {
            case CONFIRMED -> switch (from.get()) {
                case PENDING_APPROVAL -> NotificationType.APPROVED;
                case WAITLISTED -> "promoted".equals(reason) ? NotificationType.PROMOTED : NotificationType.CONFIRMATION;
                default -> NotificationType.CONFIRMATION;
            };
            case WAITLISTED -> after.offerExpiresAt().isPresent()
                    ? NotificationType.WAITLIST_OFFER : NotificationType.WAITLISTED;
            case REJECTED -> NotificationType.REJECTED;
            case CANCELLED -> NotificationType.CANCELLATION;
            case PENDING_APPROVAL -> NotificationType.PENDING_APPROVAL;
            case PENDING_VERIFICATION -> NotificationType.VERIFY_EMAIL;
        };
    }

    private static boolean seatedInSession(Registration before, Registration after) {
        for (SessionChoice choice : after.sessions()) {
            boolean wasWaiting = before.sessions().stream().anyMatch(c -> c.sessionId().equals(choice.sessionId())
                    && c.placement() == SessionChoice.Placement.WAITLISTED);
            if (wasWaiting && choice.placement() == SessionChoice.Placement.SEATED) {
                return true;
            }
        }
        return false;
    }

    private Notification toParticipant(NotificationType type, Registration registration, String reason) {
        IssuedToken token = type == NotificationType.VERIFY_EMAIL
                ? Tokens.issue(tokens, TokenPurpose.VERIFY_EMAIL, Optional.of(now.plus(event.verificationValidity())))
                : Optional.ofNullable(minted.getAndSet(null))
                        .orElseGet(() -> Tokens.issue(tokens, TokenPurpose.MANAGE, manageExpiry(event)));
        Map<String, String> data = new LinkedHashMap<>();
        data.put("status", registration.status().name());
        data.put("reason", reason);
        registration.waitlistPosition().ifPresent(p -> data.put("waitlistPosition", String.valueOf(p)));
        registration.offerExpiresAt().ifPresent(t -> data.put("offerExpiresAt", t.toString()));
        if (token.stored().purpose() == TokenPurpose.VERIFY_EMAIL) {
            token.stored().expiresAt().ifPresent(t -> data.put("tokenExpiresAt", t.toString()));
        }
        var participant = registration.participant();
        return new Notification(RandomIds.next(), type, event.id(), Optional.of(registration.id()),
                participant.email(), participant.fullName(), participant.locale(), now, Optional.of(token), data);
    }

    private Notification toOrganiser(Registration registration) {
        Map<String, String> data = Map.of("status", registration.status().name());
        Locale locale = Messages.DUTCH;
        return new Notification(RandomIds.next(), NotificationType.ORGANISER_NEW_REGISTRATION, event.id(),
                Optional.of(registration.id()), event.contact().email(), event.contact().name(), locale, now,
                Optional.empty(), data);
    }
}
