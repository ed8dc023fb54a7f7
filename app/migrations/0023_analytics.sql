-- Analytics. reached_rank: the furthest stage an application has reached (0 applied, 1 screening, 2 interview,
-- 3 offer, 4 hired), from its stage history and its current stage; the cohort funnel counts it. Kept by the writers
-- of stage moves in their transaction (`backend::core::facts::refresh`), rebuilt as a set by `facts::refresh_all`.
ALTER TABLE applications ADD COLUMN reached_rank BIGINT NOT NULL DEFAULT 0;

UPDATE applications SET reached_rank = CASE stage WHEN 'applied' THEN 0 WHEN 'screening' THEN 1
    WHEN 'interview' THEN 2 WHEN 'offer' THEN 3 WHEN 'hired' THEN 4 END;
UPDATE applications SET reached_rank = x.rank FROM (SELECT application_id, MAX(CASE to_stage WHEN 'applied' THEN 0
    WHEN 'screening' THEN 1 WHEN 'interview' THEN 2 WHEN 'offer' THEN 3 WHEN 'hired' THEN 4 END) AS rank
    FROM stage_transitions GROUP BY application_id) x
    WHERE applications.id = x.application_id AND x.rank > applications.reached_rank;

-- the cohort: applications created in a period, with what the funnel groups by, read from the index alone
CREATE INDEX applications_cohort ON applications (created_at, job_id, source_channel, reached_rank, stage, outcome,
    decline_reason_id);

-- Each stage move carries what the activity funnel filters and groups by, copied from its application when the
-- move is written (`pipeline::record_transition`): the job and the channel (an application keeps both for life)
-- and, on a move that records an outcome, the reason given with it. The activity funnel then reads one index range
-- of the period, with no lookup of each move's application.
ALTER TABLE stage_transitions ADD COLUMN job_id TEXT;
ALTER TABLE stage_transitions ADD COLUMN source_channel TEXT;
ALTER TABLE stage_transitions ADD COLUMN reason_id TEXT;
UPDATE stage_transitions SET job_id = a.job_id, source_channel = a.source_channel,
    reason_id = CASE WHEN stage_transitions.outcome IS NULL THEN NULL ELSE a.decline_reason_id END
    FROM applications a WHERE a.id = stage_transitions.application_id;
CREATE INDEX stage_transitions_activity ON stage_transitions (at, to_stage, from_stage, outcome, reason_id, job_id,
    source_channel);
