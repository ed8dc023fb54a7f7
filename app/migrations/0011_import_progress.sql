-- The import runs in the background in batches (one transaction each, progress included), so that a large file
-- shows its progress and a server that stops mid-way is resumed by the next from the last whole batch.
ALTER TABLE imports ADD COLUMN status TEXT NOT NULL DEFAULT 'uploaded'
    CHECK (status IN ('uploaded', 'queued', 'running', 'done'));
ALTER TABLE imports ADD COLUMN mapping TEXT;
ALTER TABLE imports ADD COLUMN rows_total BIGINT NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN rows_done BIGINT NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN lease_until BIGINT;
ALTER TABLE imports ADD COLUMN run_by TEXT REFERENCES users (id);
CREATE INDEX imports_pending ON imports (status, created_at) WHERE status IN ('queued', 'running');
