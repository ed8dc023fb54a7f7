-- CSV imports: the decoded file waits here for its column mapping; the last report is kept with it.
CREATE TABLE imports (
    id TEXT PRIMARY KEY,
    file_name TEXT NOT NULL,
    encoding TEXT NOT NULL,
    content TEXT NOT NULL,
    source_channel TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '',
    report TEXT,
    created_by TEXT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    imported_at BIGINT
);
CREATE INDEX imports_created ON imports (created_at, id);
