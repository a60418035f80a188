package nl.learningcommunities.registration.application;

import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import nl.learningcommunities.registration.application.constraints.PlainText;
import nl.learningcommunities.registration.application.constraints.WellFormedText;
import nl.learningcommunities.registration.participant.TrustedIdentity;

/**
 * A coordinator registers several colleagues at once. Each member becomes a participant with their own
 * registration and e-mails; the per-organisation limit and capacity apply to the group as a whole: all get a
 * seat, or all go onto the waiting list together, or none is registered.
 *
 * <p>Immutable and thread-safe.
 *
 * @param eventId        the event
 * @param coordinator    the host's trusted identity of the coordinator, if logged in (recorded as the actor)
 * @param members        the colleagues, each with their own details, sessions and answers (2 to 50)
 * @param invitationCode the invitation code given for the group, if any (each member uses it once)
 * @param privacyConsent whether the coordinator confirms the members agreed to the processing of their data
 * @param idempotencyKey a key the host chose for this attempt, if any: a retry with the same key for the same event
 *                       answers the original outcome and writes nothing twice (see {@link RegisterCommand})
 */
public record GroupRegisterCommand(
        @NotBlank @Size(max = 64) String eventId,
        @NotNull Optional<TrustedIdentity> coordinator,
        @NotEmpty @Size(min = 1, max = 50) List<@NotNull @Valid Member> members,
        @NotNull Optional<@Size(max = 64) @PlainText String> invitationCode,
        @jakarta.validation.constraints.AssertTrue(message = "privacy.consent-required") boolean privacyConsent,
        @NotNull Optional<@jakarta.validation.constraints.Pattern(regexp = RegisterCommand.IDEMPOTENCY_KEY) String>
                idempotencyKey) {

    /** Defaults absent options and copies the members. */
    public GroupRegisterCommand {
        idempotencyKey = idempotencyKey == null ? Optional.empty() : idempotencyKey;
        coordinator = coordinator == null ? Optional.empty() : coordinator;
        members = members == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(members));
        invitationCode = invitationCode == null ? Optional.empty() : invitationCode.filter(c -> !c.isBlank());
    }

    /**
     * A group command without idempotency key.
     *
     * @param eventId        the event
     * @param coordinator    the coordinator's trusted identity, if logged in
     * @param members        the colleagues
     * @param invitationCode the invitation code given for the group, if any
     * @param privacyConsent whether the members agreed to the processing of their data
     */
    public GroupRegisterCommand(String eventId, Optional<TrustedIdentity> coordinator, List<Member> members,
                                Optional<String> invitationCode, boolean privacyConsent) {
        this(eventId, coordinator, members, invitationCode, privacyConsent, Optional.empty());
    }

    /**
     * @param key the host's key for this attempt; reuse it on a retry
     * @return a copy with that idempotency key
     */
    public GroupRegisterCommand withIdempotencyKey(String key) {
        return new GroupRegisterCommand(eventId, coordinator, members, invitationCode, privacyConsent,
                Optional.of(key));
    }

    /**
     * One colleague in a group registration.
     *
     * @param participant the colleague's details
     * @param sessionIds  the sessions picked
     * @param answers     answers by question id (see {@link RegisterCommand})
     */
    public record Member(
            @NotNull @Valid ParticipantDetails participant,
            @NotNull @Size(max = 20) List<@NotBlank @Size(max = 64) @WellFormedText String> sessionIds,
            @NotNull @Size(max = 100) java.util.Map<@NotBlank @Size(max = 64) @WellFormedText String,
                    @WellFormedText Object> answers) {

        /** Defaults absent collections to empty. */
        public Member {
            sessionIds = sessionIds == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(sessionIds));
            answers = answers == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(answers));
        }

        /**
         * @param participant the colleague's details
         * @return a member without sessions or answers
         */
        public static Member of(ParticipantDetails participant) {
            return new Member(participant, List.of(), java.util.Map.of());
        }
    }
}
