-- A message whose recipient and text are scrubbed once it has been sent (the erasure confirmation).
ALTER TABLE mail_outbox ADD COLUMN scrub_after_send BIGINT NOT NULL DEFAULT 0;
