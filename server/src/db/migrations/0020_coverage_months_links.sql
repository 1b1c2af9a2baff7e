-- A territory's monthly series and its awarded links, kept by delta like the other keyed
-- figures (migrations 0011 and 0014) and rebuilt with them, so that one territory's coverage
-- reads no awarded line: both were summed from the awarded lines of every activity in the
-- territory when asked (34,792 lines for the Met at 1,000,000 activities: 1.1 s each).

-- Committed £ a year awarded in each month (UTC), by the activity's territory. An awarded SPO
-- with no award time (nothing the app writes, but nothing forbids it) is in no month.
CREATE TABLE territory_coverage_months (
  territory_code text NOT NULL REFERENCES territories (code) ON DELETE CASCADE,
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
  committed_pence bigint NOT NULL,
  lines integer NOT NULL,
  PRIMARY KEY (territory_code, month)
);

-- What each awarded SPO commits a year to each activity, by the activity's territory; the
-- names and places are joined when read, so a renamed supplier or a moved activity shows as
-- it is now.
CREATE TABLE territory_coverage_links (
  territory_code text NOT NULL REFERENCES territories (code) ON DELETE CASCADE,
  spo_id uuid NOT NULL,
  activity_id uuid NOT NULL,
  annual_pence bigint NOT NULL,
  lines integer NOT NULL,
  PRIMARY KEY (territory_code, spo_id, activity_id)
);
-- The map's largest links first, in the order the read pages them.
CREATE INDEX territory_coverage_links_ranked ON territory_coverage_links
  (territory_code, annual_pence DESC, spo_id, activity_id) WHERE lines > 0;

