-- Pre-aggregated map clusters, so that a national or regional view reads a few thousand
-- cells rather than every activity in view (see bench/map.ts: 1,000,000 activities).
--
-- A cell of level L is the square [cx, cx + 1) × [cy, cy + 1) of side 2^-L in the Web
-- Mercator tile space of activities.merc_x/merc_y: exactly the map's cluster cell at zoom
-- L - 2 (64-pixel cells on 256-pixel tiles), so that a stored cell and the live grouping
-- `floor(merc_x / cell)` agree to the bit. Levels 2 to 12 are kept (zooms 0 to 10); the finer
-- views group live rows, which are few in their smaller boxes.
--
-- Each cell is split by status (every status, as the map's status filter takes any of them)
-- and by theme: theme '' holds every activity of the cell once, and a theme's row holds those
-- with that theme (an activity with two themes is in both rows, as `theme = ANY(themes)`
-- would find it). Other filters read live rows.
CREATE TABLE activity_map_cells (
  level smallint NOT NULL,
  theme text NOT NULL,
  cx integer NOT NULL,
  cy integer NOT NULL,
  status text NOT NULL,
  n integer NOT NULL CHECK (n > 0),
  funding_gap_pence bigint NOT NULL,
  -- Sums for the mean position; the extent and the smallest seq are exact too: an insert
  -- only widens them, and a cell an update or delete touched is recomputed (below).
  sum_x double precision NOT NULL,
  sum_y double precision NOT NULL,
  min_x double precision NOT NULL,
  min_y double precision NOT NULL,
  max_x double precision NOT NULL,
  max_y double precision NOT NULL,
  one_seq bigint NOT NULL,
  PRIMARY KEY (level, theme, cx, cy, status)
);
-- Rows of cells along a box's top and bottom edges (the key serves its columns).
CREATE INDEX activity_map_cells_by_row ON activity_map_cells (level, theme, cy, cx);
-- The live strips along a box's top and bottom edges (activities_map serves the columns).
CREATE INDEX activities_map_by_row ON activities (merc_y, merc_x)
  INCLUDE (status, funding_gap_pence, themes, seq);

-- Writers of cells take this lock first and hold it to their commit. Every write touches the
-- same few coarse cells (a level-2 cell is a quarter of the world), so they wait on one another
-- there anyway; the lock makes that wait come first, in one place: no two writers lock cells
-- in different orders (a deadlock), and a refresh (delete, then insert from the committed
-- rows: each statement here reads a fresh snapshot) never races another one's insert of the
-- same cell (a duplicate key, answered 409). test/integration/coverage/concurrency.test.ts
-- edits and lists activities in one territory at once on PostgreSQL.
CREATE FUNCTION activity_map_cells_lock() RETURNS void LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock(18, 1)
$$;

-- Adds inserted activities to their cells at every level: grouped once at the finest level,
-- then each coarser cell from those (cx >> k is floor(cx / 2^k) for these non-negative cells).
CREATE FUNCTION activity_map_cells_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM activity_map_cells_lock();
  INSERT INTO activity_map_cells AS c
  SELECT l.level, f.theme, f.fx >> (12 - l.level), f.fy >> (12 - l.level), f.status,
    sum(f.n), sum(f.gap), sum(f.sx), sum(f.sy), min(f.min_x), min(f.min_y), max(f.max_x),
    max(f.max_y), min(f.one_seq)
  FROM (
    SELECT t.theme, a.status, floor(a.merc_x * 4096)::int AS fx, floor(a.merc_y * 4096)::int AS fy,
      count(*)::int AS n, sum(a.funding_gap_pence)::bigint AS gap, sum(a.merc_x) AS sx,
      sum(a.merc_y) AS sy, min(a.merc_x) AS min_x, min(a.merc_y) AS min_y,
      max(a.merc_x) AS max_x, max(a.merc_y) AS max_y, min(a.seq) AS one_seq
    FROM added a CROSS JOIN LATERAL unnest(ARRAY[''] || a.themes) AS t(theme)
    GROUP BY 1, 2, 3, 4
  ) f CROSS JOIN generate_series(2, 12) AS l(level)
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (level, theme, cx, cy, status) DO UPDATE SET
    n = c.n + excluded.n,
    funding_gap_pence = c.funding_gap_pence + excluded.funding_gap_pence,
    sum_x = c.sum_x + excluded.sum_x,
    sum_y = c.sum_y + excluded.sum_y,
    min_x = least(c.min_x, excluded.min_x),
    min_y = least(c.min_y, excluded.min_y),
    max_x = greatest(c.max_x, excluded.max_x),
    max_y = greatest(c.max_y, excluded.max_y),
    one_seq = least(c.one_seq, excluded.one_seq);
  RETURN NULL;
END $$;

-- Recomputes the cells over these finest-level (12) positions: each finest cell from its live
-- rows (a range of the activities_map index), then each coarser cell from its four children.
-- A removal cannot be subtracted from a minimum or maximum; recomputing keeps them exact.
CREATE FUNCTION activity_map_cells_refresh(p_x integer[], p_y integer[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  lvl integer;
BEGIN
  SELECT array_agg(px), array_agg(py) INTO p_x, p_y
  FROM (SELECT DISTINCT px, py FROM unnest(p_x, p_y) AS u(px, py)) d;
  IF p_x IS NULL THEN RETURN; END IF;
  PERFORM activity_map_cells_lock();
  DELETE FROM activity_map_cells c USING unnest(p_x, p_y) AS p(px, py)
  WHERE c.level = 12 AND c.cx = p.px AND c.cy = p.py;
  INSERT INTO activity_map_cells
  SELECT 12, t.theme, p.px, p.py, a.status, count(*)::int, sum(a.funding_gap_pence)::bigint,
    sum(a.merc_x), sum(a.merc_y), min(a.merc_x), min(a.merc_y), max(a.merc_x), max(a.merc_y),
    min(a.seq)
  FROM unnest(p_x, p_y) AS p(px, py)
  JOIN activities a
    ON a.merc_x >= p.px::float8 / 4096 AND a.merc_x < (p.px + 1)::float8 / 4096
    AND a.merc_y >= p.py::float8 / 4096 AND a.merc_y < (p.py + 1)::float8 / 4096
  CROSS JOIN LATERAL unnest(ARRAY[''] || a.themes) AS t(theme)
  GROUP BY t.theme, p.px, p.py, a.status;
  FOR lvl IN REVERSE 11..2 LOOP
    SELECT array_agg(px), array_agg(py) INTO p_x, p_y
    FROM (SELECT DISTINCT px >> 1 AS px, py >> 1 AS py FROM unnest(p_x, p_y) AS u(px, py)) d;
    DELETE FROM activity_map_cells c USING unnest(p_x, p_y) AS p(px, py)
    WHERE c.level = lvl AND c.cx = p.px AND c.cy = p.py;
    INSERT INTO activity_map_cells
    SELECT lvl, c.theme, p.px, p.py, c.status, sum(c.n), sum(c.funding_gap_pence), sum(c.sum_x),
      sum(c.sum_y), min(c.min_x), min(c.min_y), max(c.max_x), max(c.max_y), min(c.one_seq)
    FROM unnest(p_x, p_y) AS p(px, py)
    JOIN activity_map_cells c
      ON c.level = lvl + 1 AND c.cx BETWEEN p.px * 2 AND p.px * 2 + 1
      AND c.cy BETWEEN p.py * 2 AND p.py * 2 + 1
    GROUP BY c.theme, p.px, p.py, c.status;
  END LOOP;
END $$;

-- Updates: only the rows whose cell fields changed, at their old and new places.
CREATE FUNCTION activity_map_cells_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM activity_map_cells_refresh(array_agg(p.px), array_agg(p.py))
  FROM (
    SELECT floor(o.merc_x * 4096)::int AS px, floor(o.merc_y * 4096)::int AS py,
      floor(n.merc_x * 4096)::int AS nx, floor(n.merc_y * 4096)::int AS ny
    FROM removed o JOIN added n ON n.id = o.id
    WHERE (o.merc_x, o.merc_y, o.status, o.themes, o.funding_gap_pence, o.seq)
      IS DISTINCT FROM (n.merc_x, n.merc_y, n.status, n.themes, n.funding_gap_pence, n.seq)
  ) moved CROSS JOIN LATERAL (VALUES (moved.px, moved.py), (moved.nx, moved.ny)) AS p(px, py);
  RETURN NULL;
END $$;

CREATE FUNCTION activity_map_cells_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM activity_map_cells_refresh(
    array_agg(floor(o.merc_x * 4096)::int), array_agg(floor(o.merc_y * 4096)::int))
  FROM removed o;
  RETURN NULL;
END $$;

CREATE FUNCTION activity_map_cells_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM activity_map_cells;
  RETURN NULL;
END $$;

-- Statement triggers with transition tables: a bulk insert is one grouped pass, not a
-- trigger call per row, and the cells change in the writing transaction.
CREATE TRIGGER activities_map_cells_insert AFTER INSERT ON activities
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION activity_map_cells_add();
CREATE TRIGGER activities_map_cells_update AFTER UPDATE ON activities
  REFERENCING OLD TABLE AS removed NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION activity_map_cells_update();
CREATE TRIGGER activities_map_cells_delete AFTER DELETE ON activities
  REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION activity_map_cells_delete();
CREATE TRIGGER activities_map_cells_truncate AFTER TRUNCATE ON activities
  FOR EACH STATEMENT EXECUTE FUNCTION activity_map_cells_clear();

-- The activities already there, as the insert trigger would have added them.
INSERT INTO activity_map_cells
SELECT l.level, f.theme, f.fx >> (12 - l.level), f.fy >> (12 - l.level), f.status,
  sum(f.n), sum(f.gap), sum(f.sx), sum(f.sy), min(f.min_x), min(f.min_y), max(f.max_x),
  max(f.max_y), min(f.one_seq)
FROM (
  SELECT t.theme, a.status, floor(a.merc_x * 4096)::int AS fx, floor(a.merc_y * 4096)::int AS fy,
    count(*)::int AS n, sum(a.funding_gap_pence)::bigint AS gap, sum(a.merc_x) AS sx,
    sum(a.merc_y) AS sy, min(a.merc_x) AS min_x, min(a.merc_y) AS min_y,
    max(a.merc_x) AS max_x, max(a.merc_y) AS max_y, min(a.seq) AS one_seq
  FROM activities a CROSS JOIN LATERAL unnest(ARRAY[''] || a.themes) AS t(theme)
  GROUP BY 1, 2, 3, 4
) f CROSS JOIN generate_series(2, 12) AS l(level)
GROUP BY 1, 2, 3, 4, 5;
