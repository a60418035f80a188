package nl.learningcommunities.registration.examples.portal;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.util.MultiValueMap;

import nl.learningcommunities.registration.application.GroupRegisterCommand;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.Question;
import nl.learningcommunities.registration.examples.portal.ParticipantPageParts.Problems;
import nl.learningcommunities.registration.participant.TrustedIdentity;
import nl.learningcommunities.registration.rule.Messages;
import nl.learningcommunities.registration.rule.Reason;

/**
 * A coordinator's group form as typed: a row per colleague (numbered from 1, as the page shows them), the sessions
 * for the whole group, the invitation code and the consent. Rows without a name or address are left out; the others
 * become the group's members in order, so that the library's {@code members[i]} is the i-th filled row.
 *
 * <p>Fields are named {@code member-<row>-<field>} (the ids of the page's inputs too) and answers
 * {@code member-<row>-answer.<question>}.
 *
 * @param rows           every row, filled or not
 * @param sessionIds     the sessions picked for everyone
 * @param invitationCode the invitation code, if typed
 * @param privacyConsent whether the coordinator confirms the colleagues agreed
 */
record GroupForm(List<Row> rows, List<String> sessionIds, String invitationCode, boolean privacyConsent) {

    /** How many colleagues the page has rows for. */
    static final int ROWS = 10;

    private static final Pattern MEMBER = Pattern.compile("members\\[(\\d+)](?:\\.(.*))?");

    /** Copies the lists. */
    GroupForm {
        rows = List.copyOf(rows);
        sessionIds = List.copyOf(sessionIds);
    }

    /**
     * One colleague's row.
     *
     * @param number       its number on the page, from 1
     * @param values       the details by field name ({@code givenName}…)
     * @param answerValues the answers by question id
     */
    record Row(int number, Map<String, String> values, Map<String, List<String>> answerValues) {

        /** Copies the maps. */
        Row {
            values = Map.copyOf(values);
            answerValues = Map.copyOf(answerValues);
        }

        /** @return the id and name of one of its fields, such as {@code member-3-email} */
        public String id(String field) {
            return "member-" + number + "-" + field;
        }

        /** @return the value a field shows */
        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        /** @return whether an option (or yes/no) of a question is chosen */
        public boolean chosen(String questionId, String value) {
            return answerValues.getOrDefault(questionId, List.of()).contains(value);
        }

        /** @return the text answer to a question */
        public String answer(String questionId) {
            List<String> given = answerValues.getOrDefault(questionId, List.of());
            return given.isEmpty() ? "" : given.get(0);
        }

        /** @return whether the coordinator filled it in: a name or an address; a prefilled organisation is not */
        public boolean filled() {
            return !value("givenName").isBlank() || !value("familyName").isBlank() || !value("email").isBlank();
        }

        ParticipantDetails details(Locale locale) {
            return new ParticipantDetails(value("givenName"), value("familyName"), value("email"),
                    value("organisation"), value("role"), value("sector"), locale);
        }

        Map<String, Object> answers(Event event) {
            Map<String, Object> answers = new LinkedHashMap<>();
            for (Question question : event.questions()) {
                List<String> given = answerValues.getOrDefault(question.id(), List.of());
                if (!given.isEmpty()) {
                    answers.put(question.id(),
                            question.type() == Question.Type.MULTIPLE_CHOICE ? given : given.get(0));
                }
            }
            return answers;
        }
    }

