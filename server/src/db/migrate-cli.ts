import { loadConfig } from '../config';
import { migrate } from './migrate';
import { openConfiguredDatabase } from './open';

/** `npm run db:migrate`: applies pending migrations to the configured database. */
const database = await openConfiguredDatabase(loadConfig());
try {
  const applied = await migrate(database);
  console.log(applied.length ? `Applied ${applied.join(', ')}` : 'Database is up to date.');
} finally {
  await database.close();
}
