package nl.learningcommunities.registration.examples.portal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an organiser typed in the event editor, kept as text so that a page shown again (after an error, a
 * conflict, a preview, or a button that adds, removes or moves a row) shows exactly what they typed. Request
 * parameters are named as {@link #SCALARS} and, for rows, {@code session.<i>.<key>}, {@code question.<i>.<key>},
 * {@code question.<i>.option.<j>.<key>}, {@code condition.<i>.<key>} and {@code code.<i>.<key>}; an element's id
 * is its parameter's name with hyphens for dots. Read it with {@link EventFormParams}, fill it from an event with
 * {@link EventFormFiller}, turn it into an event with {@link EventFormMapper}. Mutable, one per request.
 */
final class EventForm {

    /** The single-valued parameters (checkboxes included). */
    static final List<String> SCALARS = List.of("id", "programme", "title.nl", "title.en", "description.nl",
            "description.en", "organisers", "contact.name", "contact.organisation", "contact.email",
            "organiserAccess.emails", "organiserAccess.groups", "format", "venue",
            "onlineLink", "zone", "startsAt.date", "startsAt.time", "endsAt.date", "endsAt.time", "opensAt.date",
            "opensAt.time", "closesAt.date", "closesAt.time", "capacity", "waitingList", "promotion", "offerValidity",
            "visibility", "anonymousRegistration", "approval", "emailVerification", "verificationValidity",
            "organisationLimit", "retention", "reminderBefore", "organiserNotifications", "eligibility.combine",
            "eligibility.keep", "invitations.emails");

    /** The checkboxes among {@link #SCALARS}: absent from a request means unticked. */
    static final List<String> CHECKBOXES = List.of("waitingList", "anonymousRegistration", "emailVerification");

    /** The kinds of eligibility condition the editor offers, as the JSON definition names the rules. */
    static final List<String> CONDITION_KINDS = List.of("role", "sector", "email-domain", "organisation", "invited",
            "programme");

    static final int MAX_SESSIONS = 40;
    static final int MAX_QUESTIONS = 40;
    static final int MAX_OPTIONS = 30;
    static final int MAX_CONDITIONS = 20;
    static final int MAX_CODES = 50;

    private final Map<String, String> values = new HashMap<>();
    private final List<EventFormRow> sessions = new ArrayList<>();
    private final List<EventFormRow> questions = new ArrayList<>();
    private final List<EventFormRow> conditions = new ArrayList<>();
    private final List<EventFormRow> codes = new ArrayList<>();

    /**
     * @param name a parameter of {@link #SCALARS}
     * @return what was typed, or the empty string
     */
    public String value(String name) {
        return values.getOrDefault(name, "");
    }

    /**
     * @param name a checkbox's parameter
     * @return whether it is ticked
     */
    public boolean checked(String name) {
        return "true".equals(values.get(name));
    }

    /** @return the sessions, in order */
    public List<EventFormRow> sessions() {
        return sessions;
    }

    /** @return the questions, in order, each with its options */
    public List<EventFormRow> questions() {
        return questions;
    }

    /** @return the eligibility conditions, in order */
    public List<EventFormRow> conditions() {
        return conditions;
    }

    /** @return the invitation codes, in order */
    public List<EventFormRow> codes() {
        return codes;
    }

    /** @return whether the event's eligibility rule is too intricate for the editor and is kept as it is */
    public boolean keepsEligibility() {
        return checked("eligibility.keep");
    }

    EventForm set(String name, String value) {
        values.put(name, value == null ? "" : value);
        return this;
    }

    EventForm tick(String name, boolean ticked) {
        return set(name, ticked ? "true" : "");
    }

    /**
     * Does what a button other than save asks: add, remove or move a row, add or remove an option, add a
     * condition of a kind, or replace a kept eligibility rule by the editor's conditions. Unknown or out-of-range
     * requests change nothing.
     *
     * @param action the {@code action} parameter, such as {@code add-session}, {@code up-question:1} or
     *               {@code remove-option:0:2}
     * @return false when the action is to save (absent or {@code save}); true when the form is to be shown again
     */
    boolean apply(String action) {
        if (action == null || action.isBlank() || action.equals("save")) {
            return false;
        }
        String[] parts = action.split(":", 3);
        int first = index(parts, 1);
        int second = index(parts, 2);
        switch (parts[0]) {
            case "add-session" -> add(sessions, new EventFormRow(), MAX_SESSIONS);
            case "remove-session" -> remove(sessions, first);
            case "up-session" -> move(sessions, first, -1);
            case "down-session" -> move(sessions, first, 1);
            case "add-question" -> add(questions, new EventFormRow().set("type", "TEXT"), MAX_QUESTIONS);
            case "remove-question" -> remove(questions, first);
            case "up-question" -> move(questions, first, -1);
            case "down-question" -> move(questions, first, 1);
            case "add-option" -> {
                if (first >= 0 && first < questions.size()) {
                    add(questions.get(first).options(), new EventFormRow(), MAX_OPTIONS);
                }
            }
            case "remove-option" -> {
                if (first >= 0 && first < questions.size()) {
                    remove(questions.get(first).options(), second);
                }
            }
            case "add-condition" -> {
                if (parts.length > 1 && CONDITION_KINDS.contains(parts[1])) {
                    add(conditions, new EventFormRow().set("kind", parts[1]).set("level", "REGISTERED"),
                            MAX_CONDITIONS);
                }
            }
            case "remove-condition" -> remove(conditions, first);
            case "add-code" -> add(codes, new EventFormRow(), MAX_CODES);
            case "remove-code" -> remove(codes, first);
            case "edit-eligibility" -> tick("eligibility.keep", false);
            default -> {
                // Nothing to do: the form is shown again as it was.
            }
        }
        return true;
    }

    private static int index(String[] parts, int at) {
        if (parts.length <= at || !parts[at].matches("\\d{1,3}")) {
            return -1;
        }
        return Integer.parseInt(parts[at]);
    }

    private static void add(List<EventFormRow> rows, EventFormRow row, int max) {
        if (rows.size() < max) {
            rows.add(row);
        }
    }

    private static void remove(List<EventFormRow> rows, int index) {
        if (index >= 0 && index < rows.size()) {
            rows.remove(index);
        }
    }

    private static void move(List<EventFormRow> rows, int index, int by) {
        int to = index + by;
        if (index >= 0 && index < rows.size() && to >= 0 && to < rows.size()) {
            Collections.swap(rows, index, to);
        }
    }
}
