package nl.learningcommunities.registration.application.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import nl.learningcommunities.registration.StorageException;
import nl.learningcommunities.registration.application.ManagedRegistration;
import nl.learningcommunities.registration.booking.NotificationPlan;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.participant.TrustedIdentity;
import nl.learningcommunities.registration.token.AccessToken;
import nl.learningcommunities.registration.token.IssuedToken;
import nl.learningcommunities.registration.token.TokenPurpose;
import nl.learningcommunities.registration.token.Tokens;

/**
 * What a logged-in person does with their own registrations, found by the address the host vouches for rather than
 * by an e-mailed link: list them, and open one with a short-lived personal link of its own. Thread-safe: holds only
 * the immutable context.
 */
final class OwnRegistrations {

    /** How long a personal link handed to a logged-in owner works. */
    static final Duration VALIDITY = Duration.ofHours(1);

    /** How often adding the link is tried when another node changes the registration at the same time. */
    private static final int ATTEMPTS = 10;

    private final Context context;
    private final ParticipantSupport support;

    /**
     * @param context the ports and clock
     * @param support what the participant's use cases share
     */
    OwnRegistrations(Context context, ParticipantSupport support) {
        this.context = Objects.requireNonNull(context, "context");
        this.support = Objects.requireNonNull(support, "support");
    }

    /** The logged-in person's registrations. See {@code Registrations#registrationsOf}. */
    List<ManagedRegistration> registrationsOf(TrustedIdentity identity) {
        Objects.requireNonNull(identity, "identity");
        List<ManagedRegistration> own = new ArrayList<>();
        for (Registration registration : context.store().findByEmail(identity.email())) {
            if (isOwnedBy(registration, identity)) {
                context.catalogue().find(registration.eventId())
                        .ifPresent(event -> own.add(support.managed(registration, event)));
            }
        }
        own.sort(Comparator.comparing((ManagedRegistration m) -> m.event().startsAt().toInstant())
                .thenComparing(m -> m.registration().createdAt())
                .thenComparing(m -> m.registration().id()).reversed());
        return List.copyOf(own);
    }

    /** A fresh personal link for the owner. See {@code Registrations#openAsOwner}. */
    Optional<String> openAsOwner(UUID registrationId, TrustedIdentity identity) {
        Objects.requireNonNull(identity, "identity");
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Registration> found = context.registration(registrationId).filter(r -> isOwnedBy(r, identity));
            Optional<Event> event = found.flatMap(r -> context.catalogue().find(r.eventId()));
            Instant now = context.now();
            if (event.isEmpty() || !now.isBefore(event.get().retentionEndsAt())) {
                return Optional.empty();
            }
            Registration current = found.get();
            Instant expiry = now.plus(VALIDITY);
            IssuedToken issued = Tokens.issue(context.tokens(), TokenPurpose.MANAGE, Optional.of(
                    expiry.isBefore(event.get().retentionEndsAt()) ? expiry : event.get().retentionEndsAt()));
            StoreResult result = context.store().update(withLink(current, issued.stored(), now), current.version(),
                    NotificationPlan.NONE);
            if (result instanceof StoreResult.Done done) {
                context.publish(done.changes(), now);
                return Optional.of(issued.secret());
            }
            if (result instanceof StoreResult.Refused) {
                return Optional.empty();
            }
        }
        throw new StorageException("registration " + registrationId
                + " kept changing on other nodes while a personal link was added", null);
    }

    private static boolean isOwnedBy(Registration registration, TrustedIdentity identity) {
        return !registration.erased() && registration.participant().email().key().equals(identity.email().key());
    }

    /** The registration with the link added and the personal links that have expired dropped. */
    private static Registration withLink(Registration registration, AccessToken link, Instant now) {
        List<AccessToken> kept = new ArrayList<>(registration.tokens().stream()
                .filter(t -> t.purpose() == TokenPurpose.MANAGE && t.expiresAt().map(now::isBefore).orElse(true))
                .toList());
        kept.add(link);
        return registration.withoutTokens(TokenPurpose.MANAGE).withTokens(kept);
    }
}
