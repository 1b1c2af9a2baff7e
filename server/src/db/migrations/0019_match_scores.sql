-- Matches kept per tender, so that a page of ranked matches is an index read rather than a
-- score of every candidate (146,527 for the Met at 1,000,000 activities: 3.9 s).
--
-- A tender's scores are built the first time its matches are asked for, with the snapshot
-- they were read in (`seen`). Every write to a score's inputs logs the activity it touches in
-- `match_dirty`, stamped with the writing transaction's id, in that transaction. Before a
-- tender's matches are read, the activities logged by transactions its snapshot did not see
-- are scored again and the snapshot moves on: exact under concurrent writers (a change and its
-- log line commit together, and `pg_visible_in_snapshot` says which the scores have seen),
-- with no lock taken by writers. The asking supplier's own unawarded lines are not in here:
-- they differ per asker and are scored live (server/src/features/matching/matching.repo.ts).

CREATE TABLE match_dirty (
  activity_id uuid NOT NULL,
  xid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX match_dirty_by_xid ON match_dirty (xid);

CREATE TABLE tender_match_state (
  tender_id uuid PRIMARY KEY REFERENCES tenders (id) ON DELETE CASCADE,
  -- The tender's priorities and weights the scores were built for: a change rebuilds them.
  params text NOT NULL,
  seen pg_snapshot NOT NULL,
  refreshed_at timestamptz NOT NULL DEFAULT now(),
  -- How many scores are kept, and how many with room: a page's total without counting them
  -- (151,110 for the Met at 1,000,000 activities: 36-80 ms a read). Kept with the scores.
  kept_all bigint NOT NULL DEFAULT 0,
  kept_room bigint NOT NULL DEFAULT 0
);

CREATE TABLE tender_match_scores (
  tender_id uuid NOT NULL REFERENCES tender_match_state (tender_id) ON DELETE CASCADE,
  activity_id uuid NOT NULL,
  has_room boolean NOT NULL,
  -- Funding gap left too: what the suggestion chooses from.
  has_gap boolean NOT NULL,
  score numeric NOT NULL,
  territory_code text NOT NULL,
  lad_code text,
  in_focus boolean NOT NULL,
  themes text[] NOT NULL,
  PRIMARY KEY (tender_id, activity_id)
);
-- The ranking's order: room first, then score, then id.
CREATE INDEX tender_match_scores_ranked
  ON tender_match_scores (tender_id, has_room DESC, score DESC, activity_id);

-- Activities: any change may move a score (a statement trigger: a bulk write is one insert).
CREATE FUNCTION match_dirty_activities() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO match_dirty (activity_id) SELECT id FROM added;
  END IF;
  IF TG_OP = 'DELETE' THEN
    INSERT INTO match_dirty (activity_id) SELECT id FROM removed;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER activities_match_dirty_insert AFTER INSERT ON activities
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION match_dirty_activities();
CREATE TRIGGER activities_match_dirty_update AFTER UPDATE ON activities
  REFERENCING OLD TABLE AS removed NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION match_dirty_activities();
CREATE TRIGGER activities_match_dirty_delete AFTER DELETE ON activities
  REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION match_dirty_activities();

-- Tables keyed by activity: its measures and its awarded £ (the ledger).
CREATE FUNCTION match_dirty_by_activity_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO match_dirty (activity_id) SELECT activity_id FROM added;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO match_dirty (activity_id) SELECT activity_id FROM removed;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER activity_measures_match_dirty_insert AFTER INSERT ON activity_measures
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION match_dirty_by_activity_id();
CREATE TRIGGER activity_measures_match_dirty_update AFTER UPDATE ON activity_measures
  REFERENCING OLD TABLE AS removed NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION match_dirty_by_activity_id();
CREATE TRIGGER activity_measures_match_dirty_delete AFTER DELETE ON activity_measures
  REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION match_dirty_by_activity_id();
CREATE TRIGGER activity_ledger_match_dirty_insert AFTER INSERT ON activity_ledger
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION match_dirty_by_activity_id();
CREATE TRIGGER activity_ledger_match_dirty_update AFTER UPDATE ON activity_ledger
  REFERENCING OLD TABLE AS removed NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION match_dirty_by_activity_id();
CREATE TRIGGER activity_ledger_match_dirty_delete AFTER DELETE ON activity_ledger
  REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION match_dirty_by_activity_id();

-- A hexagonal cell that gains its first supported activity, or loses its last, changes the
-- "reaches an unsupported area" factor of every activity in it.
CREATE FUNCTION match_dirty_cells() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO match_dirty (activity_id)
    SELECT a.id FROM added n
    JOIN removed o USING (territory_code, i, j)
    JOIN activities a ON a.territory_code = n.territory_code AND a.hex_i = n.i AND a.hex_j = n.j
    WHERE (n.activities_supported > 0) <> (o.activities_supported > 0);
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO match_dirty (activity_id)
    SELECT a.id FROM added n
    JOIN activities a ON a.territory_code = n.territory_code AND a.hex_i = n.i AND a.hex_j = n.j
    WHERE n.activities_supported > 0;
  ELSE
    INSERT INTO match_dirty (activity_id)
    SELECT a.id FROM removed o
    JOIN activities a ON a.territory_code = o.territory_code AND a.hex_i = o.i AND a.hex_j = o.j
    WHERE o.activities_supported > 0;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER hex_coverage_match_dirty_insert AFTER INSERT ON hex_coverage
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION match_dirty_cells();
CREATE TRIGGER hex_coverage_match_dirty_update AFTER UPDATE ON hex_coverage
  REFERENCING OLD TABLE AS removed NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION match_dirty_cells();
CREATE TRIGGER hex_coverage_match_dirty_delete AFTER DELETE ON hex_coverage
  REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION match_dirty_cells();

-- Need by district touches every score, and truncating an input leaves no row to log: both
-- drop every tender's scores, to be built again when next asked for.
CREATE FUNCTION match_scores_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM tender_match_state;
  RETURN NULL;
END $$;
CREATE TRIGGER lad_need_match_scores_clear AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lad_need
  FOR EACH STATEMENT EXECUTE FUNCTION match_scores_clear();
CREATE TRIGGER activities_match_scores_clear AFTER TRUNCATE ON activities
  FOR EACH STATEMENT EXECUTE FUNCTION match_scores_clear();
CREATE TRIGGER activity_ledger_match_scores_clear AFTER TRUNCATE ON activity_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION match_scores_clear();
CREATE TRIGGER activity_measures_match_scores_clear AFTER TRUNCATE ON activity_measures
  FOR EACH STATEMENT EXECUTE FUNCTION match_scores_clear();
CREATE TRIGGER hex_coverage_match_scores_clear AFTER TRUNCATE ON hex_coverage
  FOR EACH STATEMENT EXECUTE FUNCTION match_scores_clear();
