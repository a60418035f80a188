package nl.learningcommunities.registration.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import nl.learningcommunities.registration.participant.Participant;
import nl.learningcommunities.registration.token.AccessToken;
import nl.learningcommunities.registration.token.TokenPurpose;

/**
 * One participant's registration for one event: who, which sessions, where it stands, and its history.
 *
 * <p>Immutable and thread-safe. Changes make copies; the {@code version} lets a store detect a lost update.
 *
 * @param id                    the registration's id
 * @param eventId               the event
 * @param participant           the participant
 * @param sessions              the sessions picked, and where the participant stands in each
 * @param status                where the registration stands
 * @param waitlistPosition      the place on the event's waiting list (order of arrival), while waitlisted
 * @param offerExpiresAt        while a seat is offered from the waiting list: when the offer lapses
 * @param attendance            whether the participant came
 * @param invitationCode        the invitation code used (normalised), if any
 * @param groupId               the group it was registered with, if a coordinator registered several at once
 * @param createdAt             when it was made
 * @param updatedAt             when it last changed
 * @param history               every status change, oldest first
 * @param tokens                the hashes of the personal-link tokens handed out
 * @param erased                whether the personal data has been erased
 * @param version               optimistic-lock version, incremented by the store on every change
 * @param pendingEmail          a new address the participant asked for, until its verification link is used
 */
