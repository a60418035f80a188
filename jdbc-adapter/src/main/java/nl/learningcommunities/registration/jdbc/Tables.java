package nl.learningcommunities.registration.jdbc;

/** The adapter's table names, with the host's prefix and schema. */
final class Tables {

    final String events;
    final String seatLedger;
    final String sessionLedger;
    final String registrations;
    final String registrationSessions;
    final String statusHistory;
    final String accessTokens;
    final String outbox;
    final String auditTrail;
    final String eventRevisions;
    final String idempotencyKeys;

    Tables(String qualifiedPrefix) {
        events = qualifiedPrefix + "events";
        seatLedger = qualifiedPrefix + "seat_ledger";
        sessionLedger = qualifiedPrefix + "session_ledger";
        registrations = qualifiedPrefix + "registrations";
        registrationSessions = qualifiedPrefix + "registration_sessions";
        statusHistory = qualifiedPrefix + "status_history";
        accessTokens = qualifiedPrefix + "access_tokens";
        outbox = qualifiedPrefix + "outbox";
        auditTrail = qualifiedPrefix + "audit_trail";
        eventRevisions = qualifiedPrefix + "event_revisions";
        idempotencyKeys = qualifiedPrefix + "idempotency_keys";
    }

    /** @return every table, children before parents */
    String[] all() {
        return new String[] {idempotencyKeys, eventRevisions, auditTrail, outbox, accessTokens, statusHistory, registrationSessions, registrations,
                sessionLedger, seatLedger, events};
    }
}
