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

UPDATE candidates SET
    pool_consent = CASE WHEN (SELECT r.action FROM consent_records r WHERE r.candidate_id = candidates.id
        AND r.purpose = 'talent_pool' AND r.agency_id IS NULL ORDER BY r.at DESC, r.id DESC LIMIT 1) = 'granted'
        THEN 1 ELSE 0 END,
    news_consent = CASE WHEN (SELECT r.action FROM consent_records r WHERE r.candidate_id = candidates.id
        AND r.purpose = 'job_news' AND r.agency_id IS NULL ORDER BY r.at DESC, r.id DESC LIMIT 1) = 'granted'
        THEN 1 ELSE 0 END,
    last_rejected_at = (SELECT MAX(st.at) FROM applications a JOIN stage_transitions st ON st.application_id = a.id
        WHERE a.candidate_id = candidates.id AND st.outcome = 'rejected'),
    last_applied_at = (SELECT MAX(a.created_at) FROM applications a WHERE a.candidate_id = candidates.id),
    stage_rank = (SELECT MAX(CASE a.stage WHEN 'applied' THEN 0 WHEN 'screening' THEN 1 WHEN 'interview' THEN 2
        WHEN 'offer' THEN 3 WHEN 'hired' THEN 4 END) FROM applications a WHERE a.candidate_id = candidates.id);

-- each preset is a range of one of these (equality on status and the consent, then a range), and the count
-- reads the index alone
CREATE INDEX candidates_pool_activity ON candidates
    (status, pool_consent, (COALESCE(last_contact_at, created_at)), last_rejected_at);
CREATE INDEX candidates_pool_rejected ON candidates (status, pool_consent, last_rejected_at);
CREATE INDEX candidates_news_applied ON candidates (status, news_consent, last_applied_at);
CREATE INDEX candidates_stage_rank ON candidates (status, stage_rank);
