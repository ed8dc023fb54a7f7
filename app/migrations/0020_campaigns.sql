-- Campaigns: mail to the people of a segment, once (a one-off) or in steps (a sequence). Who is in the segment
-- is decided when the campaign starts (enrolments); every step then checks consent, preferences and, for a
-- sequence that says so, the segment again, person by person at the moment of sending.
CREATE TABLE campaigns (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    segment_id TEXT NOT NULL REFERENCES segments (id),
    purpose TEXT NOT NULL,
    exit_on_unmatch BIGINT NOT NULL DEFAULT 1,
    status TEXT NOT NULL,
    starts_at BIGINT,
    created_by TEXT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX campaigns_due ON campaigns (status, starts_at);

-- a step's wording in both languages and when it goes: `delay` days or months after the previous step (the
-- first: after the start), or after the person's last rejection (`anchor` = 'rejection')
CREATE TABLE campaign_steps (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    position BIGINT NOT NULL,
    delay BIGINT NOT NULL,
    unit TEXT NOT NULL,
    anchor TEXT NOT NULL,
    subject_ja TEXT NOT NULL,
    body_ja TEXT NOT NULL,
    subject_en TEXT NOT NULL,
    body_en TEXT NOT NULL,
    PRIMARY KEY (campaign_id, position)
);

-- one row per person and campaign: the step due next and when; leased by a worker while it sends
CREATE TABLE campaign_enrolments (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    candidate_id TEXT NOT NULL REFERENCES candidates (id),
    next_step BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    status TEXT NOT NULL,
    exit_reason TEXT,
    lease_until BIGINT,
    enrolled_at BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, candidate_id)
);
CREATE INDEX campaign_enrolments_due ON campaign_enrolments (status, due_at);
CREATE INDEX campaign_enrolments_candidate ON campaign_enrolments (candidate_id);

-- what each step did for each person, once (the key): sent (with its message and the hash of its click key) or
-- skipped with a reason
CREATE TABLE campaign_sends (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    position BIGINT NOT NULL,
    candidate_id TEXT NOT NULL REFERENCES candidates (id),
    outcome TEXT NOT NULL,
    reason TEXT,
    message_id TEXT,
    click_key TEXT UNIQUE,
    at BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, position, candidate_id)
);
CREATE INDEX campaign_sends_at ON campaign_sends (outcome, at);
CREATE INDEX campaign_sends_candidate ON campaign_sends (candidate_id);

-- a followed link of a campaign mail (no pixels: a click is the only thing recorded)
CREATE TABLE campaign_clicks (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    position BIGINT NOT NULL,
    candidate_id TEXT NOT NULL REFERENCES candidates (id),
    target TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX campaign_clicks_campaign ON campaign_clicks (campaign_id, position);
