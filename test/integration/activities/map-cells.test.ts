import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { ActivityStatus, Theme } from '@shared/schemas/activities';
import { buildActivity } from '../../../seed/factories';
import { toActivityWrite } from '../../../server/src/features/activities/activities.service';
import {
  createActivitiesRepo,
  MAP_CELL_FINEST,
  type ActivitiesRepo,
} from '../../../server/src/features/activities/activities.repo';
import { createOrganisationsRepo } from '../../../server/src/features/organisations/organisations.repo';
import { createTestApp, type TestApp } from '../../support/test-app';

/**
 * The stored map cells (migration 0018) against the live grouping they stand in for: after
 * any inserts, moves, theme, status and gap changes and deletes, a map answer read from them
 * is the live one, and every stored cell is what grouping the rows afresh gives.
 */
let t: TestApp;
let repo: ActivitiesRepo;
let providerId: string;

const THEMES: Theme[] = ['healthier', 'safer', 'more_resilient'];
const STATUSES: ActivityStatus[] = ['active', 'at_risk', 'paused', 'closed'];
// England and Wales inland, where a territory covers every point; clustered around a few
// towns so that cells hold many activities, as well as some alone.
const TOWNS: [number, number][] = [
  [-1.2577, 51.752],
  [-2.2426, 53.4808],
  [-1.5491, 53.8008],
  [-1.8904, 52.4862],
];

const unit = fc.double({ min: -0.5, max: 0.5, noNaN: true });
const place = fc
  .tuple(fc.constantFrom(...TOWNS), unit, unit, fc.boolean())
  .map(([[lon, lat], dx, dy, near]) => {
    const spread = near ? 0.05 : 0.8;
    return { lon: lon + dx * spread, lat: lat + dy * spread * 0.6 };
  });
const themes = fc.subarray(THEMES, { minLength: 1 });
const status = fc.constantFrom(...STATUSES);
const gap = fc.integer({ min: 0, max: 5_000_000 });
const activity = fc.record({ location: place, themes, status, gap });
type Generated = {
  location: { lon: number; lat: number };
  themes: Theme[];
  status: ActivityStatus;
  gap: number;
};

type Edit =
  | { kind: 'insert'; a: Generated }
  | { kind: 'move'; pick: number; location: { lon: number; lat: number } }
  | { kind: 'themes'; pick: number; themes: Theme[] }
  | { kind: 'status'; pick: number; status: ActivityStatus }
  | { kind: 'gap'; pick: number; gap: number }
  | { kind: 'delete'; pick: number };

const pick = fc.nat();
const edit: fc.Arbitrary<Edit> = fc.oneof(
  activity.map((a) => ({ kind: 'insert' as const, a })),
  fc.record({ kind: fc.constant('move' as const), pick, location: place }),
  fc.record({ kind: fc.constant('themes' as const), pick, themes }),
  fc.record({ kind: fc.constant('status' as const), pick, status }),
  fc.record({ kind: fc.constant('gap' as const), pick, gap }),
  fc.record({ kind: fc.constant('delete' as const), pick }),
);

function write(a: Generated) {
  const input = buildActivity({
    location: a.location,
    themes: a.themes,
    status: a.status === 'at_risk' ? 'at_risk' : 'active',
    ...(a.status === 'at_risk' ? { atRiskUntil: '2099-01-31' } : {}),
    needs: { fundingGapPence: a.gap, volunteerHoursPerYear: 0, inKind: [] },
  });
  return { ...toActivityWrite(input, providerId), status: a.status };
}

async function ids(): Promise<string[]> {
  const rows = await t.database.db.selectFrom('activities').select('id').orderBy('seq').execute();
  return rows.map((r) => r.id);
}

async function apply(e: Edit): Promise<void> {
  if (e.kind === 'insert') {
    await repo.insert([write(e.a)]);
    return;
  }
  const all = await ids();
  if (all.length === 0) return;
  const id = all[e.pick % all.length]!;
  if (e.kind === 'move') await repo.move(id, e.location.lon, e.location.lat);
  if (e.kind === 'themes') await repo.update(id, { themes: e.themes });
  if (e.kind === 'status')
    await repo.update(id, {
      status: e.status,
      at_risk_until: e.status === 'at_risk' ? '2099-01-31' : null,
    });
  if (e.kind === 'gap') await repo.update(id, { funding_gap_pence: e.gap });
  if (e.kind === 'delete')
    await t.database.db.deleteFrom('activities').where('id', '=', id).execute();
}

/** Every stored cell, against the cells grouped afresh from the rows, at every level. */
async function storedAgainstFresh() {
  const fresh = await sql<Record<string, unknown>>`
    SELECT l.level, t.theme, floor(a.merc_x * 2 ^ l.level)::int AS cx,
      floor(a.merc_y * 2 ^ l.level)::int AS cy, a.status, count(*)::int AS n,
      sum(a.funding_gap_pence)::text AS gap, sum(a.merc_x) AS sum_x, sum(a.merc_y) AS sum_y,
      min(a.merc_x) AS min_x, min(a.merc_y) AS min_y, max(a.merc_x) AS max_x,
      max(a.merc_y) AS max_y, min(a.seq)::text AS one_seq
    FROM activities a CROSS JOIN LATERAL unnest(ARRAY[''] || a.themes) AS t(theme)
      CROSS JOIN generate_series(2, ${MAP_CELL_FINEST}::int) AS l(level)
    GROUP BY 1, 2, 3, 4, 5`.execute(t.database.db);
  const stored = await sql<Record<string, unknown>>`
    SELECT level, theme, cx, cy, status, n, funding_gap_pence::text AS gap, sum_x, sum_y,
      min_x, min_y, max_x, max_y, one_seq::text AS one_seq
    FROM activity_map_cells`.execute(t.database.db);
  return { fresh: normalise(fresh.rows), stored: normalise(stored.rows) };
}