CREATE OR REPLACE FUNCTION rebuild_territory_coverage(p_code text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- In the order the deltas write them, so that a rebuild and a writer never wait in a circle.
  LOCK TABLE hex_coverage, territory_coverage, territory_coverage_themes,
    territory_coverage_sectors, territory_coverage_secondary, territory_coverage_lads,
    territory_coverage_months, territory_coverage_links
    IN SHARE ROW EXCLUSIVE MODE;

  DELETE FROM hex_coverage WHERE territory_code = p_code;
  DELETE FROM territory_coverage_themes WHERE territory_code = p_code;
  DELETE FROM territory_coverage_sectors WHERE territory_code = p_code;
  DELETE FROM territory_coverage_secondary WHERE territory_code = p_code;
  DELETE FROM territory_coverage_lads WHERE territory_code = p_code;
  DELETE FROM territory_coverage_months WHERE territory_code = p_code;
  DELETE FROM territory_coverage_links WHERE territory_code = p_code;

  CREATE TEMPORARY TABLE IF NOT EXISTS rebuild_acts_by_lad (
    id uuid, status text, listed boolean, themes text[], funding_gap_pence bigint,
    costs_avoided jsonb, hex_i integer, hex_j integer, lad_code text, committed bigint,
    supported boolean
  ) ON COMMIT DROP;
  TRUNCATE rebuild_acts_by_lad;
  INSERT INTO rebuild_acts_by_lad
  SELECT a.id, a.status, a.status IN ('active', 'at_risk'), a.themes, a.funding_gap_pence,
    a.costs_avoided, a.hex_i, a.hex_j, a.lad_code, coalesce(sum(al.annual_pence), 0),
    count(al.activity_id) > 0
  FROM activities a LEFT JOIN awarded_lines al ON al.activity_id = a.id
  WHERE a.territory_code = p_code
  GROUP BY a.id;

  INSERT INTO hex_coverage (territory_code, i, j, activities_listed, activities_supported,
    committed_pence)
  SELECT p_code, hex_i, hex_j, count(*), count(*) FILTER (WHERE supported), sum(committed)
  FROM rebuild_acts_by_lad WHERE listed AND hex_i IS NOT NULL
  GROUP BY hex_i, hex_j;

  INSERT INTO territory_coverage_themes (territory_code, theme, committed_pence, activities)
  SELECT p_code, theme, sum(committed), count(*)
  FROM rebuild_acts_by_lad CROSS JOIN LATERAL unnest(themes) AS theme
  WHERE supported GROUP BY theme;

  INSERT INTO territory_coverage_sectors (territory_code, buyer_sector, committed_pence, lines)
  SELECT p_code, al.buyer_sector, sum(al.annual_pence), count(*)
  FROM awarded_lines al JOIN activities a ON a.id = al.activity_id
  WHERE a.territory_code = p_code
  GROUP BY al.buyer_sector;

  INSERT INTO territory_coverage_secondary (territory_code, area, confidence, annual_pence,
    activities)
  SELECT p_code, c.key, c.value->>'confidence', sum((c.value->>'annualPence')::bigint), count(*)
  FROM rebuild_acts_by_lad CROSS JOIN LATERAL jsonb_each(costs_avoided) AS c
  WHERE supported GROUP BY 1, 2, 3;

  INSERT INTO territory_coverage_lads (territory_code, lad_code, committed_pence, activities)
  SELECT p_code, lad_code, sum(committed), count(*)
  FROM rebuild_acts_by_lad
  WHERE supported AND lad_code IS NOT NULL
  GROUP BY lad_code;

  INSERT INTO territory_coverage_months (territory_code, month, committed_pence, lines)
  SELECT p_code, to_char(al.awarded_at AT TIME ZONE 'UTC', 'YYYY-MM'), sum(al.annual_pence),
    count(*)
  FROM awarded_lines al JOIN activities a ON a.id = al.activity_id
  WHERE a.territory_code = p_code AND al.awarded_at IS NOT NULL
  GROUP BY 2;

  INSERT INTO territory_coverage_links (territory_code, spo_id, activity_id, annual_pence,
    lines)
  SELECT p_code, al.spo_id, al.activity_id, sum(al.annual_pence), count(*)
  FROM awarded_lines al JOIN activities a ON a.id = al.activity_id
  WHERE a.territory_code = p_code
  GROUP BY al.spo_id, al.activity_id;

  INSERT INTO territory_coverage AS tc (territory_code, activities_listed, activities_supported,
    committed_pence, funding_gap_pence, hex_cells, hex_cells_listed, hex_cells_supported,
    updated_at)
  SELECT p_code,
    count(*) FILTER (WHERE listed),
    count(*) FILTER (WHERE supported AND listed),
    coalesce(sum(committed), 0),
    coalesce(sum(greatest(funding_gap_pence - committed, 0)) FILTER (WHERE listed), 0),
    (SELECT count(*) FROM territory_hexes WHERE territory_code = p_code),
    (SELECT count(*) FROM hex_coverage WHERE territory_code = p_code AND activities_listed > 0),
    (SELECT count(*) FROM hex_coverage WHERE territory_code = p_code
       AND activities_supported > 0),
    now()
  FROM rebuild_acts_by_lad
  ON CONFLICT (territory_code) DO UPDATE SET
    activities_listed = excluded.activities_listed,
    activities_supported = excluded.activities_supported,
    committed_pence = excluded.committed_pence,
    funding_gap_pence = excluded.funding_gap_pence,
    hex_cells = excluded.hex_cells,
    hex_cells_listed = excluded.hex_cells_listed,
    hex_cells_supported = excluded.hex_cells_supported,
    updated_at = excluded.updated_at;

  TRUNCATE rebuild_acts_by_lad;
END $$;

-- Filled once from what is awarded now; the deltas keep them from here.
INSERT INTO territory_coverage_months (territory_code, month, committed_pence, lines)
SELECT a.territory_code, to_char(al.awarded_at AT TIME ZONE 'UTC', 'YYYY-MM'),
  sum(al.annual_pence), count(*)
FROM awarded_lines al JOIN activities a ON a.id = al.activity_id
WHERE al.awarded_at IS NOT NULL
GROUP BY 1, 2;

INSERT INTO territory_coverage_links (territory_code, spo_id, activity_id, annual_pence, lines)
SELECT a.territory_code, al.spo_id, al.activity_id, sum(al.annual_pence), count(*)
FROM awarded_lines al JOIN activities a ON a.id = al.activity_id
GROUP BY 1, 2, 3;
