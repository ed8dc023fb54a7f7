-- Keyed one-way fingerprints (HMAC-SHA-256 with the server's secret) of the normalised e-mail address and phone
-- number of people erased at their request, so that an import or a recruiter cannot bring them back unawares.
CREATE TABLE suppressions (
    fingerprint TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
    created_at BIGINT NOT NULL
);
