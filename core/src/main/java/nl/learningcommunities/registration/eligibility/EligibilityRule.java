package nl.learningcommunities.registration.eligibility;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import nl.learningcommunities.registration.rule.Reason;
import nl.learningcommunities.registration.rule.Rule;
import nl.learningcommunities.registration.rule.Verdict;

/**
 * Who may register for an event: a composable rule over the participant (or the host's trusted identity),
 * their invitation and their history in the programme. A failed rule yields a stable code such as
 * {@code eligibility.role} with a message in Dutch and English. Rules are values: immutable, thread-safe,
 * and definable in JSON (see {@code docs/event-definition.md}).
 */
public sealed interface EligibilityRule extends Rule<EligibilityContext> {

    /** @return a rule that allows everyone */
    static EligibilityRule everyone() {
        return new Everyone();
    }

    /** Everyone may register. */
    record Everyone() implements EligibilityRule {
        @Override
        public String name() {
            return "everyone";
        }

        @Override
        public Verdict check(EligibilityContext context) {
            return Verdict.ALLOWED;
        }
    }

    /**
     * The participant's role is one of {@code roles} (compared without regard to case).
     *
     * @param roles the roles allowed
     */
    record RoleIn(Set<String> roles) implements EligibilityRule {
        /** Normalises the roles. */
        public RoleIn {
            roles = lowerCase(roles, "roles");
        }

        @Override
        public String name() {
            return "role";
        }

        @Override
        public Verdict check(EligibilityContext context) {
            return roles.contains(lower(context.participant().role())) ? Verdict.ALLOWED
                    : Verdict.refused(Reason.ofField("role", "eligibility.role"));
        }
    }

    /**
     * The participant's sector is one of {@code sectors}.
     *
     * @param sectors the sectors allowed, for example {@code mbo} and {@code hbo}
     */
    record SectorIn(Set<String> sectors) implements EligibilityRule {
        /** Normalises the sectors. */
        public SectorIn {
            sectors = lowerCase(sectors, "sectors");
        }

        @Override
        public String name() {
            return "sector";
        }

        @Override
        public Verdict check(EligibilityContext context) {
            return sectors.contains(lower(context.participant().sector())) ? Verdict.ALLOWED
                    : Verdict.refused(Reason.ofField("sector", "eligibility.sector"));
        }
    }

    /**
     * The participant's e-mail domain is one of {@code domains}, or a subdomain of one.
     *
     * @param domains the domains allowed, for example {@code mboraad.nl}
     */
    record EmailDomainIn(Set<String> domains) implements EligibilityRule {
        /** Normalises the domains. */
        public EmailDomainIn {
            domains = lowerCase(domains, "domains");
        }

        @Override
        public String name() {
            return "email-domain";
        }

        @Override
        public Verdict check(EligibilityContext context) {
            String domain = context.participant().email().domain();
            boolean allowed = domains.stream().anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
            return allowed ? Verdict.ALLOWED : Verdict.refused(Reason.ofField("email", "eligibility.email-domain"));
        }
    }

    /**
     * The participant's organisation is one of {@code organisations} (compared trimmed, without regard to case).
     *
     * @param organisations the organisations allowed
     */
    record OrganisationIn(Set<String> organisations) implements EligibilityRule {
        /** Normalises the organisations. */
        public OrganisationIn {
            organisations = lowerCase(organisations, "organisations");
        }

        @Override
        public String name() {
            return "organisation";
        }

        @Override
        public Verdict check(EligibilityContext context) {
            return organisations.contains(lower(context.participant().organisation())) ? Verdict.ALLOWED
                    : Verdict.refused(Reason.ofField("organisation", "eligibility.organisation"));
        }
    }

    /**
     * The participant is invited: their address is on the event's invitation list, or they give a valid,
     * unexpired invitation code. (A code's maximum number of uses is enforced atomically by the store.)
     */
    record Invited() implements EligibilityRule {
        @Override
        public String name() {
            return "invited";
        }

