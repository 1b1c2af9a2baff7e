-- Coverage's geographic spread. Each territory is covered by a hexagonal grid of cells about
-- 5 km across (edges of 2,887 m, laid on the British National Grid, EPSG:27700, so that cells
-- are true to size from Cornwall to Shetland; Northern Ireland is within 0.2% of true there).
-- Each activity knows its cell from the moment it is written, and the coverage refresh keeps
-- one row per occupied cell, so a spread figure or a hex layer never scans the activities.

CREATE TABLE territory_hexes (
  territory_code text NOT NULL REFERENCES territories (code) ON DELETE CASCADE,
  i integer NOT NULL,
  j integer NOT NULL,
  geom geometry(Polygon, 4326) NOT NULL,
  PRIMARY KEY (territory_code, i, j)
);
CREATE INDEX territory_hexes_geom ON territory_hexes USING gist (geom);

ALTER TABLE activities ADD COLUMN hex_i integer, ADD COLUMN hex_j integer;

-- The cell an activity's point falls in, within its own territory (a border cell belongs to
-- each territory it touches). Nearest rather than containing, so that a point a few metres
-- past a cell edge bent by the reprojection still finds its cell.
CREATE FUNCTION activities_place_in_hex() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT h.i, h.j INTO NEW.hex_i, NEW.hex_j
  FROM territory_hexes h
  WHERE h.territory_code = NEW.territory_code
  ORDER BY h.geom <-> NEW.location, h.i, h.j
  LIMIT 1;
  RETURN NEW;
END $$;
CREATE TRIGGER activities_hex BEFORE INSERT OR UPDATE OF location, territory_code ON activities
  FOR EACH ROW EXECUTE FUNCTION activities_place_in_hex();
CREATE INDEX activities_hex ON activities (territory_code, hex_i, hex_j);

-- Rebuilds one territory's grid from its full-resolution boundary, and re-places its
-- activities in the new cells. Called by the territory import.
CREATE FUNCTION rebuild_territory_hexes(p_code text) RETURNS void LANGUAGE sql AS $$
  DELETE FROM territory_hexes WHERE territory_code = p_code;
  -- Tested against small pieces of the boundary: Scotland's thousands of islands in one
  -- shape would make each cell's test walk all of its coastline.
  WITH bng AS (
    SELECT ST_Transform(geom, 27700) AS g FROM territories WHERE code = p_code
  ), pieces AS MATERIALIZED (
    SELECT ST_Subdivide(g, 64) AS g FROM bng
  )
  INSERT INTO territory_hexes (territory_code, i, j, geom)
  SELECT p_code, h.i, h.j, ST_Transform(h.geom, 4326)
  FROM bng CROSS JOIN LATERAL ST_HexagonGrid(2886.751, bng.g) AS h
  WHERE EXISTS (SELECT 1 FROM pieces p WHERE p.g && h.geom AND ST_Intersects(p.g, h.geom));
  UPDATE activities SET territory_code = territory_code WHERE territory_code = p_code;
$$;

-- Per occupied cell: listed (active or at risk) and supported activities, and £ committed.
CREATE TABLE hex_coverage (
  territory_code text NOT NULL,
  i integer NOT NULL,
  j integer NOT NULL,
  activities_listed integer NOT NULL,
  activities_supported integer NOT NULL,
  committed_pence bigint NOT NULL,
  PRIMARY KEY (territory_code, i, j),
  FOREIGN KEY (territory_code, i, j) REFERENCES territory_hexes ON DELETE CASCADE
);

ALTER TABLE territory_coverage
  ADD COLUMN hex_cells integer NOT NULL DEFAULT 0,
  ADD COLUMN hex_cells_listed integer NOT NULL DEFAULT 0,
  ADD COLUMN hex_cells_supported integer NOT NULL DEFAULT 0;

