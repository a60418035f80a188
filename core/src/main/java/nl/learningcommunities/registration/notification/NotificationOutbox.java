package nl.learningcommunities.registration.notification;

import nl.learningcommunities.registration.participant.EmailAddress;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Port: the notification outbox, as a dispatcher (one per application node) and organisers see it. The store
 * writes notifications into it in the same unit of work as the change they announce; this port takes them
 * out. Implementations must be thread-safe, and claims must be exclusive across dispatchers sharing a store.
 */
public interface NotificationOutbox {

    /**
     * Queues notifications that announce no registration change (invitations, digests, resends). Idempotent by
     * notification id: a notification whose id is already queued (or sent) is left as it is, so that jobs on
     * several nodes may queue the same deterministic notification without doubling it.
     *
     * @param notifications the notifications
     * @return how many were queued now (not already known)
     */
    int enqueue(List<Notification> notifications);

    /**
     * Claims due pending entries for one dispatcher. An entry stays claimed until it is marked, or until the
     * lease lapses (a dispatcher that died), after which another dispatcher may claim it.
     *
     * @param claimant the dispatcher's name, unique per node
     * @param max      the most entries to claim
     * @param now      the current moment
     * @param lease    how long the claim holds
     * @return the claimed entries, oldest first
     */
    List<OutboxEntry> claimDue(String claimant, int max, Instant now, Duration lease);

    /**
     * Marks a claimed entry sent and wipes its token.
     *
     * @param notificationId the entry
     * @param claimant       the dispatcher that claimed it
     * @param at             when it was sent
     * @return whether the claim was still this dispatcher's
     */
    boolean markSent(UUID notificationId, String claimant, Instant at);

    /**
     * Records a temporary failure; the entry becomes due again at {@code retryAt}.
     *
     * @param notificationId the entry
     * @param claimant       the dispatcher that claimed it
     * @param error          the mail server's answer
     * @param retryAt        when to try again
     * @return whether the claim was still this dispatcher's
     */
    boolean markRetry(UUID notificationId, String claimant, String error, Instant retryAt);

    /**
     * Gives up on an entry; it stays visible to organisers with the error.
     *
     * @param notificationId the entry
     * @param claimant       the dispatcher that claimed it
     * @param error          the mail server's answer
     * @return whether the claim was still this dispatcher's
     */
    boolean markFailed(UUID notificationId, String claimant, String error);

    /**
     * Extends a dispatcher's claims on entries it is still sending, so that a batch that takes longer than the lease
     * (a slow mail server) is not claimed by another dispatcher meanwhile. A claim moves to {@code until} only while
     * the entry is pending and claimed by {@code claimant}, also when its lease has lapsed but nobody claimed it since;
     * an entry settled meanwhile or claimed by another dispatcher is left alone. Attempts, due time and error stay.
     *
     * @param ids      entries claimed with {@link #claimDue}
     * @param claimant the dispatcher that claimed them
     * @param until    the new end of the claims (usually now plus the lease)
     * @return the entries whose claim now runs until {@code until}; the others are no longer this dispatcher's
     */
    java.util.Set<UUID> extendClaims(java.util.Collection<UUID> ids, String claimant, Instant until);

    /**
     * Counts what waits and what failed, over all events: a cheap, read-only summary that health checks and
     * metrics call often.
     *
     * @return the backlog as it stands now
     */
    OutboxBacklog backlog();

    /**
     * @param eventId an event
     * @return the failed entries of that event, oldest first
     */
    List<OutboxEntry> failed(String eventId);

    /**
     * @param registrationId a registration
     * @return every entry about it, oldest first
     */
    List<OutboxEntry> about(UUID registrationId);

    /**
     * Erases the recipient's address, name and token from every entry about a registration; pending entries
     * are dropped, since there is no one left to write to.
     *
     * @param registrationId the registration whose personal data is erased
     */
    void erase(UUID registrationId);

    /**
     * Erases an address from every entry of an event that is about no registration (invitations), as
     * {@link #erase(UUID)} does for a registration's entries: pending ones are dropped, the others keep only a
     * placeholder address. Used when a person's data is erased, so that the address survives nowhere.
     *
     * @param eventId   the event
     * @param recipient the address, compared by {@link EmailAddress#key()}
     */
    void eraseRecipient(String eventId, EmailAddress recipient);

    /**
     * Erases the address of every entry of an event that is about no registration (invitations), when the personal
     * data of the whole event is erased.
     *
     * @param eventId the event
     */
    void eraseUnattached(String eventId);
}
