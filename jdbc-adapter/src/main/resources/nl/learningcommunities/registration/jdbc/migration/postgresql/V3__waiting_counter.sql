-- Learning Communities Registration, schema version 3: the ledger counts who waits without an offer, so that a
-- registration can claim a seat with one conditional UPDATE (no one may be waiting) instead of a locked read.

ALTER TABLE ${t}seat_ledger ADD waiting INTEGER DEFAULT 0 NOT NULL;

UPDATE ${t}seat_ledger SET waiting = (
    SELECT COUNT(*) FROM ${t}registrations r
    WHERE r.event_id = ${t}seat_ledger.event_id AND r.status = 'WAITLISTED' AND r.offer_expires_at IS NULL);
