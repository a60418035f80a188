package nl.learningcommunities.registration.mail;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * Extends the claims a dispatcher holds on outbox entries, so that a batch that takes longer than the lease to send
 * is not taken over by another node meanwhile.
 *
 * <p>By default {@link MailDispatcher} renews through the outbox port's
 * {@code NotificationOutbox.extendClaims}, which has the same contract; tests put a fake in its place.
 */
@FunctionalInterface
interface ClaimRenewal {

    /**
     * Moves the end of this claimant's claims on the given entries to {@code until}, for the entries that are still
     * pending and still claimed by {@code claimant} — also when the lease has lapsed but nobody took the entry over.
     * An entry settled meanwhile, or claimed by another dispatcher, is left alone.
     *
     * @param ids      the entries
     * @param claimant the dispatcher that claimed them
     * @param until    the new end of the claims
     * @return the entries whose claim now runs until {@code until}
     */
    Set<UUID> extend(Collection<UUID> ids, String claimant, Instant until);
}
