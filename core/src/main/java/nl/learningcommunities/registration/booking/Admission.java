package nl.learningcommunities.registration.booking;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * New registrations to store together (one, or a group all-or-nothing).
 *
 * <p>Immutable and thread-safe.
 *
 * @param eventId          the event
 * @param drafts           the registrations, with an empty history, each with status {@code CONFIRMED} (meaning:
 *                         claim a seat), or a pending status (stored as is, claiming nothing); all share one status
 * @param change           the first history line of each (its {@code to} is replaced by the placement made)
 * @param invitationMaxUses the most uses of the drafts' invitation code, when one is given and limited
 * @param now              the current moment
 * @param notifications    what to announce
 * @param idempotencyKey   the host's key for this attempt, if any: the store remembers it with the registrations
 *                         it admits, and refuses a second admission with the same key for the event with
 *                         {@code registration.replayed}, writing nothing
 */
public record Admission(String eventId, List<Registration> drafts, StatusChange change, OptionalInt invitationMaxUses,
                        Instant now,
                        NotificationPlan notifications, Optional<String> idempotencyKey) {

    /**
     * An admission without idempotency key.
     *
     * @param eventId           the event
     * @param drafts            the registrations
     * @param change            the first history line of each
     * @param invitationMaxUses the most uses of the drafts' invitation code, if limited
     * @param now               the current moment
     * @param notifications     what to announce
     */
    public Admission(String eventId, List<Registration> drafts, StatusChange change, OptionalInt invitationMaxUses,
                     Instant now, NotificationPlan notifications) {
        this(eventId, drafts, change, invitationMaxUses, now, notifications, Optional.empty());
    }

    /** Checks and copies the components. */
    public Admission {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(eventId, "eventId");
        drafts = List.copyOf(drafts);
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(invitationMaxUses, "invitationMaxUses");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(notifications, "notifications");
        if (drafts.isEmpty()) {
            throw new IllegalArgumentException("an admission needs at least one registration");
        }
        RegistrationStatus status = drafts.get(0).status();
        for (Registration draft : drafts) {
            if (!draft.eventId().equals(eventId) || draft.status() != status) {
                throw new IllegalArgumentException("all drafts must be for the same event and share one status");
            }
            if (!draft.history().isEmpty() || draft.version() != 0) {
                throw new IllegalArgumentException("drafts are new: no history, version 0");
            }
        }
        if (status == RegistrationStatus.WAITLISTED || !status.isActive()) {
            throw new IllegalArgumentException("drafts are CONFIRMED (claim a seat) or pending, not " + status);
        }
    }

    /** @return whether the drafts claim seats */
    public boolean claimsSeats() {
        return drafts.get(0).status() == RegistrationStatus.CONFIRMED;
    }
}
