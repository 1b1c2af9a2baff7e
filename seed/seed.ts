import type { DatabaseHandle } from '../server/src/db/client';
import {
  createTerritoriesRepo,
  type TerritoryImport,
} from '../server/src/features/territories/territories.repo';
import { readTerritoryBoundaries } from './territories';

/** Replaces the territories with checked ones from `readTerritoryBoundaries`, in one transaction. */
export async function importTerritories(
  database: DatabaseHandle,
  territories: TerritoryImport[],
): Promise<number> {
  await createTerritoriesRepo(database).replaceAll(territories);
  return territories.length;
}

/** Imports (or re-imports) the 45 territories from the boundaries file. */
export async function seedTerritories(
  database: DatabaseHandle,
  boundariesFile: string,
): Promise<number> {
  return importTerritories(database, await readTerritoryBoundaries(boundariesFile));
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
