import { parseArgs } from 'node:util';
import { loadConfig } from '../server/src/config';
import { openDatabaseFromConfig } from '../server/src/db/open';
import { importTerritories, seedDemoActivities } from './seed';
import { createTomsRepo } from '../server/src/features/toms/toms.repo';
import { MeasuresFileError, readMeasures } from './toms';
import { NeedDataError, seedNeed } from './need';
import { BoundariesError, readTerritoryBoundaries } from './territories';

class UsageError extends Error {}

function wholeNumber(name: string, text: string | undefined, min: number, max: number) {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${text}")`);
  }
  return n;
}

/**
 * `npm run db:seed [-- --boundaries FILE] [--activities N [--seed S]]`: checks the boundaries
 * file (BOUNDARIES_FILE by default) and the TOMs measures (TOMS_FILE) before touching the
 * database, then migrates it and imports both. With `--activities`, it also replaces the
 * demo catalogue with N generated activities (the same for the same `--seed`, default 1).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      boundaries: { type: 'string' },
      activities: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const count = wholeNumber('activities', values.activities, 0, 1_000_000);
  const seed = wholeNumber('seed', values.seed, 0, 2 ** 31 - 1) ?? 1;
  const config = loadConfig();
  const territories = await readTerritoryBoundaries(values.boundaries ?? config.boundariesFile);
  const measures = await readMeasures(config.tomsFile);
  const database = await openDatabaseFromConfig(config);
  try {
    const n = await importTerritories(database, territories);
    console.log(`Seeded ${n} territories into the ${database.kind} database.`);
    await createTomsRepo(database.db).replaceFramework(measures);
    console.log(`Imported ${measures.measures.length} TOMs measures (${measures.name}).`);
    console.log(`Imported ${await seedNeed(database)} districts and their need figures.`);
    if (count !== undefined) {
      const started = performance.now();
      const written = await seedDemoActivities(database, { count, seed, territories });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`Generated ${written} demo activities (seed ${seed}) in ${seconds} s.`);
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  const known =
    error instanceof BoundariesError ||
    error instanceof MeasuresFileError ||
    error instanceof NeedDataError ||
    error instanceof UsageError;
  console.error(known ? error.message : error);
  process.exit(1);
});
