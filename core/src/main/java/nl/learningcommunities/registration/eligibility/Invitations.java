package nl.learningcommunities.registration.eligibility;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import nl.learningcommunities.registration.participant.EmailAddress;

/**
 * An event's invitations: a list of invited addresses and invitation codes.
 *
 * <p>Immutable and thread-safe.
 *
 * @param emails addresses invited personally (normalised)
 * @param codes  invitation codes
 */
public record Invitations(Set<EmailAddress> emails, List<InvitationCode> codes) {

    /** No invitations. */
    public static final Invitations NONE = new Invitations(Set.of(), List.of());

    /** Copies the components and checks codes are unique. */
    public Invitations {
        emails = Set.copyOf(Objects.requireNonNull(emails, "emails"));
        codes = List.copyOf(Objects.requireNonNull(codes, "codes"));
        if (codes.stream().map(InvitationCode::normalised).distinct().count() != codes.size()) {
            throw new IllegalArgumentException("invitation codes must be unique (compared without case)");
        }
    }

    /**
     * @param email an address
     * @return whether it is on the invitation list
     */
    public boolean invites(EmailAddress email) {
        Set<String> keys = emails.stream().map(EmailAddress::key).collect(Collectors.toSet());
        return keys.contains(email.key());
    }

    /**
     * Finds a code, comparing in constant time per code so that timing tells nothing of valid codes.
     *
     * @param given the code a participant typed
     * @return the matching code
     */
    public Optional<InvitationCode> find(String given) {
        byte[] wanted = InvitationCode.normalise(given).getBytes(StandardCharsets.UTF_8);
        InvitationCode found = null;
        for (InvitationCode code : codes) {
            if (MessageDigest.isEqual(wanted, code.normalised().getBytes(StandardCharsets.UTF_8))) {
                found = code;
            }
        }
        return Optional.ofNullable(found);
    }
}
