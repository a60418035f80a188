package nl.learningcommunities.registration.examples.portal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import nl.learningcommunities.registration.eligibility.EligibilityRule;
import nl.learningcommunities.registration.eligibility.EligibilityRule.ProgrammeParticipation;
import nl.learningcommunities.registration.rule.Reason;

/**
 * The eligibility rule as the editor shows it: a list of conditions (role, sector, e-mail domain, organisation,
 * invited, programme participation) combined by "all of these" or "any of these", one level deep; none means
 * everyone. A rule the editor cannot show that way (nested or negated) is kept as it is and described in words.
 */
final class EventFormEligibility {

    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    private EventFormEligibility() {
    }

    /**
     * Fills the form's eligibility from a rule: its conditions and how they combine, or, when the rule does not
     * fit, the mark that it is kept.
     *
     * @param rule the event's rule
     * @param form the form to fill
     */
    static void fill(EligibilityRule rule, EventForm form) {
        form.set("eligibility.combine", rule instanceof EligibilityRule.AnyOf ? "any" : "all");
        form.conditions().clear();
        List<EligibilityRule> parts = rule instanceof EligibilityRule.AllOf all ? all.rules()
                : rule instanceof EligibilityRule.AnyOf any ? any.rules()
                : rule instanceof EligibilityRule.Everyone ? List.of() : List.of(rule);
        for (EligibilityRule part : parts) {
            Optional<EventFormRow> row = row(part);
            if (row.isEmpty()) {
                form.conditions().clear();
                form.tick("eligibility.keep", true);
                return;
            }
            form.conditions().add(row.get());
        }
        form.tick("eligibility.keep", false);
    }

    private static Optional<EventFormRow> row(EligibilityRule rule) {
        EventFormRow row = new EventFormRow().set("kind", rule.name()).set("level", "REGISTERED");
        if (rule instanceof EligibilityRule.RoleIn in) {
            return Optional.of(row.set("values", EventFormParsing.items(in.roles())));
        }
        if (rule instanceof EligibilityRule.SectorIn in) {
            return Optional.of(row.set("values", EventFormParsing.items(in.sectors())));
        }
        if (rule instanceof EligibilityRule.EmailDomainIn in) {
            return Optional.of(row.set("values", EventFormParsing.items(in.domains())));
        }
        if (rule instanceof EligibilityRule.OrganisationIn in) {
            return Optional.of(row.set("values", EventFormParsing.items(in.organisations())));
        }
        if (rule instanceof EligibilityRule.Invited) {
            return Optional.of(row);
        }
        if (rule instanceof ProgrammeParticipation participation) {
            return Optional.of(row.set("programme", participation.programme())
                    .set("level", participation.level().name()));
        }
        return Optional.empty();
    }

    /**
     * The rule the form's conditions make; problems are added to {@code reasons}, on the condition's element.
     *
     * @param form    the form
     * @param reasons where problems go
     * @return the rule: everyone without conditions, the condition itself when there is one
     */
    static EligibilityRule rule(EventForm form, List<Reason> reasons) {
        List<EligibilityRule> rules = new ArrayList<>();
        for (int i = 0; i < form.conditions().size(); i++) {
            condition(form.conditions().get(i), "condition-" + i, reasons).ifPresent(rules::add);
        }
        if (rules.isEmpty()) {
            return EligibilityRule.everyone();
        }
        if (rules.size() == 1) {
            return rules.get(0);
        }
        return "any".equals(form.value("eligibility.combine")) ? new EligibilityRule.AnyOf(rules)
                : new EligibilityRule.AllOf(rules);
    }

