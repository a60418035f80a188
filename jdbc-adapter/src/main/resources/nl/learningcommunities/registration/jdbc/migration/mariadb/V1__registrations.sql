-- Learning Communities Registration, schema version 1 (mariadb).
-- Moments are microseconds since 1970-01-01T00:00Z. ${t} is the table prefix (with schema), ${n} the plain prefix.

CREATE TABLE ${t}events (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    definition MEDIUMTEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per event: every change to an event's registrations locks it, so seats are claimed one at a time.
CREATE TABLE ${t}seat_ledger (
    event_id VARCHAR(64) NOT NULL PRIMARY KEY,
    capacity INTEGER NULL,
    waiting_list BOOLEAN NOT NULL,
    promotion_mode VARCHAR(16) NOT NULL,
    offer_validity_seconds BIGINT NOT NULL,
    organisation_limit INTEGER NULL,
    taken INTEGER NOT NULL,
    last_position BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${t}session_ledger (
    event_id VARCHAR(64) NOT NULL,
    session_id VARCHAR(64) NOT NULL,
    capacity INTEGER NULL,
    seated INTEGER NOT NULL,
    last_position BIGINT NOT NULL,
    PRIMARY KEY (event_id, session_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${t}registrations (
    id CHAR(36) NOT NULL PRIMARY KEY,
    event_id VARCHAR(64) NOT NULL,
    arrival BIGINT NOT NULL AUTO_INCREMENT,
    status VARCHAR(24) NOT NULL,
    given_name VARCHAR(100) NOT NULL,
    family_name VARCHAR(100) NOT NULL,
    email VARCHAR(254) NOT NULL,
    email_key VARCHAR(254) NOT NULL,
    active_email_key VARCHAR(254) NULL,
    organisation VARCHAR(200) NOT NULL,
    organisation_key VARCHAR(200) NOT NULL,
    role VARCHAR(100) NOT NULL,
    sector VARCHAR(50) NOT NULL,
    locale VARCHAR(16) NOT NULL,
    subject VARCHAR(200) NULL,
    answers MEDIUMTEXT NOT NULL,
    waitlist_position BIGINT NULL,
    offer_expires_at BIGINT NULL,
    attendance VARCHAR(16) NOT NULL,
    invitation_code VARCHAR(64) NULL,
    group_id CHAR(36) NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    erased BOOLEAN NOT NULL,
    version BIGINT NOT NULL,
    UNIQUE KEY ${n}registrations_arrival (arrival)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE UNIQUE INDEX ${n}registrations_active_email ON ${t}registrations (event_id, active_email_key);
CREATE INDEX ${n}registrations_waiting ON ${t}registrations (event_id, status, waitlist_position);
CREATE INDEX ${n}registrations_organisation ON ${t}registrations (event_id, organisation_key);
CREATE INDEX ${n}registrations_email ON ${t}registrations (email_key);

CREATE TABLE ${t}registration_sessions (
    registration_id CHAR(36) NOT NULL,
    event_id VARCHAR(64) NOT NULL,
    session_id VARCHAR(64) NOT NULL,
    ordinal INTEGER NOT NULL,
    placement VARCHAR(16) NOT NULL,
    position BIGINT NULL,
    PRIMARY KEY (registration_id, session_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${n}registration_sessions_waiting ON ${t}registration_sessions (event_id, session_id, placement, position);

CREATE TABLE ${t}status_history (
    registration_id CHAR(36) NOT NULL,
    seq INTEGER NOT NULL,
    from_status VARCHAR(24) NULL,
    to_status VARCHAR(24) NOT NULL,
    at BIGINT NOT NULL,
    actor VARCHAR(200) NOT NULL,
    reason VARCHAR(64) NOT NULL,
    note VARCHAR(2000) NULL,
    PRIMARY KEY (registration_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${t}access_tokens (
    registration_id CHAR(36) NOT NULL,
    seq INTEGER NOT NULL,
    purpose VARCHAR(16) NOT NULL,
    hash VARCHAR(64) NOT NULL,
    expires_at BIGINT NULL,
    PRIMARY KEY (registration_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${t}outbox (
    id CHAR(36) NOT NULL PRIMARY KEY,
    seq BIGINT NOT NULL AUTO_INCREMENT,
    event_id VARCHAR(64) NOT NULL,
    registration_id CHAR(36) NULL,
    type VARCHAR(40) NOT NULL,
    recipient VARCHAR(254) NOT NULL,
    recipient_name VARCHAR(201) NOT NULL,
    locale VARCHAR(16) NOT NULL,
    created_at BIGINT NOT NULL,
    token_secret VARCHAR(100) NULL,
    token_purpose VARCHAR(16) NULL,
    token_hash VARCHAR(64) NULL,
    token_expires_at BIGINT NULL,
    data MEDIUMTEXT NOT NULL,
    state VARCHAR(16) NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    last_error VARCHAR(2000) NULL,
    claimed_by VARCHAR(200) NULL,
    claim_expires_at BIGINT NULL,
    UNIQUE KEY ${n}outbox_seq (seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${n}outbox_due ON ${t}outbox (state, next_attempt_at);
CREATE INDEX ${n}outbox_registration ON ${t}outbox (registration_id);
