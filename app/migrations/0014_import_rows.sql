-- An uploaded CSV is personal data: its rows wait here only while the import needs them. Each batch deletes the
-- rows it has done, a finished import has none left, an unfinished one is deleted after a week, and erasing a
-- person deletes their rows. The file itself is no longer kept (imports.content stays empty).
CREATE TABLE import_rows (
    import_id TEXT NOT NULL REFERENCES imports (id),
    line BIGINT NOT NULL,
    cells TEXT NOT NULL,
    PRIMARY KEY (import_id, line)
);
ALTER TABLE imports ADD COLUMN headers TEXT NOT NULL DEFAULT '[]';
-- a batch that keeps failing stops after a few attempts, with its reason, until a recruiter retries it
ALTER TABLE imports ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN failed_at BIGINT;
ALTER TABLE imports ADD COLUMN failure TEXT;
ALTER TABLE imports ADD COLUMN failed_line BIGINT;
UPDATE imports SET content = '' WHERE status = 'done';
