package nl.learningcommunities.registration.examples.portal;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import nl.learningcommunities.registration.rule.Reason;

/**
 * The problems of an editor page, in the reader's language, by the id of the element they belong to: for the
 * linked error summary ({@code layout :: problems}) and for the message next to each field
 * ({@code layout :: fieldErrors}, {@code aria-describedby}). Immutable.
 */
final class EventFormProblems {

    private static final EventFormProblems NONE = new EventFormProblems(List.of(), Map.of());

    private final List<Map.Entry<String, String>> all;
    private final Map<String, List<String>> byField;

    private EventFormProblems(List<Map.Entry<String, String>> all, Map<String, List<String>> byField) {
        this.all = List.copyOf(all);
        this.byField = Map.copyOf(byField);
    }

    /** @return no problems */
    static EventFormProblems none() {
        return NONE;
    }

    /**
     * @param reasons   the problems
     * @param locale    the reader's language
     * @param elementId the id of the element a reason belongs to, or null for none
     * @return the problems, each message once per element
     */
    static EventFormProblems of(List<Reason> reasons, Locale locale, Function<Reason, String> elementId) {
        List<Map.Entry<String, String>> all = new ArrayList<>();
        Map<String, List<String>> byField = new LinkedHashMap<>();
        for (Reason reason : reasons) {
            String id = elementId.apply(reason);
            String message = message(reason, locale);
            if (id != null && byField.getOrDefault(id, List.of()).contains(message)) {
                continue;
            }
            all.add(new AbstractMap.SimpleImmutableEntry<>(id, message));
            if (id != null) {
                byField.computeIfAbsent(id, f -> new ArrayList<>()).add(message);
            }
        }
        byField.replaceAll((id, messages) -> List.copyOf(messages));
        return new EventFormProblems(all, byField);
    }

    /** The library's message for its codes, the portal's for the editor's own, both with their arguments. */
    private static String message(Reason reason, Locale locale) {
        String text = reason.message(locale);
        return text.equals(reason.code())
                ? PortalMessages.text(reason.code(), locale, reason.code(), reason.args().toArray()) : text;
    }

    /** @return every problem as (element id or null, message), in order */
    public List<Map.Entry<String, String>> all() {
        return all;
    }

    /** @return whether there are any */
    public boolean any() {
        return !all.isEmpty();
    }

    /**
     * @param id an element id
     * @return whether it has problems
     */
    public boolean has(String id) {
        return byField.containsKey(id);
    }

    /**
     * @param id an element id
     * @return its problems' messages
     */
    public List<String> of(String id) {
        return byField.getOrDefault(id, List.of());
    }

    /**
     * @param id     an element id
     * @param hintId the id of its hint, or null when it has none
     * @return the value of its {@code aria-describedby}: its hint and its error message, or null for neither
     */
    public String describedBy(String id, String hintId) {
        String both = ((hintId == null ? "" : hintId) + " " + (has(id) ? id + "-error" : "")).strip();
        return both.isEmpty() ? null : both;
    }

    /**
     * The element of the editor page a reason of the library belongs to. The editor's own reasons name their
     * element already; the library's name a field of the event.
     *
     * @param reason a reason
     * @param form   the form shown
     * @return the element's id, or null when the reason belongs to no field of the page
     */
    static String editorElement(Reason reason, EventForm form) {
        if (reason.field().isEmpty()) {
            return null;
        }
        String field = reason.field().get();
        return switch (field) {
            case "title" -> "title-nl";
            case "description" -> "description-nl";
            case "contact" -> "contact-name";
            case "startsAt" -> "startsAt-date";
            case "endsAt" -> "endsAt-date";
            case "registrationWindow" -> "opensAt-date";
            case "invitations" -> "invitations-emails";
            case "organiserAccess" -> EventFormRows.ACCESS_EMAILS;
            case "sessions" -> row(form.sessions(), "session", reason).orElse("sessions");
            case "questions" -> row(form.questions(), "question", reason).orElse("questions");
            case "status", "cancellationReason" -> null;
            default -> field.startsWith("organiserAccess.groups") ? EventFormRows.ACCESS_GROUPS
                    : field.startsWith("organiserAccess.emails") ? EventFormRows.ACCESS_EMAILS : field;
        };
    }

    /**
     * @param reason a reason of the copy page or of {@code copy}
     * @return the element of the copy page it belongs to, or null
     */
    static String copyElement(Reason reason) {
        if (reason.field().isEmpty()) {
            return null;
        }
        return switch (reason.field().get()) {
            case "id", "newId" -> "newId";
            case "zone" -> "zone";
            case "startsAt-time" -> "startsAt-time";
            case "startsAt", "startsAt-date", "endsAt", "registrationWindow", "sessions", "invitations" ->
                    "startsAt-date";
            default -> null;
        };
    }

    private static Optional<String> row(List<EventFormRow> rows, String prefix, Reason reason) {
        if (reason.args().isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).value("id").strip().equals(reason.args().get(0))) {
                return Optional.of(prefix + "-" + i + "-id");
            }
        }
        return Optional.empty();
    }
}
