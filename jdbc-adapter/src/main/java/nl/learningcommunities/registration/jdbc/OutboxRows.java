package nl.learningcommunities.registration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import nl.learningcommunities.registration.booking.ErasedAddresses;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.notification.OutboxBacklog;
import nl.learningcommunities.registration.notification.OutboxEntry;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.token.AccessToken;
import nl.learningcommunities.registration.token.IssuedToken;
import nl.learningcommunities.registration.token.TokenPurpose;

/** The notification outbox as rows. */
final class OutboxRows {

    private static final String COLUMNS = "id, event_id, registration_id, type, recipient, recipient_name, locale,"
            + " created_at, token_secret, token_purpose, token_hash, token_expires_at, data, state, attempts,"
            + " next_attempt_at, last_error, claimed_by, claim_expires_at";

    private final Tables tables;
    private final Dialect dialect;

    OutboxRows(Tables tables, Dialect dialect) {
        this.tables = tables;
        this.dialect = dialect;
    }

    private static final String INSERT_COLUMNS = "id, event_id, registration_id, type, recipient, recipient_name,"
            + " locale, created_at, token_secret, token_purpose, token_hash, token_expires_at, data, state, attempts,"
            + " next_attempt_at";
    private static final String INSERT_VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?";

    /** Inserts new notifications (fresh ids) written with the change they announce. */
    void insert(Connection c, List<Notification> notifications) throws SQLException {
        if (notifications.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + tables.outbox + " (" + INSERT_COLUMNS
                + ") VALUES (" + INSERT_VALUES + ")")) {
            for (Notification n : notifications) {
                bind(s, n, 1);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Inserts notifications whose ids are not yet known; returns how many were new. */
    int insertIfAbsent(Connection c, List<Notification> notifications) throws SQLException {
        String sql = switch (dialect) {
            case POSTGRESQL -> "INSERT INTO " + tables.outbox + " (" + INSERT_COLUMNS + ") VALUES (" + INSERT_VALUES
                    + ") ON CONFLICT (id) DO NOTHING";
            case MARIADB -> "INSERT INTO " + tables.outbox + " (" + INSERT_COLUMNS + ") VALUES (" + INSERT_VALUES + ")";
            case H2 -> "MERGE INTO " + tables.outbox + " t USING (SELECT CAST(? AS CHAR(36)) AS id) s ON t.id = s.id"
                    + " WHEN NOT MATCHED THEN INSERT (" + INSERT_COLUMNS + ") VALUES (" + INSERT_VALUES + ")";
        };
        int added = 0;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (Notification n : notifications) {
                int from = 1;
                if (dialect == Dialect.H2) {
                    s.setString(1, n.id().toString());
                    from = 2;
                }
                bind(s, n, from);
                try {
                    added += Math.min(1, Math.max(0, s.executeUpdate()));
                } catch (SQLException e) {
                    // MariaDB keeps the transaction after a failed statement: a known id is simply not new
                    if (dialect != Dialect.MARIADB || e.getErrorCode() != 1062) {
                        throw e;
                    }
                }
            }
        }
        return added;
    }

    private static void bind(PreparedStatement s, Notification n, int from) throws SQLException {
        int i = from;
        s.setString(i++, n.id().toString());
        s.setString(i++, n.eventId());
        s.setString(i++, n.registrationId().map(UUID::toString).orElse(null));
        s.setString(i++, n.type().name());
        s.setString(i++, n.recipient().value());
        s.setString(i++, n.recipientName());
        s.setString(i++, n.locale().toLanguageTag());
        s.setLong(i++, Rows.micros(n.createdAt()));
        s.setString(i++, n.token().map(IssuedToken::secret).orElse(null));
        s.setString(i++, n.token().map(t -> t.stored().purpose().name()).orElse(null));
        s.setString(i++, n.token().map(t -> t.stored().hash()).orElse(null));
        Rows.setLong(s, i++, n.token().flatMap(t -> t.stored().expiresAt()).map(Rows::micros).orElse(null));
        s.setString(i++, JsonColumns.stringsJson(n.data()));
        s.setLong(i, Rows.micros(n.createdAt()));
    }

    List<OutboxEntry> claimDue(Connection c, String claimant, int max, Instant now, Duration lease)
            throws SQLException {
        long at = Rows.micros(now);
        List<String> candidates = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM " + tables.outbox + " WHERE state = 'PENDING'"
                + " AND next_attempt_at <= ? AND (claim_expires_at IS NULL OR claim_expires_at <= ?)"
                + " ORDER BY seq LIMIT ? FOR UPDATE" + dialect.skipLocked)) {
            s.setLong(1, at);
            s.setLong(2, at);
            s.setInt(3, max);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    candidates.add(rs.getString(1));
                }
            }
        }
        List<String> claimed = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("UPDATE " + tables.outbox + " SET claimed_by = ?,"
                + " claim_expires_at = ?, attempts = attempts + 1 WHERE id = ? AND state = 'PENDING'"
                + " AND (claim_expires_at IS NULL OR claim_expires_at <= ?)")) {
            for (String id : candidates) {
                s.setString(1, claimant);
                s.setLong(2, Rows.micros(now.plus(lease)));
                s.setString(3, id);
                s.setLong(4, at);
                if (s.executeUpdate() == 1) {
                    claimed.add(id);
                }
            }
        }
        return select(c, "id IN (" + "?, ".repeat(Math.max(0, claimed.size() - 1)) + "?)", claimed);
    }

    boolean settle(Connection c, UUID id, String claimant, String state, Instant retryAt, String error)
            throws SQLException {
        boolean keepsToken = "PENDING".equals(state);
        try (PreparedStatement s = c.prepareStatement("UPDATE " + tables.outbox + " SET state = ?,"
                + " next_attempt_at = COALESCE(?, next_attempt_at), last_error = COALESCE(?, last_error),"
                + (keepsToken ? "" : " token_secret = NULL,") + " claimed_by = NULL, claim_expires_at = NULL"
                + " WHERE id = ? AND claimed_by = ?")) {
            s.setString(1, state);
            Rows.setLong(s, 2, retryAt == null ? null : Rows.micros(retryAt));
            s.setString(3, error == null ? null : truncate(error));
            s.setString(4, id.toString());
            s.setString(5, claimant);
            return s.executeUpdate() == 1;
        }
    }

    OutboxBacklog backlog(Connection c) throws SQLException {
        long pending = 0;
        long failed = 0;
        Optional<Instant> oldest = Optional.empty();
        try (PreparedStatement s = c.prepareStatement("SELECT state, COUNT(*), MIN(created_at) FROM " + tables.outbox
                + " WHERE state IN ('PENDING', 'FAILED') GROUP BY state");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                if ("PENDING".equals(rs.getString(1))) {
                    pending = rs.getLong(2);
                    long min = rs.getLong(3);
                    oldest = rs.wasNull() ? Optional.empty() : Optional.of(Rows.instant(min));
                } else {
                    failed = rs.getLong(2);
                }
            }
        }
        return new OutboxBacklog(pending, failed, pending == 0 ? Optional.empty() : oldest);
    }

    List<OutboxEntry> failed(Connection c, String eventId) throws SQLException {
        return select(c, "event_id = ? AND state = 'FAILED'", List.of(eventId));
    }

    List<OutboxEntry> about(Connection c, UUID registrationId) throws SQLException {
        return select(c, "registration_id = ?", List.of(registrationId.toString()));
    }

    java.util.Set<UUID> extendClaims(Connection c, java.util.Collection<UUID> ids, String claimant, Instant until)
            throws SQLException {
        java.util.Set<UUID> extended = new java.util.HashSet<>();
        try (PreparedStatement s = c.prepareStatement("UPDATE " + tables.outbox + " SET claim_expires_at = ?"
                + " WHERE id = ? AND claimed_by = ? AND state = 'PENDING'")) {
            for (UUID id : ids.stream().sorted().toList()) {
                s.setLong(1, Rows.micros(until));
                s.setString(2, id.toString());
                s.setString(3, claimant);
                if (s.executeUpdate() == 1) {
                    extended.add(id);
                }
            }
        }
        return extended;
    }

    void erase(Connection c, UUID registrationId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + tables.outbox
                + " WHERE registration_id = ? AND state = 'PENDING'")) {
            s.setString(1, registrationId.toString());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE " + tables.outbox + " SET recipient = ?,"
                + " recipient_name = '', token_secret = NULL, token_hash = NULL, data = '{}', last_error = NULL"
                + " WHERE registration_id = ?")) {
            s.setString(1, ErasedAddresses.forRegistration(registrationId).value());
            s.setString(2, registrationId.toString());
            s.executeUpdate();
        }
    }

    /**
     * Erases the entries of an event that are about no registration (invitations), of one address or of all: the
     * pending ones are dropped, the others keep a placeholder address derived from their own id.
     */
    void eraseUnattached(Connection c, String eventId, Optional<String> recipientKey) throws SQLException {
        String which = " WHERE event_id = ? AND registration_id IS NULL"
                + (recipientKey.isPresent() ? " AND LOWER(recipient) = ?" : "");
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + tables.outbox + which
                + " AND state = 'PENDING'")) {
            bindUnattached(s, eventId, recipientKey);
            s.executeUpdate();
        }
        List<String> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM " + tables.outbox + which)) {
            bindUnattached(s, eventId, recipientKey);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        for (String id : ids) {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + tables.outbox + " SET recipient = ?,"
                    + " recipient_name = '', token_secret = NULL, token_hash = NULL, data = '{}', last_error = NULL"
                    + " WHERE id = ?")) {
                s.setString(1, ErasedAddresses.forNotification(UUID.fromString(id)).value());
                s.setString(2, id);
                s.executeUpdate();
            }
        }
    }

    private static void bindUnattached(PreparedStatement s, String eventId, Optional<String> recipientKey)
            throws SQLException {
        s.setString(1, eventId);
        if (recipientKey.isPresent()) {
            s.setString(2, recipientKey.get());
        }
    }

    private List<OutboxEntry> select(Connection c, String where, List<String> args) throws SQLException {
        if (args.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + tables.outbox + " WHERE "
                + where + " ORDER BY seq")) {
            Rows.bindIds(s, args);
            List<OutboxEntry> entries = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(entry(rs));
                }
            }
            return entries;
        }
    }

    private static OutboxEntry entry(ResultSet rs) throws SQLException {
        Optional<IssuedToken> token = Optional.empty();
        String secret = rs.getString("token_secret");
        if (secret != null) {
            token = Optional.of(new IssuedToken(secret, new AccessToken(TokenPurpose.valueOf(rs.getString("token_purpose")),
                    rs.getString("token_hash"), Rows.optionalInstant(rs, "token_expires_at"))));
        }
        Notification notification = new Notification(UUID.fromString(rs.getString("id")),
                NotificationType.valueOf(rs.getString("type")), rs.getString("event_id"),
                Optional.ofNullable(rs.getString("registration_id")).map(UUID::fromString),
                EmailAddress.of(rs.getString("recipient")), rs.getString("recipient_name"),
                Locale.forLanguageTag(rs.getString("locale")), Rows.instant(rs.getLong("created_at")), token,
                Map.copyOf(JsonColumns.strings(rs.getString("data"))));
        return new OutboxEntry(notification, OutboxEntry.DeliveryState.valueOf(rs.getString("state")),
                rs.getInt("attempts"), Rows.instant(rs.getLong("next_attempt_at")),
                Optional.ofNullable(rs.getString("last_error")), Optional.ofNullable(rs.getString("claimed_by")),
                Rows.optionalInstant(rs, "claim_expires_at"));
    }

    private static String truncate(String error) {
        return error.length() > 2000 ? error.substring(0, 2000) : error;
    }
}
