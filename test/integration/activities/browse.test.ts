import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as turf from '@turf/turf';
import fc from 'fast-check';
import request from 'supertest';
import {
  bboxFitsZoom,
  mapZoomFor,
  MAP_MAX_PX,
  type ActivityCreateInput,
  type ActivityMap,
  type ActivitySummary,
  type ActivityView,
} from '@shared/schemas/activities';
import { fromTileUnits, toTileUnits } from '@shared/geo';
import type { Page } from '@shared/schemas/accounts';
import { buildActivity, buildOrganisation } from '../../../seed/factories';
import { orgOf, signUp, type SignedIn } from '../../support/accounts';
import { createTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
let owner: SignedIn;
let providerId: string;
/** What was created, as the API answered it. */
let fixtures: ActivityView[] = [];

const UK = '-9,49.5,2.5,61';
const noNeeds = { fundingGapPence: 0, volunteerHoursPerYear: 0, inKind: [] };

/** Activities that differ in every filtered field, in four territories and three nations. */
const FIXTURES: Partial<ActivityCreateInput>[] = [
  {
    title: 'Boxing club for young people',
    themes: ['safer'],
    category: 'youth_diversion',
    location: { lon: -1.2577, lat: 51.752 },
    priorityGroups: ['young_people_at_risk'],
  },
  {
    title: 'Boxing and fitness for veterans',
    themes: ['healthier'],
    category: 'sport_and_physical_activity',
    location: { lon: -1.2, lat: 51.76 },
    priorityGroups: ['veterans'],
    measures: [{ code: 'NT1' }],
  },
  {
    title: 'Food bank and pantry',
    themes: ['more_resilient'],
    category: 'food_poverty',
    location: { lon: -0.1276, lat: 51.5072 },
    needs: { fundingGapPence: 0, volunteerHoursPerYear: 900, inKind: [] },
    priorityGroups: ['low_income_families'],
    measures: [{ code: 'NT28' }],
  },
  {
    title: 'Refuge outreach',
    themes: ['safer', 'healthier'],
    category: 'domestic_abuse_support',
    location: { lon: -0.09, lat: 51.52 },
    status: 'at_risk',
    atRiskUntil: '2099-06-30',
    priorityGroups: ['survivors_of_domestic_abuse'],
  },
  {
    title: 'Recovery cafe',
    themes: ['healthier'],
    category: 'substance_misuse',
    location: { lon: -4.2518, lat: 55.8642 },
    needs: { fundingGapPence: 0, volunteerHoursPerYear: 0, inKind: ['Coffee machine'] },
    priorityGroups: ['people_in_recovery'],
    measures: [{ code: 'NT29' }, { code: 'NT1' }],
  },
  {
    title: 'Digital skills drop-in',
    themes: ['more_resilient'],
    category: 'digital_inclusion',
    location: { lon: -3.1791, lat: 51.4816 },
    needs: noNeeds,
    priorityGroups: ['older_people'],
  },
  {
    title: 'Paused walking group',
    themes: ['healthier'],
    category: 'older_people_and_isolation',
    location: { lon: -1.25, lat: 51.75 },
    status: 'paused',
  },
  {
    title: 'Mentoring for care leavers',
    themes: ['more_resilient', 'safer'],
    category: 'education_and_mentoring',
    location: { lon: -1.26, lat: 51.755 },
    priorityGroups: ['care_leavers', 'young_people_at_risk'],
    status: 'at_risk',
    atRiskUntil: '2099-01-31',
  },
];

type Filters = Record<string, string>;

/** The filters' meaning, written out in JS over what the API said it created. */
function matches(a: ActivityView, f: Filters): boolean {
  const statuses = f.status ? f.status.split(',') : ['active', 'at_risk'];
  if (!statuses.includes(a.status)) return false;
  if (f.territory && a.territory.code !== f.territory) return false;
  if (f.theme && !a.themes.includes(f.theme as never)) return false;
  if (f.category && a.category !== f.category) return false;
  if (f.group && !a.priorityGroups.includes(f.group as never)) return false;
  if (f.measure && !a.measures.some((m) => m.code === f.measure)) return false;
  if (f.need === 'funding' && a.needs.fundingGapPence <= 0) return false;
  if (f.need === 'volunteers' && a.needs.volunteerHoursPerYear <= 0) return false;
  if (f.need === 'in_kind' && a.needs.inKind.length === 0) return false;
  if (f.atRisk === 'true' && a.status !== 'at_risk') return false;
  if (f.near) {
    const [lon, lat] = f.near.split(',').map(Number) as [number, number];
    const km = turf.distance([lon, lat], [a.location.lon, a.location.lat], { units: 'kilometers' });
    if (km > Number(f.km)) return false;
  }
  return true;
}

const qs = (f: Filters) => new URLSearchParams(f).toString();

type Box = [number, number, number, number];
const parseBox = (bbox: string) => bbox.split(',').map(Number) as Box;

/** The box a map of `width`×`height` pixels centred here shows at this zoom (Web Mercator). */
function screenAround(lon: number, lat: number, zoom: number, width = 1280, height = 800): string {
  const side = 256 * 2 ** zoom;
  const [x, y] = toTileUnits(lon, lat);
  // Clamped to the world, as the client clamps what Leaflet reports when zoomed far out.
  const unit = (v: number) => Math.max(0, Math.min(1, v));
  const [west, north] = fromTileUnits(unit(x - width / 2 / side), unit(y - height / 2 / side));
  const [east, south] = fromTileUnits(unit(x + width / 2 / side), unit(y + height / 2 / side));
  return [west, south, east, north].map((n) => n.toFixed(6)).join(',');
}

/** The whole UK where the map answers it, else the biggest box it answers, around Oxford. */
const viewAt = (zoom: number) =>
  bboxFitsZoom(parseBox(UK), zoom)
    ? UK
    : screenAround(-1.25, 51.75, zoom, MAP_MAX_PX - 1, MAP_MAX_PX - 1);

function inBox(a: ActivityView, bbox: string): boolean {
  const [west, south, east, north] = parseBox(bbox);
  const { lon, lat } = a.location;
  return lon >= west && lon <= east && lat >= south && lat <= north;
}

async function listAll(f: Filters): Promise<string[]> {
  const res = await request(t.app).get(`/api/activities?${qs({ ...f, pageSize: '100' })}`);
  expect(res.status).toBe(200);
  return (res.body as Page<ActivitySummary>).items.map((i) => i.id).sort();
}

async function map(f: Filters, bbox = UK, zoom = 6): Promise<ActivityMap> {
  const res = await request(t.app).get(
    `/api/activities/map?${qs({ ...f, bbox, zoom: String(zoom) })}`,
  );
  expect(res.status).toBe(200);
  return res.body as ActivityMap;
}

const countsOf = (m: ActivityMap) =>
  m.features.reduce((n, f) => n + (f.properties.kind === 'cluster' ? f.properties.count : 1), 0);

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUp(t.app, { organisation: buildOrganisation('provider') });
  providerId = orgOf(owner);
  for (const overrides of FIXTURES) {
    const res = await owner.agent
      .post('/api/activities')
      .send({ providerId, ...buildActivity(overrides) });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    fixtures.push(res.body as ActivityView);
  }
  fixtures = fixtures.sort((a, b) => a.id.localeCompare(b.id));
});
afterAll(() => t.close());

