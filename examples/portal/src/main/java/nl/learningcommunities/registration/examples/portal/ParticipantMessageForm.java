package nl.learningcommunities.registration.examples.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import nl.learningcommunities.registration.application.ParticipantMessage;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.rule.Reason;

/**
 * What an organiser typed into the message form: the audience, and subject and text in Dutch and English. Both
 * languages are required, so that every participant reads the message in their own language. The errors name the
 * form's fields ({@code subjectNl}, {@code bodyEn}…) with messages of the portal ({@code message.required.subjectNl}).
 *
 * @param audience  the audience's name ({@code CONFIRMED}, {@code WAITING}, {@code CONFIRMED_AND_WAITING})
 * @param subjectNl the Dutch subject
 * @param subjectEn the English subject
 * @param bodyNl    the Dutch text
 * @param bodyEn    the English text
 */
record ParticipantMessageForm(String audience, String subjectNl, String subjectEn, String bodyNl, String bodyEn) {

    /** Turns absent values into empty ones. */
    ParticipantMessageForm {
        audience = audience == null ? "" : audience;
        subjectNl = subjectNl == null ? "" : subjectNl;
        subjectEn = subjectEn == null ? "" : subjectEn;
        bodyNl = bodyNl == null ? "" : bodyNl;
        bodyEn = bodyEn == null ? "" : bodyEn;
    }

    /** @return the form as it first shows: to the confirmed participants, nothing typed yet */
    static ParticipantMessageForm empty() {
        return new ParticipantMessageForm(ParticipantMessage.Audience.CONFIRMED.name(), "", "", "", "");
    }

    /** @return the audience chosen, if it is one */
    Optional<ParticipantMessage.Audience> chosen() {
        for (ParticipantMessage.Audience candidate : ParticipantMessage.Audience.values()) {
            if (candidate.name().equals(audience)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** @return every field that is missing or too long, each with the form field's id */
    List<Reason> check() {
        List<Reason> problems = new ArrayList<>();
        if (chosen().isEmpty()) {
            problems.add(Reason.ofField("audience", "message.required.audience"));
        }
        check("subjectNl", subjectNl, ParticipantMessage.MAX_SUBJECT, problems);
        check("bodyNl", bodyNl, ParticipantMessage.MAX_BODY, problems);
        check("subjectEn", subjectEn, ParticipantMessage.MAX_SUBJECT, problems);
        check("bodyEn", bodyEn, ParticipantMessage.MAX_BODY, problems);
        return problems;
    }

    /**
     * @param eventId the event
     * @return the message for the library; call only when {@link #check()} found nothing
     */
    ParticipantMessage toMessage(String eventId) {
        return new ParticipantMessage(eventId, chosen().orElseThrow(), LocalizedText.of(subjectNl.strip(),
                subjectEn.strip()), LocalizedText.of(bodyNl.strip(), bodyEn.strip()));
    }

    /**
     * The library's reasons name {@code subject} and {@code body}, for both languages at once; the form has a
     * field per language.
     *
     * @param reasons the library's reasons
     * @return the same reasons on the form's fields
     */
    static List<Reason> onFields(List<Reason> reasons) {
        List<Reason> moved = new ArrayList<>();
        for (Reason reason : reasons) {
            String field = reason.field().orElse("");
            if (field.equals("subject") || field.equals("body")) {
                moved.add(new Reason(reason.code(), Optional.of(field + "Nl"), reason.args()));
                moved.add(new Reason(reason.code(), Optional.of(field + "En"), reason.args()));
            } else {
                moved.add(reason);
            }
        }
        return moved;
    }

    /** Each field's own message ("Write the subject in Dutch"), so that the error summary tells them apart. */
    private static void check(String field, String value, int max, List<Reason> problems) {
        if (value.isBlank()) {
            problems.add(Reason.ofField(field, "message.required." + field));
        } else if (value.strip().length() > max) {
            problems.add(Reason.ofField(field, "message.too-long." + field));
        }
    }
}
