/**
 * The activities map at national scale: demo catalogues of 100,000 activities and, when asked
 * for more (`--activities 1000000`), of that many too, each in a bench database of its own.
 * For a whole-UK view (zoom 6), a region view (zoom 8, North West England), a city view
 * (zoom 11) and a street view (zoom 15), with and without a theme filter, the median and p95
 * latency and the response size of `GET /api/activities/map` (real HTTP, keep-alive); with
 * 100,000 or fewer, beside the naive answer (every matching activity in the box as GeoJSON,
 * served by the same process from the same database). Then, at each size, the other national
 * figures: `GET /api/coverage` (every territory) and `/api/coverage/E23000001` (the largest),
 * and the first page of matches for two of the matching bench's tenders (`bench/tenders.ts`;
 * their first read, which builds the kept scores, printed on its own). Ends with a table of
 * both sizes.
 * Embedded PGlite by default; PostgreSQL when DATABASE_URL is set (the 100,000 catalogue then
 * lives in a sibling database, `<name>_100000`, created if missing).
 *   npm run bench -- map [--activities N] [--seed S] [--runs R]
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import express from 'express';
import { sql } from 'kysely';
import { ActivityFilters, type Theme } from '@shared/schemas/activities';
import { createApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { openDatabase, type DatabaseHandle } from '../server/src/db/client';
import { applyActivityFilters } from '../server/src/features/activities/activities.repo';
import { seedNeedIfEmpty } from '../seed/need';
import { GENERATED_MAX, loadAverage, prepareCatalogue } from './catalogue';
import { fmt, percentile } from './stats';
import { prepareTenders, TENDERS } from './tenders';

const { values } = parseArgs({
  args: process.argv.slice(3),
  options: {
    activities: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '40' },
  },
});
const COUNT = Number(values.activities);
const SEED = Number(values.seed);
const RUNS = Number(values.runs);
const config = loadConfig();

/** Viewports of 1280×800 CSS pixels, as the browser would ask for them. */
const VIEWS: { name: string; zoom: number; lon: number; lat: number }[] = [
  { name: 'whole UK', zoom: 6, lon: -3.2, lat: 54.8 },
  { name: 'region (North West)', zoom: 8, lon: -2.7, lat: 54.0 },
  { name: 'city (Manchester)', zoom: 11, lon: -2.2426, lat: 53.4808 },
  { name: 'street (central London)', zoom: 15, lon: -0.1276, lat: 51.5072 },
];
const FILTERS: { name: string; query: Record<string, string> }[] = [
  { name: 'no filter', query: {} },
  { name: 'theme=safer', query: { theme: 'safer' satisfies Theme } },
];

