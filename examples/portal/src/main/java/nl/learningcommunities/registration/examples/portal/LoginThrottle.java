package nl.learningcommunities.registration.examples.portal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Throttles password guessing, on the organiser's login form and on HTTP Basic alike: each user name and each
 * client address may fail {@code registration.limits.login-failures} times per
 * {@code registration.limits.login-failures-period} (they come back one by one); past that, a login is answered 429
 * with {@code Retry-After}, without checking the password.
 *
 * <p>Every attempt takes a token from its user name's bucket and its address's before Spring Security checks it;
 * a successful one gives them back. So concurrent guesses cannot slip past the count, and an API client that sends
 * the right credentials with every request is never throttled. A user name is counted whether or not such an
 * account exists, and the answer is the same, so the throttle tells nobody which names exist. Both maps are
 * bounded.
 */
@Component
@Order(LoginThrottle.ORDER)
final class LoginThrottle extends OncePerRequestFilter {

    /** Inside Spring's request context (-105), before Spring Security (-100). */
    static final int ORDER = -101;

    private static final String LOGIN_PAGE = "/organiser/login";
    private static final String ATTEMPT = LoginThrottle.class.getName() + ".attempt";
    private static final String SUCCEEDED = LoginThrottle.class.getName() + ".succeeded";
    private static final int MAX_KEYS = 10_000;

    private final BoundedBuckets users;
    private final BoundedBuckets addresses;
    private final RequestMatcher formLogin;
    private final LocaleResolver locales;

    LoginThrottle(LimitSettings settings, ObjectProvider<PathPatternRequestMatcher.Builder> matchers,
                  ObjectProvider<LocaleResolver> locales) {
        this.users = new BoundedBuckets(MAX_KEYS, settings.loginFailures(), settings.loginFailuresPeriod());
        this.addresses = new BoundedBuckets(MAX_KEYS, settings.loginFailures(), settings.loginFailuresPeriod());
        // The same kind of matcher form login uses: the decoded path, so no spelling of it escapes the count.
        this.formLogin = matchers.getIfAvailable(PathPatternRequestMatcher::withDefaults)
                .matcher(HttpMethod.POST, LOGIN_PAGE);
        this.locales = locales.getIfAvailable();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> basic = basicUser(request);
        boolean form = basic.isEmpty() && formLogin.matches(request);
        if (basic.isEmpty() && !form) {
            chain.doFilter(request, response);
            return;
        }
        String user = form ? Optional.ofNullable(request.getParameter("username")).orElse("") : basic.get();
        Bucket address = addresses.of(BoundedBuckets.clientOf(request));
        Bucket name = users.of(user.strip().toLowerCase(Locale.ROOT));
        ConsumptionProbe byAddress = address.tryConsumeAndReturnRemaining(1);
        if (!byAddress.isConsumed()) {
            throttled(request, response, byAddress.getNanosToWaitForRefill(), form);
            return;
        }
        ConsumptionProbe byName = name.tryConsumeAndReturnRemaining(1);
        if (!byName.isConsumed()) {
            address.addTokens(1); // no password was checked
            throttled(request, response, byName.getNanosToWaitForRefill(), form);
            return;
        }
        request.setAttribute(ATTEMPT, Boolean.TRUE);
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.getAttribute(SUCCEEDED) != null) {
                address.addTokens(1);
                name.addTokens(1);
            }
        }
    }

    /** Marks the request whose credentials Spring Security accepted, so that its tokens come back. */
    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        RequestAttributes current = RequestContextHolder.getRequestAttributes();
        if (current != null && current.getAttribute(ATTEMPT, RequestAttributes.SCOPE_REQUEST) != null) {
            current.setAttribute(SUCCEEDED, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** The user name of HTTP Basic credentials, read as Spring Security reads them; empty without any. */
    private static Optional<String> basicUser(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !StringUtils.startsWithIgnoreCase(header.strip(), "Basic")) {
            return Optional.empty();
        }
        String token = header.strip().substring("Basic".length()).strip();
        try {
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return Optional.of(colon < 0 ? decoded : decoded.substring(0, colon));
        } catch (IllegalArgumentException e) {
            return Optional.of("");
        }
    }

    private void throttled(HttpServletRequest request, HttpServletResponse response, long nanosToWait,
                           boolean form) throws IOException {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanosToWait + TimeUnit.SECONDS.toNanos(1) - 1));
        response.setHeader("Retry-After", String.valueOf(seconds));
        Locale locale = locales == null ? request.getLocale() : locales.resolveLocale(request);
        RequestLimits.reject(response, HttpStatus.TOO_MANY_REQUESTS, "login.throttled", "login.throttled", locale,
                !form && request.getServletPath().startsWith("/api/"));
    }
}