const SINGLE_FILTERS: Filters[] = [
  {},
  { territory: 'E23000029' },
  { territory: 'E23000001' },
  { territory: 'S23000009' },
  { theme: 'safer' },
  { theme: 'more_resilient' },
  { category: 'food_poverty' },
  { group: 'young_people_at_risk' },
  { group: 'veterans' },
  { measure: 'NT1' },
  { measure: 'NT28' },
  { need: 'funding' },
  { need: 'volunteers' },
  { need: 'in_kind' },
  { atRisk: 'true' },
  { near: '-1.2577,51.752', km: '10' },
  { near: '-0.1276,51.5072', km: '3' },
  { status: 'paused' },
  { status: 'active,at_risk,paused' },
];

const COMBINED: Filters[] = [
  { territory: 'E23000029', theme: 'safer' },
  { territory: 'E23000029', group: 'young_people_at_risk', atRisk: 'true' },
  { theme: 'healthier', need: 'funding', measure: 'NT1' },
  { near: '-1.2577,51.752', km: '10', category: 'sport_and_physical_activity' },
  { territory: 'E23000001', theme: 'safer', need: 'funding', atRisk: 'true' },
  { theme: 'more_resilient', territory: 'W15000003' },
];

describe('browsing with filters', () => {
  it.each([...SINGLE_FILTERS, ...COMBINED])(
    'lists, and the map counts, exactly the activities matching %j',
    async (f) => {
      const expected = fixtures
        .filter((a) => matches(a, f))
        .map((a) => a.id)
        .sort();
      expect(await listAll(f)).toEqual(expected);
      const m = await map(f);
      expect([m.total, countsOf(m)]).toEqual([expected.length, expected.length]);
    },
  );

  it('finds activities by free text, stemmed, best matches first', async () => {
    const boxing = fixtures
      .filter((a) => /boxing/i.test(a.title))
      .map((a) => a.id)
      .sort();
    expect(boxing).toHaveLength(2);
    expect(await listAll({ q: 'boxes' })).toEqual(boxing);
    expect(await listAll({ q: 'boxing -veterans' })).toEqual(
      fixtures.filter((a) => a.title === 'Boxing club for young people').map((a) => a.id),
    );
    expect(await listAll({ q: 'boxing', territory: 'E23000001' })).toEqual([]);
  });

  it('holds for any combination of filters (property)', async () => {
    const pick = <T>(values: T[]) => fc.option(fc.constantFrom(...values), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          territory: pick(['E23000029', 'E23000001', 'S23000009', 'W15000003']),
          theme: pick(['healthier', 'safer', 'more_resilient']),
          group: pick(['young_people_at_risk', 'veterans', 'care_leavers']),
          measure: pick(['NT1', 'NT28', 'NT29']),
          need: pick(['funding', 'volunteers', 'in_kind']),
          atRisk: pick(['true', 'false']),
        }),
        fc.integer({ min: 0, max: 20 }),
        async (record, zoom) => {
          const f = Object.fromEntries(
            Object.entries(record).filter(([, v]) => v !== undefined),
          ) as Filters;
          const expected = fixtures
            .filter((a) => matches(a, f))
            .map((a) => a.id)
            .sort();
          expect(await listAll(f)).toEqual(expected);
          const view = viewAt(zoom);
          const inView = fixtures.filter((a) => matches(a, f) && inBox(a, view)).length;
          const m = await map(f, view, zoom);
          expect([m.total, countsOf(m)]).toEqual([inView, inView]);
        },
      ),
      { numRuns: 40, seed: 4 },
    );
  });

  it('pages the list with a total', async () => {
    const all = await listAll({});
    const pages: string[] = [];
    for (let page = 1; page <= 3; page += 1) {
      const res = await request(t.app).get(`/api/activities?pageSize=2&page=${page}`);
      expect(res.body).toMatchObject({ page, pageSize: 2, total: all.length });
      pages.push(...res.body.items.map((i: ActivitySummary) => i.id));
    }
    expect(pages).toHaveLength(Math.min(6, all.length));
    expect(new Set(pages).size).toBe(pages.length);
  });
});