/** The lon/lat box a 1280×800 map shows at this centre and zoom (Web Mercator). */
function viewBox(lon: number, lat: number, zoom: number): string {
  const worldPx = 256 * 2 ** zoom;
  const x = ((lon + 180) / 360) * worldPx;
  const y = ((1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2) * worldPx;
  const toLon = (px: number) => (px / worldPx) * 360 - 180;
  const toLat = (py: number) =>
    (Math.atan(Math.sinh(Math.PI * (1 - (2 * py) / worldPx))) * 180) / Math.PI;
  const round = (n: number) => n.toFixed(5);
  return [
    round(Math.max(-180, toLon(x - 640))),
    round(Math.max(-85, toLat(y + 400))),
    round(Math.min(180, toLon(x + 640))),
    round(Math.min(85, toLat(y - 400))),
  ].join(',');
}

/** Every matching activity in the box, whole, as GeoJSON: what clustering replaces. */
function naiveRoute(database: DatabaseHandle): express.RequestHandler {
  return async (req, res, next) => {
    try {
      const bbox = String(req.query.bbox).split(',').map(Number) as [
        number,
        number,
        number,
        number,
      ];
      const filters = ActivityFilters.parse({ theme: req.query.theme });
      const rows = await applyActivityFilters(database.db.selectFrom('activities as a'), {
        ...filters,
        bbox,
      })
        .select([
          'a.id',
          'a.title',
          'a.category',
          'a.themes',
          'a.status',
          sql<string>`a.funding_gap_pence::text`.as('funding_gap_pence'),
          sql<number>`ST_X(a.location)`.as('lon'),
          sql<number>`ST_Y(a.location)`.as('lat'),
        ])
        .execute();
      res.json({
        type: 'FeatureCollection',
        features: rows.map((r) => ({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
          properties: {
            kind: 'activity',
            id: r.id,
            title: r.title,
            category: r.category,
            themes: r.themes,
            status: r.status,
            fundingGapPence: Number(r.funding_gap_pence),
          },
        })),
      });
    } catch (error) {
      next(error);
    }
  };
}

interface Sample {
  median: number;
  p95: number;
  bytes: number;
  gzipBytes: number;
  features: number;
}

async function sample(url: string, runs = RUNS): Promise<Sample> {
  const times: number[] = [];
  let body = '';
  for (let i = 0; i < runs + 3; i += 1) {
    const t = performance.now();
    const res = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
    body = await res.text();
    if (!res.ok) throw new Error(`${res.status} ${body.slice(0, 200)}`);
    // The first three warm plans and connections up.
    if (i >= 3) times.push(performance.now() - t);
  }
  const parsed = JSON.parse(body) as { features?: unknown[]; items?: unknown[] } | unknown[];
  return {
    median: percentile(times, 50),
    p95: percentile(times, 95),
    bytes: Buffer.byteLength(body),
    gzipBytes: gzipSync(body).length,
    // Map features, a page's items, or a list's entries (coverage of every territory).
    features: Array.isArray(parsed)
      ? parsed.length
      : (parsed.features?.length ?? parsed.items?.length ?? 0),
  };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

interface Figure {
  size: number;
  view: string;
  filter: string;
  sample: Sample;
}

async function measure(label: string, database: DatabaseHandle, size: number): Promise<Figure[]> {
  console.log(`\n${label}: ${size} activities, ${RUNS} requests per figure`);
  await prepareCatalogue(database, { count: size, seed: SEED });
  const bench = express();
  bench.get('/naive', naiveRoute(database));
  bench.use(createApp({ database, config }));
  const server = http.createServer(bench);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const figures: Figure[] = [];

  for (const view of VIEWS) {
    for (const filter of FILTERS) {
      const query = new URLSearchParams({
        bbox: viewBox(view.lon, view.lat, view.zoom),
        zoom: String(view.zoom),
        ...filter.query,
      });
      const clustered = await sample(`${base}/api/activities/map?${query}`);
      figures.push({
        size,
        view: `${view.name}, zoom ${view.zoom}`,
        filter: filter.name,
        sample: clustered,
      });
      console.log(`  ${view.name}, zoom ${view.zoom}, ${filter.name}`);
      console.log(
        `    clustered  median ${fmt(clustered.median)}  p95 ${fmt(clustered.p95)}  ${kb(clustered.bytes)} (gzip ${kb(clustered.gzipBytes)})  ${clustered.features} features`,
      );
      // Every activity of a national view as GeoJSON is hundreds of megabytes at a million.
      if (size > GENERATED_MAX) continue;
      // A few runs: a national view's every activity takes seconds, and it is the baseline only.
      const naive = await sample(`${base}/naive?${query}`, Math.max(3, Math.round(RUNS / 8)));
      console.log(
        `    naive      median ${fmt(naive.median)}  p95 ${fmt(naive.p95)}  ${kb(naive.bytes)} (gzip ${kb(naive.gzipBytes)})  ${naive.features} features`,
      );
      console.log(
        `    ratio naive/clustered  median ${(naive.median / clustered.median).toFixed(2)}  p95 ${(naive.p95 / clustered.p95).toFixed(2)}  bytes ${(naive.bytes / clustered.bytes).toFixed(1)}`,
      );
    }
  }
  figures.push(...(await national(base, database, size)));
  console.log(`  load average ${loadAverage()}`);
  server.close();
  await database.close();
  return figures;
}

/**
 * The other national figures at the same size, on the same server: coverage of every
 * territory and of the largest, and a tender's first page of matches (the matching bench's
 * tenders; its first read, which builds the tender's kept scores, timed on its own).
 */
async function national(base: string, database: DatabaseHandle, size: number): Promise<Figure[]> {
  await seedNeedIfEmpty(database);
  const tenders = await prepareTenders(database);
  const reads: { view: string; path: string }[] = [
    { view: 'coverage, all 45 territories', path: '/api/coverage' },
    { view: 'coverage, the Met (E23000001)', path: '/api/coverage/E23000001' },
  ];
  for (const i of [0, 1]) {
    const path = `/api/tenders/${tenders[i]}/matches?pageSize=25`;
    const started = performance.now();
    const res = await fetch(`${base}${path}`);
    await res.text();
    if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
    console.log(
      `  matches, ${TENDERS[i]!.label}: first read (builds the kept scores) ${fmt(performance.now() - started)}`,
    );
    reads.push({ view: `matches page 1, ${TENDERS[i]!.label}`, path });
  }
  const figures: Figure[] = [];
  for (const read of reads) {
    const m = await sample(`${base}${read.path}`);
    figures.push({ size, view: read.view, filter: '-', sample: m });
    console.log(`  ${read.view}`);
    console.log(
      `    median ${fmt(m.median)}  p95 ${fmt(m.p95)}  ${kb(m.bytes)} (gzip ${kb(m.gzipBytes)})`,
    );
  }
  return figures;
}

/** The database of one catalogue size: DATABASE_URL's for the size asked for, a sibling else. */
async function databaseFor(size: number): Promise<{ label: string; database: DatabaseHandle }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    // A bench database of its own, kept between runs so the catalogue is generated once.
    const dir = path.join(os.tmpdir(), `impact-atlas-bench-map-${size}-${SEED}`);
    return { label: `embedded PGlite (${dir})`, database: await openDatabase({ dataDir: dir }) };
  }
  if (size === COUNT) {
    return { label: 'PostgreSQL', database: await openDatabase({ databaseUrl: url }) };
  }
  const main = new URL(url);
  const name = `${main.pathname.slice(1)}_${size}`;
  const sibling = new URL(url);
  sibling.pathname = `/${name}`;
  const admin = await openDatabase({ databaseUrl: url });
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_database WHERE datname = ${name}`.execute(admin.db);
  if (rows[0]?.n === 0) await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin.db);
  await admin.close();
  const database = await openDatabase({ databaseUrl: sibling.toString() });
  await sql`CREATE EXTENSION IF NOT EXISTS postgis`.execute(database.db);
  return { label: `PostgreSQL (${name})`, database };
}

console.log(
  `map benchmark (node ${process.version}, ${os.cpus().length} CPUs, load average ${loadAverage()}; the machine is shared, so figures vary with other work)`,
);
const sizes = [...new Set([Math.min(COUNT, GENERATED_MAX), COUNT])];
const figures: Figure[] = [];
for (const size of sizes) {
  const { label, database } = await databaseFor(size);
  figures.push(...(await measure(label, database, size)));
}

console.log('\nanswers, median / p95 ms, raw kB (gzip kB), by catalogue size');
console.log(
  ['view', 'filter', ...sizes.map((n) => `${n.toLocaleString('en-GB')} activities`)].join(' | '),
);
const rows = [...new Set(figures.map((f) => `${f.view}\t${f.filter}`))];
for (const row of rows) {
  const [name, filter] = row.split('\t') as [string, string];
  const cells = sizes.map((size) => {
    const f = figures.find((x) => x.size === size && x.view === name && x.filter === filter);
    if (!f) return '-';
    const m = f.sample;
    return `${m.median.toFixed(1)} / ${m.p95.toFixed(1)} ms, ${kb(m.bytes)} (${kb(m.gzipBytes)})`;
  });
  console.log([name, filter, ...cells].join(' | '));
}
