-- The sealed lines of every submitted version, one row each, written by the database from
-- the sealed text in the same statement that stores it. Coverage, capacity and supporters
-- then find an activity's awarded lines through an index instead of parsing every sealed
-- SPO in the country (seconds per territory at 200,000 lines; see bench/coverage.ts).

CREATE TABLE spo_version_lines (
  spo_id uuid NOT NULL,
  version integer NOT NULL,
  line_no integer NOT NULL,
  activity_id uuid NOT NULL REFERENCES activities (id),
  annual_pence bigint NOT NULL,
  PRIMARY KEY (spo_id, version, line_no),
  FOREIGN KEY (spo_id, version) REFERENCES spo_versions (spo_id, version)
);
CREATE INDEX spo_version_lines_activity ON spo_version_lines (activity_id);

CREATE FUNCTION spo_versions_split_lines() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO spo_version_lines (spo_id, version, line_no, activity_id, annual_pence)
  SELECT NEW.spo_id, NEW.version, l.n, (l.line->'activity'->>'id')::uuid,
    coalesce((l.line->>'annualPence')::bigint, 0)
  FROM jsonb_array_elements(NEW.content::jsonb->'lines') WITH ORDINALITY AS l(line, n);
  RETURN NULL;
END $$;
CREATE TRIGGER spo_versions_lines AFTER INSERT ON spo_versions
  FOR EACH ROW EXECUTE FUNCTION spo_versions_split_lines();

INSERT INTO spo_version_lines (spo_id, version, line_no, activity_id, annual_pence)
SELECT v.spo_id, v.version, l.n, (l.line->'activity'->>'id')::uuid,
  coalesce((l.line->>'annualPence')::bigint, 0)
FROM spo_versions v
CROSS JOIN LATERAL jsonb_array_elements(v.content::jsonb->'lines') WITH ORDINALITY AS l(line, n);

-- The same columns as before, now from the split lines.
CREATE OR REPLACE VIEW awarded_lines AS
  SELECT s.id AS spo_id, t.id AS tender_id, o.buyer_sector, s.awarded_at,
    vl.activity_id, vl.annual_pence
  FROM spos s
  JOIN spo_version_lines vl ON vl.spo_id = s.id AND vl.version = s.submitted_version
  JOIN tenders t ON t.id = s.tender_id
  JOIN organisations o ON o.id = t.buyer_id
  WHERE s.status = 'awarded';

-- A territory's figures go with it (the territory import fills them for every territory).
ALTER TABLE territory_coverage
  DROP CONSTRAINT territory_coverage_territory_code_fkey,
  ADD FOREIGN KEY (territory_code) REFERENCES territories (code) ON DELETE CASCADE;

