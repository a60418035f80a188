-- Learning Communities Registration, schema version 2 (mariadb): the audit trail of organiser actions, and the
-- index that organisers' lists of failed messages use.

CREATE TABLE ${t}audit_trail (
    seq BIGINT NOT NULL AUTO_INCREMENT,
    at BIGINT NOT NULL,
    actor VARCHAR(200) NOT NULL,
    action VARCHAR(64) NOT NULL,
    event_id VARCHAR(64) NOT NULL,
    registration_id CHAR(36) NULL,
    details VARCHAR(2000) NULL,
    PRIMARY KEY (seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${n}audit_trail_event ON ${t}audit_trail (event_id, seq);
CREATE INDEX ${n}outbox_event_state ON ${t}outbox (event_id, state);
