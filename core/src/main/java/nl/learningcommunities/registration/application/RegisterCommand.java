package nl.learningcommunities.registration.application;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import nl.learningcommunities.registration.application.constraints.PlainText;
import nl.learningcommunities.registration.application.constraints.WellFormedText;
import nl.learningcommunities.registration.participant.TrustedIdentity;

/**
 * Register one participant for an event.
 *
 * <p>When {@code identity} is present the host vouches for the person: its attributes are what eligibility
 * checks, e-mail verification is skipped, and details that differ from it (a different role, say) are refused
 * with {@code identity.mismatch}. Without it, the registration is anonymous, which the event must allow.
 *
 * <p>Immutable and thread-safe.
 *
 * @param eventId        the event
 * @param participant    the participant's details
 * @param identity       the host's trusted identity of the person, if logged in
 * @param sessionIds     the sessions picked (at most 20)
 * @param answers        answers by question id: a {@code String} for text and single choice, a collection of
 *                       {@code String}s for multiple choice, a {@code Boolean} (or "yes"/"no") for yes/no
 * @param invitationCode the invitation code given, if any
 * @param privacyConsent whether the participant agreed to the processing of their data; must be true
 * @param idempotencyKey a key the host chose for this attempt (8 to 128 letters, digits, {@code . _ : -}), if any:
 *                       a retry with the same key for the same event answers the original outcome and writes
 *                       nothing twice, on every node — for example after a {@code StorageException} whose commit
 *                       reply was lost
 */
public record RegisterCommand(
        @NotBlank @Size(max = 64) String eventId,
        @NotNull @Valid ParticipantDetails participant,
        @NotNull Optional<TrustedIdentity> identity,
        @NotNull @Size(max = 20) List<@NotBlank @Size(max = 64) @WellFormedText String> sessionIds,
        @NotNull @Size(max = 100) Map<@NotBlank @Size(max = 64) @WellFormedText String, @WellFormedText Object> answers,
        @NotNull Optional<@Size(max = 64) @PlainText String> invitationCode,
        @AssertTrue(message = "privacy.consent-required") boolean privacyConsent,
        @NotNull Optional<@jakarta.validation.constraints.Pattern(regexp = IDEMPOTENCY_KEY) String> idempotencyKey) {

    /** The shape of an idempotency key. */
    public static final String IDEMPOTENCY_KEY = "[A-Za-z0-9._:-]{8,128}";

    /** Defaults absent collections and options to empty; copies the collections. */
    public RegisterCommand {
        idempotencyKey = idempotencyKey == null ? Optional.empty() : idempotencyKey;
        identity = identity == null ? Optional.empty() : identity;
        sessionIds = sessionIds == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(sessionIds));
        answers = answers == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(answers));
        invitationCode = invitationCode == null ? Optional.empty() : invitationCode.filter(c -> !c.isBlank());
    }

    /**
     * A command without idempotency key.
     *
     * @param eventId        the event
     * @param participant    the participant's details
     * @param identity       the host's trusted identity of the person, if logged in
     * @param sessionIds     the sessions picked
     * @param answers        answers by question id
     * @param invitationCode the invitation code given, if any
     * @param privacyConsent whether the participant agreed to the processing of their data
     */
    public RegisterCommand(String eventId, ParticipantDetails participant, Optional<TrustedIdentity> identity,
                           List<String> sessionIds, Map<String, Object> answers, Optional<String> invitationCode,
                           boolean privacyConsent) {
        this(eventId, participant, identity, sessionIds, answers, invitationCode, privacyConsent, Optional.empty());
    }

    /**
     * An anonymous registration without sessions, answers or code, with consent given.
     *
     * @param eventId     the event
     * @param participant the details
     * @return the command
     */
    public static RegisterCommand of(String eventId, ParticipantDetails participant) {
        return new RegisterCommand(eventId, Objects.requireNonNull(participant, "participant"), Optional.empty(),
                List.of(), Map.of(), Optional.empty(), true);
    }

    /**
     * @param sessionIds the sessions picked
     * @return a copy with those sessions
     */
    public RegisterCommand withSessions(List<String> sessionIds) {
        return new RegisterCommand(eventId, participant, identity, sessionIds, answers, invitationCode, privacyConsent,
                idempotencyKey);
    }

    /**
     * @param answers answers by question id
     * @return a copy with those answers
     */
    public RegisterCommand withAnswers(Map<String, Object> answers) {
        return new RegisterCommand(eventId, participant, identity, sessionIds, answers, invitationCode, privacyConsent,
                idempotencyKey);
    }

    /**
     * @param code the invitation code
     * @return a copy with that code
     */
    public RegisterCommand withInvitationCode(String code) {
        return new RegisterCommand(eventId, participant, identity, sessionIds, answers, Optional.ofNullable(code),
                privacyConsent, idempotencyKey);
    }

    /**
     * @param identity the host's trusted identity
     * @return a copy registering on behalf of that logged-in person
     */
    public RegisterCommand withIdentity(TrustedIdentity identity) {
        return new RegisterCommand(eventId, participant, Optional.of(identity), sessionIds, answers, invitationCode,
                privacyConsent, idempotencyKey);
    }

    /**
     * @param key the host's key for this attempt (8 to 128 letters, digits, {@code . _ : -}); reuse it on a retry
     * @return a copy with that idempotency key
     */
    public RegisterCommand withIdempotencyKey(String key) {
        return new RegisterCommand(eventId, participant, identity, sessionIds, answers, invitationCode,
                privacyConsent, Optional.of(key));
    }
}
