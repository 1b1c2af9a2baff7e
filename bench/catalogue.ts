import os from 'node:os';
import { sql } from 'kysely';
import { loadConfig } from '../server/src/config';
import type { DatabaseHandle } from '../server/src/db/client';
import { migrate } from '../server/src/db/migrate';
import { seedDemoActivities, seedIfEmpty, seedMeasuresIfEmpty } from '../seed/seed';
import { readTerritoryBoundaries } from '../seed/territories';

/** The 1, 5 and 15 minute load averages: other work on the machine skews the figures. */
export const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

/**
 * Migrates and seeds a bench database (territories, TOMs) and makes its demo catalogue
 * `count` activities of `seed`, generating it only when the count differs, so a kept
 * database is generated once. Answers whether anything changed.
 */
export async function prepareCatalogue(
  database: DatabaseHandle,
  { count, seed }: { count: number; seed: number },
): Promise<boolean> {
  const config = loadConfig();
  let changed = (await migrate(database)).length > 0;
  changed = (await seedIfEmpty(database, config.boundariesFile)) || changed;
  changed = (await seedMeasuresIfEmpty(database, config.tomsFile)) || changed;
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM activities WHERE is_demo`.execute(database.db);
  if (count === 0 || rows[0]?.n === count) return changed;
  console.log(`  generating ${count} demo activities (seed ${seed})…`);
  const started = performance.now();
  await seedDemoActivities(database, {
    count,
    seed,
    territories: await readTerritoryBoundaries(config.boundariesFile),
  });
  // VACUUM sets the visibility map, so that the map index answers without the heap.
  await sql`VACUUM ANALYZE activities`.execute(database.db);
  console.log(`  generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
