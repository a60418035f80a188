package nl.learningcommunities.registration.event;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import nl.learningcommunities.registration.eligibility.EligibilityRule;
import nl.learningcommunities.registration.eligibility.InvitationCode;
import nl.learningcommunities.registration.eligibility.Invitations;

/**
 * Every text of an event is well-formed Unicode: a lone surrogate half (which JSON can escape as {@code \ud800})
 * cannot be written as UTF-8 to a database, a page or an e-mail. Fields are named as the JSON definition names them.
 */
final class EventTexts {

    /** The code of a text that is not well-formed Unicode. */
    static final String MALFORMED = "field.malformed-unicode";

    private EventTexts() {
    }

    static void requireWellFormed(String id, Optional<String> programme, LocalizedText title,
                                  LocalizedText description, List<String> organisers, Contact contact,
                                  OrganiserAccess organiserAccess, Optional<String> venue, Optional<URI> onlineLink, List<Session> sessions,
                                  List<Question> questions, EligibilityRule eligibility, Invitations invitations,
                                  Optional<String> cancellationReason) {
        require(id, "programme", programme.stream());
        require(id, "title", texts(title));
        require(id, "description", texts(description));
        require(id, "organisers", organisers.stream());
        require(id, "contact", Stream.of(contact.name(), contact.organisation()));
        require(id, "organiserAccess", organiserAccess.groups().stream());
        require(id, "venue", venue.stream());
        require(id, "onlineLink", onlineLink.map(URI::toString).stream());
        require(id, "sessions", sessions.stream().flatMap(s -> texts(s.title())));
        require(id, "questions", questions.stream().flatMap(q -> Stream.concat(texts(q.label()),
                q.options().stream().flatMap(o -> texts(o.label())))));
        require(id, "eligibility", texts(eligibility));
        require(id, "invitations", invitations.codes().stream().map(InvitationCode::code));
        require(id, "cancellationReason", cancellationReason.stream());
    }

    private static void require(String id, String field, Stream<String> texts) {
        if (texts.anyMatch(text -> text != null && !isWellFormed(text))) {
            throw new InvalidEventException(field, MALFORMED,
                    "event " + id + " has a " + field + " that is not well-formed Unicode (a lone surrogate)");
        }
    }

    private static Stream<String> texts(LocalizedText text) {
        return text == null ? Stream.empty()
                : text.values().entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue()));
    }

    private static Stream<String> texts(EligibilityRule rule) {
        if (rule instanceof EligibilityRule.RoleIn r) {
            return r.roles().stream();
        }
        if (rule instanceof EligibilityRule.SectorIn r) {
            return r.sectors().stream();
        }
        if (rule instanceof EligibilityRule.EmailDomainIn r) {
            return r.domains().stream();
        }
        if (rule instanceof EligibilityRule.OrganisationIn r) {
            return r.organisations().stream();
        }
        if (rule instanceof EligibilityRule.ProgrammeParticipation r) {
            return Stream.of(r.programme());
        }
        if (rule instanceof EligibilityRule.AllOf r) {
            return nested(r.rules());
        }
        if (rule instanceof EligibilityRule.AnyOf r) {
            return nested(r.rules());
        }
        if (rule instanceof EligibilityRule.Not r) {
            return Stream.concat(Stream.of(r.code()), texts(r.rule()));
        }
        return Stream.empty();
    }

    private static Stream<String> nested(Collection<EligibilityRule> rules) {
        return rules.stream().flatMap(EventTexts::texts);
    }

    /** Whether every surrogate half of the text is paired. */
    static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
