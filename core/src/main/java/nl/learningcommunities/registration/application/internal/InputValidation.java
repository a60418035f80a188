package nl.learningcommunities.registration.application.internal;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import nl.learningcommunities.registration.application.constraints.PlainTextValidator;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.Question;
import nl.learningcommunities.registration.participant.Answer;
import nl.learningcommunities.registration.rule.Reason;

/** Turns bad input into reasons naming the field, with stable codes. Stateless; thread-safe. */
final class InputValidation {

    private static final Set<String> YES = Set.of("yes", "ja", "true", "y", "j", "1");
    private static final Set<String> NO = Set.of("no", "nee", "false", "n", "0");

    private InputValidation() {
    }

    static List<Reason> violations(Validator validator, Object command) {
        List<Reason> reasons = new ArrayList<>();
        for (ConstraintViolation<Object> violation : validator.validate(command)) {
            reasons.add(reason(violation));
        }
        reasons.sort(Comparator.comparing((Reason r) -> r.field().orElse("")).thenComparing(Reason::code));
        return reasons;
    }

    private static Reason reason(ConstraintViolation<?> violation) {
        String field = field(violation.getPropertyPath());
        Annotation constraint = violation.getConstraintDescriptor().getAnnotation();
        Object value = violation.getInvalidValue();
        String template = violation.getMessageTemplate();
        if (constraint instanceof NotBlank || constraint instanceof NotNull || constraint instanceof NotEmpty) {
            return Reason.ofField(field, "field.required");
        }
        if (constraint instanceof Size size) {
            int length = value instanceof CharSequence s ? s.length()
                    : value instanceof Collection<?> c ? c.size() : value instanceof Map<?, ?> m ? m.size() : 0;
            boolean text = value instanceof CharSequence;
            if (length > size.max()) {
                return Reason.ofField(field, text ? "field.too-long" : "field.too-many", String.valueOf(size.max()));
            }
            return Reason.ofField(field, text ? "field.too-short" : "field.too-few", String.valueOf(size.min()));
        }
        if (constraint instanceof AssertTrue && template.startsWith("{")) {
            return Reason.ofField(field, "field.must-be-true");
        }
        return Reason.ofField(field, template.startsWith("{") ? "field.invalid" : template);
    }

    private static String field(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            String name = node.getName();
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                field.append('.').append(node.getKey());
            }
            if (name == null || name.startsWith("<") || "participant".equals(name)) {
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(name);
        }
        return field.toString();
    }

    static List<Reason> sessionIds(Event event, List<String> ids, String field) {
        List<Reason> reasons = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (event.session(id).isEmpty()) {
                reasons.add(Reason.ofField(field, "session.unknown", shorten(id)));
            } else if (!seen.add(id)) {
                reasons.add(Reason.ofField(field, "session.duplicate", id));
            }
        }
        return reasons;
    }

    /** The typed answers, or the reasons they are not valid. */
    record Answers(Map<String, Answer> answers, List<Reason> reasons) {
    }

    static Answers answers(Event event, Map<String, Object> raw, String prefix) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        List<Reason> reasons = new ArrayList<>();
        for (String id : raw.keySet()) {
            if (event.question(id).isEmpty()) {
                reasons.add(Reason.ofField(prefix + "answers." + shorten(id), "answer.unknown-question"));
            }
        }
        for (Question question : event.questions()) {
            String field = prefix + "answers." + question.id();
            Object value = raw.get(question.id());
            if (isBlank(value)) {
                if (question.required()) {
                    reasons.add(Reason.ofField(field, "field.required"));
                }
                continue;
            }
            switch (question.type()) {
                case TEXT -> {
                    if (!(value instanceof String text)) {
                        reasons.add(Reason.ofField(field, "answer.wrong-type"));
                    } else if (text.length() > question.effectiveMaxLength()) {
                        reasons.add(Reason.ofField(field, "field.too-long",
                                String.valueOf(question.effectiveMaxLength())));
                    } else if (!PlainTextValidator.isPlain(text.replace('\n', ' ').replace('\r', ' ')
                            .replace('\t', ' '))) {
                        reasons.add(Reason.ofField(field, "field.control-characters"));
                    } else {
                        answers.put(question.id(), new Answer.Text(text.strip()));
                    }
                }
                case SINGLE_CHOICE -> {
                    if (!(value instanceof String option)) {
                        reasons.add(Reason.ofField(field, "answer.wrong-type"));
                    } else if (!question.hasOption(option)) {
                        reasons.add(Reason.ofField(field, "answer.unknown-option", shorten(option)));
                    } else {
                        answers.put(question.id(), new Answer.Choice(option));
                    }
                }
                case MULTIPLE_CHOICE -> {
                    List<String> options = options(value);
                    if (options == null) {
                        reasons.add(Reason.ofField(field, "answer.wrong-type"));
                    } else if (options.stream().anyMatch(o -> !question.hasOption(o))) {
                        String unknown = options.stream().filter(o -> !question.hasOption(o)).findFirst().orElseThrow();
                        reasons.add(Reason.ofField(field, "answer.unknown-option", shorten(unknown)));
                    } else if (new HashSet<>(options).size() != options.size()) {
                        reasons.add(Reason.ofField(field, "answer.duplicate-option"));
                    } else {
                        answers.put(question.id(), new Answer.Choices(options));
                    }
                }
                case YES_NO -> {
                    Boolean yes = yesNo(value);
                    if (yes == null) {
                        reasons.add(Reason.ofField(field, "answer.wrong-type"));
                    } else {
                        answers.put(question.id(), new Answer.YesNo(yes));
                    }
                }
                default -> throw new IllegalStateException("unknown question type " + question.type());
            }
        }
        return new Answers(answers, reasons);
    }

    private static boolean isBlank(Object value) {
        return value == null || value instanceof String s && s.isBlank()
                || value instanceof Collection<?> c && c.isEmpty();
    }

    private static List<String> options(Object value) {
        Collection<?> values = value instanceof Collection<?> c ? c
                : value instanceof Object[] array ? List.of(array) : null;
        if (values == null || values.stream().anyMatch(v -> !(v instanceof String))) {
            return null;
        }
        return values.stream().map(String.class::cast).toList();
    }

    private static Boolean yesNo(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            String word = s.strip().toLowerCase(Locale.ROOT);
            return YES.contains(word) ? Boolean.TRUE : NO.contains(word) ? Boolean.FALSE : null;
        }
        return null;
    }

    /** Keeps an echoed, user-supplied id short and printable in a message. */
    private static String shorten(String value) {
        String printable = value.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > 64 ? printable.substring(0, 64) + "…" : printable;
    }
}
