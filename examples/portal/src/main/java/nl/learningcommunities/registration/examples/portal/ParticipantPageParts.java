package nl.learningcommunities.registration.examples.portal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ResponseStatusException;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.Question;
import nl.learningcommunities.registration.participant.Answer;
import nl.learningcommunities.registration.participant.Participant;
import nl.learningcommunities.registration.rule.Messages;
import nl.learningcommunities.registration.rule.Reason;

/**
 * What {@link PublicPages} and {@link ManagePages} share: the participant's form as typed, its problems per field,
 * and finding an event or answering 404.
 */
final class ParticipantPageParts {

    private ParticipantPageParts() {
    }

    /** @return the event, or a 404 when there is none by that id */
    static Event event(RegistrationEngine engine, String eventId) {
        return engine.events().find(eventId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /**
     * What a participant typed, to fill the form again after an error.
     */
    record Form(Map<String, String> values, List<String> sessionIds, Map<String, List<String>> answerValues,
                String invitationCode, boolean privacyConsent) {

        static Form empty() {
            return new Form(Map.of(), List.of(), Map.of(), null, false);
        }

        static Form of(Participant participant) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("givenName", participant.givenName());
            values.put("familyName", participant.familyName());
            values.put("email", participant.email().value());
            values.put("organisation", participant.organisation());
            values.put("role", participant.role());
            values.put("sector", participant.sector());
            Map<String, List<String>> answers = new LinkedHashMap<>();
            participant.answers().forEach((question, answer) -> answers.put(question, answerValues(answer)));
            return new Form(values, List.of(), answers, null, true);
        }

        static Form from(MultiValueMap<String, String> params, Event event) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String field : List.of("givenName", "familyName", "email", "organisation", "role", "sector")) {
                values.put(field, Optional.ofNullable(params.getFirst(field)).orElse(""));
            }
            Map<String, List<String>> answers = new LinkedHashMap<>();
            for (Question question : event.questions()) {
                List<String> given = params.get("answer." + question.id());
                answers.put(question.id(), given == null ? List.of()
                        : given.stream().filter(v -> v != null && !v.isBlank()).toList());
            }
            List<String> sessions = Optional.ofNullable(params.get("sessionIds")).orElse(List.of());
            return new Form(values, sessions, answers, params.getFirst("invitationCode"),
                    params.containsKey("privacyConsent"));
        }

        ParticipantDetails details(Locale locale) {
            return new ParticipantDetails(values.get("givenName"), values.get("familyName"), values.get("email"),
                    values.get("organisation"), values.get("role"), values.get("sector"), locale);
        }

        Map<String, Object> answers(Event event) {
            Map<String, Object> answers = new LinkedHashMap<>();
            for (Question question : event.questions()) {
                List<String> given = answerValues.getOrDefault(question.id(), List.of());
                if (given.isEmpty()) {
                    continue;
                }
                answers.put(question.id(), question.type() == Question.Type.MULTIPLE_CHOICE ? given : given.get(0));
            }
            return answers;
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

        private static List<String> answerValues(Answer answer) {
            if (answer instanceof Answer.Text text) {
                return List.of(text.text());
            }
            if (answer instanceof Answer.Choice choice) {
                return List.of(choice.option());
            }
            if (answer instanceof Answer.Choices choices) {
                return choices.options();
            }
            return List.of(((Answer.YesNo) answer).yes() ? "yes" : "no");
        }
    }

    /**
     * The errors of a form, by the id of the field they belong to (for links and {@code aria-describedby}), and
     * those that belong to no field.
     *
     * @param all     every message with the id of its field, or null
     * @param byField the messages per field id
     */
    record Problems(List<Map.Entry<String, String>> all, Map<String, List<String>> byField) {

        static Problems of(List<Reason> reasons) {
            Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
            List<Map.Entry<String, String>> all = new ArrayList<>();
            Map<String, List<String>> byField = new LinkedHashMap<>();
            for (Reason reason : reasons) {
                String field = reason.field().map(ParticipantPageParts::fieldId).orElse(null);
                String message = ApiProblems.message(reason, locale);
                all.add(new java.util.AbstractMap.SimpleImmutableEntry<>(field, message));
                if (field != null) {
                    byField.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
                }
            }
            return new Problems(all, byField);
        }

        /**
         * The errors of the registration form: in the summary each names its field ("Voornaam: dit veld is
         * verplicht."), in the order of the form, after those of no field; next to a field, the message alone.
         */
        static Problems of(List<Reason> reasons, Event event) {
            Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
            List<String> order = new ArrayList<>(List.of("givenName", "familyName", "email", "organisation", "role",
                    "sector", "sessionIds"));
            event.questions().forEach(q -> order.add("answer-" + q.id()));
            order.addAll(List.of("invitationCode", "privacyConsent"));
            Problems plain = of(reasons);
            List<Map.Entry<String, String>> all = new ArrayList<>();
            for (Map.Entry<String, String> problem : plain.all()) {
                String label = problem.getKey() == null ? null : label(problem.getKey(), event, locale);
                all.add(new java.util.AbstractMap.SimpleImmutableEntry<>(problem.getKey(),
                        label == null ? problem.getValue() : named(label, problem.getValue(), locale)));
            }
            all.sort(java.util.Comparator.comparingInt(problem -> problem.getKey() == null ? -1
                    : order.contains(problem.getKey()) ? order.indexOf(problem.getKey()) : order.size()));
            return new Problems(all, plain.byField());
        }

        private static String label(String fieldId, Event event, Locale locale) {
            if (fieldId.startsWith("answer-")) {
                return event.question(fieldId.substring("answer-".length()))
                        .map(q -> q.label().in(Messages.supported(locale))).orElse(null);
            }
            String key = "privacyConsent".equals(fieldId) ? "field.privacyConsent-short" : "field." + fieldId;
            return PortalMessages.text(key, locale, null);
        }

        /** "Voornaam: dit veld is verplicht.", or after a question "Ben je bestuurder? Dit veld is verplicht." */
        static String named(String label, String message, Locale locale) {
            if (label.endsWith("?")) {
                return label + " " + message;
            }
            boolean sentence = message.length() > 1 && Character.isUpperCase(message.charAt(0))
                    && Character.isLowerCase(message.charAt(1));
            String rest = sentence ? Character.toLowerCase(message.charAt(0)) + message.substring(1) : message;
            return PortalMessages.text("form.errors.named", locale, label + ": " + rest, label, rest);
        }

        /** @return whether a field has errors */
        public boolean has(String field) {
            return byField.containsKey(field);
        }

        /** @return the errors of a field */
        public List<String> of(String field) {
            return byField.getOrDefault(field, List.of());
        }

        /** @return whether there are any */
        public boolean any() {
            return !all.isEmpty();
        }
    }

    /** The id of the form field a library field name belongs to. */
    static String fieldId(String field) {
        String plain = ApiProblems.field(field);
        if (plain.startsWith("answers.")) {
            return "answer-" + plain.substring("answers.".length());
        }
        if (plain.startsWith("sessionIds")) {
            return "sessionIds";
        }
        return plain;
    }
}
