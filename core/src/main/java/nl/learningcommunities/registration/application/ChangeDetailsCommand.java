package nl.learningcommunities.registration.application;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import nl.learningcommunities.registration.application.constraints.WellFormedText;

/**
 * A participant changes their details and answers, from their personal link. A participant the host vouched
 * for cannot change the attributes the host vouched for.
 *
 * <p>Immutable and thread-safe.
 *
 * @param registrationId the registration
 * @param token          the token from the personal link
 * @param participant    the new details
 * @param answers        the new answers (see {@link RegisterCommand})
 */
public record ChangeDetailsCommand(
        @NotNull UUID registrationId,
        @NotBlank @Size(max = 200) String token,
        @NotNull @Valid ParticipantDetails participant,
        @NotNull @Size(max = 100)
        Map<@NotBlank @Size(max = 64) @WellFormedText String, @WellFormedText Object> answers) {

    /** Copies the answers. */
    public ChangeDetailsCommand {
        answers = answers == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(answers));
    }
}
