import { parseArgs } from 'node:util';
import { loadConfig } from '../server/src/config';
import { openDatabaseFromConfig } from '../server/src/db/open';
import { importTerritories } from './seed';
import { createTomsRepo } from '../server/src/features/toms/toms.repo';
import { MeasuresFileError, readMeasures } from './toms';
import { BoundariesError, readTerritoryBoundaries } from './territories';

/**
 * `npm run db:seed [-- --boundaries FILE]`: checks the boundaries file (BOUNDARIES_FILE by
 * default) and the TOMs measures (TOMS_FILE) before touching the database, then migrates it
 * and imports both.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { boundaries: { type: 'string' } } });
  const config = loadConfig();
  const territories = await readTerritoryBoundaries(values.boundaries ?? config.boundariesFile);
  const measures = await readMeasures(config.tomsFile);
  const database = await openDatabaseFromConfig(config);
  try {
    const n = await importTerritories(database, territories);
    console.log(`Seeded ${n} territories into the ${database.kind} database.`);
    await createTomsRepo(database.db).replaceFramework(measures);
    console.log(`Imported ${measures.measures.length} TOMs measures (${measures.name}).`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(
    error instanceof BoundariesError || error instanceof MeasuresFileError ? error.message : error,
  );
  process.exit(1);
});
