package nl.learningcommunities.registration.inmemory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import nl.learningcommunities.registration.booking.ErasedAddresses;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.notification.OutboxBacklog;
import nl.learningcommunities.registration.notification.OutboxEntry;
import nl.learningcommunities.registration.notification.OutboxEntry.DeliveryState;

/**
 * The outbox entries, oldest first, guarded by this object's monitor. A store's unit of work queues its
 * notifications without the monitor ({@link #append}); every read takes them in first, in the order queued, so that
 * a notification is there for whoever asks after its unit of work ended.
 */
final class InMemoryOutbox {

    private final Map<UUID, OutboxEntry> entries = new LinkedHashMap<>();
    private final Queue<Notification> arriving = new ConcurrentLinkedQueue<>();

    /**
     * Queues a unit of work's notifications without waiting for the monitor; a notification already in the outbox
     * is kept as it is.
     */
    void append(List<Notification> notifications) {
        arriving.addAll(notifications);
    }

    /** @return how many of the notifications were new to the outbox */
    synchronized int add(List<Notification> notifications) {
        takeIn();
        int added = 0;
        for (Notification notification : notifications) {
            if (put(notification)) {
                added++;
            }
        }
        return added;
    }

    /** Takes in what was appended, in order. Call holding the monitor, before reading or changing entries. */
    private void takeIn() {
        for (Notification n = arriving.poll(); n != null; n = arriving.poll()) {
            put(n);
        }
    }

    private boolean put(Notification notification) {
        return entries.putIfAbsent(notification.id(), new OutboxEntry(notification, DeliveryState.PENDING, 0,
                notification.createdAt(), Optional.empty(), Optional.empty(), Optional.empty())) == null;
    }

    synchronized List<OutboxEntry> claimDue(String claimant, int max, Instant now, Duration lease) {
        takeIn();
        List<OutboxEntry> claimed = new ArrayList<>();
        for (Map.Entry<UUID, OutboxEntry> each : entries.entrySet()) {
            if (claimed.size() >= max) {
                break;
            }
            OutboxEntry entry = each.getValue();
            boolean free = entry.claimExpiresAt().map(expiry -> !expiry.isAfter(now)).orElse(true);
            if (entry.state() == DeliveryState.PENDING && !entry.nextAttemptAt().isAfter(now) && free) {
                OutboxEntry taken = new OutboxEntry(entry.notification(), entry.state(), entry.attempts() + 1,
                        entry.nextAttemptAt(), entry.lastError(), Optional.of(claimant), Optional.of(now.plus(lease)));
                each.setValue(taken);
                claimed.add(taken);
            }
        }
        return claimed;
    }

    synchronized boolean markSent(UUID id, String claimant) {
        takeIn();
        return settle(id, claimant, entry -> new OutboxEntry(withoutToken(entry.notification()), DeliveryState.SENT,
                entry.attempts(), entry.nextAttemptAt(), entry.lastError(), Optional.empty(), Optional.empty()));
    }

    synchronized boolean markRetry(UUID id, String claimant, String error, Instant retryAt) {
        takeIn();
        return settle(id, claimant, entry -> new OutboxEntry(entry.notification(), DeliveryState.PENDING,
                entry.attempts(), retryAt, Optional.of(error), Optional.empty(), Optional.empty()));
    }

    synchronized boolean markFailed(UUID id, String claimant, String error) {
        takeIn();
        return settle(id, claimant, entry -> new OutboxEntry(withoutToken(entry.notification()), DeliveryState.FAILED,
                entry.attempts(), entry.nextAttemptAt(), Optional.of(error), Optional.empty(), Optional.empty()));
    }

    synchronized OutboxBacklog backlog() {
        takeIn();
        long pending = 0;
        long failed = 0;
        Instant oldest = null;
        for (OutboxEntry e : entries.values()) {
            if (e.state() == DeliveryState.PENDING) {
                pending++;
                Instant queued = e.notification().createdAt();
                oldest = oldest == null || queued.isBefore(oldest) ? queued : oldest;
            } else if (e.state() == DeliveryState.FAILED) {
                failed++;
            }
        }
        return new OutboxBacklog(pending, failed, Optional.ofNullable(oldest));
    }

    synchronized List<OutboxEntry> failed(String eventId) {
        takeIn();
        return entries.values().stream().filter(e -> e.state() == DeliveryState.FAILED)
                .filter(e -> e.notification().eventId().equals(eventId)).toList();
    }

    synchronized List<OutboxEntry> about(UUID registrationId) {
        takeIn();
        return entries.values().stream()
                .filter(e -> e.notification().registrationId().equals(Optional.of(registrationId))).toList();
    }

    synchronized void erase(UUID registrationId) {
        takeIn();
        erase(n -> n.registrationId().equals(Optional.of(registrationId)),
                n -> ErasedAddresses.forRegistration(registrationId));
    }

    synchronized java.util.Set<UUID> extendClaims(java.util.Collection<UUID> ids, String claimant, Instant until) {
        takeIn();
        java.util.Set<UUID> extended = new java.util.HashSet<>();
        for (UUID id : ids) {
            OutboxEntry e = entries.get(id);
            if (e != null && e.state() == DeliveryState.PENDING && e.claimedBy().equals(Optional.of(claimant))) {
                entries.put(id, new OutboxEntry(e.notification(), e.state(), e.attempts(), e.nextAttemptAt(),
                        e.lastError(), e.claimedBy(), Optional.of(until)));
                extended.add(id);
            }
        }
        return extended;
    }

    synchronized void eraseRecipient(String eventId, EmailAddress recipient) {
        takeIn();
        erase(n -> n.eventId().equals(eventId) && n.registrationId().isEmpty()
                && n.recipient().key().equals(recipient.key()), n -> ErasedAddresses.forNotification(n.id()));
    }

    synchronized void eraseUnattached(String eventId) {
        takeIn();
        erase(n -> n.eventId().equals(eventId) && n.registrationId().isEmpty(),
                n -> ErasedAddresses.forNotification(n.id()));
    }

    /** Drops the pending entries that match, and keeps only a placeholder address of the others. */
    private void erase(java.util.function.Predicate<Notification> which,
                       java.util.function.Function<Notification, EmailAddress> placeholder) {
        entries.values().removeIf(e -> e.state() == DeliveryState.PENDING && which.test(e.notification()));
        entries.replaceAll((id, e) -> {
            if (!which.test(e.notification())) {
                return e;
            }
            Notification n = e.notification();
            Notification erased = new Notification(n.id(), n.type(), n.eventId(), n.registrationId(),
                    placeholder.apply(n), "", n.locale(), n.createdAt(), Optional.empty(), Map.of());
            return new OutboxEntry(erased, e.state(), e.attempts(), e.nextAttemptAt(), e.lastError(),
                    e.claimedBy(), e.claimExpiresAt());
        });
    }

    private boolean settle(UUID id, String claimant, java.util.function.UnaryOperator<OutboxEntry> change) {
        OutboxEntry entry = entries.get(id);
        if (entry == null || !entry.claimedBy().equals(Optional.of(claimant))) {
            return false;
        }
        entries.put(id, change.apply(entry));
        return true;
    }

    private static Notification withoutToken(Notification n) {
        return new Notification(n.id(), n.type(), n.eventId(), n.registrationId(), n.recipient(), n.recipientName(),
                n.locale(), n.createdAt(), Optional.empty(), n.data());
    }
}
