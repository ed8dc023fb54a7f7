-- Résumé files: metadata here, bytes under the data folder (data/resumes/<id>.<kind>).
CREATE TABLE resumes (
    id TEXT PRIMARY KEY,
    candidate_id TEXT NOT NULL REFERENCES candidates (id),
    file_name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('pdf', 'docx')),
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_at BIGINT NOT NULL
);
CREATE INDEX resumes_candidate ON resumes (candidate_id, uploaded_at);
