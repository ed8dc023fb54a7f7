-- An import can register everyone in the file for an event (an information session's attendee list), and mark
-- them as having come.
ALTER TABLE imports ADD COLUMN event_id TEXT REFERENCES events (id);
ALTER TABLE imports ADD COLUMN mark_attended BIGINT NOT NULL DEFAULT 0;
