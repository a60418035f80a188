-- Learning Communities Registration, schema version 6 (postgresql): a new address a participant asked for from their
-- personal link waits, with when its verification link expires, until that link is used; the registration keeps its
-- address until then. Erased with the rest of the registration's personal data. Its verification token is a row in
-- access_tokens (purpose VERIFY_NEW_EMAIL); personal-link tokens now expire when the event's retention ends.

ALTER TABLE ${t}registrations ADD pending_email VARCHAR(254) NULL;
ALTER TABLE ${t}registrations ADD pending_email_expires_at BIGINT NULL;
