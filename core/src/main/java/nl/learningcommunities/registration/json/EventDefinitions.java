package nl.learningcommunities.registration.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import nl.learningcommunities.registration.DefinitionException;
import nl.learningcommunities.registration.eligibility.EligibilityRule;
import nl.learningcommunities.registration.eligibility.InvitationCode;
import nl.learningcommunities.registration.eligibility.Invitations;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.InvalidEventException;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.event.OrganiserAccess;
import nl.learningcommunities.registration.event.RegistrationWindow;
import nl.learningcommunities.registration.event.Session;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.rule.Reason;

/**
 * Reads and writes event definitions as JSON, in the format {@code docs/event-definition.md} describes: a
 * single event object, an array of them, or an object with an {@code events} array. Absent fields take their
 * defaults; unknown fields are errors (they are usually typos). Values are taken as written, never coerced: a
 * number or {@code true} where text belongs, {@code "12"} or {@code 1.5} where a whole number belongs, {@code 1} or
 * {@code "true"} where {@code true} or {@code false} belongs are errors naming the field ({@code field.not-text},
 * {@code field.not-number}, {@code field.not-boolean}). Date-times written with an offset only are
 * placed in {@link #DEFAULT_ZONE}, so that a calendar entry follows the Dutch summer-time rules.
 *
 * <p>Thread-safe and reusable; create one and share it.
 */
public final class EventDefinitions {

    /** The zone of date-times given with an offset only. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Amsterdam");

    private final JsonMapper mapper;

    private EventDefinitions() {
        this.mapper = JsonMapper.builder()
                .addMixIn(LocalizedText.class, Mixins.LocalizedTextMixin.class)
                .addMixIn(EmailAddress.class, Mixins.EmailAddressMixin.class)
                .addMixIn(Event.class, Mixins.EventMixin.class)
                .addMixIn(Event.Builder.class, Mixins.EventBuilderMixin.class)
                .addMixIn(OrganiserAccess.class, Mixins.OrganiserAccessMixin.class)
                .addMixIn(EligibilityRule.class, Mixins.EligibilityRuleMixin.class)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(DateTimeFeature.WRITE_DATES_WITH_ZONE_ID)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_ABSENT))
                .build();
    }

    /** @return a reader and writer of event definitions */
    public static EventDefinitions create() {
        return new EventDefinitions();
    }

    /**
     * @param reader JSON text; not closed
     * @return the events it defines, in order
     * @throws DefinitionException when it is not a valid definition (the message names the place)
     */
    public List<Event> read(Reader reader) {
        Objects.requireNonNull(reader, "reader");
        try {
            return fromTree(mapper.readTree(reader));
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new DefinitionException("not a valid event definition: " + e.getMessage(), e);
        }
    }

    /**
     * @param json JSON text
     * @return the events it defines, in order
     * @throws DefinitionException when it is not a valid definition
     */
    public List<Event> read(String json) {
        return read(new java.io.StringReader(json));
    }

    /**
     * @param path a JSON file (UTF-8)
     * @return the events it defines, in order
     * @throws DefinitionException when it cannot be read or is not a valid definition
     */
    public List<Event> read(Path path) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(reader);
        } catch (IOException e) {
            throw new DefinitionException("cannot read event definition " + path, e);
        }
    }

    /**
     * Reads every {@code *.json} file of a folder, in name order.
     *
     * @param folder a folder of definitions
     * @return the events they define
     * @throws DefinitionException when one cannot be read or is not valid
     */
    public List<Event> readFolder(Path folder) {
        try (var files = Files.list(folder)) {
            List<Event> events = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                events.addAll(read(file));
            }
            return events;
        } catch (IOException | UncheckedIOException e) {
            throw new DefinitionException("cannot read event definitions in " + folder, e);
        }
    }

    /**
     * @param resource a class-path resource, for example {@code /events/programme.json}
     * @return the events it defines
     * @throws DefinitionException when it is missing or not valid
     */
    public List<Event> readResource(String resource) {
        try (InputStream in = EventDefinitions.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new DefinitionException("no event definition on the class path at " + resource, null);
            }
            return read(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DefinitionException("cannot read event definition " + resource, e);
        }
    }

    /**
     * @param events the events
     * @return their definition, as {@code {"events": [...]}}
     */
    public String write(List<Event> events) {
        return mapper.writeValueAsString(java.util.Map.of("events", events));
    }

    private List<Event> fromTree(JsonNode root) {
        JsonNode array = root.isObject() && root.has("events") && root.size() == 1 ? root.get("events") : root;
        List<Event> events = new ArrayList<>();
        if (array.isArray()) {
            int index = 0;
            for (JsonNode node : array) {
                events.add(one(node, "events[" + index++ + "]"));
            }
        } else {
            events.add(one(array, "event"));
        }
        return events;
    }

    private Event one(JsonNode node, String where) {
        try {
            return inDefaultZone(mapper.treeToValue(node, Event.class));
        } catch (JacksonException e) {
            InvalidEventException invalid = cause(e);
            if (invalid != null) {
                throw invalid(where, invalid);
            }
            String field = e.getPath().isEmpty() || e.getPath().get(0).getPropertyName() == null ? null
                    : e.getPath().get(0).getPropertyName();
            throw new DefinitionException(where + ": " + e.getOriginalMessage(), e, field == null ? List.of()
                    : List.of(Reason.ofField(field, code(e))));
        } catch (InvalidEventException e) {
            throw invalid(where, e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DefinitionException(where + ": " + e.getMessage(), e);
        }
    }

    /** The code of a value of the wrong kind, by the kind the field takes; {@code field.invalid} for others. */
    private static String code(JacksonException e) {
        Class<?> type = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (type == null) {
            return "field.invalid";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == Character.class || type == char.class) {
            return "field.not-text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "field.not-boolean";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()
                || java.util.OptionalInt.class == type || java.util.OptionalLong.class == type) {
            return "field.not-number";
        }
        return "field.invalid";
    }

    private static InvalidEventException cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidEventException invalid) {
                return invalid;
            }
        }
        return null;
    }

    private static DefinitionException invalid(String where, InvalidEventException e) {
        return new DefinitionException(where + ": " + e.getMessage(), e,
                List.of(Reason.ofField(e.field(), e.code(), e.args().toArray(String[]::new))));
    }

    private static Event inDefaultZone(Event event) {
        List<Session> sessions = event.sessions().stream()
                .map(s -> new Session(s.id(), s.title(), zone(s.startsAt()), zone(s.endsAt()), s.capacity()))
                .toList();
        List<InvitationCode> codes = event.invitations().codes().stream()
                .map(c -> new InvitationCode(c.code(), c.maxUses(), c.expiresAt().map(EventDefinitions::zone)))
                .toList();
        RegistrationWindow window = event.registrationWindow();
        return event.toBuilder()
                .startsAt(zone(event.startsAt()))
                .endsAt(zone(event.endsAt()))
                .registrationWindow(new RegistrationWindow(zone(window.opensAt()), zone(window.closesAt())))
                .sessions(sessions)
                .invitations(new Invitations(event.invitations().emails(), codes))
                .build();
    }

    private static ZonedDateTime zone(ZonedDateTime time) {
        return time.getZone() instanceof ZoneOffset ? time.withZoneSameInstant(DEFAULT_ZONE) : time;
    }

}
