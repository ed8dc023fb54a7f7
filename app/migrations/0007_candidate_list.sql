-- The candidate list sorted by name reading pages through this index (the expression is the list's sort key).
CREATE INDEX candidates_name_key ON candidates ((COALESCE(family_name_kana, family_name) || ' ' || COALESCE(given_name_kana, given_name)), id);
CREATE INDEX candidates_source ON candidates (source_channel, created_at);
CREATE INDEX candidate_tags_tag ON candidate_tags (tag_id, candidate_id);
CREATE INDEX applications_stage ON applications (stage, outcome);