describe('clustering on the map', () => {
  it('gives counts that add up to the matching activities in view at every zoom', async () => {
    for (let zoom = 0; zoom <= 20; zoom += 1) {
      const view = viewAt(zoom);
      const n = fixtures.filter((a) => matches(a, {}) && inBox(a, view)).length;
      const m = await map({}, view, zoom);
      expect([zoom, m.total, countsOf(m)]).toEqual([zoom, n, n]);
    }
  });

  it('splits clusters as it zooms in, until every activity stands alone', async () => {
    // The whole UK while the map answers it, then Oxford's fixtures down to street level.
    const oxford = '-1.27,51.74,-1.19,51.77';
    let previous = 0;
    for (const [view, zooms] of [
      [UK, [0, 1, 2, 3, 4, 5, 6, 7, 8]],
      [oxford, [9, 10, 11, 12, 13, 14, 15, 16]],
    ] as const) {
      if (view === oxford) previous = 0;
      for (const zoom of zooms) {
        const m = await map({}, view, zoom);
        expect(m.features.length).toBeGreaterThanOrEqual(previous);
        previous = m.features.length;
      }
    }
    expect(previous).toBe(fixtures.filter((a) => matches(a, {}) && inBox(a, oxford)).length);
  });

  it('answers clusters when zoomed out and single activities when zoomed in', async () => {
    const far = await map({}, UK, 5);
    expect(far.clustered).toBe(true);
    const oxford = far.features.find(
      (f) => f.properties.kind === 'cluster' && f.properties.count >= 3,
    );
    expect(oxford?.properties).toMatchObject({ kind: 'cluster' });
    const cluster = oxford!.properties as {
      count: number;
      fundingGapPence: number;
      bbox: number[];
    };
    const inside = fixtures.filter(
      (a) =>
        matches(a, {}) &&
        a.location.lon >= cluster.bbox[0]! &&
        a.location.lon <= cluster.bbox[2]! &&
        a.location.lat >= cluster.bbox[1]! &&
        a.location.lat <= cluster.bbox[3]!,
    );
    expect(cluster.count).toBe(inside.length);
    expect(cluster.fundingGapPence).toBe(
      inside.reduce((sum, a) => sum + a.needs.fundingGapPence, 0),
    );

    const street = await map({}, '-1.27,51.74,-1.19,51.77', 16);
    expect(street.clustered).toBe(false);
    expect(street.features.every((f) => f.properties.kind === 'activity')).toBe(true);
    expect(street.features.map((f) => (f.properties as { id: string }).id).sort()).toEqual(
      fixtures
        .filter((a) => matches(a, {}) && a.location.lon > -1.27 && a.location.lon < -1.19)
        .map((a) => a.id)
        .sort(),
    );
  });

  it('takes the whole world, poles included, at zoom 0', async () => {
    const m = await map({}, '-180,-90,180,90', 0);
    const n = fixtures.filter((a) => matches(a, {})).length;
    expect([m.total, countsOf(m)]).toEqual([n, n]);
  });

  it('lists exactly what the map counts, even with box edges a hair from a point (property)', async () => {
    const points = fixtures.filter((a) => matches(a, {}));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...points),
        fc.constantFrom(-1e-6, -1e-7, 0, 1e-7, 1e-6),
        async (a, nudge) => {
          const { lon, lat } = a.location;
          const bbox = `${lon - 0.5},${lat - 0.5},${lon + nudge},${lat + nudge}`;
          const listed = await request(t.app).get(`/api/activities?bbox=${bbox}&pageSize=1`);
          const mapped = await map({}, bbox, 10);
          expect(listed.body.total).toBe(mapped.total);
        },
      ),
      { numRuns: 30, seed: 11 },
    );
  });

  it('counts only what lies in the box (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: -8, max: 1, noNaN: true }),
        fc.double({ min: 50, max: 58, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 20 }),
        async (west, south, share, zoom) => {
          // Up to 6° wide, and never wider than the map answers at this zoom.
          const size = share * Math.min(6, (0.99 * MAP_MAX_PX * 360) / (256 * 2 ** zoom));
          const [east, north] = [west + size, south + size / 2];
          const expected = fixtures.filter(
            (a) =>
              matches(a, {}) &&
              a.location.lon >= west &&
              a.location.lon <= east &&
              a.location.lat >= south &&
              a.location.lat <= north,
          ).length;
          const m = await map({}, `${west},${south},${east},${north}`, zoom);
          expect([m.total, countsOf(m)]).toEqual([expected, expected]);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});

