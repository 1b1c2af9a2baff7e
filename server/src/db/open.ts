import type { Config } from '../config';
import { openDatabase, type DatabaseHandle, type DatabaseTimeouts } from './client';
import { migrate } from './migrate';

type DatabaseConfig = Pick<Config, 'databaseUrl' | 'databasePoolSize' | 'dataDir'>;

/**
 * Opens the configured database: PostgreSQL by DATABASE_URL, else embedded in DATA_DIR.
 * `timeouts` (the server's) bound every connection and statement; setup runs without.
 */
export function openConfiguredDatabase(
  config: DatabaseConfig,
  timeouts?: DatabaseTimeouts,
): Promise<DatabaseHandle> {
  return config.databaseUrl
    ? openDatabase({
        databaseUrl: config.databaseUrl,
        poolSize: config.databasePoolSize,
        ...(timeouts ? { timeouts } : {}),
      })
    : openDatabase({ dataDir: config.dataDir });
}

/** Opens the configured database and migrates it; closes it again if migrating fails. */
export async function openDatabaseFromConfig(config: DatabaseConfig): Promise<DatabaseHandle> {
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
