import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Geometry } from 'geojson';
import type {
  ActivityFilters,
  ActivityStatus,
  MeasureRef,
  Theme,
} from '@shared/schemas/activities';
import type { ActivitiesTable, Database } from '../../db/schema';
import {
  asGeoJson,
  latOf,
  lonOf,
  multiPolygonFromGeoJsonText,
  pointFromLonLatSql,
  territoryCovering,
  withinKm,
} from '../../db/geo';
import { MERCATOR_MAX_LAT, toTileUnits } from '@shared/geo';

type Bbox = readonly [number, number, number, number];

/** One activity to write, flattened to columns; the territory is not here on purpose. */
export interface ActivityWrite {
  id: string;
  provider_id: string;
  title: string;
  summary: string;
  description: string;
  themes: string[];
  category: string;
  priority_groups: string[];
  lon: number;
  lat: number;
  address: string;
  service_radius_km: number | null;
  /** GeoJSON text of a checked area, or null. */
  service_area: string | null;
  people_reached_per_year: number;
  outcomes: unknown;
  evidence: unknown;
  costs_avoided: unknown;
  funding_gap_pence: number;
  volunteer_hours_per_year: number;
  in_kind: string[];
  capacity_pence: number;
  status: ActivityStatus;
  at_risk_until: string | null;
  is_demo: boolean;
}

/** Columns a PATCH may change (location and measures have their own calls). */
export type ActivityChanges = Partial<
  Omit<
    ActivityWrite,
    'id' | 'provider_id' | 'lon' | 'lat' | 'is_demo' | 'service_radius_km' | 'service_area'
  >
>;

/** The statuses the map and list show unless asked for others. */
export const DEFAULT_STATUSES: ActivityStatus[] = ['active', 'at_risk'];

type ActivityQuery<O> = SelectQueryBuilder<Database & { a: ActivitiesTable }, 'a', O>;

/** Narrows a query on `activities as a` by the shared filters (and a box, if given). */
export function applyActivityFilters<O>(
  query: ActivityQuery<O>,
  f: ActivityFilters & { bbox?: Bbox | undefined },
): ActivityQuery<O> {
  let q = query.where('a.status', 'in', f.status ?? DEFAULT_STATUSES);
  if (f.bbox) q = inTileBox(q, f.bbox);
  if (f.territory) q = q.where('a.territory_code', '=', f.territory);
  if (f.theme) q = q.where(sql<boolean>`${f.theme} = ANY(a.themes)`);
  if (f.category) q = q.where('a.category', '=', f.category);
  if (f.group) q = q.where(sql<boolean>`${f.group} = ANY(a.priority_groups)`);
  if (f.measure) {
    const code = f.measure;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('activity_measures as m')
          .select(sql`1`.as('one'))
          .whereRef('m.activity_id', '=', 'a.id')
          .where(sql<boolean>`lower(m.measure_code) = lower(${code})`),
      ),
    );
  }
  if (f.need === 'funding') q = q.where(sql<boolean>`a.funding_gap_pence > 0`);
  if (f.need === 'volunteers') q = q.where('a.volunteer_hours_per_year', '>', 0);
  if (f.need === 'in_kind') q = q.where(sql<boolean>`cardinality(a.in_kind) > 0`);
  if (f.atRisk) q = q.where('a.status', '=', 'at_risk');
  if (f.q) q = q.where(sql<boolean>`a.search @@ websearch_to_tsquery('english', ${f.q})`);
  if (f.near && f.km) q = q.where(withinKm('a.location', f.near[0], f.near[1], f.km));
  if (f.provider) q = q.where('a.provider_id', '=', f.provider);
  return q;
}

/** A lon/lat box in tile units: [x0, y0, x1, y1], y growing southwards. */
function tileBox([west, south, east, north]: Bbox): [number, number, number, number] {
  // Mercator stops short of the poles; a box reaching them reaches the edge of the square.
  const clamp = (lat: number) => Math.max(-MERCATOR_MAX_LAT, Math.min(MERCATOR_MAX_LAT, lat));
  const [x0, y0] = toTileUnits(west, clamp(north));
  const [x1, y1] = toTileUnits(east, clamp(south));
  return [x0, y0, x1, y1];
}

