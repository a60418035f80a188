package nl.learningcommunities.registration.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.notification.NotificationOutbox;
import nl.learningcommunities.registration.notification.OutboxBacklog;
import nl.learningcommunities.registration.notification.OutboxEntry;
import nl.learningcommunities.registration.notification.OutboxEntry.DeliveryState;
import nl.learningcommunities.registration.participant.EmailAddress;

/**
 * An in-memory outbox with the semantics of the core's {@code InMemoryOutbox}, and the claim extension proposed for
 * the port in issue #11 ({@link #extend}); it records every claim and extension the dispatchers ask for. Guarded by
 * its monitor.
 */
final class LeasedOutbox implements NotificationOutbox, ClaimRenewal {

    /** One {@link #claimDue} call. */
    record Claim(String claimant, int max, Instant now, Duration lease) {
    }

    private final Map<UUID, OutboxEntry> entries = new LinkedHashMap<>();
    private final List<Claim> claims = new ArrayList<>();
    private final AtomicInteger extensions = new AtomicInteger();

    @Override
    public synchronized int enqueue(List<Notification> notifications) {
        int added = 0;
        for (Notification n : notifications) {
            if (entries.putIfAbsent(n.id(), new OutboxEntry(n, DeliveryState.PENDING, 0, n.createdAt(),
                    Optional.empty(), Optional.empty(), Optional.empty())) == null) {
                added++;
            }
        }
        return added;
    }

    @Override
    public synchronized List<OutboxEntry> claimDue(String claimant, int max, Instant now, Duration lease) {
        claims.add(new Claim(claimant, max, now, lease));
        List<OutboxEntry> claimed = new ArrayList<>();
        for (Map.Entry<UUID, OutboxEntry> each : entries.entrySet()) {
            OutboxEntry e = each.getValue();
            boolean free = e.claimExpiresAt().map(expiry -> !expiry.isAfter(now)).orElse(true);
            if (claimed.size() < max && e.state() == DeliveryState.PENDING && !e.nextAttemptAt().isAfter(now) && free) {
                OutboxEntry taken = new OutboxEntry(e.notification(), e.state(), e.attempts() + 1, e.nextAttemptAt(),
                        e.lastError(), Optional.of(claimant), Optional.of(now.plus(lease)));
                each.setValue(taken);
                claimed.add(taken);
            }
        }
        return claimed;
    }

    @Override
    public Set<UUID> extendClaims(Collection<UUID> ids, String claimant, Instant until) {
        return extend(ids, claimant, until);
    }

    /** {@code NotificationOutbox.extendClaims}, counting how often it is asked. */
    @Override
    public synchronized Set<UUID> extend(Collection<UUID> ids, String claimant, Instant until) {
        extensions.incrementAndGet();
        Set<UUID> extended = new HashSet<>();
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

    @Override
    public synchronized boolean markSent(UUID id, String claimant, Instant at) {
        return settle(id, claimant, e -> new OutboxEntry(e.notification(), DeliveryState.SENT, e.attempts(),
                e.nextAttemptAt(), e.lastError(), Optional.empty(), Optional.empty()));
    }

    @Override
    public synchronized boolean markRetry(UUID id, String claimant, String error, Instant retryAt) {
        return settle(id, claimant, e -> new OutboxEntry(e.notification(), DeliveryState.PENDING, e.attempts(),
                retryAt, Optional.of(error), Optional.empty(), Optional.empty()));
    }

    @Override
    public synchronized boolean markFailed(UUID id, String claimant, String error) {
        return settle(id, claimant, e -> new OutboxEntry(e.notification(), DeliveryState.FAILED, e.attempts(),
                e.nextAttemptAt(), Optional.of(error), Optional.empty(), Optional.empty()));
    }

    @Override
    public synchronized OutboxBacklog backlog() {
        long pending = entries.values().stream().filter(e -> e.state() == DeliveryState.PENDING).count();
        long failed = entries.values().stream().filter(e -> e.state() == DeliveryState.FAILED).count();
        return new OutboxBacklog(pending, failed, entries.values().stream()
                .filter(e -> e.state() == DeliveryState.PENDING).map(e -> e.notification().createdAt())
                .min(Instant::compareTo));
    }

    @Override
    public synchronized List<OutboxEntry> failed(String eventId) {
        return entries.values().stream().filter(e -> e.state() == DeliveryState.FAILED)
                .filter(e -> e.notification().eventId().equals(eventId)).toList();
    }

    @Override
    public synchronized List<OutboxEntry> about(UUID registrationId) {
        return entries.values().stream()
                .filter(e -> e.notification().registrationId().equals(Optional.of(registrationId))).toList();
    }

    @Override
    public void erase(UUID registrationId) {
        throw new UnsupportedOperationException("not needed by the dispatcher");
    }

    /** Not needed by the dispatcher; without {@code @Override}, as the port is gaining it. */
    public void eraseRecipient(String eventId, EmailAddress recipient) {
        throw new UnsupportedOperationException("not needed by the dispatcher");
    }

    /** Not needed by the dispatcher; without {@code @Override}, as the port is gaining it. */
    public void eraseUnattached(String eventId) {
        throw new UnsupportedOperationException("not needed by the dispatcher");
    }

    /** Another node claims an entry, as it may once this node's claim has lapsed. */
    synchronized void takeOver(UUID id, String claimant, Instant until) {
        OutboxEntry e = entries.get(id);
        entries.put(id, new OutboxEntry(e.notification(), e.state(), e.attempts() + 1, e.nextAttemptAt(),
                e.lastError(), Optional.of(claimant), Optional.of(until)));
    }

    synchronized OutboxEntry entry(UUID id) {
        return entries.get(id);
    }

    synchronized List<OutboxEntry> all() {
        return List.copyOf(entries.values());
    }

    synchronized List<Claim> claims() {
        return List.copyOf(claims);
    }

    int extensions() {
        return extensions.get();
    }

    private boolean settle(UUID id, String claimant, UnaryOperator<OutboxEntry> change) {
        OutboxEntry e = entries.get(id);
        if (e == null || !e.claimedBy().equals(Optional.of(claimant))) {
            return false;
        }
        entries.put(id, change.apply(e));
        return true;
    }
}
