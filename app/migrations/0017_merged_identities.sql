-- The id, e-mail address and phone number of a record merged into another, so that erasing the person later also
-- reaches what they were known by before the merge (fingerprints, pending imports, mail, the merge's audit entry); deleted by that erasure.
CREATE TABLE merged_identities (
    id TEXT PRIMARY KEY,
    candidate_id TEXT NOT NULL REFERENCES candidates (id),
    merged_id TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT,
    merged_at BIGINT NOT NULL
);
CREATE INDEX merged_identities_candidate ON merged_identities (candidate_id);
-- Mail delivered before links were scrubbed: the unsubscribe URL is not needed once a message is out (the texts
-- lose their tokens in the worker's first pass after the upgrade).
UPDATE mail_outbox SET list_unsubscribe = NULL WHERE status IN ('sent', 'failed', 'cancelled');