        @Override
        public Verdict check(EligibilityContext context) {
            Invitations invitations = context.invitations();
            if (invitations.invites(context.participant().email())) {
                return Verdict.ALLOWED;
            }
            if (context.invitationCode().isEmpty()) {
                return Verdict.refused(Reason.ofField("invitationCode", "eligibility.invitation"));
            }
            return invitations.find(context.invitationCode().get())
                    .map(code -> code.isExpiredAt(context.now())
                            ? Verdict.refused(Reason.ofField("invitationCode", "eligibility.invitation.expired"))
                            : Verdict.ALLOWED)
                    .orElseGet(() -> Verdict.refused(Reason.ofField("invitationCode", "eligibility.invitation.code")));
        }
    }

    /**
     * The participant registered for, or attended, another event of a programme.
     *
     * @param programme the programme's id
     * @param level     registered (an active registration) or attended
     */
    record ProgrammeParticipation(String programme, Level level) implements EligibilityRule {
        /** Checks the components. */
        public ProgrammeParticipation {
            Objects.requireNonNull(programme, "programme");
            Objects.requireNonNull(level, "level");
        }

        @Override
        public String name() {
            return "programme";
        }

        @Override
        public Verdict check(EligibilityContext context) {
            boolean ok = context.history().participated(context.participant().email(), programme, level);
            return ok ? Verdict.ALLOWED
                    : Verdict.refused(Reason.of(level == Level.ATTENDED
                            ? "eligibility.programme.attended" : "eligibility.programme.registered", programme));
        }

        /** How far a participant must have taken part. */
        public enum Level {
            /** Confirmed for (or attended) another event of the programme. */
            REGISTERED,
            /** Recorded as attended at another event of the programme. */
            ATTENDED
        }
    }

    /**
     * Every rule allows; the first refusal wins.
     *
     * @param rules the rules, in order
     */
    record AllOf(List<EligibilityRule> rules) implements EligibilityRule {
        /** Copies the rules. */
        public AllOf {
            rules = List.copyOf(rules);
        }

        @Override
        public String name() {
            return "all-of";
        }

        @Override
        public Verdict check(EligibilityContext context) {
            return Rule.firstRefusal(rules, context);
        }
    }

    /**
     * At least one rule allows. When none does, the first rule's reason is given.
     *
     * @param rules the rules, in order
     */
    record AnyOf(List<EligibilityRule> rules) implements EligibilityRule {
        /** Copies the rules and checks there is at least one. */
        public AnyOf {
            rules = List.copyOf(rules);
            if (rules.isEmpty()) {
                throw new IllegalArgumentException("any-of needs at least one rule");
            }
        }

        @Override
        public String name() {
            return "any-of";
        }

        @Override
        public Verdict check(EligibilityContext context) {
            Verdict first = null;
            for (EligibilityRule rule : rules) {
                Verdict verdict = rule.check(context);
                if (verdict.isAllowed()) {
                    return verdict;
                }
                if (first == null) {
                    first = verdict;
                }
            }
            return first;
        }
    }

    /**
     * The inner rule refuses. Refuses with {@code code} (default {@code eligibility.excluded}).
     *
     * @param rule the rule to negate
     * @param code the code to refuse with
     */
    record Not(EligibilityRule rule, String code) implements EligibilityRule {
        /** Checks the rule and defaults the code. */
        public Not {
            Objects.requireNonNull(rule, "rule");
            code = code == null || code.isBlank() ? "eligibility.excluded" : code;
        }

        @Override
        public String name() {
            return "not";
        }

        @Override
        public Verdict check(EligibilityContext context) {
            return rule.check(context).isAllowed() ? Verdict.refused(Reason.of(code)) : Verdict.ALLOWED;
        }
    }

    private static String lower(String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }

    private static Set<String> lowerCase(Set<String> values, String what) {
        Objects.requireNonNull(values, what);
        return values.stream().map(EligibilityRule::lower).collect(Collectors.toUnmodifiableSet());
    }
}
