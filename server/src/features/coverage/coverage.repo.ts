import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { TerritoryNeedRow } from '../need/need.repo';
import {
  compare,
  emptyTerritoryDelta,
  occupied,
  toContribution,
  type Contribution,
  type ContributionRow,
  type CoverageDelta,
} from './coverage.delta';

export interface CoverageRow {
  code: string;
  name: string;
  nation: string;
  activities_listed: number | null;
  activities_supported: number | null;
  committed_pence: string | null;
  committed_by_theme: Record<string, number> | null;
  committed_by_sector: Record<string, number> | null;
  funding_gap_pence: string | null;
  secondary: { area: string; confidence: string; annualPence: number }[] | null;
  hex_cells: number | null;
  hex_cells_listed: number | null;
  hex_cells_supported: number | null;
  updated_at: Date | null;
  /** The territory's need roll-up (`territory_need`), or null before the import wrote one. */
  need: Omit<TerritoryNeedRow, 'code'> | null;
  /** Committed pence in districts of the most deprived quintile, and in districts of any. */
  most_deprived_pence: string | null;
  quintile_known_pence: string | null;
  /** Confirmed delivered to activities here to date: cash and in kind (pence), and hours. */
  delivered_pence: string;
  delivered_hours: string;
}

export interface HexCellRow {
  i: number;
  j: number;
  activities_listed: number;
  activities_supported: number;
  committed_pence: string;
  geometry: { type: 'Polygon'; coordinates: number[][][] };
}

export interface AwardedLinkRow {
  spo_id: string;
  supplier_id: string;
  supplier_name: string;
  activity_id: string;
  activity_title: string;
  activity_lon: number;
  activity_lat: number;
  annual_pence: string;
  supplier_at: [string | number, string | number] | null;
}

export interface UnsupportedClusterRow {
  cells: number;
  activities: number;
  centre: { type: 'Point'; coordinates: [number, number] };
  bbox: [number, number, number, number];
}

