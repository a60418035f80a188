package nl.learningcommunities.registration.examples.portal;

import java.util.HashSet;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import nl.learningcommunities.registration.spring.MissingRegistrationPropertyException;

/**
 * Sign-on at the institution's OpenID Connect provider, when {@code registration.identity.oidc.issuer-uri} is set:
 * the client the pages log in with, the user service that maps the provider's claims onto a {@link Person} and its
 * roles, and the decoder the admin API checks bearer tokens with (signature, issuer, audience, time). Both read the
 * provider's discovery document on first use, so the portal starts while the provider is unreachable.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SignOnConfigured.class)
class SignOnConfiguration {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SignOnConfiguration.class);

    @Bean
    ClientRegistrationRepository clientRegistrations(IdentityProperties identity) {
        IdentityProperties.Oidc oidc = identity.oidc();
        if (oidc.clientId() == null || oidc.clientId().isBlank()) {
            throw new MissingRegistrationPropertyException("registration.identity.oidc.client-id",
                    "the portal's client id at the identity provider is needed to sign people in");
        }
        if (oidc.clientSecret() == null || oidc.clientSecret().isBlank()) {
            throw new MissingRegistrationPropertyException("registration.identity.oidc.client-secret",
                    "the portal's client secret at the identity provider is needed to sign people in");
        }
        if (identity.admins().isEmpty()) {
            LOG.warn("No registration.identity.admin-group set: nobody is an administrator, so nobody can create events"
                    + " or see every event");
        }
        if (identity.organisers().isEmpty()) {
            LOG.info("No registration.identity.organiser-group set: every signed-in person may open the organiser"
                    + " pages, where each sees only the events that name them");
        }
        return new DiscoveredClientRegistration(identity);
    }

    @Bean
    JwtDecoder apiTokens(IdentityProperties identity) {
        String issuer = identity.apiIssuer().orElseThrow().toString();
        String audience = identity.apiAudience().orElseThrow(() -> new MissingRegistrationPropertyException(
                "registration.identity.api.audience", "the admin API accepts only tokens meant for it"));
        JwtDecoder discovered = new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                    new JwtAudienceValidator(audience)));
            return decoder;
        });
        // The provider's discovery failing is no fault of the token: a JwtException (not a BadJwtException) makes it
        // an AuthenticationServiceException, which the API answers with 503, and the next call asks again.
        return token -> {
            try {
                return discovered.decode(token);
            } catch (JwtDecoderInitializationException e) {
                throw new JwtException("the identity provider's keys could not be read", e);
            }
        };
    }

    /** Loads the signed-in person as the provider describes them, with the portal's roles as authorities. */
    @Bean
    OAuth2UserService<OidcUserRequest, OidcUser> signedInPeople(IdentityProperties identity) {
        ClaimMapping mapping = new ClaimMapping(identity);
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            Person person = mapping.person(user.getClaims());
            Set<GrantedAuthority> authorities = new HashSet<>(user.getAuthorities());
            person.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
            String name = person.email().isPresent() ? identity.claims().email() : identity.claims().subject();
            return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), name);
        };
    }

    /** Reads a bearer token's claims as the sign-on's: the same groups give the same roles. */
    @Bean
    Converter<Jwt, AbstractAuthenticationToken> apiCallers(IdentityProperties identity) {
        ClaimMapping mapping = new ClaimMapping(identity);
        return jwt -> {
            Person person = mapping.person(jwt.getClaims());
            Set<GrantedAuthority> authorities = new HashSet<>();
            person.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
            return new JwtAuthenticationToken(jwt, authorities, person.actor());
        };
    }
}
