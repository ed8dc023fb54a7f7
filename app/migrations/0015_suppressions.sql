-- Keyed one-way fingerprints (HMAC-SHA-256 with the server's secret) of the normalised e-mail address and phone
-- number of people erased at their request, so that an import or a recruiter cannot bring them back unawares.
-- The prints of one erasure share its `erasure` id: the person signing up again lifts them together.
CREATE TABLE suppressions (
    fingerprint TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
    erasure TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX suppressions_erasure ON suppressions (erasure);
