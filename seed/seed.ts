import type { DatabaseHandle } from '../server/src/db/client';
import { createTerritoriesRepo } from '../server/src/features/territories/territories.repo';
import { readTerritoryBoundaries } from './territories';

/** Imports (or re-imports) the 45 territories from the boundaries file. */
export async function seedTerritories(
  database: DatabaseHandle,
  boundariesFile: string,
): Promise<number> {
  const territories = await readTerritoryBoundaries(boundariesFile);
  await createTerritoriesRepo(database).upsertAll(territories);
  return territories.length;
}

/** Seeds what an empty database needs to be useful; does nothing to one already seeded. */
export async function seedIfEmpty(
  database: DatabaseHandle,
  boundariesFile: string,
): Promise<boolean> {
  if ((await createTerritoriesRepo(database).count()) > 0) return false;
  await seedTerritories(database, boundariesFile);
  return true;
}
