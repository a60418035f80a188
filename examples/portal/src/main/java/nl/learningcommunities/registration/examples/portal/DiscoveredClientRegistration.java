package nl.learningcommunities.registration.examples.portal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The one provider the portal signs in with, its endpoints read from the issuer's discovery document on first use
 * and kept from then on. While the provider cannot be reached there is no registration (and sign-in answers 503);
 * the next attempt asks again. Thread-safe.
 */
final class DiscoveredClientRegistration implements ClientRegistrationRepository {

    private static final Logger LOG = LoggerFactory.getLogger(DiscoveredClientRegistration.class);

    private final IdentityProperties identity;
    private volatile ClientRegistration registration;

    DiscoveredClientRegistration(IdentityProperties identity) {
        this.identity = identity;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!IdentityProperties.REGISTRATION_ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration known = registration;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (registration == null) {
                registration = discover();
            }
            return registration;
        }
    }

    private ClientRegistration discover() {
        IdentityProperties.Oidc oidc = identity.oidc();
        String issuer = oidc.issuer().orElseThrow().toString();
        try {
            return ClientRegistrations.fromIssuerLocation(issuer)
                    .registrationId(IdentityProperties.REGISTRATION_ID)
                    .clientId(oidc.clientId())
                    .clientSecret(oidc.clientSecret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .scope(oidc.scopes())
                    .userNameAttributeName(identity.claims().subject())
                    .build();
        } catch (RuntimeException e) {
            LOG.warn("The identity provider {} could not be reached or read ({}: {}); sign-in is unavailable until it"
                    + " can", issuer, e.getClass().getSimpleName(), e.getMessage());
            return null;
        }
    }
}