-- As 0006's, plus the cells; and "supported" now counts listed activities only, so that the
-- share supported never passes 1 when a supported activity closes.
CREATE OR REPLACE FUNCTION refresh_territory_coverage(p_code text) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM hex_coverage WHERE territory_code = p_code;

  WITH committed AS (
    SELECT al.activity_id, sum(al.annual_pence) AS pence FROM awarded_lines al
    JOIN activities a ON a.id = al.activity_id
    WHERE a.territory_code = p_code
    GROUP BY al.activity_id
  )
  INSERT INTO hex_coverage (territory_code, i, j, activities_listed, activities_supported,
    committed_pence)
  SELECT p_code, a.hex_i, a.hex_j, count(*), count(c.activity_id),
    coalesce(sum(c.pence), 0)
  FROM activities a LEFT JOIN committed c ON c.activity_id = a.id
  WHERE a.territory_code = p_code AND a.status IN ('active', 'at_risk') AND a.hex_i IS NOT NULL
  GROUP BY a.hex_i, a.hex_j;

  WITH lines AS (
    SELECT al.* FROM awarded_lines al
    JOIN activities a ON a.id = al.activity_id
    WHERE a.territory_code = p_code
  ), acts AS (
    SELECT a.id, a.status, a.themes, a.funding_gap_pence, a.costs_avoided,
      coalesce(sum(lines.annual_pence), 0) AS committed,
      count(lines.activity_id) > 0 AS supported
    FROM activities a LEFT JOIN lines ON lines.activity_id = a.id
    WHERE a.territory_code = p_code
    GROUP BY a.id
  ), themes AS (
    SELECT jsonb_object_agg(theme, pence) AS j FROM (
      SELECT theme, sum(committed)::bigint AS pence
      FROM acts CROSS JOIN LATERAL unnest(acts.themes) AS theme
      WHERE supported GROUP BY theme) x
  ), sectors AS (
    SELECT jsonb_object_agg(buyer_sector, pence) AS j FROM (
      SELECT buyer_sector, sum(annual_pence)::bigint AS pence FROM lines GROUP BY buyer_sector) x
  ), secondary AS (
    SELECT jsonb_agg(jsonb_build_object('area', area, 'confidence', confidence,
      'annualPence', pence) ORDER BY area, confidence) AS j FROM (
      SELECT c.key AS area, c.value->>'confidence' AS confidence,
        sum((c.value->>'annualPence')::bigint)::bigint AS pence
      FROM acts CROSS JOIN LATERAL jsonb_each(acts.costs_avoided) AS c
      WHERE supported GROUP BY 1, 2) x
  ), cells AS (
    SELECT count(*) FILTER (WHERE activities_listed > 0) AS listed,
      count(*) FILTER (WHERE activities_supported > 0) AS supported
    FROM hex_coverage WHERE territory_code = p_code
  )
  INSERT INTO territory_coverage AS tc (territory_code, activities_listed, activities_supported,
    committed_pence, committed_by_theme, committed_by_sector, funding_gap_pence, secondary,
    hex_cells, hex_cells_listed, hex_cells_supported, updated_at)
  SELECT p_code,
    count(*) FILTER (WHERE status IN ('active', 'at_risk')),
    count(*) FILTER (WHERE supported AND status IN ('active', 'at_risk')),
    coalesce(sum(committed), 0),
    coalesce((SELECT j FROM themes), '{}'),
    coalesce((SELECT j FROM sectors), '{}'),
    coalesce(sum(greatest(funding_gap_pence - committed, 0))
      FILTER (WHERE status IN ('active', 'at_risk')), 0),
    coalesce((SELECT j FROM secondary), '[]'),
    (SELECT count(*) FROM territory_hexes WHERE territory_code = p_code),
    (SELECT listed FROM cells),
    (SELECT supported FROM cells),
    now()
  FROM acts
  ON CONFLICT (territory_code) DO UPDATE SET
    activities_listed = excluded.activities_listed,
    activities_supported = excluded.activities_supported,
    committed_pence = excluded.committed_pence,
    committed_by_theme = excluded.committed_by_theme,
    committed_by_sector = excluded.committed_by_sector,
    funding_gap_pence = excluded.funding_gap_pence,
    secondary = excluded.secondary,
    hex_cells = excluded.hex_cells,
    hex_cells_listed = excluded.hex_cells_listed,
    hex_cells_supported = excluded.hex_cells_supported,
    updated_at = excluded.updated_at;
$$;

-- Databases that already hold territories get their grids, activities their cells.
SELECT rebuild_territory_hexes(code) FROM territories;
SELECT refresh_territory_coverage(code) FROM territories;
