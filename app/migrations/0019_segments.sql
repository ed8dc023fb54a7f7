-- Segments: a named rule tree over candidates (JSON, see app/src/domain/segments), evaluated at the moment of
-- use; nothing about who is in a segment is stored. The three presets every installation starts with are rows
-- like any other (editable; `preset` says which one a row started as).
CREATE TABLE segments (
    id TEXT PRIMARY KEY,
    name_ja TEXT NOT NULL,
    name_en TEXT NOT NULL,
    preset TEXT UNIQUE,
    rule TEXT NOT NULL,
    created_by TEXT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

INSERT INTO segments (id, name_ja, name_en, preset, rule, created_at, updated_at) VALUES
('00000000-0000-7000-8000-5e6000000001', 'すぐ採用可能', 'Hire now', 'hire_now',
 '{"group":{"join":"all","rules":[{"condition":{"field":"consent","purpose":"talent_pool","granted":true}},{"group":{"join":"none_of","rules":[{"condition":{"field":"rejected_days_ago","min":0,"max":182}}]}},{"condition":{"field":"contact_days_ago","min":0,"max":90}}]}}',
 0, 0),
('00000000-0000-7000-8000-5e6000000002', '半年後に再検討', 'Revisit in 6 months', 'revisit',
 '{"group":{"join":"all","rules":[{"condition":{"field":"consent","purpose":"talent_pool","granted":true}},{"condition":{"field":"rejected_days_ago","min":150,"max":210}}]}}',
 0, 0),
('00000000-0000-7000-8000-5e6000000003', '将来の関心者', 'Future interest', 'future_interest',
 '{"group":{"join":"all","rules":[{"condition":{"field":"consent","purpose":"job_news","granted":true}},{"group":{"join":"none_of","rules":[{"condition":{"field":"applied"}}]}}]}}',
 0, 0);

-- what segment conditions look up per candidate
CREATE INDEX stage_transitions_outcome ON stage_transitions (outcome, at);
CREATE INDEX candidates_last_contact ON candidates (last_contact_at);
