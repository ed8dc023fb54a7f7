-- What a candidate is looking for, as they state it in the portal.
ALTER TABLE candidates ADD COLUMN desired_roles TEXT NOT NULL DEFAULT '';
ALTER TABLE candidates ADD COLUMN desired_locations TEXT NOT NULL DEFAULT '';
