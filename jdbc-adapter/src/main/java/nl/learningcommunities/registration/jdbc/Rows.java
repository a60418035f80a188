package nl.learningcommunities.registration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import nl.learningcommunities.registration.booking.Attendance;
import nl.learningcommunities.registration.booking.PendingEmail;
import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.SessionChoice;
import nl.learningcommunities.registration.booking.StatusChange;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.participant.Participant;
import nl.learningcommunities.registration.token.AccessToken;
import nl.learningcommunities.registration.token.TokenPurpose;

/**
 * Registrations as rows: the registration (with a pending new address, if any), its session picks, its history and
 * its token hashes.
 */
final class Rows {

    private static final String COLUMNS = "id, event_id, status, given_name, family_name, email, email_key,"
            + " active_email_key, organisation, organisation_key, role, sector, locale, subject, answers,"
            + " waitlist_position, offer_expires_at, attendance, invitation_code, group_id, created_at, updated_at,"
            + " erased, version, pending_email, pending_email_expires_at";

    private final Tables tables;

    Rows(Tables tables) {
        this.tables = tables;
    }

    // ---------------------------------------------------------------- writing

    void insert(Connection c, Registration r) throws SQLException {
        insertAll(c, List.of(r));
    }

    /**
     * Inserts new registrations with their session picks, history and token hashes: one statement per table, the
     * rows in the order given (a single registration as a plain statement, several as one JDBC batch).
     */
    void insertAll(Connection c, List<Registration> registrations) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + tables.registrations + " (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Registration r : registrations) {
                s.setString(1, r.id().toString());
                s.setString(2, r.eventId());
                bindState(s, r, 3);
                if (registrations.size() == 1) {
                    s.executeUpdate();
                } else {
                    s.addBatch();
                }
            }
            if (registrations.size() > 1) {
                s.executeBatch();
            }
        }
        insertSessions(c, registrations);
        insertHistory(c, registrations, 0);
        insertTokens(c, registrations, 0);
    }

    void update(Connection c, Registration before, Registration after) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + tables.registrations + " SET status = ?,"
                + " given_name = ?, family_name = ?, email = ?, email_key = ?, active_email_key = ?, organisation = ?,"
                + " organisation_key = ?, role = ?, sector = ?, locale = ?, subject = ?, answers = ?,"
                + " waitlist_position = ?, offer_expires_at = ?, attendance = ?, invitation_code = ?, group_id = ?,"
                + " created_at = ?, updated_at = ?, erased = ?, version = ?, pending_email = ?,"
                + " pending_email_expires_at = ? WHERE id = ?")) {
            bindState(s, after, 1);
            s.setString(25, after.id().toString());
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("registration " + after.id() + " is not stored");
            }
        }
        if (!before.sessions().equals(after.sessions())) {
            delete(c, tables.registrationSessions, after.id());
            insertSessions(c, List.of(after));
        }
        if (extends_(before.history(), after.history())) {
            insertHistory(c, List.of(after), before.history().size());
        } else {
            delete(c, tables.statusHistory, after.id());
            insertHistory(c, List.of(after), 0);
        }
        if (extends_(before.tokens(), after.tokens())) {
            insertTokens(c, List.of(after), before.tokens().size());
        } else {
            delete(c, tables.accessTokens, after.id());
            insertTokens(c, List.of(after), 0);
        }
    }

    private static <T> boolean extends_(List<T> shorter, List<T> longer) {
        return longer.size() >= shorter.size() && longer.subList(0, shorter.size()).equals(shorter);
    }

    private void bindState(PreparedStatement s, Registration r, int from) throws SQLException {
        Participant p = r.participant();
        int i = from;
        s.setString(i++, r.status().name());
        s.setString(i++, p.givenName());
        s.setString(i++, p.familyName());
        s.setString(i++, p.email().value());
        s.setString(i++, p.email().key());
        s.setString(i++, r.status().isActive() ? p.email().key() : null);
        s.setString(i++, p.organisation());
        s.setString(i++, p.organisationKey());
        s.setString(i++, p.role());
        s.setString(i++, p.sector());
        s.setString(i++, p.locale().toLanguageTag());
        s.setString(i++, p.subject().orElse(null));
        s.setString(i++, JsonColumns.answersJson(p.answers()));
        setLong(s, i++, r.waitlistPosition().isPresent() ? r.waitlistPosition().getAsLong() : null);
        setLong(s, i++, r.offerExpiresAt().map(Rows::micros).orElse(null));
        s.setString(i++, r.attendance().name());
        s.setString(i++, r.invitationCode().orElse(null));
        s.setString(i++, r.groupId().map(UUID::toString).orElse(null));
        s.setLong(i++, micros(r.createdAt()));
        s.setLong(i++, micros(r.updatedAt()));
        s.setBoolean(i++, r.erased());
        s.setLong(i++, r.version());
        s.setString(i++, r.pendingEmail().map(pending -> pending.address().value()).orElse(null));
        setLong(s, i, r.pendingEmail().map(pending -> micros(pending.expiresAt())).orElse(null));
    }

    private void insertSessions(Connection c, List<Registration> registrations) throws SQLException {
        if (registrations.stream().allMatch(r -> r.sessions().isEmpty())) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + tables.registrationSessions
                + " (registration_id, event_id, session_id, ordinal, placement, position) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Registration r : registrations) {
                int ordinal = 0;
                for (SessionChoice choice : r.sessions()) {
                    s.setString(1, r.id().toString());
                    s.setString(2, r.eventId());
                    s.setString(3, choice.sessionId());
                    s.setInt(4, ordinal++);
                    s.setString(5, choice.placement().name());
                    setLong(s, 6, choice.position().isPresent() ? choice.position().getAsLong() : null);
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    /** Inserts each registration's history lines from {@code from} on. */
    private void insertHistory(Connection c, List<Registration> registrations, int from) throws SQLException {
        if (registrations.stream().allMatch(r -> r.history().size() <= from)) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + tables.statusHistory
                + " (registration_id, seq, from_status, to_status, at, actor, reason, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Registration r : registrations) {
                for (int seq = from; seq < r.history().size(); seq++) {
                    StatusChange h = r.history().get(seq);
                    s.setString(1, r.id().toString());
                    s.setInt(2, seq);
                    s.setString(3, h.from().map(Enum::name).orElse(null));
                    s.setString(4, h.to().name());
                    s.setLong(5, micros(h.at()));
                    s.setString(6, h.actor());
                    s.setString(7, h.reason());
                    s.setString(8, h.note().orElse(null));
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    /** Inserts each registration's token hashes from {@code from} on. */
    private void insertTokens(Connection c, List<Registration> registrations, int from) throws SQLException {
        if (registrations.stream().allMatch(r -> r.tokens().size() <= from)) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + tables.accessTokens
                + " (registration_id, seq, purpose, hash, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            for (Registration r : registrations) {
                for (int seq = from; seq < r.tokens().size(); seq++) {
                    AccessToken t = r.tokens().get(seq);
                    s.setString(1, r.id().toString());
                    s.setInt(2, seq);
                    s.setString(3, t.purpose().name());
                    s.setString(4, t.hash());
                    setLong(s, 5, t.expiresAt().map(Rows::micros).orElse(null));
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    private static void delete(Connection c, String table, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE registration_id = ?")) {
            s.setString(1, id.toString());
            s.executeUpdate();
        }
    }

    // ---------------------------------------------------------------- reading

    Optional<Registration> load(Connection c, UUID id) throws SQLException {
        List<Registration> found = loadAll(c, List.of(id.toString()));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * Loads registrations by id, in the order given, with their children in three more queries. The registration
     * rows, with their versions, are read first: a read that races a change outside the event's lock (each statement
     * sees what was committed when it ran) then pairs children with a version no newer than theirs, so that an update
     * based on it conflicts on the version rather than overwriting the change's children (a lost update).
     */
    List<Registration> loadAll(Connection c, List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        String in = "(" + "?, ".repeat(ids.size() - 1) + "?)";
        Map<String, Registration> byId = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + tables.registrations
                + " WHERE id IN " + in)) {
            bindIds(s, ids);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byId.put(rs.getString(1), registration(rs, List.of(), List.of(), List.of()));
                }
            }
        }
        if (byId.isEmpty()) {
            return List.of();
        }
        Map<String, List<SessionChoice>> sessions = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT registration_id, session_id, placement, position FROM "
                + tables.registrationSessions + " WHERE registration_id IN " + in + " ORDER BY registration_id, ordinal")) {
            bindIds(s, ids);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sessions.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new SessionChoice(
                            rs.getString(2), SessionChoice.Placement.valueOf(rs.getString(3)), optionalLong(rs, 4)));
                }
            }
        }
        Map<String, List<StatusChange>> history = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT registration_id, from_status, to_status, at, actor,"
                + " reason, note FROM " + tables.statusHistory + " WHERE registration_id IN " + in
                + " ORDER BY registration_id, seq")) {
            bindIds(s, ids);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    history.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new StatusChange(
                            Optional.ofNullable(rs.getString(2)).map(RegistrationStatus::valueOf),
                            RegistrationStatus.valueOf(rs.getString(3)), instant(rs.getLong(4)), rs.getString(5),
                            rs.getString(6), Optional.ofNullable(rs.getString(7))));
                }
            }
        }
        Map<String, List<AccessToken>> tokens = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT registration_id, purpose, hash, expires_at FROM "
                + tables.accessTokens + " WHERE registration_id IN " + in + " ORDER BY registration_id, seq")) {
            bindIds(s, ids);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tokens.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new AccessToken(
                            TokenPurpose.valueOf(rs.getString(2)), rs.getString(3),
                            optionalInstant(rs, 4)));
                }
            }
        }
        List<Registration> ordered = new ArrayList<>();
        for (String id : ids) {
            Registration r = byId.get(id);
            if (r != null) {
                ordered.add(new Registration(r.id(), r.eventId(), r.participant(), sessions.getOrDefault(id, List.of()),
                        r.status(), r.waitlistPosition(), r.offerExpiresAt(), r.attendance(), r.invitationCode(),
                        r.groupId(), r.createdAt(), r.updatedAt(), history.getOrDefault(id, List.of()),
                        tokens.getOrDefault(id, List.of()), r.erased(), r.version(), r.pendingEmail()));
            }
        }
        return ordered;
    }

    private static Registration registration(ResultSet rs, List<SessionChoice> sessions, List<StatusChange> history,
                                             List<AccessToken> tokens) throws SQLException {
        UUID id = UUID.fromString(rs.getString("id"));
        Participant participant = new Participant(rs.getString("given_name"), rs.getString("family_name"),
                EmailAddress.of(rs.getString("email")), rs.getString("organisation"), rs.getString("role"),
                rs.getString("sector"), Locale.forLanguageTag(rs.getString("locale")),
                JsonColumns.answers(rs.getString("answers")), Optional.ofNullable(rs.getString("subject")));
        return new Registration(id, rs.getString("event_id"), participant, sessions,
                RegistrationStatus.valueOf(rs.getString("status")), optionalLong(rs, "waitlist_position"),
                optionalInstant(rs, "offer_expires_at"), Attendance.valueOf(rs.getString("attendance")),
                Optional.ofNullable(rs.getString("invitation_code")),
                Optional.ofNullable(rs.getString("group_id")).map(UUID::fromString),
                instant(rs.getLong("created_at")), instant(rs.getLong("updated_at")), history, tokens,
                rs.getBoolean("erased"), rs.getLong("version"), pendingEmail(rs));
    }

    private static Optional<PendingEmail> pendingEmail(ResultSet rs) throws SQLException {
        String address = rs.getString("pending_email");
        Optional<Instant> expiresAt = optionalInstant(rs, "pending_email_expires_at");
        return address == null || expiresAt.isEmpty() ? Optional.empty()
                : Optional.of(new PendingEmail(EmailAddress.of(address), expiresAt.get()));
    }

    // ---------------------------------------------------------------- values

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }

    static void bindIds(PreparedStatement s, Collection<String> ids) throws SQLException {
        int i = 1;
        for (String id : ids) {
            s.setString(i++, id);
        }
    }

    private static OptionalLong optionalLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static OptionalLong optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    static Optional<Instant> optionalInstant(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(instant(value));
    }

    static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(instant(value));
    }
}