describe('bad browsing input', () => {
  it.each([
    ['bbox', '/api/activities/map?bbox=2,49,-9,61&zoom=6'],
    ['bbox', '/api/activities/map?bbox=170,50,-170,60&zoom=6'],
    ['bbox', '/api/activities/map?bbox=-9,61,2,49&zoom=6'],
    ['bbox', '/api/activities/map?bbox=-9,49,2&zoom=6'],
    ['bbox', '/api/activities/map?bbox=-200,49,2,61&zoom=6'],
    ['bbox', '/api/activities/map?bbox=a,b,c,d&zoom=6'],
    ['bbox', '/api/activities/map?zoom=6'],
    ['zoom', '/api/activities/map?bbox=-9,49,2,61&zoom=21'],
    ['zoom', '/api/activities/map?bbox=-9,49,2,61&zoom=-1'],
    ['zoom', '/api/activities/map?bbox=-9,49,2,61&zoom=6.5'],
    ['bbox', '/api/activities/map?bbox=-9,49,2,61&zoom=15'],
    ['measure', '/api/activities?measure=NT999'],
    ['measure', '/api/activities/map?bbox=-9,49,2,61&zoom=6&measure=NT999'],
    ['theme', '/api/activities?theme=happier'],
    ['category', '/api/activities?category=knitting'],
    ['km', '/api/activities?near=-1,51'],
    ['near', '/api/activities?near=-1,95&km=5'],
    ['status', '/api/activities?status=open'],
    ['territory', '/api/activities?territory=X99'],
    ['pageSize', '/api/activities?pageSize=1000'],
  ])('refuses a bad %s with a 400 naming it (%s)', async (field, url) => {
    const res = await request(t.app).get(url);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { path: string }) => d.path.split('.')[0])).toContain(
      field,
    );
  });
});

