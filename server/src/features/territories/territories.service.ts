import { createHash } from 'node:crypto';
import type {
  LocateResult,
  TerritoryCollection,
  TerritoryFeature,
} from '@shared/schemas/territories';
import { AppError } from '../../lib/app-error';
import { presentTerritory } from './territories.presenter';
import type { TerritoriesRepo } from './territories.repo';

export interface SerializedCollection {
  etag: string;
  body: string;
}

/** Territories: the map's display collection, single territories, and point lookup. */
export function createTerritoriesService(repo: TerritoriesRepo) {
  // Serialising 45 geometries on every request is wasted work: keep the last body and
  // rebuild it only when the table's fingerprint changes (a re-seed).
  let cached: (SerializedCollection & { version: string }) | undefined;

  return {
    /** The display FeatureCollection, serialised once per table version, with its ETag. */
    async displayCollection(): Promise<SerializedCollection> {
      const version = await repo.version();
      if (cached?.version !== version) {
        const collection: TerritoryCollection = {
          type: 'FeatureCollection',
          features: (await repo.listForDisplay()).map(presentTerritory),
        };
        const body = JSON.stringify(collection);
        const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
        cached = { version, body, etag };
      }
      return { etag: cached.etag, body: cached.body };
    },

    async getTerritory(code: string): Promise<TerritoryFeature> {
      const row = await repo.findByCode(code);
      if (!row) throw new AppError('territory_not_found', 404, `No territory has the code ${code}`);
      return presentTerritory(row);
    },

    async locate(lon: number, lat: number): Promise<LocateResult> {
      const found = await repo.locate(lon, lat);
      if (!found) {
        throw new AppError(
          'not_in_territory',
          404,
          'The point is not inside any UK policing territory',
          {
            lon,
            lat,
          },
        );
      }
      return found;
    },
  };
}

export type TerritoriesService = ReturnType<typeof createTerritoriesService>;
