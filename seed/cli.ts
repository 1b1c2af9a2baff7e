import { parseArgs } from 'node:util';
import { loadConfig } from '../server/src/config';
import { openDatabaseFromConfig } from '../server/src/db/open';
import { importTerritories } from './seed';
import { BoundariesError, readTerritoryBoundaries } from './territories';

/**
 * `npm run db:seed [-- --boundaries FILE]`: checks the boundaries file (BOUNDARIES_FILE by
 * default) before touching the database, then migrates it and imports the territories.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { boundaries: { type: 'string' } } });
  const config = loadConfig();
  const territories = await readTerritoryBoundaries(values.boundaries ?? config.boundariesFile);
  const database = await openDatabaseFromConfig(config);
  try {
    const n = await importTerritories(database, territories);
    console.log(`Seeded ${n} territories into the ${database.kind} database.`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof BoundariesError ? error.message : error);
  process.exit(1);
});
