-- A tender's reach (what its priorities can reach: activities, room, providers, the most
-- deprived districts, unsupported cells) read from its kept scores (migration 0019) rather
-- than by scoring every candidate (4-5 s for the Met at 1,000,000 activities). Each kept
-- score now carries what reach sums. Their inputs are the scores' own (the activity, its
-- ledger, its cell, need by district), so the log that keeps the scores keeps these too.

-- Scores kept without them are dropped, and built again on the next read.
DELETE FROM tender_match_state;

ALTER TABLE tender_match_scores
  -- The room left, in pence (what `has_room` says is above zero), without anyone's own lines.
  ADD COLUMN room_pence bigint NOT NULL,
  ADD COLUMN provider_id uuid NOT NULL,
  -- In a district of the UK's most deprived quintile.
  ADD COLUMN most_deprived boolean NOT NULL,
  -- In a cell where some activity is supported by an awarded SPO.
  ADD COLUMN cell_supported boolean NOT NULL;
