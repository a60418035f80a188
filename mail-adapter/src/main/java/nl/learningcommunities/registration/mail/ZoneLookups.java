package nl.learningcommunities.registration.mail;

import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;

/**
 * The zone ical4j writes a {@code DTSTART;TZID=...} or {@code DTEND;TZID=...} time in, looked up once per zone id.
 * Left to itself, ical4j 4.1 looks the zone up again every time it writes such a property
 * ({@link TimeZoneRegistry#getGlobalZoneId}, which copies the JDK's set of zone ids each time): more than half
 * the cost of writing an invitation. This asks ical4j the same question once and remembers the answer, so that
 * the text stays exactly what ical4j writes by itself.
 *
 * <p>Only for writing dates: it holds no time zones of its own, and registers none. Thread-safe.
 */
final class ZoneLookups implements TimeZoneRegistry {

    /** The one instance; its answers are shared by every invitation. */
    static final ZoneLookups INSTANCE = new ZoneLookups();

    private final Map<String, ZoneId> zones = new ConcurrentHashMap<>();
    private final Map<String, ZoneRules> rules = new ConcurrentHashMap<>();

    private ZoneLookups() {
        // ical4j asks a registry for a zone only when it has rules; these name the zones looked up so far.
        rules.put(ZoneId.of("UTC").getId(), ZoneId.of("UTC").getRules());
    }

    @Override
    public ZoneId getZoneId(String tzId) {
        return zones.computeIfAbsent(tzId, id -> {
            ZoneId zone = TimeZoneRegistry.getGlobalZoneId(id);
            rules.putIfAbsent(id, zone.getRules());
            return zone;
        });
    }

    @Override
    public Map<String, ZoneRules> getZoneRules() {
        return Collections.unmodifiableMap(rules);
    }

    @Override
    public void register(TimeZone timezone) {
        throw new UnsupportedOperationException("only for writing dates");
    }

    @Override
    public void register(TimeZone timezone, boolean update) {
        throw new UnsupportedOperationException("only for writing dates");
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("only for writing dates");
    }

    @Override
    public TimeZone getTimeZone(String id) {
        return null;
    }

    @Override
    public String getTzId(String zoneId) {
        return zoneId;
    }
}
