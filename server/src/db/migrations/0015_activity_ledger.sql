-- The capacity ledger: what awarded SPOs commit to each activity a year, kept by the database
-- as SPOs are awarded (or stop being awarded) and as sealed lines are written, so that
-- matching reads one row per activity instead of summing its awarded lines for every
-- candidate (bench/matching.ts). Always equal to `awarded_lines` summed by activity (tested).

CREATE TABLE activity_ledger (
  activity_id uuid PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
  committed_pence bigint NOT NULL CHECK (committed_pence >= 0)
);

-- Adds `sign` × the lines of one sealed version, activity by activity in id order (so two
-- writers lock ledger rows in the same order and never wait on each other in a circle).
CREATE FUNCTION activity_ledger_add(p_spo uuid, p_version integer, p_sign integer)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO activity_ledger AS l (activity_id, committed_pence)
  SELECT vl.activity_id, p_sign * sum(vl.annual_pence)
  FROM spo_version_lines vl
  WHERE vl.spo_id = p_spo AND vl.version = p_version
  GROUP BY vl.activity_id
  ORDER BY vl.activity_id
  ON CONFLICT (activity_id) DO UPDATE SET committed_pence = l.committed_pence + excluded.committed_pence;
$$;

CREATE FUNCTION spos_keep_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = 'awarded' AND OLD.submitted_version IS NOT NULL THEN
    PERFORM activity_ledger_add(OLD.id, OLD.submitted_version, -1);
  END IF;
  IF NEW.status = 'awarded' AND NEW.submitted_version IS NOT NULL THEN
    PERFORM activity_ledger_add(NEW.id, NEW.submitted_version, 1);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER spos_ledger AFTER INSERT OR UPDATE OF status, submitted_version ON spos
  FOR EACH ROW EXECUTE FUNCTION spos_keep_ledger();

-- A sealed line written after its SPO was already awarded (bulk loads write them in that order).
CREATE FUNCTION spo_version_lines_keep_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM spos s WHERE s.id = NEW.spo_id AND s.status = 'awarded'
             AND s.submitted_version = NEW.version) THEN
    INSERT INTO activity_ledger AS l (activity_id, committed_pence)
    VALUES (NEW.activity_id, NEW.annual_pence)
    ON CONFLICT (activity_id) DO UPDATE SET committed_pence = l.committed_pence + excluded.committed_pence;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER spo_version_lines_ledger AFTER INSERT ON spo_version_lines
  FOR EACH ROW EXECUTE FUNCTION spo_version_lines_keep_ledger();

INSERT INTO activity_ledger (activity_id, committed_pence)
SELECT activity_id, sum(annual_pence) FROM awarded_lines GROUP BY activity_id;
