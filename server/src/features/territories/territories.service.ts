import { createHash } from 'node:crypto';
import {
  TerritoryCode,
  type LocateResult,
  type TerritoryCollection,
  type TerritoryFeature,
} from '@shared/schemas/territories';
import { AppError } from '../../lib/app-error';
import { presentTerritory } from './territories.presenter';
import type { TerritoriesRepo } from './territories.repo';

/** A pin's position and the territory it falls in. */
export interface PinnedPoint {
  lon: number;
  lat: number;
  territory: { code: string; name: string };
}

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

    /** One territory by ONS code, any case; text that is no code is simply not found. */
    async getTerritory(input: string): Promise<TerritoryFeature> {
      // Only a well-formed code reaches SQL: arbitrary path text (a NUL byte, say) must not.
      const code = TerritoryCode.safeParse(input.trim().toUpperCase());
      const row = code.success ? await repo.findByCode(code.data) : undefined;
      if (!row) {
        const shown = input.length > 40 ? `${input.slice(0, 40)}…` : input;
        throw new AppError('territory_not_found', 404, `No territory has the code ${shown}`, {
          code: shown,
        });
      }
      return presentTerritory(row);
    },

    /**
     * Where to pin each point so that it falls in a territory, with that territory; undefined
     * for a point outside every territory and not just off its coast.
     */
    async pinsFor(
      points: readonly { lon: number; lat: number }[],
    ): Promise<(PinnedPoint | undefined)[]> {
      const pins = await repo.pinsFor(points);
      return pins.map((pin) =>
        pin.code !== null && pin.name !== null && pin.lon !== null && pin.lat !== null
          ? { lon: pin.lon, lat: pin.lat, territory: { code: pin.code, name: pin.name } }
          : undefined,
      );
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
