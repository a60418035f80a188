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
import nl.learningcommunities.registration.event.InvalidEventException;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.event.OrganiserAccess;
import nl.learningcommunities.registration.event.Question;
import nl.learningcommunities.registration.event.Session;
import nl.learningcommunities.registration.participant.EmailAddress;

/**
 * The event editor's lists as the library's values: sessions, questions with their options, invitations
 * (addresses and codes), and the organisers with access (addresses and groups, one per line). Rows and lines left
 * blank are left out; problems are said on the row's elements ({@code session-0-endsAt-date},
 * {@code question-1-options}, {@code code-0-code}…), or on a list's textarea naming the line
 * ({@code organiserAccess-emails}).
 */
final class EventFormRows {

    /** The element the organisers' addresses are typed in. */
    static final String ACCESS_EMAILS = "organiserAccess-emails";

    /** The element the organisers' groups are typed in. */
    static final String ACCESS_GROUPS = "organiserAccess-groups";

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

    /**
     * The organisers with access: an address per line and a group per line, each line checked on its own so that
     * every wrong line is said, by its number in the textarea, on {@code organiserAccess-emails} or
     * {@code organiserAccess-groups}.
     *
     * @return who may manage the event besides the administrators; {@link OrganiserAccess#NONE} when a line is wrong
     */
    OrganiserAccess organiserAccess() {
        List<String> emails = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        boolean wrong = false;
        for (Line line : lines(form.value("organiserAccess.emails"))) {
            if (EmailAddress.parse(line.text()).isEmpty()) {
                reading.problem(ACCESS_EMAILS, "organiser.access.error.email", line.number(), line.text());
                wrong = true;
            }
            emails.add(line.text());
        }
        for (Line line : lines(form.value("organiserAccess.groups"))) {
            try {
                new OrganiserAccess(List.of(), List.of(line.text()));
            } catch (InvalidEventException e) {
                if (e.code().equals("field.too-long")) {
                    reading.problem(ACCESS_GROUPS, "organiser.access.error.group-too-long", line.number(),
                            String.valueOf(OrganiserAccess.MAX_GROUP_LENGTH));
                } else {
                    reading.problem(ACCESS_GROUPS, "organiser.access.error.group", line.number());
                }
                wrong = true;
            }
            groups.add(line.text());
        }
        if (wrong) {
            return OrganiserAccess.NONE;
        }
        try {
            return OrganiserAccess.of(emails, groups);
        } catch (InvalidEventException e) {
            String element = e.field().startsWith("organiserAccess.groups") ? ACCESS_GROUPS : ACCESS_EMAILS;
            if (e.code().equals("field.too-many")) {
                reading.problem(element, "organiser.access.error.too-many",
                        String.valueOf(OrganiserAccess.MAX_ENTRIES));
            } else {
                reading.problem(element, e.code(), e.args().toArray(String[]::new));
            }
            return OrganiserAccess.NONE;
        }
    }

    /** A line of a textarea that is not blank: its number as the organiser counts (from 1), and its text stripped. */
    private record Line(String number, String text) {
    }

    /** @return the lines of a textarea that are not blank, numbered as they stand in it */
    private static List<Line> lines(String raw) {
        String[] lines = (raw == null ? "" : raw).replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<Line> filled = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                filled.add(new Line(String.valueOf(i + 1), lines[i].strip()));
            }
        }
        return filled;
    }
}
