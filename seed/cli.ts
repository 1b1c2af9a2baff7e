import { parseArgs } from 'node:util';
import { loadConfig } from '../server/src/config';
import { openDatabaseFromConfig } from '../server/src/db/open';
import { BoundariesError } from './territories';
import { seedTerritories } from './seed';

/** `npm run db:seed`: migrates, then imports the territories (from BOUNDARIES_FILE or `--boundaries`). */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { boundaries: { type: 'string' } } });
  const config = loadConfig();
  const database = await openDatabaseFromConfig(config);
  try {
    const n = await seedTerritories(database, values.boundaries ?? config.boundariesFile);
    console.log(`Seeded ${n} territories into the ${database.kind} database.`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof BoundariesError ? error.message : error);
  process.exit(1);
});
