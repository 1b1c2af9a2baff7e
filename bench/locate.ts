/**
 * Point-in-territory lookup: 10,000 random points in the UK's bounding box through
 * `GET /api/territories/locate` (real HTTP, keep-alive, one at a time) and the same lookup
 * as raw SQL on the same database. Prints median and p95 of each and the ratio API/SQL, for
 * the embedded database and, when DATABASE_URL is set, for that PostgreSQL too.
 *   npm run bench -- locate [--points N]
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { openDatabase, openPglite, type DatabaseHandle } from '../server/src/db/client';
import { migrate } from '../server/src/db/migrate';
import { UK_BBOX } from '@shared/geo';
import { seedIfEmpty } from '../seed/seed';
import { fmt, percentile, seededRandom } from './stats';

const { values } = parseArgs({
  args: process.argv.slice(3),
  options: { points: { type: 'string', default: '10000' } },
});
const N = Number(values.points);
const config = loadConfig();

const random = seededRandom(20261122);
const [minLon, minLat, maxLon, maxLat] = UK_BBOX;
const points = Array.from({ length: N }, () => [
  minLon + random() * (maxLon - minLon),
  minLat + random() * (maxLat - minLat),
]) as [number, number][];

async function measure(label: string, database: DatabaseHandle): Promise<void> {
  await migrate(database);
  await seedIfEmpty(database, config.boundariesFile);
  const server = http.createServer(createApp({ database, config }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const api: number[] = [];
  const raw: number[] = [];
  let found = 0;
  let disagreements = 0;
  // Warm up both paths (query plans, JIT, keep-alive socket) before timing.
  for (const [lon, lat] of points.slice(0, 200)) {
    await fetch(`${base}/api/territories/locate?lon=${lon}&lat=${lat}`).then((r) =>
      r.arrayBuffer(),
    );
  }
  for (const [lon, lat] of points) {
    let t = performance.now();
    const res = await fetch(`${base}/api/territories/locate?lon=${lon}&lat=${lat}`);
    const body = (await res.json()) as { code?: string };
    api.push(performance.now() - t);

    t = performance.now();
    const { rows } = await sql<{ code: string; name: string }>`
      SELECT code, name FROM territories
      WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326))
      ORDER BY code LIMIT 1`.execute(database.db);
    raw.push(performance.now() - t);

    if (rows[0]) found += 1;
    if ((body.code ?? null) !== (rows[0]?.code ?? null)) disagreements += 1;
  }
  server.close();
  await database.close();

  const apiMedian = percentile(api, 50);
  const sqlMedian = percentile(raw, 50);
  console.log(
    `\n${label}: ${N} points, ${found} inside a territory, ${disagreements} API/SQL disagreements`,
  );
  console.log(`  API  median ${fmt(apiMedian)}  p95 ${fmt(percentile(api, 95))}`);
  console.log(`  SQL  median ${fmt(sqlMedian)}  p95 ${fmt(percentile(raw, 95))}`);
  console.log(
    `  ratio API/SQL  median ${(apiMedian / sqlMedian).toFixed(2)}  p95 ${(percentile(api, 95) / percentile(raw, 95)).toFixed(2)}`,
  );
}

console.log(`locate benchmark (node ${process.version})`);
await measure(
  'embedded (PGlite + PostGIS, in memory)',
  await openDatabase({ pglite: await openPglite('memory://') }),
);
if (config.databaseUrl) {
  await measure(
    `postgres (${new URL(config.databaseUrl).host})`,
    await openDatabase({ databaseUrl: config.databaseUrl }),
  );
} else {
  console.log('\n(set DATABASE_URL=postgres://… to measure a real PostgreSQL too)');
}
