package nl.learningcommunities.registration.event;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import nl.learningcommunities.registration.participant.EmailAddress;

/**
 * Who may manage an event besides the host's administrators: the people named by e-mail address, and the members of
 * the identity provider's groups named. Not to be confused with {@link Event#organisers()}, the organising
 * institutions shown to participants. The library only keeps and compares the list; the host decides what managing
 * an event allows.
 *
 * <p>Immutable and thread-safe. Addresses are kept normalised, each once (compared without case, as
 * {@link EmailAddress#key()} does); groups trimmed, each once (compared exactly), in the order first named.
 *
 * @param emails the addresses of the people who may manage the event, at most {@value #MAX_ENTRIES}
 * @param groups the identity-provider groups whose members may manage the event (for example
 *               {@code urn:collab:group:surfconext.nl:nl:surfnet:diensten:lc-organisers}), each at most
 *               {@value #MAX_GROUP_LENGTH} characters, at most {@value #MAX_ENTRIES}
 */
public record OrganiserAccess(List<EmailAddress> emails, List<String> groups) {

    /** The most addresses, and the most groups, an event names. */
    public static final int MAX_ENTRIES = 100;

    /** The longest group name. */
    public static final int MAX_GROUP_LENGTH = 256;

    /** Nobody besides the administrators. */
    public static final OrganiserAccess NONE = new OrganiserAccess(List.of(), List.of());

    private static final String FIELD = "organiserAccess";

    /**
     * Checks the entries, trims the groups and removes repeats.
     *
     * @throws InvalidEventException naming the entry ({@code organiserAccess.emails[2]},
     *                               {@code organiserAccess.groups[0]}) with {@code field.required} (a missing or blank
     *                               entry), {@code field.too-long}, {@code field.control-characters} or
     *                               {@code field.malformed-unicode}; or naming the list with {@code field.too-many}
     */
    public OrganiserAccess {
        emails = distinctEmails(emails == null ? List.of() : emails);
        groups = distinctGroups(groups == null ? List.of() : groups);
    }

    /**
     * Reads an access list from text, as a definition file or a form gives it.
     *
     * @param emails e-mail addresses as written; null means none
     * @param groups group names as written; null means none
     * @return the access list
     * @throws InvalidEventException naming the entry, with {@code email.invalid} for an address that is not one, or
     *                               as the canonical constructor does
     */
    public static OrganiserAccess of(Collection<String> emails, Collection<String> groups) {
        List<EmailAddress> parsed = new ArrayList<>();
        int index = 0;
        for (String raw : emails == null ? List.<String>of() : emails) {
            String field = FIELD + ".emails[" + index++ + "]";
            if (raw == null || raw.isBlank()) {
                throw new InvalidEventException(field, "field.required", "an organiser's e-mail address is blank");
            }
            parsed.add(EmailAddress.parse(raw).orElseThrow(() -> new InvalidEventException(field, "email.invalid",
                    "an organiser's e-mail address is not valid")));
        }
        return new OrganiserAccess(parsed, groups == null ? List.of() : new ArrayList<>(groups));
    }

    /** @return whether nobody besides the administrators may manage the event */
    public boolean isEmpty() {
        return emails.isEmpty() && groups.isEmpty();
    }

    /**
     * Whether a logged-in person may manage the event: their address is on the list (compared without case), or
     * they are in a group on it (compared exactly).
     *
     * @param email  the person's address, as the host knows it; empty when it knows none
     * @param groups the person's groups, as the identity provider gave them; may be empty
     * @return whether the list names them
     */
    public boolean permits(Optional<EmailAddress> email, Set<String> groups) {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(groups, "groups");
        boolean byEmail = email.map(EmailAddress::key)
                .map(key -> emails.stream().anyMatch(e -> e.key().equals(key))).orElse(false);
        return byEmail || this.groups.stream().anyMatch(groups::contains);
    }

    private static List<EmailAddress> distinctEmails(List<EmailAddress> emails) {
        Map<String, EmailAddress> byKey = new LinkedHashMap<>();
        for (int i = 0; i < emails.size(); i++) {
            EmailAddress email = emails.get(i);
            if (email == null) {
                throw new InvalidEventException(FIELD + ".emails[" + i + "]", "field.required",
                        "an organiser's e-mail address is missing");
            }
            byKey.putIfAbsent(email.key(), email);
        }
        return List.copyOf(requireAtMostMax(byKey.values(), "emails"));
    }

    private static List<String> distinctGroups(List<String> groups) {
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < groups.size(); i++) {
            distinct.add(group(groups.get(i), FIELD + ".groups[" + i + "]"));
        }
        return List.copyOf(requireAtMostMax(distinct, "groups"));
    }

    private static String group(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidEventException(field, "field.required", "an organisers' group is blank");
        }
        if (!EventTexts.isWellFormed(raw)) {
            throw new InvalidEventException(field, EventTexts.MALFORMED,
                    "an organisers' group is not well-formed Unicode (a lone surrogate)");
        }
        String group = raw.strip();
        if (group.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidEventException(field, "field.control-characters",
                    "an organisers' group contains control characters");
        }
        if (group.length() > MAX_GROUP_LENGTH) {
            throw new InvalidEventException(field, "field.too-long",
                    "an organisers' group is longer than " + MAX_GROUP_LENGTH + " characters",
                    String.valueOf(MAX_GROUP_LENGTH));
        }
        return group;
    }

    private static <T extends Collection<?>> T requireAtMostMax(T entries, String list) {
        if (entries.size() > MAX_ENTRIES) {
            throw new InvalidEventException(FIELD + "." + list, "field.too-many",
                    "an event names more than " + MAX_ENTRIES + " organisers' " + list, String.valueOf(MAX_ENTRIES));
        }
        return entries;
    }
}
