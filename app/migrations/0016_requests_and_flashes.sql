-- Sign-in and sign-up requests wait here for the worker, so that the answer is the same, and as quick, for every
-- address; each is deleted as the worker takes it.
CREATE TABLE link_requests (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('sign_in', 'sign_up')),
    email TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '',
    ip TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX link_requests_created ON link_requests (created_at, id);
-- A sign-up waiting for the person to confirm their address from the mail (24 hours), then deleted.
CREATE TABLE signups (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    payload TEXT NOT NULL,
    language TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX signups_expiry ON signups (expires_at);
-- What a form posted without JavaScript typed, kept for the page it goes back to (never in that page's URL),
-- read once within ten minutes, by that page only, in the same session.
CREATE TABLE flashes (
    key_hash TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    session_hash TEXT NOT NULL,
    payload TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX flashes_expiry ON flashes (expires_at);
