package nl.learningcommunities.registration.application.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import nl.learningcommunities.registration.application.GroupOutcome;
import nl.learningcommunities.registration.application.GroupRegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.StoreResult;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.rule.Reason;

/**
 * What an admission gave the people it admitted: the outcome an earlier request with the same idempotency key had,
 * replayed, and where a waitlisted registration stands in line. Thread-safe: holds only the immutable context.
 */
final class AdmissionOutcomes {

    private final Context context;

    /**
     * @param context the ports and clock
     */
    AdmissionOutcomes(Context context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** Whether the store refused an admission because its idempotency key was used already. */
    static boolean isReplay(StoreResult result) {
        return result instanceof StoreResult.Refused refused && refused.reason().code().equals("registration.replayed");
    }

    /**
     * The outcome an earlier admission with this key gave, by where it placed the registration; refused
     * {@code idempotency-key.reused} when the key was used for another person's registration.
     */
    Optional<RegistrationOutcome> replay(String eventId, String key, String emailKey) {
        return context.store().admittedWith(eventId, key).stream().findFirst().map(registration ->
                sameRequest(List.of(registration), java.util.Set.of(emailKey)) ? original(registration)
                        : new RegistrationOutcome.Refused(List.of(reused())));
    }

    /**
     * The outcome an earlier group admission with this key gave; refused {@code idempotency-key.reused} when the
     * key was used for other people, {@code registration.replayed} when the store holds nothing admitted with it.
     */
    GroupOutcome replayGroup(String eventId, String key, java.util.Set<String> emailKeys) {
        List<Registration> admitted = context.store().admittedWith(eventId, key);
        if (admitted.isEmpty()) {
            return new GroupOutcome.Refused(List.of(Reason.of("registration.replayed")));
        }
        if (!sameRequest(admitted, emailKeys)) {
            return new GroupOutcome.Refused(List.of(reused()));
        }
        return new GroupOutcome.Registered(admitted.stream().map(this::original).toList());
    }

    /** A key names one request: the same people (an erased registration no longer says who it was). */
    private static boolean sameRequest(List<Registration> admitted, java.util.Set<String> emailKeys) {
        if (admitted.stream().anyMatch(Registration::erased)) {
            return true;
        }
        return admitted.stream().map(r -> r.participant().email().key()).collect(java.util.stream.Collectors.toSet())
                .equals(emailKeys);
    }

    private static Reason reused() {
        return Reason.ofField("idempotencyKey", "idempotency-key.reused");
    }

    /** The keys of the group members' addresses. */
    static java.util.Set<String> emailKeys(GroupRegisterCommand command) {
        return command.members().stream().map(m -> EmailAddress.of(m.participant().email()).key())
                .collect(java.util.stream.Collectors.toSet());
    }

    private RegistrationOutcome original(Registration registration) {
        RegistrationStatus placed = registration.history().isEmpty() ? registration.status()
                : registration.history().get(0).to();
        return switch (placed) {
            case WAITLISTED -> new RegistrationOutcome.Waitlisted(registration, placeInLine(registration));
            case PENDING_APPROVAL -> new RegistrationOutcome.PendingApproval(registration);
            case PENDING_VERIFICATION -> new RegistrationOutcome.PendingVerification(registration);
            default -> new RegistrationOutcome.Confirmed(registration);
        };
    }

    /** Where a just-waitlisted registration stands in line, as the store decided it when it admitted it. */
    long placeInLine(Registration registration, StoreResult.Done done) {
        Long decided = done.placesInLine().get(registration.id());
        return decided != null ? decided : placeInLine(registration);
    }

    /** Where a waitlisted registration stands in line now: one more than those waiting ahead of it. */
    private long placeInLine(Registration registration) {
        return context.store().placeInLine(registration).orElse(registration.waitlistPosition().orElse(0));
    }
}
