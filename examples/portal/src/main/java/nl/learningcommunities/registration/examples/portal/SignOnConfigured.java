package nl.learningcommunities.registration.examples.portal;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code registration.identity.oidc.issuer-uri} is set to something other than blank, so that an empty
 * environment variable means "no provider", as it does everywhere else in the portal.
 */
final class SignOnConfigured implements Condition {

    static final String ISSUER = "registration.identity.oidc.issuer-uri";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Binder.get(context.getEnvironment()).bind(ISSUER, String.class)
                .map(value -> !value.isBlank()).orElse(false);
    }

    /** The opposite: no provider, so the demo login. */
    static final class Not implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new SignOnConfigured().matches(context, metadata);
        }
    }
}
