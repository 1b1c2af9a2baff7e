-- Coverage kept by delta. Each write adds what changed (its activities' contributions after
-- the write less those before) to the rows it touches, with upserts that add rather than
-- replace: two transactions writing in one territory then wait for each other's row for a
-- moment instead of colliding on a key, and an award no longer recomputes a territory.
-- A full rebuild (`rebuild_territory_coverage`) stays for imports and maintenance
-- (`npm run db:rebuild-coverage`); the tests hold the two to the same figures.

-- The keyed parts of a territory's figures, one row per key, each with the number of
-- contributions in it, so that a key nobody contributes to any more is known to be absent
-- (a supported activity may report £0 saved; a count tells that apart from "no one").
CREATE TABLE territory_coverage_themes (
  territory_code text NOT NULL REFERENCES territories (code) ON DELETE CASCADE,
  theme text NOT NULL,
  committed_pence bigint NOT NULL,
  activities integer NOT NULL,
  PRIMARY KEY (territory_code, theme)
);

CREATE TABLE territory_coverage_sectors (
  territory_code text NOT NULL REFERENCES territories (code) ON DELETE CASCADE,
  buyer_sector text NOT NULL,
  committed_pence bigint NOT NULL,
  lines integer NOT NULL,
  PRIMARY KEY (territory_code, buyer_sector)
);

CREATE TABLE territory_coverage_secondary (
  territory_code text NOT NULL REFERENCES territories (code) ON DELETE CASCADE,
  area text NOT NULL,
  confidence text NOT NULL,
  annual_pence bigint NOT NULL,
  activities integer NOT NULL,
  PRIMARY KEY (territory_code, area, confidence)
);

ALTER TABLE territory_coverage
  DROP COLUMN committed_by_theme,
  DROP COLUMN committed_by_sector,
  DROP COLUMN secondary;

DROP FUNCTION refresh_territory_coverage(text);

-- Recomputes one territory's figures from the activities and the awarded lines, replacing
-- what the deltas kept. Written independently of the deltas' arithmetic, so that comparing
-- the two checks both. Blocks coverage writers while it runs (they wait, then add to it).
CREATE FUNCTION rebuild_territory_coverage(p_code text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- In the order the deltas write them, so that a rebuild and a writer never wait in a circle.
  LOCK TABLE hex_coverage, territory_coverage, territory_coverage_themes,
    territory_coverage_sectors, territory_coverage_secondary IN SHARE ROW EXCLUSIVE MODE;

  DELETE FROM hex_coverage WHERE territory_code = p_code;
  DELETE FROM territory_coverage_themes WHERE territory_code = p_code;
  DELETE FROM territory_coverage_sectors WHERE territory_code = p_code;
  DELETE FROM territory_coverage_secondary WHERE territory_code = p_code;

  CREATE TEMPORARY TABLE IF NOT EXISTS rebuild_acts (
    id uuid, status text, listed boolean, themes text[], funding_gap_pence bigint,
    costs_avoided jsonb, hex_i integer, hex_j integer, committed bigint, supported boolean
  ) ON COMMIT DROP;
  TRUNCATE rebuild_acts;
  INSERT INTO rebuild_acts
  SELECT a.id, a.status, a.status IN ('active', 'at_risk'), a.themes, a.funding_gap_pence,
    a.costs_avoided, a.hex_i, a.hex_j, coalesce(sum(al.annual_pence), 0),
    count(al.activity_id) > 0
  FROM activities a LEFT JOIN awarded_lines al ON al.activity_id = a.id
  WHERE a.territory_code = p_code
  GROUP BY a.id;

  INSERT INTO hex_coverage (territory_code, i, j, activities_listed, activities_supported,
    committed_pence)
  SELECT p_code, hex_i, hex_j, count(*), count(*) FILTER (WHERE supported), sum(committed)
  FROM rebuild_acts WHERE listed AND hex_i IS NOT NULL
  GROUP BY hex_i, hex_j;

  INSERT INTO territory_coverage_themes (territory_code, theme, committed_pence, activities)
  SELECT p_code, theme, sum(committed), count(*)
  FROM rebuild_acts CROSS JOIN LATERAL unnest(themes) AS theme
  WHERE supported GROUP BY theme;

  INSERT INTO territory_coverage_sectors (territory_code, buyer_sector, committed_pence, lines)
  SELECT p_code, al.buyer_sector, sum(al.annual_pence), count(*)
  FROM awarded_lines al JOIN activities a ON a.id = al.activity_id
  WHERE a.territory_code = p_code
  GROUP BY al.buyer_sector;

  INSERT INTO territory_coverage_secondary (territory_code, area, confidence, annual_pence,
    activities)
  SELECT p_code, c.key, c.value->>'confidence', sum((c.value->>'annualPence')::bigint), count(*)
  FROM rebuild_acts CROSS JOIN LATERAL jsonb_each(costs_avoided) AS c
  WHERE supported GROUP BY 1, 2, 3;

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
  FROM rebuild_acts
  ON CONFLICT (territory_code) DO UPDATE SET
    activities_listed = excluded.activities_listed,
    activities_supported = excluded.activities_supported,
    committed_pence = excluded.committed_pence,
    funding_gap_pence = excluded.funding_gap_pence,
    hex_cells = excluded.hex_cells,
    hex_cells_listed = excluded.hex_cells_listed,
    hex_cells_supported = excluded.hex_cells_supported,
    updated_at = excluded.updated_at;

  TRUNCATE rebuild_acts;
END $$;

SELECT rebuild_territory_coverage(code) FROM territories;
