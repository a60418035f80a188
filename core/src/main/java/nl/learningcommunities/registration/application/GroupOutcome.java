package nl.learningcommunities.registration.application;

import java.util.List;

import nl.learningcommunities.registration.rule.Reason;

/** What became of a group registration: all registered, or none. */
public sealed interface GroupOutcome {

    /**
     * Every member is registered, all with seats or all on the waiting list (or all pending).
     *
     * @param members each member's outcome, in the order given
     */
    record Registered(List<RegistrationOutcome> members) implements GroupOutcome {
        /** Copies the outcomes. */
        public Registered {
            members = List.copyOf(members);
        }
    }

    /**
     * A rule said no for the group; nobody was registered. Reasons about one member name the field with its
     * index, for example {@code members[2].email}.
     *
     * @param reasons why
     */
    record Refused(List<Reason> reasons) implements GroupOutcome {
        /** Copies the reasons. */
        public Refused {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * The input was not valid; nobody was registered.
     *
     * @param reasons every invalid field
     */
    record Invalid(List<Reason> reasons) implements GroupOutcome {
        /** Copies the reasons. */
        public Invalid {
            reasons = List.copyOf(reasons);
        }
    }
}
