package nl.learningcommunities.registration.event;

import java.time.Duration;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The invariants of an {@link Event} that tie its values together or bound them, checked once its defaults are
 * filled in. Fields are named as the JSON definition names them. Stateless and thread-safe.
 */
final class EventInvariants {

    private EventInvariants() {
    }

    /**
     * @throws InvalidEventException naming the first field that breaks an invariant
     */
    static void check(String id, ZonedDateTime startsAt, ZonedDateTime endsAt, OptionalInt capacity,
                      OptionalInt organisationLimit, Duration verificationValidity, Period retention,
                      EventStatus status, Optional<String> cancellationReason, List<Session> sessions,
                      List<Question> questions) {
        if (!endsAt.isAfter(startsAt)) {
            throw new InvalidEventException("endsAt", "event.ends-before-start", "event " + id + " must end after it starts");
        }
        if (capacity.isPresent() && capacity.getAsInt() < 0) {
            throw new InvalidEventException("capacity", "field.invalid", "event " + id + " capacity must not be negative");
        }
        if (organisationLimit.isPresent() && organisationLimit.getAsInt() < 1) {
            throw new InvalidEventException("organisationLimit", "field.invalid",
                    "event " + id + " organisationLimit must be at least 1");
        }
        if (verificationValidity.isNegative() || verificationValidity.isZero()) {
            throw new InvalidEventException("verificationValidity", "field.invalid",
                    "event " + id + " verificationValidity must be positive");
        }
        if (retention.isNegative()) {
            throw new InvalidEventException("retention", "field.invalid", "event " + id + " retention must not be negative");
        }
        if (status != EventStatus.CANCELLED && cancellationReason.isPresent()) {
            throw new InvalidEventException("cancellationReason", "field.invalid",
                    "event " + id + " has a cancellation reason but is not cancelled");
        }
        requireUnique(id, sessions.stream().map(Session::id).toList(), "sessions");
        requireUnique(id, questions.stream().map(Question::id).toList(), "questions");
    }

    private static void requireUnique(String id, List<String> ids, String what) {
        Set<String> seen = new HashSet<>();
        for (String each : ids) {
            if (!seen.add(each)) {
                throw new InvalidEventException(what, "event.id.repeated", "event " + id + " repeats " + what + " id " + each,
                        each);
            }
        }
    }
}
