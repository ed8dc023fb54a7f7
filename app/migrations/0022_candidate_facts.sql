-- What segments, campaigns and the candidate list ask of every person, kept on the person's row by the writers
-- (`backend::core::facts::refresh` in the same transaction as every consent record, application and stage move,
-- and after a merge), so that each such condition is an index range, not a join per person:
--   pool_consent, news_consent: the latest answer for talent pool / job news is "granted" (1) or not (0);
--   last_rejected_at: the newest rejection of any of their applications;
--   last_applied_at: the newest application; stage_rank: the furthest stage any application reached
--   (0 applied, 1 screening, 2 interview, 3 offer, 4 hired; NULL: never applied).
ALTER TABLE candidates ADD COLUMN pool_consent BIGINT NOT NULL DEFAULT 0;
ALTER TABLE candidates ADD COLUMN news_consent BIGINT NOT NULL DEFAULT 0;
ALTER TABLE candidates ADD COLUMN last_rejected_at BIGINT;
ALTER TABLE candidates ADD COLUMN last_applied_at BIGINT;
ALTER TABLE candidates ADD COLUMN stage_rank BIGINT;

-- filled as sets, one pass over each source (`facts::refresh_all` runs the same statements)
UPDATE candidates SET last_applied_at = x.last, stage_rank = x.rank FROM (SELECT candidate_id,
    MAX(created_at) AS last, MAX(CASE stage WHEN 'applied' THEN 0 WHEN 'screening' THEN 1 WHEN 'interview' THEN 2
    WHEN 'offer' THEN 3 WHEN 'hired' THEN 4 END) AS rank FROM applications GROUP BY candidate_id) x
    WHERE candidates.id = x.candidate_id;
UPDATE candidates SET last_rejected_at = x.at FROM (SELECT a.candidate_id, MAX(st.at) AS at FROM applications a
    JOIN stage_transitions st ON st.application_id = a.id WHERE st.outcome = 'rejected' GROUP BY a.candidate_id) x
    WHERE candidates.id = x.candidate_id;
UPDATE candidates SET pool_consent = 1 FROM (SELECT candidate_id FROM (SELECT candidate_id, action,
    ROW_NUMBER() OVER (PARTITION BY candidate_id ORDER BY at DESC, id DESC) AS n FROM consent_records
    WHERE purpose = 'talent_pool' AND agency_id IS NULL) latest WHERE n = 1 AND action = 'granted') x
    WHERE candidates.id = x.candidate_id;
UPDATE candidates SET news_consent = 1 FROM (SELECT candidate_id FROM (SELECT candidate_id, action,
    ROW_NUMBER() OVER (PARTITION BY candidate_id ORDER BY at DESC, id DESC) AS n FROM consent_records
    WHERE purpose = 'job_news' AND agency_id IS NULL) latest WHERE n = 1 AND action = 'granted') x
    WHERE candidates.id = x.candidate_id;

-- each preset is a range of one of these (equality on status and the consent, then a range), and the count
-- reads the index alone (PostgreSQL reads an expression from an index only when the columns in it are there too)
CREATE INDEX candidates_pool_activity ON candidates
    (status, pool_consent, (COALESCE(last_contact_at, created_at)), last_rejected_at, last_contact_at, created_at);
CREATE INDEX candidates_pool_rejected ON candidates (status, pool_consent, last_rejected_at);
CREATE INDEX candidates_news_applied ON candidates (status, news_consent, last_applied_at);
CREATE INDEX candidates_stage_rank ON candidates (status, stage_rank);
