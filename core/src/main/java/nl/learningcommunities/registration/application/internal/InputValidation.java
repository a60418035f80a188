package nl.learningcommunities.registration.application.internal;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.constraints.PlainTextValidator;
import nl.learningcommunities.registration.eligibility.EligibilityContext;
import nl.learningcommunities.registration.eligibility.EligibilityRule;
import nl.learningcommunities.registration.eligibility.ProgrammeHistory;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.Question;
import nl.learningcommunities.registration.participant.Answer;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.participant.Participant;
import nl.learningcommunities.registration.participant.TrustedIdentity;
import nl.learningcommunities.registration.rule.Messages;
import nl.learningcommunities.registration.rule.Reason;
import nl.learningcommunities.registration.rule.Verdict;

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
                field.append('.').append(wellFormed(String.valueOf(node.getKey())));
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

    /**
     * The participant as typed, to judge an invitation with while other input is still wrong: empty when there is
     * no valid address to judge it by (a personal invitation goes by address).
     */
    static Optional<Participant> typed(ParticipantDetails details, Optional<TrustedIdentity> identity) {
        if (identity.isPresent()) {
            TrustedIdentity id = identity.get();
            return Optional.of(new Participant(id.givenName(), id.familyName(), id.email(), id.organisation(),
                    id.role(), id.sector(), Messages.supported(details.locale()), Map.of(), Optional.of(id.subject())));
        }
        return EmailAddress.parse(details.email()).map(email -> new Participant(text(details.givenName()),
                text(details.familyName()), email, text(details.organisation()), text(details.role()),
                text(details.sector()), Messages.supported(details.locale()), Map.of(), Optional.empty()));
    }

    /**
     * A missing, unknown or expired invitation code, when the parts of the event's rule that involve an invitation
     * refuse this participant; the other parts are left to the full check once the input is valid.
     */
    static Optional<Reason> invitation(Event event, Participant participant, Optional<String> code, Instant now,
                                       ProgrammeHistory history) {
        EligibilityContext context = new EligibilityContext(participant, code, event.invitations(), now, history);
        return invitationParts(event.eligibility()).stream().map(rule -> rule.check(context))
                .flatMap(verdict -> verdict instanceof Verdict.Refused refused ? Stream.of(refused.reason())
                        : Stream.empty())
                .filter(reason -> reason.field().filter("invitationCode"::equals).isPresent()).findFirst();
    }

    private static List<EligibilityRule> invitationParts(EligibilityRule rule) {
        if (!mentionsInvitation(rule)) {
            return List.of();
        }
        return rule instanceof EligibilityRule.AllOf all
                ? all.rules().stream().flatMap(r -> invitationParts(r).stream()).toList() : List.of(rule);
    }

    private static boolean mentionsInvitation(EligibilityRule rule) {
        List<EligibilityRule> parts = rule instanceof EligibilityRule.AllOf all ? all.rules()
                : rule instanceof EligibilityRule.AnyOf any ? any.rules() : List.of();
        return rule instanceof EligibilityRule.Invited || parts.stream().anyMatch(InputValidation::mentionsInvitation);
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
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
        String printable = wellFormed(value).codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > 64 ? printable.substring(0, 64) + "…" : printable;
    }

    /** A user-supplied text fit to echo: a lone surrogate half becomes the replacement character. */
    private static String wellFormed(String value) {
        return value.codePoints().map(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE ? 0xFFFD : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
