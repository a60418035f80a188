package nl.learningcommunities.registration.examples.idp;

import java.util.concurrent.ConcurrentMap;

import com.nimbusds.jose.jwk.RSAKey;

/** What one start of the test identity provider hands its application context. */
record IdpSetup(String issuer, IdpClients clients, ConcurrentMap<String, IdpUser> people, RSAKey key) {
}
