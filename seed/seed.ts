import type { DatabaseHandle } from '../server/src/db/client';
import {
  createTerritoriesRepo,
  type TerritoryImport,
} from '../server/src/features/territories/territories.repo';
import { createTomsRepo } from '../server/src/features/toms/toms.repo';
import { readTerritoryBoundaries } from './territories';
import { readMeasures } from './toms';

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

/** Imports (or re-imports) the starter TOMs framework from the measures CSV. */
export async function seedMeasures(database: DatabaseHandle, tomsFile: string): Promise<number> {
  const framework = await readMeasures(tomsFile);
  await createTomsRepo(database.db).replaceFramework(framework);
  return framework.measures.length;
}

/** Imports the TOMs measures when no framework exists yet. */
export async function seedMeasuresIfEmpty(
  database: DatabaseHandle,
  tomsFile: string,
): Promise<boolean> {
  if ((await createTomsRepo(database.db).countFrameworks()) > 0) return false;
  await seedMeasures(database, tomsFile);
  return true;
}
