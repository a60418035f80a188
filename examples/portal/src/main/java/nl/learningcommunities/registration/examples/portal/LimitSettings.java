package nl.learningcommunities.registration.examples.portal;

import java.time.Duration;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The limits against abuse from the open internet, under {@code registration.limits.*} beside
 * {@link PortalProperties.Limits} (registrations a minute, the body cap).
 *
 * @param mailActionsPerMinute other requests that can send mail one client may make per minute (see
 *                             {@link RouteLimits}); absent means the same as {@code registrations-per-minute}
 * @param loginFailures        failed logins per user name and per client address per {@code loginFailuresPeriod},
 *                             after which {@link LoginThrottle} answers 429 without checking the password
 * @param loginFailuresPeriod  the period in which they come back, one by one
 */
@ConfigurationProperties("registration.limits")
public record LimitSettings(Integer mailActionsPerMinute, @DefaultValue("5") int loginFailures,
                            @DefaultValue("5m") Duration loginFailuresPeriod) {

    /** Refuses limits that would let nothing through or never refill. */
    public LimitSettings {
        if (mailActionsPerMinute != null && mailActionsPerMinute < 1) {
            throw new IllegalArgumentException("registration.limits.mail-actions-per-minute must be at least 1");
        }
        if (loginFailures < 1) {
            throw new IllegalArgumentException("registration.limits.login-failures must be at least 1");
        }
        if (loginFailuresPeriod == null || loginFailuresPeriod.isNegative() || loginFailuresPeriod.isZero()) {
            throw new IllegalArgumentException("registration.limits.login-failures-period must be positive");
        }
    }

    /** @return the mail actions a client may make per minute, given the registrations it may make */
    int mailActionsPerMinute(int registrationsPerMinute) {
        return Optional.ofNullable(mailActionsPerMinute).orElse(registrationsPerMinute);
    }
}
