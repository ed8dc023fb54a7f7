-- When an attendee was sent the event's follow-up mail (once per person).
ALTER TABLE event_attendees ADD COLUMN followed_up_at BIGINT;
