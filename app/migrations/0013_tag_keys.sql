-- A tag is one tag however it is spelled ("Rust", "rust", "ＲＵＳＴ" after NFKC): its key is the lower-cased name.
-- Tags spelled twice before become the one made first.
ALTER TABLE tags ADD COLUMN key TEXT;
UPDATE tags SET key = lower(name);
INSERT INTO candidate_tags (candidate_id, tag_id, created_at)
    SELECT ct.candidate_id,
           (SELECT first.id FROM tags first WHERE first.key = t.key ORDER BY first.created_at, first.id LIMIT 1),
           ct.created_at
    FROM candidate_tags ct JOIN tags t ON t.id = ct.tag_id
    WHERE 1 = 1
    ON CONFLICT (candidate_id, tag_id) DO NOTHING;
DELETE FROM candidate_tags WHERE tag_id IN (
    SELECT t.id FROM tags t WHERE EXISTS (
        SELECT 1 FROM tags first WHERE first.key = t.key
          AND (first.created_at < t.created_at OR (first.created_at = t.created_at AND first.id < t.id))));
DELETE FROM tags WHERE EXISTS (
    SELECT 1 FROM tags first WHERE first.key = tags.key
      AND (first.created_at < tags.created_at OR (first.created_at = tags.created_at AND first.id < tags.id)));
CREATE UNIQUE INDEX tags_key ON tags (key);
