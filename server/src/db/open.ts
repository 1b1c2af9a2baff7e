import type { Config } from '../config';
import { openDatabase, type DatabaseHandle } from './client';
import { migrate } from './migrate';

type DatabaseConfig = Pick<Config, 'databaseUrl' | 'databasePoolSize' | 'dataDir'>;

/** Opens the configured database: PostgreSQL by DATABASE_URL, else embedded in DATA_DIR. */
export function openConfiguredDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  return config.databaseUrl
    ? openDatabase({ databaseUrl: config.databaseUrl, poolSize: config.databasePoolSize })
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