    private static Optional<EligibilityRule> condition(EventFormRow row, String id, List<Reason> reasons) {
        String kind = row.value("kind");
        if (kind.equals("invited")) {
            return Optional.of(new EligibilityRule.Invited());
        }
        if (kind.equals("programme")) {
            String programme = EventFormParsing.strip(row.value("programme"));
            Optional<ProgrammeParticipation.Level> level = level(row.value("level"));
            if (programme.isEmpty()) {
                reasons.add(Reason.ofField(id + "-programme", "field.required"));
            }
            if (level.isEmpty()) {
                reasons.add(Reason.ofField(id + "-level", "field.invalid"));
            }
            return programme.isEmpty() || level.isEmpty() ? Optional.empty()
                    : Optional.of(new ProgrammeParticipation(programme, level.get()));
        }
        Set<String> values = new LinkedHashSet<>(EventFormParsing.items(row.value("values")));
        if (values.isEmpty()) {
            reasons.add(Reason.ofField(id + "-values", "field.required"));
            return Optional.empty();
        }
        switch (kind) {
            case "role":
                return Optional.of(new EligibilityRule.RoleIn(values));
            case "sector":
                return Optional.of(new EligibilityRule.SectorIn(values));
            case "organisation":
                return Optional.of(new EligibilityRule.OrganisationIn(values));
            case "email-domain":
                Set<String> domains = values.stream().map(d -> d.toLowerCase(Locale.ROOT).replaceFirst("^@", ""))
                        .collect(Collectors.toCollection(LinkedHashSet::new));
                Optional<String> wrong = domains.stream().filter(d -> !DOMAIN.matcher(d).matches()).findFirst();
                if (wrong.isPresent()) {
                    reasons.add(Reason.ofField(id + "-values", "editor.error.domain", wrong.get()));
                    return Optional.empty();
                }
                return Optional.of(new EligibilityRule.EmailDomainIn(domains));
            default:
                reasons.add(Reason.ofField(id + "-values", "field.invalid"));
                return Optional.empty();
        }
    }

    private static Optional<ProgrammeParticipation.Level> level(String raw) {
        for (ProgrammeParticipation.Level level : ProgrammeParticipation.Level.values()) {
            if (level.name().equals(raw)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    /**
     * @param rule a rule
     * @return the rule with every all-of or any-of of one rule replaced by that rule: two rules that mean the
     *         same here are equal after this
     */
    static EligibilityRule normalised(EligibilityRule rule) {
        if (rule instanceof EligibilityRule.AllOf all) {
            List<EligibilityRule> rules = all.rules().stream().map(EventFormEligibility::normalised).toList();
            return rules.size() == 1 ? rules.get(0) : rules.isEmpty() ? EligibilityRule.everyone()
                    : new EligibilityRule.AllOf(rules);
        }
        if (rule instanceof EligibilityRule.AnyOf any) {
            List<EligibilityRule> rules = any.rules().stream().map(EventFormEligibility::normalised).toList();
            return rules.size() == 1 ? rules.get(0) : new EligibilityRule.AnyOf(rules);
        }
        if (rule instanceof EligibilityRule.Not not) {
            return new EligibilityRule.Not(normalised(not.rule()), not.code());
        }
        return rule;
    }

    /**
     * @param rule   a rule
     * @param locale the reader's language
     * @return the rule in words, such as "all of these: sector (hbo, mbo); any of these: (invited; …)"
     */
    static String describe(EligibilityRule rule, Locale locale) {
        String name = PortalMessages.text("editor.condition." + rule.name(), locale, rule.name());
        if (rule instanceof EligibilityRule.AllOf all) {
            return name + ": (" + all.rules().stream().map(r -> describe(r, locale))
                    .collect(Collectors.joining("; ")) + ")";
        }
        if (rule instanceof EligibilityRule.AnyOf any) {
            return name + ": (" + any.rules().stream().map(r -> describe(r, locale))
                    .collect(Collectors.joining("; ")) + ")";
        }
        if (rule instanceof EligibilityRule.Not not) {
            return name + ": (" + describe(not.rule(), locale) + ")";
        }
        Optional<EventFormRow> row = row(rule);
        if (row.isEmpty() || rule instanceof EligibilityRule.Invited) {
            return name;
        }
        if (rule instanceof ProgrammeParticipation participation) {
            return name + " (" + participation.programme() + ", "
                    + PortalMessages.text("editor.level." + participation.level().name(), locale,
                    participation.level().name()) + ")";
        }
        return name + " (" + row.get().value("values") + ")";
    }
}
