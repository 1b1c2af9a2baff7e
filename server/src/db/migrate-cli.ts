import { loadConfig } from '../config';
import { openDatabase } from './client';
import { migrate } from './migrate';

/** `npm run db:migrate`: applies pending migrations to the configured database. */
const config = loadConfig();
const database = config.databaseUrl
  ? await openDatabase({ databaseUrl: config.databaseUrl })
  : await openDatabase({ dataDir: config.dataDir });
try {
  const applied = await migrate(database);
  console.log(applied.length ? `Applied ${applied.join(', ')}` : 'Database is up to date.');
} finally {
  await database.close();
}
