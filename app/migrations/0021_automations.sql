-- Automations: the built-in trigger → condition → action rows an admin switches on and off. Each one's worker
-- pass looks at what happened since `scanned_until` (leased, so one server at a time); what it did for each
-- person is a run row, once per automation, person and subject (the key).
CREATE TABLE automations (
    id TEXT PRIMARY KEY,
    enabled BIGINT NOT NULL,
    segment_id TEXT REFERENCES segments (id),
    delay_hours BIGINT NOT NULL DEFAULT 0,
    -- "six months after rejection": the sequence a person joins when no open job matches them
    campaign_id TEXT REFERENCES campaigns (id),
    scanned_until BIGINT NOT NULL,
    lease_until BIGINT,
    updated_by TEXT REFERENCES users (id),
    updated_at BIGINT NOT NULL
);

-- "job opened" starts with the revisit preset as its condition, where that preset still exists
INSERT INTO automations (id, enabled, segment_id, delay_hours, scanned_until, updated_at)
SELECT 'job_opened', 0, (SELECT id FROM segments WHERE id = '00000000-0000-7000-8000-5e6000000002'), 0, 0, 0;
INSERT INTO automations (id, enabled, segment_id, delay_hours, scanned_until, updated_at) VALUES
('rejection_revisit', 0, NULL, 0, 0, 0),
('event_attended', 0, NULL, 0, 0, 0),
('event_no_show', 0, NULL, 0, 0, 0),
('interview_reminder', 1, NULL, 0, 0, 0),
('result_mail', 0, NULL, 24, 0, 0);

CREATE TABLE automation_runs (
    id TEXT PRIMARY KEY,
    automation_id TEXT NOT NULL REFERENCES automations (id),
    candidate_id TEXT REFERENCES candidates (id),
    subject_ref TEXT NOT NULL,
    outcome TEXT NOT NULL,
    reason TEXT,
    at BIGINT NOT NULL,
    UNIQUE (automation_id, candidate_id, subject_ref)
);
CREATE INDEX automation_runs_recent ON automation_runs (automation_id, at);
CREATE INDEX automation_runs_candidate ON automation_runs (candidate_id);

-- when a job last opened (an edit of an open job is not an opening)
ALTER TABLE jobs ADD COLUMN opened_at BIGINT;
UPDATE jobs SET opened_at = updated_at WHERE status = 'open';
CREATE INDEX jobs_opened ON jobs (opened_at);

-- when each application moved, for the result mail's scan
CREATE INDEX stage_transitions_at ON stage_transitions (at);
