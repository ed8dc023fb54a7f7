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