/** Rows in a stable order, sums rounded past float noise (summing order differs). */
function normalise(rows: Record<string, unknown>[]) {
  return rows
    .map((r) => ({
      key: [Number(r.level), String(r.theme), Number(r.cx), Number(r.cy), String(r.status)],
      n: Number(r.n),
      gap: String(r.gap),
      sums: [r.sum_x, r.sum_y].map((v) => Number(Number(v).toPrecision(12))),
      extent: [r.min_x, r.min_y, r.max_x, r.max_y].map(Number),
      oneSeq: String(r.one_seq),
    }))
    .sort((a, b) => JSON.stringify(a.key).localeCompare(JSON.stringify(b.key)));
}

type Cell = Awaited<ReturnType<ActivitiesRepo['clusters']>>[number];

/** Cells by their extent (unique: cells do not overlap), means rounded past float noise. */
const comparable = (cells: Cell[]) =>
  cells
    .map((c) => ({
      ...c,
      count: Number(c.count),
      x: Number(Number(c.x).toPrecision(12)),
      y: Number(Number(c.y).toPrecision(12)),
    }))
    .sort((a, b) => a.min_x - b.min_x || a.min_y - b.min_y);

const box = fc
  .tuple(
    fc.double({ min: -3.5, max: -0.5, noNaN: true }),
    fc.double({ min: 51, max: 54, noNaN: true }),
    fc.double({ min: 0.01, max: 4, noNaN: true }),
  )
  .map(([west, south, size]) => [west, south, west + size, south + size / 1.6] as const);

const query = fc.record({
  level: fc.integer({ min: 2, max: MAP_CELL_FINEST }),
  theme: fc.option(fc.constantFrom(...THEMES), { nil: undefined }),
  statuses: fc.subarray(STATUSES, { minLength: 1 }),
  bbox: box,
});

beforeAll(async () => {
  t = await createTestApp();
  repo = createActivitiesRepo(t.database.db);
  providerId = randomUUID();
  await createOrganisationsRepo(t.database.db).insertMany([
    {
      id: providerId,
      kind: 'provider',
      name: 'Map cells test provider',
      registeredId: null,
      territory: 'E23000029',
      verified: true,
      isDemo: false,
    },
  ]);
});

afterAll(async () => {
  await t.close();
});

describe('stored map cells', () => {
  it('stay what grouping the rows afresh gives, after any inserts and edits (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(activity, { minLength: 0, maxLength: 40 }),
        fc.array(edit, { maxLength: 25 }),
        async (catalogue, edits) => {
          await t.database.db.deleteFrom('activities').execute();
          // One statement for the catalogue, as a bulk load writes it, then edit by edit.
          await repo.insert(catalogue.map(write));
          for (const e of edits) await apply(e);
          const { fresh, stored } = await storedAgainstFresh();
          expect(stored).toEqual(fresh);
        },
      ),
      { numRuns: 25, seed: 19 },
    );
  });

  it('answer the map as the live grouping does, for any box, zoom, theme and statuses (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(activity, { minLength: 1, maxLength: 60 }),
        fc.array(edit, { maxLength: 10 }),
        fc.array(query, { minLength: 1, maxLength: 6 }),
        async (catalogue, edits, queries) => {
          await t.database.db.deleteFrom('activities').execute();
          await repo.insert(catalogue.map(write));
          for (const e of edits) await apply(e);
          for (const q of queries) {
            const fromCells = await repo.cellClusters(
              { statuses: q.statuses, theme: q.theme },
              q.bbox,
              q.level,
            );
            const live = await repo.clusters(
              { status: q.statuses, theme: q.theme },
              q.bbox,
              2 ** -q.level,
            );
            expect(comparable(fromCells)).toEqual(comparable(live));
          }
        },
      ),
      { numRuns: 25, seed: 20 },
    );
  });

  it('answer boxes whose edges fall on cell edges and a hair beside them as the live grouping', async () => {
    await t.database.db.deleteFrom('activities').execute();
    const catalogue = fc.sample(activity, { numRuns: 200, seed: 3 });
    await repo.insert(catalogue.map(write));
    // Box edges exactly on a finest cell's edge, and 1e-12 either side of it.
    const scale = 2 ** MAP_CELL_FINEST;
    const rows = await t.database.db
      .selectFrom('activities')
      .select(['merc_x', 'merc_y'])
      .limit(20)
      .execute();
    for (const { merc_x, merc_y } of rows) {
      for (const nudge of [-1e-12, 0, 1e-12]) {
        const [x, y] = [Math.floor(merc_x * scale) / scale, Math.floor(merc_y * scale) / scale];
        const lon = (x + nudge) * 360 - 180;
        const lat = (Math.atan(Math.sinh(Math.PI * (1 - 2 * (y + nudge)))) * 180) / Math.PI;
        for (const bbox of [
          [lon, lat - 1, lon + 1, lat] as const,
          [lon - 1, lat - 1, lon, lat] as const,
          [lon - 1, lat - 1, lon, lat + 0.5] as const,
        ]) {
          for (const level of [2, 6, 8, 10, 11, MAP_CELL_FINEST]) {
            const filters = {
              statuses: ['active', 'at_risk'] as ActivityStatus[],
              theme: undefined,
            };
            const fromCells = await repo.cellClusters(filters, bbox, level);
            const live = await repo.clusters({}, bbox, 2 ** -level);
            expect(comparable(fromCells)).toEqual(comparable(live));
          }
        }
      }
    }
  });
});