public record Registration(UUID id, String eventId, Participant participant, List<SessionChoice> sessions,
                           RegistrationStatus status, OptionalLong waitlistPosition, Optional<Instant> offerExpiresAt,
                           Attendance attendance, Optional<String> invitationCode, Optional<UUID> groupId,
                           Instant createdAt, Instant updatedAt, List<StatusChange> history, List<AccessToken> tokens,
                           boolean erased, long version, Optional<PendingEmail> pendingEmail) {

    /** Checks the components and the consistency of status, position and offer. */
    public Registration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(participant, "participant");
        sessions = List.copyOf(sessions);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(waitlistPosition, "waitlistPosition");
        Objects.requireNonNull(offerExpiresAt, "offerExpiresAt");
        Objects.requireNonNull(attendance, "attendance");
        Objects.requireNonNull(invitationCode, "invitationCode");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        history = List.copyOf(history);
        tokens = List.copyOf(tokens);
        if ((status == RegistrationStatus.WAITLISTED) != waitlistPosition.isPresent()) {
            throw new IllegalArgumentException("a waiting-list position goes with, and only with, WAITLISTED");
        }
        if (offerExpiresAt.isPresent() && status != RegistrationStatus.WAITLISTED) {
            throw new IllegalArgumentException("only a waitlisted registration can hold an offer");
        }
        Objects.requireNonNull(pendingEmail, "pendingEmail");
    }

    /**
     * A registration without a pending new address (as every registration was before addresses were verified on
     * change).
     *
     * @param id               the registration's id
     * @param eventId          the event
     * @param participant      the participant
     * @param sessions         the sessions picked
     * @param status           where the registration stands
     * @param waitlistPosition the place on the event's waiting list, while waitlisted
     * @param offerExpiresAt   while a seat is offered: when the offer lapses
     * @param attendance       whether the participant came
     * @param invitationCode   the invitation code used, if any
     * @param groupId          the group it was registered with, if any
     * @param createdAt        when it was made
     * @param updatedAt        when it last changed
     * @param history          every status change, oldest first
     * @param tokens           the hashes of the personal-link tokens handed out
     * @param erased           whether the personal data has been erased
     * @param version          optimistic-lock version
     */
    public Registration(UUID id, String eventId, Participant participant, List<SessionChoice> sessions,
                        RegistrationStatus status, OptionalLong waitlistPosition, Optional<Instant> offerExpiresAt,
                        Attendance attendance, Optional<String> invitationCode, Optional<UUID> groupId,
                        Instant createdAt, Instant updatedAt, List<StatusChange> history, List<AccessToken> tokens,
                        boolean erased, long version) {
        this(id, eventId, participant, sessions, status, waitlistPosition, offerExpiresAt, attendance, invitationCode,
                groupId, createdAt, updatedAt, history, tokens, erased, version, Optional.empty());
    }

    /** @return whether this registration occupies one of the event's seats (confirmed, or offered a seat) */
    public boolean holdsSeat() {
        return status == RegistrationStatus.CONFIRMED || offerExpiresAt.isPresent();
    }

    /** @return whether this registration waits on the event's waiting list without an offer */
    public boolean isWaiting() {
        return status == RegistrationStatus.WAITLISTED && offerExpiresAt.isEmpty();
    }

    /** @return the ids of the sessions picked */
    public List<String> sessionIds() {
        return sessions.stream().map(SessionChoice::sessionId).toList();
    }

    /**
     * @param purpose what the caller wants to do
     * @param raw     the token presented
     * @param now     the current moment
     * @return whether one of this registration's tokens allows it
     */
    public boolean admits(TokenPurpose purpose, String raw, Instant now) {
        boolean admitted = false;
        for (AccessToken token : tokens) {
            admitted |= token.admits(purpose, raw, now);
        }
        return admitted && !erased;
    }

    /**
     * The copy after a status change, with the change appended to the history.
     *
     * @param to       the new status
     * @param position the waiting-list position (present exactly when {@code to} is WAITLISTED)
     * @param offer    the offer's expiry, if an offer is made
     * @param sessions the session choices after the change
     * @param change   the history line
     * @return the changed copy
     */
    public Registration moveTo(RegistrationStatus to, OptionalLong position, Optional<Instant> offer,
                               List<SessionChoice> sessions, StatusChange change) {
        List<StatusChange> newHistory = new ArrayList<>(history);
        newHistory.add(change);
        return new Registration(id, eventId, participant, sessions, to, position, offer, attendance, invitationCode,
                groupId, createdAt, change.at(), newHistory, tokens, erased, version, pendingEmail);
    }

    /**
     * Records in the history an action that keeps the status and moves no seat (an organiser recording attendance
     * or resending a message), so that who did it is kept with the registration and in the store's audit trail.
     *
     * @param line the history line; its {@code to} must be the current status
     * @return the copy with the line added
     * @throws IllegalArgumentException when the line changes the status
     */
    public Registration noted(StatusChange line) {
        if (line.to() != status) {
            throw new IllegalArgumentException("a note keeps the status " + status + ", not " + line.to());
        }
        return moveTo(status, waitlistPosition, offerExpiresAt, sessions, line);
    }

    /**
     * @param sessions the new session choices
     * @param at       when
     * @return a copy with other session choices
     */
    public Registration withSessions(List<SessionChoice> sessions, Instant at) {
        return new Registration(id, eventId, participant, sessions, status, waitlistPosition, offerExpiresAt,
                attendance, invitationCode, groupId, createdAt, at, history, tokens, erased, version, pendingEmail);
    }

    /**
     * @param participant the new participant details
     * @param at          when
     * @return a copy with other participant details
     */
    public Registration withParticipant(Participant participant, Instant at) {
        return new Registration(id, eventId, participant, sessions, status, waitlistPosition, offerExpiresAt,
                attendance, invitationCode, groupId, createdAt, at, history, tokens, erased, version, pendingEmail);
    }

    /**
     * @param attendance whether the participant came
     * @param at         when it was recorded
     * @return a copy with the attendance recorded
     */
    public Registration withAttendance(Attendance attendance, Instant at) {
        return new Registration(id, eventId, participant, sessions, status, waitlistPosition, offerExpiresAt,
                attendance, invitationCode, groupId, createdAt, at, history, tokens, erased, version, pendingEmail);
    }

    /**
     * @param added tokens handed out
     * @return a copy that also accepts these tokens
     */
    public Registration withTokens(List<AccessToken> added) {
        if (added.isEmpty()) {
            return this;
        }
        List<AccessToken> all = new ArrayList<>(tokens);
        all.addAll(added);
        return new Registration(id, eventId, participant, sessions, status, waitlistPosition, offerExpiresAt,
                attendance, invitationCode, groupId, createdAt, updatedAt, history, all, erased, version, pendingEmail);
    }

    /**
     * @param purpose what the tokens to revoke were for
     * @return a copy in which no token of that purpose works any more
     */
    public Registration withoutTokens(TokenPurpose purpose) {
        Objects.requireNonNull(purpose, "purpose");
        List<AccessToken> kept = tokens.stream().filter(t -> t.purpose() != purpose).toList();
        if (kept.size() == tokens.size()) {
            return this;
        }
        return new Registration(id, eventId, participant, sessions, status, waitlistPosition, offerExpiresAt,
                attendance, invitationCode, groupId, createdAt, updatedAt, history, kept, erased, version,
                pendingEmail);
    }

    /**
     * A new address asked for, which replaces any earlier one: the links sent to an earlier pending address stop
     * working.
     *
     * @param pending the new address and when its verification link expires
     * @return a copy with the new address pending
     */
    public Registration withPendingEmail(PendingEmail pending) {
        Objects.requireNonNull(pending, "pending");
        Registration revoked = withoutTokens(TokenPurpose.VERIFY_NEW_EMAIL);
        return new Registration(id, eventId, participant, sessions, status, waitlistPosition, offerExpiresAt,
                attendance, invitationCode, groupId, createdAt, updatedAt, history, revoked.tokens, erased, version,
                Optional.of(pending));
    }

    /**
     * @return a copy without a pending new address, whose verification links no longer work
     */
    public Registration withoutPendingEmail() {
        Registration revoked = withoutTokens(TokenPurpose.VERIFY_NEW_EMAIL);
        return new Registration(id, eventId, participant, sessions, status, waitlistPosition, offerExpiresAt,
                attendance, invitationCode, groupId, createdAt, updatedAt, history, revoked.tokens, erased, version,
                Optional.empty());
    }

    /**
     * @param version the version the store gives this state
     * @return a copy with that version
     */
    public Registration withVersion(long version) {
        return new Registration(id, eventId, participant, sessions, status, waitlistPosition, offerExpiresAt,
                attendance, invitationCode, groupId, createdAt, updatedAt, history, tokens, erased, version,
                pendingEmail);
    }

    /**
     * The copy with all personal data erased: names, address, a pending new address, organisation, answers, notes
     * and tokens. What
     * remains (event, status, sessions, sector, role, timestamps, history codes) serves counts and reports.
     *
     * @param at when
     * @return the erased copy
     */
    public Registration erase(Instant at) {
        Participant anonymous = new Participant("", "", ErasedAddresses.forRegistration(id), "", participant.role(),
                participant.sector(), participant.locale(), java.util.Map.of(), Optional.empty());
        List<StatusChange> anonymousHistory = history.stream()
                .map(c -> new StatusChange(c.from(), c.to(), c.at(), c.actor(), c.reason(), Optional.empty()))
                .toList();
        return new Registration(id, eventId, anonymous, sessions, status, waitlistPosition, offerExpiresAt,
                attendance, Optional.empty(), groupId, createdAt, at, anonymousHistory, List.of(), true, version,
                Optional.empty());
    }
}
