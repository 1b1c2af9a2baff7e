import type { Config } from '../config';
import { openDatabase, type DatabaseHandle } from './client';
import { migrate } from './migrate';

/** Opens the configured database (PostgreSQL by URL, else embedded in DATA_DIR) and migrates it. */
export async function openDatabaseFromConfig(
  config: Pick<Config, 'databaseUrl' | 'databasePoolSize' | 'dataDir'>,
): Promise<DatabaseHandle> {
  const database = config.databaseUrl
    ? await openDatabase({ databaseUrl: config.databaseUrl, poolSize: config.databasePoolSize })
    : await openDatabase({ dataDir: config.dataDir });
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
