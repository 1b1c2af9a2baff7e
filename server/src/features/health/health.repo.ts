import type { DatabaseHandle } from '../../db/client';
import { postgisVersion } from '../../db/geo';

/** The database's own answer to "are you there, and with PostGIS?". */
export function createHealthRepo(database: DatabaseHandle) {
  return {
    kind: database.kind,
    async postgisVersion(): Promise<string> {
      const { rows } = await postgisVersion.execute(database.db);
      return rows[0]?.version ?? 'unknown';
    },
  };
}

export type HealthRepo = ReturnType<typeof createHealthRepo>;
