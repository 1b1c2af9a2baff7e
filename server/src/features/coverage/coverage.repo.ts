import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

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
  const rows = () => sql<CoverageRow>`
    SELECT t.code, t.name, t.nation, c.activities_listed, c.activities_supported,
      c.committed_pence::text AS committed_pence, c.committed_by_theme, c.committed_by_sector,
      c.funding_gap_pence::text AS funding_gap_pence, c.secondary, c.hex_cells,
      c.hex_cells_listed, c.hex_cells_supported, c.updated_at
    FROM territories t LEFT JOIN territory_coverage c ON c.territory_code = t.code`;

  return {
    /** Recomputes these territories' rows; called inside the transaction that changed them. */
    async refresh(codes: Iterable<string>): Promise<void> {
      for (const code of new Set(codes)) {
        await sql`SELECT refresh_territory_coverage(${code})`.execute(db);
      }
    },

    async refreshAll(): Promise<void> {
      await sql`SELECT refresh_territory_coverage(code) FROM territories`.execute(db);
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
        WHERE hc.territory_code = ${code}
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
      const { rows: found } = await sql<AwardedLinkRow>`
        SELECT al.spo_id, s.supplier_id, o.name AS supplier_name,
          a.id AS activity_id, a.title AS activity_title,
          ST_X(a.location) AS activity_lon, ST_Y(a.location) AS activity_lat,
          sum(al.annual_pence)::text AS annual_pence,
          (SELECT json_build_array(round(ST_X(p)::numeric, 5), round(ST_Y(p)::numeric, 5))
             FROM (SELECT ST_PointOnSurface(t.geom_display) AS p
                   FROM organisation_territories ot JOIN territories t ON t.code = ot.territory_code
                   WHERE ot.organisation_id = s.supplier_id
                   ORDER BY ot.territory_code LIMIT 1) home) AS supplier_at
        FROM awarded_lines al
        JOIN activities a ON a.id = al.activity_id
        JOIN spos s ON s.id = al.spo_id
        JOIN organisations o ON o.id = s.supplier_id
        WHERE a.territory_code = ${code}
        GROUP BY al.spo_id, s.supplier_id, o.name, a.id
        ORDER BY sum(al.annual_pence) DESC, al.spo_id, a.id
        LIMIT ${limit}`.execute(db);
      return found;
    },

    /** The territories an awarded SPO's sealed lines reach. */
    async territoriesOfAward(spoId: string): Promise<string[]> {
      const { rows: found } = await sql<{ code: string }>`
        SELECT DISTINCT a.territory_code AS code FROM awarded_lines al
        JOIN activities a ON a.id = al.activity_id WHERE al.spo_id = ${spoId}`.execute(db);
      return found.map((r) => r.code);
    },

    /** Committed value a year awarded in each month, for one territory, oldest first. */
    async monthly(code: string): Promise<{ month: string; pence: string }[]> {
      const { rows: found } = await sql<{ month: string; pence: string }>`
        SELECT to_char(date_trunc('month', al.awarded_at), 'YYYY-MM') AS month,
          sum(al.annual_pence)::text AS pence
        FROM awarded_lines al JOIN activities a ON a.id = al.activity_id
        WHERE a.territory_code = ${code}
        GROUP BY 1 ORDER BY 1`.execute(db);
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

    async territoryOfActivity(id: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('activities')
        .select('territory_code')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.territory_code;
    },
  };
}

export type CoverageRepo = ReturnType<typeof createCoverageRepo>;
