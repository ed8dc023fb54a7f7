-- Core schema. Ids are UUIDv7 text, times are UTC milliseconds, flags are nullable timestamps or text states,
-- so that the same statements run on SQLite and PostgreSQL. Keep migrations/postgres in step.

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'recruiter', 'viewer', 'agency')),
    agency_id TEXT,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    language TEXT NOT NULL DEFAULT 'ja',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE candidates (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    family_name TEXT NOT NULL,
    given_name TEXT NOT NULL,
    family_name_kana TEXT,
    given_name_kana TEXT,
    phone TEXT,
    birth_date TEXT,
    location TEXT,
    skills TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT 'ja',
    source_channel TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'erased')),
    last_contact_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX candidates_phone ON candidates (phone);
CREATE INDEX candidates_kana ON candidates (family_name_kana, given_name_kana);
CREATE INDEX candidates_created ON candidates (created_at, id);

CREATE TABLE tags (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE candidate_tags (
    candidate_id TEXT NOT NULL REFERENCES candidates (id),
    tag_id TEXT NOT NULL REFERENCES tags (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (candidate_id, tag_id)
);

CREATE TABLE notes (
    id TEXT PRIMARY KEY,
    candidate_id TEXT NOT NULL REFERENCES candidates (id),
    author_id TEXT REFERENCES users (id),
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX notes_candidate ON notes (candidate_id, created_at);

CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    title_ja TEXT NOT NULL,
    title_en TEXT NOT NULL,
    department TEXT NOT NULL,
    location TEXT NOT NULL,
    employment_type TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    description_ja TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE decline_reasons (
    id TEXT PRIMARY KEY,
    side TEXT NOT NULL CHECK (side IN ('company', 'candidate')),
    label_ja TEXT NOT NULL,
    label_en TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
    created_at BIGINT NOT NULL
);

CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    candidate_id TEXT NOT NULL REFERENCES candidates (id),
    job_id TEXT NOT NULL REFERENCES jobs (id),
    status TEXT NOT NULL CHECK (status IN ('sent', 'accepted', 'declined', 'snoozed', 'expired')),
    remind_at BIGINT,
    decline_reason TEXT,
    created_by TEXT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    responded_at BIGINT
);
CREATE INDEX invitations_candidate ON invitations (candidate_id, created_at);

CREATE TABLE applications (
    id TEXT PRIMARY KEY,
    candidate_id TEXT NOT NULL REFERENCES candidates (id),
    job_id TEXT NOT NULL REFERENCES jobs (id),
    stage TEXT NOT NULL CHECK (stage IN ('applied', 'screening', 'interview', 'offer', 'hired')),
    outcome TEXT CHECK (outcome IN ('rejected', 'withdrawn')),
    decline_reason_id TEXT REFERENCES decline_reasons (id),
    source_channel TEXT NOT NULL,
    invitation_id TEXT REFERENCES invitations (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX applications_candidate ON applications (candidate_id, created_at);
CREATE INDEX applications_job_stage ON applications (job_id, stage);

-- append-only
CREATE TABLE stage_transitions (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id),
    from_stage TEXT,
    to_stage TEXT NOT NULL,
    outcome TEXT,
    actor_id TEXT REFERENCES users (id),
    at BIGINT NOT NULL
);
CREATE INDEX stage_transitions_application ON stage_transitions (application_id, at);

CREATE TABLE interviews (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id),
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    location TEXT,
    meeting_url TEXT,
    interviewers TEXT NOT NULL DEFAULT '',
    result TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX interviews_application ON interviews (application_id, starts_at);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    location TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE event_attendees (
    event_id TEXT NOT NULL REFERENCES events (id),
    candidate_id TEXT NOT NULL REFERENCES candidates (id),
    registered_at BIGINT NOT NULL,
    attended_at BIGINT,
    PRIMARY KEY (event_id, candidate_id)
);

CREATE TABLE consent_purposes (
    code TEXT PRIMARY KEY,
    required_for_selection BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE policy_versions (
    id TEXT PRIMARY KEY,
    purpose TEXT NOT NULL REFERENCES consent_purposes (code),
    version BIGINT NOT NULL,
    text_ja TEXT NOT NULL,
    text_en TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    UNIQUE (purpose, version)
);

CREATE TABLE agencies (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    representative TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    allowed_items TEXT NOT NULL,
    referrals_per_credit BIGINT NOT NULL DEFAULT 10,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- append-only: the current state is the latest record per (candidate, purpose, agency)
CREATE TABLE consent_records (
    id TEXT PRIMARY KEY,
    candidate_id TEXT NOT NULL REFERENCES candidates (id),
    purpose TEXT NOT NULL REFERENCES consent_purposes (code),
    policy_version_id TEXT NOT NULL REFERENCES policy_versions (id),
    agency_id TEXT REFERENCES agencies (id),
    action TEXT NOT NULL CHECK (action IN ('granted', 'withdrawn')),
    channel TEXT NOT NULL CHECK (channel IN ('portal', 'mail_link', 'recruiter', 'import')),
    actor_kind TEXT NOT NULL,
    actor_id TEXT,
    at BIGINT NOT NULL
);
CREATE INDEX consent_records_candidate ON consent_records (candidate_id, purpose, at);

CREATE TABLE contact_preferences (
    candidate_id TEXT PRIMARY KEY REFERENCES candidates (id),
    topics TEXT NOT NULL DEFAULT '',
    monthly_cap BIGINT,
    pause_until BIGINT,
    unsubscribed_at BIGINT,
    updated_at BIGINT NOT NULL
);

-- the APPI Art. 29 provision record; name_snapshot outlives erasure for the legal retention period
CREATE TABLE referrals (
    id TEXT PRIMARY KEY,
    candidate_id TEXT NOT NULL REFERENCES candidates (id),
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    consent_record_id TEXT NOT NULL REFERENCES consent_records (id),
    items TEXT NOT NULL,
    name_snapshot TEXT NOT NULL,
    provided_at BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('referred', 'registered', 'placed', 'declined', 'withdrawn')),
    updated_at BIGINT NOT NULL
);
CREATE INDEX referrals_agency ON referrals (agency_id, provided_at);
CREATE INDEX referrals_candidate ON referrals (candidate_id);

CREATE TABLE credit_redemptions (
    id TEXT PRIMARY KEY,
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    hire_reference TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    actor_id TEXT REFERENCES users (id),
    redeemed_at BIGINT NOT NULL
);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('recruiter', 'candidate', 'agency')),
    subject_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_subject ON sessions (kind, subject_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE tokens (
    hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX tokens_expiry ON tokens (expires_at);

CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    hits BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX rate_limits_expiry ON rate_limits (expires_at);

CREATE TABLE mail_outbox (
    id TEXT PRIMARY KEY,
    message_id TEXT NOT NULL UNIQUE,
    recipient TEXT NOT NULL,
    candidate_id TEXT REFERENCES candidates (id),
    kind TEXT NOT NULL,
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    consent_purpose TEXT,
    list_unsubscribe TEXT,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    lease_until BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
CREATE INDEX mail_outbox_created ON mail_outbox (created_at, id);
CREATE INDEX mail_outbox_candidate ON mail_outbox (candidate_id);

-- append-only
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    actor_kind TEXT NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id TEXT,
    detail TEXT NOT NULL DEFAULT '',
    ip TEXT,
    at BIGINT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_subject ON audit_log (subject_kind, subject_id, at);

INSERT INTO consent_purposes (code, required_for_selection, created_at) VALUES
    ('selection', 1, 0), ('talent_pool', 0, 0), ('job_news', 0, 0), ('agency_referral', 0, 0);
