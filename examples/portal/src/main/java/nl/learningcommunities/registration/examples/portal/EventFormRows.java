package nl.learningcommunities.registration.examples.portal;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import nl.learningcommunities.registration.eligibility.InvitationCode;
import nl.learningcommunities.registration.eligibility.Invitations;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.Ids;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.event.Question;
import nl.learningcommunities.registration.event.Session;
import nl.learningcommunities.registration.participant.EmailAddress;

/**
 * The event editor's lists as the library's values: sessions, questions with their options, and invitations
 * (addresses and codes). Rows left blank are left out; problems are said on the row's elements
 * ({@code session-0-endsAt-date}, {@code question-1-options}, {@code code-0-code}…).
 */
final class EventFormRows {

    private final EventForm form;
    private final Optional<Event> base;
    private final EventFormReading reading;

    /**
     * @param form    what was typed
     * @param base    the event the organiser started from, if editing
     * @param reading where problems go
     */
    EventFormRows(EventForm form, Optional<Event> base, EventFormReading reading) {
        this.form = form;
        this.base = base;
        this.reading = reading;
    }

    /** @return the sessions, in order */
    List<Session> sessions() {
        List<Session> sessions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < form.sessions().size(); i++) {
            EventFormRow row = form.sessions().get(i);
            if (row.blank()) {
                continue;
            }
            String prefix = "session-" + i;
            String id = reading.rowId(row, prefix, "title", ids);
            LocalizedText title = reading.localized(prefix + "-title", row.value("title.nl"), row.value("title.en"),
                    Optional.empty());
            Optional<Session> before = base.flatMap(b -> b.session(id));
            Optional<ZonedDateTime> startsAt = reading.moment(prefix + "-startsAt", row.value("startsAt.date"),
                    row.value("startsAt.time"), true, before.map(Session::startsAt));
            Optional<ZonedDateTime> endsAt = reading.moment(prefix + "-endsAt", row.value("endsAt.date"),
                    row.value("endsAt.time"), true, before.map(Session::endsAt));
            reading.after(startsAt, endsAt, prefix + "-endsAt-date", "event.ends-before-start");
            OptionalInt capacity = reading.count(prefix + "-capacity", row.value("capacity"), 0);
            if (reading.ok()) {
                sessions.add(new Session(id, title, startsAt.get(), endsAt.get(), capacity));
            }
        }
        return sessions;
    }

    /** @return the questions, in order, each with its options */
    List<Question> questions() {
        List<Question> questions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < form.questions().size(); i++) {
            EventFormRow row = form.questions().get(i);
            if (row.blank()) {
                continue;
            }
            String prefix = "question-" + i;
            String id = reading.rowId(row, prefix, "label", ids);
            LocalizedText label = reading.localized(prefix + "-label", row.value("label.nl"), row.value("label.en"),
                    Optional.empty());
            Question.Type type = Question.Type.TEXT;
            try {
                type = Question.Type.valueOf(row.value("type"));
            } catch (IllegalArgumentException e) {
                reading.problem(prefix + "-type", "field.invalid");
            }
            OptionalInt maxLength = reading.count(prefix + "-maxLength", row.value("maxLength"), 1);
            List<Question.Option> options = options(row, prefix);
            boolean choice = type == Question.Type.SINGLE_CHOICE || type == Question.Type.MULTIPLE_CHOICE;
            if (choice && options.isEmpty()) {
                reading.problem(prefix + "-options", "question.options-required");
            } else if (!choice && !options.isEmpty()) {
                reading.problem(prefix + "-options", "question.no-options");
            }
            if (reading.ok()) {
                questions.add(new Question(id, label, type, row.checked("required"), maxLength, options));
            }
        }
        return questions;
    }

    private List<Question.Option> options(EventFormRow question, String questionPrefix) {
        List<Question.Option> options = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int j = 0; j < question.options().size(); j++) {
            EventFormRow row = question.options().get(j);
            if (row.blank()) {
                continue;
            }
            String prefix = questionPrefix + "-option-" + j;
            String id = reading.rowId(row, prefix, "label", ids);
            LocalizedText label = reading.localized(prefix + "-label", row.value("label.nl"), row.value("label.en"),
                    Optional.empty());
            if (Ids.isSlug(id)) {
                options.add(new Question.Option(id, label));
            }
        }
        return options;
    }

    /** @return the invited addresses and the invitation codes */
    Invitations invitations() {
        Set<EmailAddress> emails = new HashSet<>();
        for (String item : EventFormParsing.items(form.value("invitations.emails").replaceAll("\\s+", "\n"))) {
            Optional<EmailAddress> address = EmailAddress.parse(item);
            if (address.isEmpty()) {
                reading.problem("invitations-emails", "editor.error.invitation-email", item);
            }
            address.ifPresent(emails::add);
        }
        List<InvitationCode> codes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < form.codes().size(); i++) {
            EventFormRow row = form.codes().get(i);
            if (row.blank()) {
                continue;
            }
            String prefix = "code-" + i;
            String code = EventFormParsing.strip(row.value("code"));
            String normalised = code.toUpperCase(Locale.ROOT);
            if (normalised.length() < 4) {
                reading.problem(prefix + "-code", "editor.error.code-short");
            } else if (!seen.add(normalised)) {
                reading.problem(prefix + "-code", "editor.error.code-repeated", code);
            }
            OptionalInt maxUses = reading.count(prefix + "-maxUses", row.value("maxUses"), 1);
            Optional<ZonedDateTime> before = base.flatMap(b -> b.invitations().find(code))
                    .flatMap(InvitationCode::expiresAt);
            Optional<ZonedDateTime> expiresAt = reading.moment(prefix + "-expiresAt", row.value("expiresAt.date"),
                    row.value("expiresAt.time"), false, before);
            if (reading.ok()) {
                codes.add(new InvitationCode(code, maxUses, expiresAt));
            }
        }
        return reading.ok() ? new Invitations(emails, codes) : Invitations.NONE;
    }
}