/**
 * The finest level kept in activity_map_cells (migration 0018): cells of side 2^-12 in tile
 * units, the map's cells at zoom 10. Levels 2 (zoom 0) to this one are kept.
 */
export const MAP_CELL_FINEST = 12;

/**
 * Narrows to a lon/lat box through the Web Mercator columns: the same box (Mercator keeps
 * longitude and latitude lines straight), read from the narrow map index.
 */
function inTileBox<O>(query: ActivityQuery<O>, bbox: Bbox): ActivityQuery<O> {
  const [x0, y0, x1, y1] = tileBox(bbox);
  return query
    .where('a.merc_x', '>=', x0)
    .where('a.merc_x', '<=', x1)
    .where('a.merc_y', '>=', y0)
    .where('a.merc_y', '<=', y1);
}

const pointColumns = [
  'a.id',
  'a.title',
  'a.category',
  'a.themes',
  'a.status',
  sql<string>`a.funding_gap_pence::text`.as('funding_gap_pence'),
  lonOf('a.location').as('lon'),
  latOf('a.location').as('lat'),
] as const;

/** Activities and the TOMs measures they evidence. Only this file touches their tables. */
export function createActivitiesRepo(db: Kysely<Database>) {
  const summaryColumns = (q: ActivityQuery<object>) =>
    q
      .innerJoin('organisations as o', 'o.id', 'a.provider_id')
      .innerJoin('territories as t', 't.code', 'a.territory_code')
      .select([
        'a.id',
        'a.title',
        'a.summary',
        'a.category',
        'a.themes',
        'a.status',
        sql<string | null>`a.at_risk_until::text`.as('at_risk_until'),
        'a.territory_code',
        't.name as territory_name',
        'a.provider_id',
        'o.name as provider_name',
        'o.verified as provider_verified',
        'o.is_demo as provider_demo',
        lonOf('a.location').as('lon'),
        latOf('a.location').as('lat'),
        sql<string>`a.funding_gap_pence::text`.as('funding_gap_pence'),
        'a.volunteer_hours_per_year',
        'a.people_reached_per_year',
        'a.is_demo',
      ]);

  return {
    /**
     * Inserts activities in one statement, each with the territory covering its point, and
     * answers the ids inserted. A row whose point no territory covers is left out.
     */
    async insert(rows: ActivityWrite[]): Promise<Set<string>> {
      if (rows.length === 0) return new Set();
      const recordset = sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
          id uuid, provider_id uuid, title text, summary text, description text, themes text[],
          category text, priority_groups text[], lon float8, lat float8, address text,
          service_radius_km numeric, service_area text, people_reached_per_year int,
          outcomes jsonb, evidence jsonb, costs_avoided jsonb, funding_gap_pence bigint,
          volunteer_hours_per_year int, in_kind text[], capacity_pence bigint, status text,
          at_risk_until date, is_demo boolean)`;
      const point = pointFromLonLatSql(sql.ref('r.lon'), sql.ref('r.lat'));
      const result = await sql<{ id: string }>`
        INSERT INTO activities (id, provider_id, title, summary, description, themes, category,
          priority_groups, location, address, territory_code, service_radius_km, service_area,
          people_reached_per_year, outcomes, evidence, costs_avoided, funding_gap_pence,
          volunteer_hours_per_year, in_kind, capacity_pence, status, at_risk_until, is_demo)
        SELECT * FROM (
          SELECT r.id, r.provider_id, r.title, r.summary, r.description, r.themes, r.category,
            r.priority_groups, ${point} AS location, r.address,
            ${territoryCovering(point)} AS territory_code, r.service_radius_km,
            CASE WHEN r.service_area IS NULL THEN NULL
              ELSE ${multiPolygonFromGeoJsonText(sql.ref('r.service_area'))} END,
            r.people_reached_per_year, r.outcomes, r.evidence, r.costs_avoided,
            r.funding_gap_pence, r.volunteer_hours_per_year, r.in_kind, r.capacity_pence,
            r.status, r.at_risk_until, r.is_demo
          FROM ${recordset}
        ) placed
        WHERE placed.territory_code IS NOT NULL
        RETURNING id`.execute(db);
      return new Set(result.rows.map((r) => r.id));
    },

    /**
     * Moves an activity and re-derives its territory in the same statement. False when no
     * territory covers the new point (nothing changes).
     */
    async move(id: string, lon: number, lat: number): Promise<boolean> {
      const point = pointFromLonLatSql(sql`${lon}::float8`, sql`${lat}::float8`);
      const result = await db
        .updateTable('activities')
        .set({
          location: point,
          territory_code: sql<string>`${territoryCovering(point)}`,
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .where(sql<boolean>`EXISTS ${territoryCovering(point)}`)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async update(id: string, changes: ActivityChanges): Promise<void> {
      const set: Record<string, unknown> = { ...changes, updated_at: sql`now()` };
      for (const key of ['outcomes', 'evidence', 'costs_avoided'] as const) {
        if (key in changes) set[key] = JSON.stringify(changes[key]);
      }
      await db.updateTable('activities').set(set).where('id', '=', id).execute();
    },

    async setServiceArea(
      id: string,
      area: { radiusKm: number } | { geometry: Geometry } | null,
    ): Promise<void> {
      await db
        .updateTable('activities')
        .set({
          service_radius_km: area && 'radiusKm' in area ? String(area.radiusKm) : null,
          service_area:
            area && 'geometry' in area
              ? multiPolygonFromGeoJsonText(sql`${JSON.stringify(area.geometry)}::text`)
              : null,
        })
        .where('id', '=', id)
        .execute();
    },

    /** Replaces the measures an activity evidences. */
    async setMeasures(activityId: string, measures: Required<MeasureRef>[]): Promise<void> {
      await db.deleteFrom('activity_measures').where('activity_id', '=', activityId).execute();
      await this.addMeasures(
        measures.map((m) => ({
          activity_id: activityId,
          framework_id: m.framework,
          measure_code: m.code,
        })),
      );
    },

    async addMeasures(
      rows: { activity_id: string; framework_id: string; measure_code: string }[],
    ): Promise<void> {
      for (let i = 0; i < rows.length; i += 5000) {
        await db
          .insertInto('activity_measures')
          .values(rows.slice(i, i + 5000))
          .execute();
      }
    },

    /** The references among these that name no measure, as `framework code` strings. */
    async unknownMeasures(refs: Required<MeasureRef>[]): Promise<Set<string>> {
      if (refs.length === 0) return new Set();
      const found = await db
        .selectFrom('toms_measures')
        .select(['framework_id', 'code'])
        .where((eb) =>
          eb.or(
            refs.map((r) =>
              eb.and([eb('framework_id', '=', r.framework), eb('code', '=', r.code)]),
            ),
          ),
        )
        .execute();
      const known = new Set(found.map((m) => `${m.framework_id} ${m.code}`));
      return new Set(refs.map((r) => `${r.framework} ${r.code}`).filter((k) => !known.has(k)));
    },

    /** Whether any framework has a measure with this code (as the filter matches it). */
    async measureCodeExists(code: string): Promise<boolean> {
      const row = await db
        .selectFrom('toms_measures')
        .select(sql`1`.as('one'))
        .where(sql<boolean>`lower(code) = lower(${code})`)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    findById(id: string) {
      return db
        .selectFrom('activities as a')
        .innerJoin('organisations as o', 'o.id', 'a.provider_id')
        .innerJoin('territories as t', 't.code', 'a.territory_code')
        .select([
          'a.id',
          'a.provider_id',
          'o.name as provider_name',
          'o.verified as provider_verified',
          'o.is_demo as provider_demo',
          'a.title',
          'a.summary',
          'a.description',
          'a.themes',
          'a.category',
          'a.priority_groups',
          lonOf('a.location').as('lon'),
          latOf('a.location').as('lat'),
          'a.address',
          'a.territory_code',
          't.name as territory_name',
          sql<string | null>`a.service_radius_km::text`.as('service_radius_km'),
          sql<Geometry | null>`CASE WHEN a.service_area IS NULL THEN NULL ELSE ${asGeoJson('a.service_area')} END`.as(
            'service_area',
          ),
          'a.people_reached_per_year',
          'a.outcomes',
          'a.evidence',
          'a.costs_avoided',
          sql<string>`a.funding_gap_pence::text`.as('funding_gap_pence'),
          'a.volunteer_hours_per_year',
          'a.in_kind',
          sql<string>`a.capacity_pence::text`.as('capacity_pence'),
          'a.status',
          sql<string | null>`a.at_risk_until::text`.as('at_risk_until'),
          'a.is_demo',
          'a.version',
          'a.created_at',
          'a.updated_at',
        ])
        .where('a.id', '=', id)
        .executeTakeFirst();
    },

    measuresOf(activityId: string) {
      return db
        .selectFrom('activity_measures as am')
        .innerJoin('toms_measures as m', (j) =>
          j.onRef('m.framework_id', '=', 'am.framework_id').onRef('m.code', '=', 'am.measure_code'),
        )
        .select([
          'm.framework_id',
          'm.code',
          'm.measure',
          'm.unit',
          sql<string>`m.proxy_value_gbp::text`.as('proxy_value_gbp'),
        ])
        .where('am.activity_id', '=', activityId)
        .orderBy('m.framework_id')
        .orderBy('m.code')
        .execute();
    },

    /**
     * The activity's status and edit number, its row locked until the transaction ends (for
     * final states and out-of-date edits).
     */
    async lockStatus(id: string): Promise<{ status: string; version: number } | undefined> {
      return db
        .selectFrom('activities')
        .select(['status', 'version'])
        .where('id', '=', id)
        .forNoKeyUpdate()
        .executeTakeFirst();
    },

    /** Counts one more edit. */
    async nextVersion(id: string): Promise<void> {
      await db
        .updateTable('activities')
        .set({ version: sql`version + 1`, updated_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    },

    /** The provider and status of an activity, for policies; undefined if there is none. */
    ownership(id: string) {
      return db
        .selectFrom('activities')
        .select(['provider_id', 'status', 'at_risk_until'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** A page of matching activities (best text matches first, else by title) and the total. */
    async list(f: ActivityFilters & { bbox?: Bbox | undefined }, page: number, pageSize: number) {
      const base = applyActivityFilters(db.selectFrom('activities as a'), f);
      let rowsQuery = summaryColumns(base);
      if (f.q) {
        rowsQuery = rowsQuery.orderBy(
          sql`ts_rank(a.search, websearch_to_tsquery('english', ${f.q}))`,
          'desc',
        );
      }
      const [rows, count] = await Promise.all([
        rowsQuery
          .orderBy(sql`lower(a.title)`)
          .orderBy('a.id')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: count.n };
    },

    /**
     * Matching activities in the box grouped into square cells of `cell` (in 0–1 Web
     * Mercator units): per cell a count, the summed funding gap, the mean position and the
     * extent (in the same units), and `one_seq` naming one activity of the cell.
     */
    clusters(f: ActivityFilters, bbox: Bbox, cell: number) {
      return inTileBox(applyActivityFilters(db.selectFrom('activities as a'), f), bbox)
        .select([
          sql<number>`count(*)::int`.as('count'),
          sql<string>`sum(a.funding_gap_pence)::text`.as('funding_gap_pence'),
          sql<number>`avg(a.merc_x)`.as('x'),
          sql<number>`avg(a.merc_y)`.as('y'),
          sql<number>`min(a.merc_x)`.as('min_x'),
          sql<number>`min(a.merc_y)`.as('min_y'),
          sql<number>`max(a.merc_x)`.as('max_x'),
          sql<number>`max(a.merc_y)`.as('max_y'),
          sql<string>`min(a.seq)::text`.as('one_seq'),
        ])
        .groupBy([
          sql`floor(a.merc_x / ${cell}::float8)::int`,
          sql`floor(a.merc_y / ${cell}::float8)::int`,
        ])
        .execute();
    },

    /**
     * As `clusters()`, for a box at a zoom whose cells are kept in activity_map_cells (level
     * `level` ≤ MAP_CELL_FINEST), for the activities of these statuses (and theme): the same
     * figures, from stored cells where a whole cell lies in the box and from live rows only
     * in the strips, thinner than a finest cell, along the box's edges.
     */
    async cellClusters(
      { statuses, theme }: { statuses: ActivityStatus[]; theme: Theme | undefined },
      bbox: Bbox,
      level: number,
    ) {
      const [x0, y0, x1, y1] = tileBox(bbox);
      const scale = 2 ** MAP_CELL_FINEST;
      // The finest cells wholly in the box: [fx0, fx1) × [fy0, fy1). A cell is half-open, so
      // one ending on the box's (closed) edge is inside.
      const fx0 = Math.ceil(x0 * scale);
      const fy0 = Math.ceil(y0 * scale);
      const fx1 = Math.floor(x1 * scale);
      const fy1 = Math.floor(y1 * scale);
      const themeKey = theme ?? '';
      const shift = MAP_CELL_FINEST - level;
      const k = 2 ** shift;
      const cellRows = (
        at: number,
        by: number,
        [cx0, cx1]: [number, number],
        [cy0, cy1]: [number, number],
      ) =>
        db
          .selectFrom('activity_map_cells as c')
          .select([
            sql<number>`c.cx >> ${by}::int`.as('cx'),
            sql<number>`c.cy >> ${by}::int`.as('cy'),
            'c.n',
            'c.funding_gap_pence as gap',
            'c.sum_x',
            'c.sum_y',
            'c.min_x',
            'c.min_y',
            'c.max_x',
            'c.max_y',
            'c.one_seq',
          ])
          .where('c.level', '=', at)
          .where('c.theme', '=', themeKey)
          .where(sql<boolean>`c.status = ANY(${statuses}::text[])`)
          .where('c.cx', '>=', cx0)
          .where('c.cx', '<', cx1)
          .where('c.cy', '>=', cy0)
          .where('c.cy', '<', cy1);
      const cellSize = sql`${2 ** level}::float8`;
      // Live rows in [xa, xb) × [ya, yb), each end closed instead where it is the box's own.
      const liveRows = (
        [xa, xb, xbClosed]: [number, number, boolean],
        [ya, yb, ybClosed]: [number, number, boolean],
      ) =>
        applyActivityFilters(db.selectFrom('activities as a'), { status: statuses, theme })
          .where('a.merc_x', '>=', xa)
          .where('a.merc_x', xbClosed ? '<=' : '<', xb)
          .where('a.merc_y', '>=', ya)
          .where('a.merc_y', ybClosed ? '<=' : '<', yb)
          .select([
            sql<number>`floor(a.merc_x * ${cellSize})::int`.as('cx'),
            sql<number>`floor(a.merc_y * ${cellSize})::int`.as('cy'),
            sql<number>`1`.as('n'),
            'a.funding_gap_pence as gap',
            'a.merc_x as sum_x',
            'a.merc_y as sum_y',
            'a.merc_x as min_x',
            'a.merc_y as min_y',
            'a.merc_x as max_x',
            'a.merc_y as max_y',
            'a.seq as one_seq',
          ]);

      const parts: (ReturnType<typeof cellRows> | ReturnType<typeof liveRows>)[] = [];
      // Empty ranges are left out: each part of the union costs planning time.
      const isEmpty = ([a, b, closed]: [number, number, boolean]) => (closed ? a > b : a >= b);
      const live = (x: [number, number, boolean], y: [number, number, boolean]) => {
        if (!isEmpty(x) && !isEmpty(y)) parts.push(liveRows(x, y));
      };
      const stored = (at: number, by: number, x: [number, number], y: [number, number]) => {
        if (x[0] < x[1] && y[0] < y[1]) parts.push(cellRows(at, by, x, y));
      };
      if (fx0 >= fx1 || fy0 >= fy1) {
        // No finest cell fits: the box is the live rows'.
        live([x0, x1, true], [y0, y1, true]);
      } else {
        const [rx0, rx1, ry0, ry1] = [fx0 / scale, fx1 / scale, fy0 / scale, fy1 / scale];
        live([x0, rx0, false], [y0, y1, true]);
        live([rx1, x1, true], [y0, y1, true]);
        live([rx0, rx1, false], [y0, ry0, false]);
        live([rx0, rx1, false], [ry1, y1, true]);
        // The answer's cells wholly in [fx0, fx1) × [fy0, fy1), from their own level; the
        // rest of that rectangle, a ring thinner than one answer cell, from finest cells.
        const ax0 = Math.ceil(fx0 / k);
        const ay0 = Math.ceil(fy0 / k);
        const ax1 = Math.floor(fx1 / k);
        const ay1 = Math.floor(fy1 / k);
        if (ax0 >= ax1 || ay0 >= ay1) {
          stored(MAP_CELL_FINEST, shift, [fx0, fx1], [fy0, fy1]);
        } else {
          const [ix0, ix1, iy0, iy1] = [ax0 * k, ax1 * k, ay0 * k, ay1 * k];
          stored(level, 0, [ax0, ax1], [ay0, ay1]);
          stored(MAP_CELL_FINEST, shift, [fx0, ix0], [fy0, fy1]);
          stored(MAP_CELL_FINEST, shift, [ix1, fx1], [fy0, fy1]);
          stored(MAP_CELL_FINEST, shift, [ix0, ix1], [fy0, iy0]);
          stored(MAP_CELL_FINEST, shift, [ix0, ix1], [iy1, fy1]);
        }
      }
      if (parts.length === 0) return [];
      const union = sql.join(
        parts.map((part) => sql`(${part})`),
        sql` UNION ALL `,
      );
      const { rows } = await sql<{
        count: number;
        funding_gap_pence: string;
        x: number;
        y: number;
        min_x: number;
        min_y: number;
        max_x: number;
        max_y: number;
        one_seq: string;
      }>`
        SELECT sum(p.n)::int AS count, sum(p.gap)::text AS funding_gap_pence,
          sum(p.sum_x) / sum(p.n) AS x, sum(p.sum_y) / sum(p.n) AS y,
          min(p.min_x) AS min_x, min(p.min_y) AS min_y, max(p.max_x) AS max_x,
          max(p.max_y) AS max_y, min(p.one_seq)::text AS one_seq
        FROM (${union}) p
        GROUP BY p.cx, p.cy`.execute(db);
      return rows;
    },

    /** Matching activities in the box, one by one, at most `limit` of them. */
    points(f: ActivityFilters, bbox: Bbox, limit: number) {
      return inTileBox(applyActivityFilters(db.selectFrom('activities as a'), f), bbox)
        .select(pointColumns)
        .orderBy('a.seq')
        .limit(limit)
        .execute();
    },

    /** The map details of these activities (cells holding just one), by `seq`. */
    pointsBySeq(seqs: string[]) {
      if (seqs.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('activities as a')
        .select([...pointColumns, sql<string>`a.seq::text`.as('seq')])
        .where(sql<boolean>`a.seq = ANY(${seqs}::bigint[])`)
        .execute();
    },

    /** How many matching activities lie in the box. */
    async count(f: ActivityFilters, bbox: Bbox): Promise<number> {
      const row = await inTileBox(applyActivityFilters(db.selectFrom('activities as a'), f), bbox)
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      return row.n;
    },

    async countAll(): Promise<number> {
      const row = await db
        .selectFrom('activities')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      return row.n;
    },

    /**
     * Deletes the demo activities no SPO names (their measures go with them) and answers
     * those kept, with their providers. An SPO's live lines and its sealed versions are a
     * supplier's history: the activities they name stay.
     */
    async deleteDemoOutsideSpos(): Promise<{ id: string; providerId: string }[]> {
      await sql`
        DELETE FROM activities a
        WHERE a.is_demo
          AND NOT EXISTS (SELECT 1 FROM spo_lines sl WHERE sl.activity_id = a.id)
          AND NOT EXISTS (SELECT 1 FROM spo_version_lines vl WHERE vl.activity_id = a.id)`.execute(
        db,
      );
      const kept = await db
        .selectFrom('activities')
        .select(['id', 'provider_id'])
        .where('is_demo', '=', true)
        .execute();
      return kept.map((k) => ({ id: k.id, providerId: k.provider_id }));
    },

    /** Hands demo activities to another provider (the demo account's own organisation). */
    async reassign(ids: string[], providerId: string): Promise<void> {
      if (ids.length === 0) return;
      await db
        .updateTable('activities')
        .set({ provider_id: providerId })
        .where('id', 'in', ids)
        .execute();
    },

    /** The organisation's kind, for checking an activity's provider is a provider. */
    organisationKind(id: string) {
      return db.selectFrom('organisations').select('kind').where('id', '=', id).executeTakeFirst();
    },
  };
}

export type ActivitiesRepo = ReturnType<typeof createActivitiesRepo>;