describe("the size of the map's answer", () => {
  it('refuses a box wider or taller than a generous screen at its zoom, naming bbox', async () => {
    for (const url of [
      // The whole UK at street level: one feature per activity, whatever the catalogue.
      '/api/activities/map?bbox=-9,49.5,2.5,61&zoom=15',
      // A sliver: narrow, but far taller than any screen at zoom 12.
      '/api/activities/map?bbox=-1.3,50,-1.29,58&zoom=12',
    ]) {
      const res = await request(t.app).get(url);
      expect([url, res.status, res.body.error.code]).toEqual([url, 400, 'validation_failed']);
      expect(res.body.error.details).toEqual([
        { path: 'bbox', message: expect.stringContaining('4,096 a side') },
      ]);
      expect(res.body.error.message).toMatch(
        /^The request is not valid: bbox: is [\d,]+ × [\d,]+ pixels at zoom \d+/,
      );
    }
  });

  it('answers the box a real screen shows, from the whole world to the street', async () => {
    for (let zoom = 0; zoom <= 20; zoom += 1) {
      for (const [width, height] of [
        [1280, 800],
        [3840, 2160],
      ] as const) {
        const bbox = screenAround(-1.25, 51.75, zoom, width, height);
        const res = await request(t.app).get(`/api/activities/map?bbox=${bbox}&zoom=${zoom}`);
        expect([zoom, width, res.status]).toEqual([zoom, width, 200]);
      }
    }
    for (let zoom = 0; zoom <= 4; zoom += 1) {
      const res = await request(t.app).get(`/api/activities/map?bbox=-180,-90,180,90&zoom=${zoom}`);
      expect([zoom, res.status]).toEqual([zoom, 200]);
    }
  });

  it('gives a client whose box is too big for its zoom one a level lower that it answers', async () => {
    // A 6,000-pixel-wide map, or a zoom of 11.5 rounded up to 12 on a 3,000-pixel one.
    for (const bbox of [
      screenAround(-0.13, 51.5, 12, 6000, 1200),
      screenAround(-0.13, 51.5, 11.5, 3000, 1200),
    ]) {
      expect((await request(t.app).get(`/api/activities/map?bbox=${bbox}&zoom=12`)).status).toBe(
        400,
      );
      const zoom = mapZoomFor(parseBox(bbox), 12);
      expect(zoom).toBe(11);
      const m = await map({}, bbox, zoom);
      const n = fixtures.filter((a) => matches(a, {}) && inBox(a, bbox)).length;
      expect([m.zoom, m.total]).toEqual([11, n]);
    }
  });
});

describe('the TOMs measure filter', () => {
  it('refuses a code no framework has, on the list and the map alike, naming measure', async () => {
    for (const url of [
      '/api/activities?measure=NT999',
      `/api/activities/map?bbox=${UK}&zoom=6&measure=NT999`,
    ]) {
      const res = await request(t.app).get(url);
      expect([url, res.status, res.body.error.code]).toEqual([url, 400, 'validation_failed']);
      expect(res.body.error.details).toEqual([
        { path: 'measure', message: 'no TOMs measure has the code NT999' },
      ]);
    }
  });

  it('takes a known code in any case, and a known code no activity evidences finds nothing', async () => {
    const nt1 = fixtures
      .filter((a) => matches(a, { measure: 'NT1' }))
      .map((a) => a.id)
      .sort();
    expect(nt1.length).toBeGreaterThan(0);
    expect(await listAll({ measure: 'nt1' })).toEqual(nt1);
    expect(await listAll({ measure: 'NT3' })).toEqual([]);
    expect((await map({ measure: 'NT3' })).total).toBe(0);
  });
});
