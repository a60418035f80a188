-- Learning Communities Registration, schema version 5 (mariadb): the idempotency keys of admissions. A key is stored in
-- the same transaction as the registrations it admitted, so a retry with the same key (on any node, also after a
-- lost commit reply) finds them instead of registering twice; the primary key makes two racing retries one.

CREATE TABLE ${t}idempotency_keys (
    event_id VARCHAR(64) NOT NULL,
    idem_key VARCHAR(128) NOT NULL,
    registration_ids VARCHAR(2000) NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (event_id, idem_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