/** The coverage aggregate, the function that refreshes it, and what it is built from. */
export function createCoverageRepo(db: Kysely<Database>) {
  // The keyed figures are assembled from their own tables, keys that no one contributes to
  // left out (see migration 0011). Need joins the roll-up and the district figures (a few
  // hundred rows), never the awarded lines.
  const rows = () => sql<CoverageRow>`
    SELECT t.code, t.name, t.nation, c.activities_listed, c.activities_supported,
      c.committed_pence::text AS committed_pence,
      (SELECT jsonb_object_agg(x.theme, x.committed_pence) FROM territory_coverage_themes x
        WHERE x.territory_code = t.code AND x.activities > 0) AS committed_by_theme,
      (SELECT jsonb_object_agg(x.buyer_sector, x.committed_pence)
        FROM territory_coverage_sectors x
        WHERE x.territory_code = t.code AND x.lines > 0) AS committed_by_sector,
      c.funding_gap_pence::text AS funding_gap_pence,
      (SELECT jsonb_agg(jsonb_build_object('area', x.area, 'confidence', x.confidence,
          'annualPence', x.annual_pence) ORDER BY x.area, x.confidence)
        FROM territory_coverage_secondary x
        WHERE x.territory_code = t.code AND x.activities > 0) AS secondary,
      c.hex_cells, c.hex_cells_listed, c.hex_cells_supported, c.updated_at,
      CASE WHEN n.territory_code IS NOT NULL THEN jsonb_build_object(
        'population', n.population, 'deprivation_score', n.deprivation_score,
        'most_deprived_quintile_share', n.most_deprived_quintile_share,
        'child_poverty_pct', n.child_poverty_pct, 'child_poverty_period', n.child_poverty_period,
        'claimant_pct', n.claimant_pct, 'claimant_period', n.claimant_period,
        'homicide_per_million', n.homicide_per_million, 'homicide_period', n.homicide_period,
        'lads', n.lads) END AS need,
      d.most_deprived_pence::text AS most_deprived_pence,
      d.quintile_known_pence::text AS quintile_known_pence,
      coalesce(dl.pence, 0)::text AS delivered_pence,
      coalesce(dl.hours, 0)::text AS delivered_hours
    FROM territories t LEFT JOIN territory_coverage c ON c.territory_code = t.code
    LEFT JOIN territory_need n ON n.territory_code = t.code
    LEFT JOIN LATERAL (
      SELECT sum(x.committed_pence) FILTER (WHERE ln.deprivation_quintile = 1)
          AS most_deprived_pence,
        sum(x.committed_pence) FILTER (WHERE ln.deprivation_quintile IS NOT NULL)
          AS quintile_known_pence
      FROM territory_coverage_lads x JOIN lad_need ln ON ln.lad_code = x.lad_code
      WHERE x.territory_code = t.code AND x.activities > 0
    ) d ON true
    -- Delivered: what providers confirmed, by the one rule (migration 0021).
    LEFT JOIN delivered_by_territory dl ON dl.territory_code = t.code`;

  return {
    /**
     * Recomputes these territories' figures from scratch (imports, maintenance): what the
     * deltas keep, computed another way.
     */
    async rebuild(codes: Iterable<string>): Promise<void> {
      for (const code of new Set(codes)) {
        await sql`SELECT rebuild_territory_coverage(${code})`.execute(db);
      }
    },

    async rebuildAll(): Promise<void> {
      await sql`SELECT rebuild_territory_coverage(code) FROM territories ORDER BY code`.execute(db);
    },

    /**
     * Locks these activities' rows until the transaction ends, in one order (so two writers
     * never wait on each other in a circle), so that what they contribute cannot change
     * between a write's before and after.
     */
    async lockActivities(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await sql`SELECT id FROM activities WHERE id = ANY(${ids}::uuid[])
        ORDER BY id FOR NO KEY UPDATE`.execute(db);
    },

    /** The activities an SPO's sealed lines name. */
    async activitiesOfSpo(spoId: string): Promise<string[]> {
      const { rows: found } = await sql<{ id: string }>`
        SELECT DISTINCT vl.activity_id AS id FROM spos s
        JOIN spo_version_lines vl ON vl.spo_id = s.id AND vl.version = s.submitted_version
        WHERE s.id = ${spoId}`.execute(db);
      return found.map((r) => r.id);
    },

    /** What these activities add to the coverage figures as they stand now. */
    async contributions(ids: string[]): Promise<Contribution[]> {
      if (ids.length === 0) return [];
      const { rows: found } = await sql<ContributionRow>`
        WITH a AS (
          SELECT a.id, a.territory_code AS territory, a.hex_i, a.hex_j, a.lad_code,
            a.status IN ('active', 'at_risk') AS listed, a.themes, a.funding_gap_pence,
            a.costs_avoided
          FROM activities a WHERE a.id = ANY(${ids}::uuid[])
        ), al AS (
          SELECT al.activity_id, al.spo_id, al.buyer_sector,
            to_char(al.awarded_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, al.annual_pence
          FROM awarded_lines al WHERE al.activity_id = ANY(${ids}::uuid[])
        ), l AS (
          SELECT al.activity_id, al.buyer_sector, sum(al.annual_pence) AS pence,
            count(*)::int AS n
          FROM al GROUP BY 1, 2
        ), c AS (
          SELECT a.*, coalesce(x.pence, 0) AS committed, x.activity_id IS NOT NULL AS supported
          FROM a LEFT JOIN (SELECT activity_id, sum(pence) AS pence FROM l GROUP BY 1) x
            ON x.activity_id = a.id
        )
        SELECT 'territory' AS kind, territory, NULL AS k1, NULL AS k2, NULL::int AS i,
          NULL::int AS j, listed::int AS listed, (listed AND supported)::int AS supported,
          committed::text AS pence,
          (CASE WHEN listed THEN greatest(funding_gap_pence - committed, 0) ELSE 0 END)::text
            AS gap,
          1 AS n
        FROM c
        UNION ALL
        SELECT 'hex', territory, NULL, NULL, hex_i, hex_j, 1, supported::int, committed::text,
          '0', 1
        FROM c WHERE listed AND hex_i IS NOT NULL
        UNION ALL
        SELECT 'theme', territory, theme, NULL, NULL, NULL, 0, 0, committed::text, '0', 1
        FROM c CROSS JOIN LATERAL unnest(c.themes) AS theme WHERE supported
        UNION ALL
        SELECT 'secondary', territory, e.key, e.value->>'confidence', NULL, NULL, 0, 0,
          (e.value->>'annualPence')::bigint::text, '0', 1
        FROM c CROSS JOIN LATERAL jsonb_each(c.costs_avoided) AS e WHERE supported
        UNION ALL
        SELECT 'lad', territory, lad_code, NULL, NULL, NULL, 0, 0, committed::text, '0', 1
        FROM c WHERE supported AND lad_code IS NOT NULL
        UNION ALL
        SELECT 'sector', a.territory, l.buyer_sector, NULL, NULL, NULL, 0, 0, l.pence::text,
          '0', l.n
        FROM l JOIN a ON a.id = l.activity_id
        UNION ALL
        SELECT 'month', a.territory, al.month, NULL, NULL, NULL, 0, 0,
          sum(al.annual_pence)::text, '0', count(*)::int
        FROM al JOIN a ON a.id = al.activity_id WHERE al.month IS NOT NULL
        GROUP BY a.territory, al.month
        UNION ALL
        SELECT 'link', a.territory, al.spo_id::text, al.activity_id::text, NULL, NULL, 0, 0,
          sum(al.annual_pence)::text, '0', count(*)::int
        FROM al JOIN a ON a.id = al.activity_id
        GROUP BY a.territory, al.spo_id, al.activity_id`.execute(db);
      return found.map(toContribution);
    },

    /**
     * Adds a delta to the figures: cells first, then territories, then the keyed tables
     * (themes, sectors, secondary impact, districts: the order the rebuild locks them in),
     * each in key order, every one an upsert that adds (never a delete and reinsert), so
     * that concurrent writers queue on a row rather than collide on its key.
     */
    async applyDelta(delta: CoverageDelta): Promise<void> {
      const cellsChanged = new Map<string, { listed: number; supported: number }>();
      if (delta.hex.length > 0) {
        const { rows: after } = await sql<{
          territory: string;
          i: number;
          j: number;
          listed: number;
          supported: number;
        }>`
          INSERT INTO hex_coverage AS h (territory_code, i, j, activities_listed,
            activities_supported, committed_pence)
          SELECT r.territory, r.i, r.j, r.listed, r.supported, r.pence
          FROM jsonb_to_recordset(${JSON.stringify(delta.hex)}::jsonb)
            AS r(territory text, i int, j int, listed int, supported int, pence bigint)
          ORDER BY r.territory, r.i, r.j
          ON CONFLICT (territory_code, i, j) DO UPDATE SET
            activities_listed = h.activities_listed + excluded.activities_listed,
            activities_supported = h.activities_supported + excluded.activities_supported,
            committed_pence = h.committed_pence + excluded.committed_pence
          RETURNING territory_code AS territory, i, j, activities_listed AS listed,
            activities_supported AS supported`.execute(db);
        const added = new Map(delta.hex.map((d) => [`${d.territory}|${d.i}|${d.j}`, d]));
        for (const cell of after) {
          const d = added.get(`${cell.territory}|${cell.i}|${cell.j}`)!;
          const change = cellsChanged.get(cell.territory) ?? { listed: 0, supported: 0 };
          change.listed += occupied(cell.listed) - occupied(cell.listed - d.listed);
          change.supported += occupied(cell.supported) - occupied(cell.supported - d.supported);
          cellsChanged.set(cell.territory, change);
        }
      }
      const territories = new Map(delta.territory.map((t) => [t.territory, t]));
      for (const code of cellsChanged.keys()) {
        if (!territories.has(code)) territories.set(code, emptyTerritoryDelta(code));
      }
      if (territories.size > 0) {
        const rowsIn = [...territories.values()]
          .map((t) => ({
            ...t,
            cellsListed: cellsChanged.get(t.territory)?.listed ?? 0,
            cellsSupported: cellsChanged.get(t.territory)?.supported ?? 0,
          }))
          .sort((x, y) => compare(x.territory, y.territory));
        await sql`
          INSERT INTO territory_coverage AS tc (territory_code, activities_listed,
            activities_supported, committed_pence, funding_gap_pence, hex_cells,
            hex_cells_listed, hex_cells_supported, updated_at)
          SELECT r.territory, r.listed, r.supported, r.pence, r.gap,
            (SELECT count(*) FROM territory_hexes x WHERE x.territory_code = r.territory),
            r."cellsListed", r."cellsSupported", now()
          FROM jsonb_to_recordset(${JSON.stringify(rowsIn)}::jsonb) AS r(territory text,
            listed int, supported int, pence bigint, gap bigint, "cellsListed" int,
            "cellsSupported" int)
          ORDER BY r.territory
          ON CONFLICT (territory_code) DO UPDATE SET
            activities_listed = tc.activities_listed + excluded.activities_listed,
            activities_supported = tc.activities_supported + excluded.activities_supported,
            committed_pence = tc.committed_pence + excluded.committed_pence,
            funding_gap_pence = tc.funding_gap_pence + excluded.funding_gap_pence,
            hex_cells_listed = tc.hex_cells_listed + excluded.hex_cells_listed,
            hex_cells_supported = tc.hex_cells_supported + excluded.hex_cells_supported,
            updated_at = now()`.execute(db);
      }
      if (delta.theme.length > 0) {
        await sql`
          INSERT INTO territory_coverage_themes AS x (territory_code, theme, committed_pence,
            activities)
          SELECT r.territory, r.key, r.pence, r.n
          FROM jsonb_to_recordset(${JSON.stringify(delta.theme)}::jsonb)
            AS r(territory text, key text, pence bigint, n int)
          ORDER BY r.territory, r.key
          ON CONFLICT (territory_code, theme) DO UPDATE SET
            committed_pence = x.committed_pence + excluded.committed_pence,
            activities = x.activities + excluded.activities`.execute(db);
      }
      if (delta.sector.length > 0) {
        await sql`
          INSERT INTO territory_coverage_sectors AS x (territory_code, buyer_sector,
            committed_pence, lines)
          SELECT r.territory, r.key, r.pence, r.n
          FROM jsonb_to_recordset(${JSON.stringify(delta.sector)}::jsonb)
            AS r(territory text, key text, pence bigint, n int)
          ORDER BY r.territory, r.key
          ON CONFLICT (territory_code, buyer_sector) DO UPDATE SET
            committed_pence = x.committed_pence + excluded.committed_pence,
            lines = x.lines + excluded.lines`.execute(db);
      }
      if (delta.secondary.length > 0) {
        await sql`
          INSERT INTO territory_coverage_secondary AS x (territory_code, area, confidence,
            annual_pence, activities)
          SELECT r.territory, r.key, r.key2, r.pence, r.n
          FROM jsonb_to_recordset(${JSON.stringify(delta.secondary)}::jsonb)
            AS r(territory text, key text, key2 text, pence bigint, n int)
          ORDER BY r.territory, r.key, r.key2
          ON CONFLICT (territory_code, area, confidence) DO UPDATE SET
            annual_pence = x.annual_pence + excluded.annual_pence,
            activities = x.activities + excluded.activities`.execute(db);
      }
      if (delta.lad.length > 0) {
        await sql`
          INSERT INTO territory_coverage_lads AS x (territory_code, lad_code, committed_pence,
            activities)
          SELECT r.territory, r.key, r.pence, r.n
          FROM jsonb_to_recordset(${JSON.stringify(delta.lad)}::jsonb)
            AS r(territory text, key text, pence bigint, n int)
          ORDER BY r.territory, r.key
          ON CONFLICT (territory_code, lad_code) DO UPDATE SET
            committed_pence = x.committed_pence + excluded.committed_pence,
            activities = x.activities + excluded.activities`.execute(db);
      }
      if (delta.month.length > 0) {
        await sql`
          INSERT INTO territory_coverage_months AS x (territory_code, month, committed_pence,
            lines)
          SELECT r.territory, r.key, r.pence, r.n
          FROM jsonb_to_recordset(${JSON.stringify(delta.month)}::jsonb)
            AS r(territory text, key text, pence bigint, n int)
          ORDER BY r.territory, r.key
          ON CONFLICT (territory_code, month) DO UPDATE SET
            committed_pence = x.committed_pence + excluded.committed_pence,
            lines = x.lines + excluded.lines`.execute(db);
      }
      if (delta.link.length > 0) {
        await sql`
          INSERT INTO territory_coverage_links AS x (territory_code, spo_id, activity_id,
            annual_pence, lines)
          SELECT r.territory, r."spoId", r."activityId", r.pence, r.n
          FROM jsonb_to_recordset(${JSON.stringify(delta.link)}::jsonb)
            AS r(territory text, "spoId" uuid, "activityId" uuid, pence bigint, n int)
          ORDER BY r.territory, r."spoId", r."activityId"
          ON CONFLICT (territory_code, spo_id, activity_id) DO UPDATE SET
            annual_pence = x.annual_pence + excluded.annual_pence,
            lines = x.lines + excluded.lines`.execute(db);
      }
    },

    async all(): Promise<CoverageRow[]> {
      return (await sql<CoverageRow>`${rows()} ORDER BY t.code`.execute(db)).rows;
    },

    async one(code: string): Promise<CoverageRow | undefined> {
      return (await sql<CoverageRow>`${rows()} WHERE t.code = ${code}`.execute(db)).rows[0];
    },

    /** The occupied hexagonal cells of one territory, with what each holds. */
    async hexCells(code: string): Promise<HexCellRow[]> {
      const { rows: found } = await sql<HexCellRow>`
        SELECT hc.i, hc.j, hc.activities_listed, hc.activities_supported,
          hc.committed_pence::text AS committed_pence, ST_AsGeoJSON(h.geom, 5)::json AS geometry
        FROM hex_coverage hc
        JOIN territory_hexes h USING (territory_code, i, j)
        WHERE hc.territory_code = ${code} AND hc.activities_listed > 0
        ORDER BY hc.i, hc.j`.execute(db);
      return found;
    },

    /**
     * Where the unsupported clusters are: occupied cells with no supported activity, grouped
     * with their neighbours (centres within one cell's width, 5 km, of each other), largest first.
     */
    async unsupportedClusters(code: string, limit = 10): Promise<UnsupportedClusterRow[]> {
      const { rows: found } = await sql<UnsupportedClusterRow>`
        WITH cells AS (
          SELECT hc.activities_listed, ST_Centroid(h.geom) AS centre,
            ST_ClusterDBSCAN(ST_Transform(ST_Centroid(h.geom), 27700), eps => 5100, minpoints => 1)
              OVER () AS cluster
          FROM hex_coverage hc
          JOIN territory_hexes h USING (territory_code, i, j)
          WHERE hc.territory_code = ${code} AND hc.activities_listed > 0
            AND hc.activities_supported = 0
        ), groups AS (
          SELECT count(*)::int AS cells, sum(activities_listed)::int AS activities,
            ST_Collect(centre) AS centres
          FROM cells GROUP BY cluster
        )
        SELECT cells, activities, ST_AsGeoJSON(ST_Centroid(centres), 5)::json AS centre,
          json_build_array(round(ST_XMin(centres)::numeric, 5), round(ST_YMin(centres)::numeric, 5),
            round(ST_XMax(centres)::numeric, 5), round(ST_YMax(centres)::numeric, 5)) AS bbox
        FROM groups
        ORDER BY activities DESC, cells DESC, ST_XMin(centres), ST_YMin(centres)
        LIMIT ${limit}`.execute(db);
      return found.map((r) => ({
        ...r,
        bbox: r.bbox.map(Number) as UnsupportedClusterRow['bbox'],
      }));
    },

    /**
     * Awarded SPOs' links to activities in this territory, for the map's lines from supplier
     * to activity: public, since only awarded SPOs are read. A supplier is drawn at a point
     * inside its first registered territory (organisations have no address of their own).
     */
    async awardedLinks(code: string, limit = 500): Promise<AwardedLinkRow[]> {
      // Kept by delta (migration 0020), the largest first from the index.
      const { rows: found } = await sql<AwardedLinkRow>`
        SELECT k.spo_id, s.supplier_id, o.name AS supplier_name,
          a.id AS activity_id, a.title AS activity_title,
          ST_X(a.location) AS activity_lon, ST_Y(a.location) AS activity_lat,
          k.annual_pence::text AS annual_pence,
          (SELECT json_build_array(round(ST_X(p)::numeric, 5), round(ST_Y(p)::numeric, 5))
             FROM (SELECT ST_PointOnSurface(t.geom_display) AS p
                   FROM organisation_territories ot JOIN territories t ON t.code = ot.territory_code
                   WHERE ot.organisation_id = s.supplier_id
                   ORDER BY ot.territory_code LIMIT 1) home) AS supplier_at
        FROM (SELECT spo_id, activity_id, annual_pence FROM territory_coverage_links
              WHERE territory_code = ${code} AND lines > 0
              ORDER BY annual_pence DESC, spo_id, activity_id
              LIMIT ${limit}) k
        JOIN activities a ON a.id = k.activity_id
        JOIN spos s ON s.id = k.spo_id
        JOIN organisations o ON o.id = s.supplier_id
        ORDER BY k.annual_pence DESC, k.spo_id, k.activity_id`.execute(db);
      return found;
    },

    /** Committed value a year awarded in each month (UTC), for one territory, oldest first. */
    async monthly(code: string): Promise<{ month: string; pence: string }[]> {
      const { rows: found } = await sql<{ month: string; pence: string }>`
        SELECT month, committed_pence::text AS pence FROM territory_coverage_months
        WHERE territory_code = ${code} AND lines > 0
        ORDER BY month`.execute(db);
      return found;
    },

    /**
     * A buyer's private pipeline: what submitted, not yet awarded SPOs on its own tenders
     * commit a year, by territory of the activities. Never for anyone else.
     */
    async pipeline(buyerIds: string[]): Promise<Map<string, number>> {
      if (buyerIds.length === 0) return new Map();
      const { rows: found } = await sql<{ code: string; pence: string }>`
        SELECT a.territory_code AS code,
          sum(vl.annual_pence)::text AS pence
        FROM spos s
        JOIN tenders t ON t.id = s.tender_id
        JOIN spo_version_lines vl ON vl.spo_id = s.id AND vl.version = s.submitted_version
        JOIN activities a ON a.id = vl.activity_id
        WHERE s.status = 'submitted' AND t.buyer_id = ANY(${buyerIds}::uuid[])
          AND t.status IN ('open', 'evaluating')
          -- The buyer sees sealed bids only once the tender has closed, here as everywhere.
          AND t.closes_at <= now()
        GROUP BY 1`.execute(db);
      return new Map(found.map((r) => [r.code, Number(r.pence)]));
    },

    /** Which of these organisations are buyers. */
    async buyersAmong(ids: string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const found = await db
        .selectFrom('organisations')
        .select('id')
        .where('id', 'in', ids)
        .where('kind', '=', 'buyer')
        .execute();
      return found.map((r) => r.id);
    },
  };
}

export type CoverageRepo = ReturnType<typeof createCoverageRepo>;
