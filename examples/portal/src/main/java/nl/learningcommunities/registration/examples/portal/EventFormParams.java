package nl.learningcommunities.registration.examples.portal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.util.MultiValueMap;

/** Reads the event editor's request parameters into an {@link EventForm}, rows in the order of their numbers. */
final class EventFormParams {

    private static final Pattern OPTION = Pattern.compile("question\\.(\\d{1,3})\\.option\\.(\\d{1,3})\\.(.{1,40})");
    private static final Pattern ROW = Pattern.compile("(session|question|condition|code)\\.(\\d{1,3})\\.(.{1,40})");

    private EventFormParams() {
    }

    /**
     * @param params the request's parameters
     * @return the form as typed; parameters it does not know are left out
     */
    static EventForm read(MultiValueMap<String, String> params) {
        EventForm form = new EventForm();
        for (String name : EventForm.SCALARS) {
            form.set(name, params.getFirst(name));
        }
        for (String box : EventForm.CHECKBOXES) {
            form.tick(box, params.containsKey(box));
        }
        form.tick("eligibility.keep", "true".equals(params.getFirst("eligibility.keep")));
        Map<String, Map<Integer, EventFormRow>> rows = Map.of("session", new TreeMap<>(), "question", new TreeMap<>(),
                "condition", new TreeMap<>(), "code", new TreeMap<>());
        Map<Integer, Map<Integer, EventFormRow>> options = new TreeMap<>();
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            String value = param.getValue().isEmpty() ? "" : param.getValue().get(0);
            Matcher option = OPTION.matcher(param.getKey());
            if (option.matches()) {
                rows.get("question").computeIfAbsent(number(option.group(1)), n -> new EventFormRow());
                options.computeIfAbsent(number(option.group(1)), n -> new TreeMap<>())
                        .computeIfAbsent(number(option.group(2)), n -> new EventFormRow())
                        .set(option.group(3), value);
                continue;
            }
            Matcher row = ROW.matcher(param.getKey());
            if (row.matches()) {
                rows.get(row.group(1)).computeIfAbsent(number(row.group(2)), n -> new EventFormRow())
                        .set(row.group(3), value);
            }
        }
        collect(rows.get("session"), form.sessions(), EventForm.MAX_SESSIONS);
        collect(rows.get("condition"), form.conditions(), EventForm.MAX_CONDITIONS);
        collect(rows.get("code"), form.codes(), EventForm.MAX_CODES);
        for (Map.Entry<Integer, EventFormRow> question : rows.get("question").entrySet()) {
            collect(options.getOrDefault(question.getKey(), Map.of()), question.getValue().options(),
                    EventForm.MAX_OPTIONS);
        }
        collect(rows.get("question"), form.questions(), EventForm.MAX_QUESTIONS);
        return form;
    }

    private static void collect(Map<Integer, EventFormRow> numbered, List<EventFormRow> into, int max) {
        numbered.values().stream().limit(max).forEach(into::add);
    }

    private static int number(String digits) {
        return Integer.parseInt(digits);
    }
}