    /**
     * @param coordinator who fills it in
     * @return empty rows, each with the coordinator's organisation and sector
     */
    static GroupForm empty(TrustedIdentity coordinator) {
        List<Row> rows = new ArrayList<>();
        for (int number = 1; number <= ROWS; number++) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("organisation", coordinator.organisation());
            values.put("sector", coordinator.sector());
            rows.add(new Row(number, values, Map.of()));
        }
        return new GroupForm(rows, List.of(), null, false);
    }

    /**
     * @param params what the form sent
     * @param event  the event, for its questions
     * @return the form as typed
     */
    static GroupForm from(MultiValueMap<String, String> params, Event event) {
        List<Row> rows = new ArrayList<>();
        for (int number = 1; number <= ROWS; number++) {
            String prefix = "member-" + number + "-";
            Map<String, String> values = new LinkedHashMap<>();
            for (String field : SignedInForm.FIELDS) {
                values.put(field, Optional.ofNullable(params.getFirst(prefix + field)).orElse("").strip());
            }
            Map<String, List<String>> answers = new LinkedHashMap<>();
            for (Question question : event.questions()) {
                List<String> given = params.get(prefix + "answer." + question.id());
                answers.put(question.id(), given == null ? List.of()
                        : given.stream().filter(v -> v != null && !v.isBlank()).toList());
            }
            rows.add(new Row(number, values, answers));
        }
        List<String> sessions = Optional.ofNullable(params.get("sessionIds")).orElse(List.of()).stream()
                .filter(v -> v != null && !v.isBlank()).toList();
        return new GroupForm(rows, sessions, params.getFirst("invitationCode"), params.containsKey("privacyConsent"));
    }

    /** @return the rows filled in, in order: the group's members */
    List<Row> filled() {
        return rows.stream().filter(Row::filled).toList();
    }

    /**
     * @param event       the event
     * @param coordinator the coordinator, as their institution vouches for them
     * @param locale      the page's language, which the colleagues' e-mails are in
     * @return the group registration of the filled rows
     */
    GroupRegisterCommand command(Event event, TrustedIdentity coordinator, Locale locale) {
        Locale language = Messages.supported(locale);
        List<GroupRegisterCommand.Member> members = filled().stream()
                .map(row -> new GroupRegisterCommand.Member(row.details(language), sessionIds, row.answers(event)))
                .toList();
        return new GroupRegisterCommand(event.id(), Optional.of(coordinator), members,
                Optional.ofNullable(invitationCode), privacyConsent);
    }

    /**
     * The library's reasons as the page shows them: a reason about {@code members[2].email} belongs to the field
     * {@code email} of the third filled row, and the summary names the colleague by their row's number ("Collega 3,
     * e-mailadres: …"), in the order of the page.
     *
     * @param reasons the library's reasons
     * @param event   the event, for its questions' labels
     * @param locale  the page's language
     * @return the problems, by the ids of the page's fields
     */
    Problems problems(List<Reason> reasons, Event event, Locale locale) {
        List<Row> members = filled();
        List<Map.Entry<String, String>> all = new ArrayList<>();
        Map<String, List<String>> byField = new LinkedHashMap<>();
        for (Reason reason : reasons) {
            String message = ApiProblems.message(reason, locale);
            Map.Entry<String, String> place = reason.field().map(f -> place(f, members, event, locale)).orElse(null);
            String id = place == null ? null : place.getKey();
            String label = place == null ? null : place.getValue();
            all.add(new AbstractMap.SimpleImmutableEntry<>(id,
                    label == null ? message : ParticipantPageParts.Problems.named(label, message, locale)));
            if (id != null) {
                byField.computeIfAbsent(id, f -> new ArrayList<>()).add(message);
            }
        }
        List<String> order = order(event);
        all.sort(Comparator.comparingInt(problem -> problem.getKey() == null ? -1
                : order.contains(problem.getKey()) ? order.indexOf(problem.getKey()) : order.size()));
        return new Problems(all, byField);
    }

    /**
     * @param message a problem of the form as a whole, placed at the first row
     * @return the problems with only that one
     */
    static Problems problem(String message) {
        String id = "member-1-givenName";
        return new Problems(List.of(new AbstractMap.SimpleImmutableEntry<>(id, message)),
                Map.of(id, List.of(message)));
    }

    /** The id of the page's field a library field belongs to, and the label the summary names it by. */
    private static Map.Entry<String, String> place(String field, List<Row> members, Event event, Locale locale) {
        Matcher member = MEMBER.matcher(field);
        if (member.matches()) {
            int index = Integer.parseInt(member.group(1));
            if (index >= members.size()) {
                return null;
            }
            Row row = members.get(index);
            String colleague = PortalMessages.text("group.colleague", locale, "Colleague " + row.number(),
                    row.number());
            String rest = member.group(2) == null ? "" : ApiProblems.field(member.group(2));
            if (rest.isEmpty()) {
                return entry(row.id("givenName"), colleague);
            }
            if (rest.startsWith("sessionIds")) {
                return entry("sessionIds", labelled(colleague, lowerFirst(text("field.sessionIds", locale))));
            }
            if (rest.startsWith("answers.")) {
                String questionId = rest.substring("answers.".length());
                String label = event.question(questionId).map(q -> q.label().in(Messages.supported(locale)))
                        .orElse(questionId);
                return entry(row.id("answer-" + questionId), labelled(colleague, label));
            }
            if (SignedInForm.FIELDS.contains(rest)) {
                return entry(row.id(rest), labelled(colleague, lowerFirst(text("field." + rest, locale))));
            }
            return entry(row.id("givenName"), colleague);
        }
        if (field.equals("members") || field.startsWith("members[") || field.startsWith("members.")) {
            return entry("member-1-givenName", null);
        }
        String plain = ParticipantPageParts.fieldId(field);
        return switch (plain) {
            case "sessionIds" -> entry("sessionIds", text("field.sessionIds", locale));
            case "invitationCode" -> entry("invitationCode", text("field.invitationCode", locale));
            case "privacyConsent" -> entry("privacyConsent", text("group.consent-short", locale));
            default -> null;
        };
    }

    /** The ids of the page's fields, in its order. */
    private List<String> order(Event event) {
        List<String> order = new ArrayList<>();
        for (Row row : rows) {
            SignedInForm.FIELDS.forEach(field -> order.add(row.id(field)));
            event.questions().forEach(q -> order.add(row.id("answer-" + q.id())));
        }
        order.addAll(List.of("sessionIds", "invitationCode", "privacyConsent"));
        return order;
    }

    private static String labelled(String colleague, String field) {
        return colleague + ", " + field;
    }

    private static String text(String key, Locale locale) {
        return PortalMessages.text(key, locale, key);
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static Map.Entry<String, String> entry(String id, String label) {
        return new AbstractMap.SimpleImmutableEntry<>(id, label);
    }
}
