-- Learning Communities Registration, schema version 4 (mariadb): the store owns the event. Each event has numbered
-- revisions (who, when, what changed, and the event as it stood after), the current one on the event row, and
-- the definition it was last imported from, against which the next import is merged. Events stored before this
-- version become revision 1, with no import base: the first import after the upgrade reverts nothing.

ALTER TABLE ${t}events ADD revision BIGINT DEFAULT 1 NOT NULL;
-- The ledger knows whether the event takes registrations, so that the store refuses them under its lock once an
-- organiser closed or cancelled the event, whatever a node's cached copy of the event says.
ALTER TABLE ${t}seat_ledger ADD status VARCHAR(16) DEFAULT 'OPEN' NOT NULL;
ALTER TABLE ${t}events ADD imported_definition MEDIUMTEXT NULL;

CREATE TABLE ${t}event_revisions (
    event_id VARCHAR(64) NOT NULL,
    revision BIGINT NOT NULL,
    at BIGINT NOT NULL,
    actor VARCHAR(200) NOT NULL,
    action VARCHAR(64) NOT NULL,
    changes MEDIUMTEXT NOT NULL,
    definition MEDIUMTEXT NOT NULL,
    PRIMARY KEY (event_id, revision)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO ${t}event_revisions (event_id, revision, at, actor, action, changes, definition)
    SELECT id, 1, updated_at, 'import', 'imported', '[]', definition FROM ${t}events;
