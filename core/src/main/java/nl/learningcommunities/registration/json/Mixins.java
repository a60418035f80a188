package nl.learningcommunities.registration.json;

import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;

import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonPOJOBuilder;

import nl.learningcommunities.registration.eligibility.EligibilityRule;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.OrganiserAccess;

/** Jackson mix-ins: how domain types map to JSON, kept out of the domain. */
final class Mixins {

    private Mixins() {
    }

    abstract static class LocalizedTextMixin {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        LocalizedTextMixin(Map<String, String> values) {
        }

        @JsonValue
        abstract Map<String, String> values();
    }

    abstract static class EmailAddressMixin {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        EmailAddressMixin(String value) {
        }

        @JsonValue
        abstract String value();
    }

    @JsonDeserialize(builder = Event.Builder.class)
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    abstract static class EventMixin {
        @JsonIgnore
        abstract boolean isCancelled();
    }

    @JsonPOJOBuilder(withPrefix = "")
    abstract static class EventBuilderMixin {
    }

    /**
     * Read from text through {@link OrganiserAccess#of}, so that a bad address is refused naming its entry. Like every
     * mix-in, only its annotations count: the body of {@code of} never runs.
     */
    abstract static class OrganiserAccessMixin {
        @JsonCreator
        static OrganiserAccess of(@JsonProperty("emails") Collection<String> emails,
                                  @JsonProperty("groups") Collection<String> groups) {
            return OrganiserAccess.NONE;
        }

        @JsonIgnore
        abstract boolean isEmpty();
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = EligibilityRule.Everyone.class, name = "everyone"),
            @JsonSubTypes.Type(value = EligibilityRule.RoleIn.class, name = "role"),
            @JsonSubTypes.Type(value = EligibilityRule.SectorIn.class, name = "sector"),
            @JsonSubTypes.Type(value = EligibilityRule.EmailDomainIn.class, name = "email-domain"),
            @JsonSubTypes.Type(value = EligibilityRule.OrganisationIn.class, name = "organisation"),
            @JsonSubTypes.Type(value = EligibilityRule.Invited.class, name = "invited"),
            @JsonSubTypes.Type(value = EligibilityRule.ProgrammeParticipation.class, name = "programme"),
            @JsonSubTypes.Type(value = EligibilityRule.AllOf.class, name = "all-of"),
            @JsonSubTypes.Type(value = EligibilityRule.AnyOf.class, name = "any-of"),
            @JsonSubTypes.Type(value = EligibilityRule.Not.class, name = "not")})
    abstract static class EligibilityRuleMixin {
    }
}
