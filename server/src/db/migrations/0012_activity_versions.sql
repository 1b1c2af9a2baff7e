-- An activity's edits are numbered, so that an edit made from an out-of-date copy is refused
-- (409 edit_conflict) instead of silently undoing someone else's change.
ALTER TABLE activities ADD COLUMN version integer NOT NULL DEFAULT 1;
