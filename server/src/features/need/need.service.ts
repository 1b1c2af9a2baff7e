import { createHash } from 'node:crypto';
import { TerritoryCode } from '@shared/schemas/territories';
import type { LadNeedCollection, TerritoryNeed, TerritoryNeedDetail } from '@shared/schemas/need';
import { AppError } from '../../lib/app-error';
import { presentLadNeed, presentLadNeedFeature, presentTerritoryNeed } from './need.presenter';
import type { NeedRepo } from './need.repo';

export interface SerializedCollection {
  etag: string;
  body: string;
}

/** Local need from open data: the districts' map, and the territories' roll-ups. */
export function createNeedService(repo: NeedRepo) {
  // The districts' map is over a megabyte of JSON that changes only on a re-import: build it
  // once per version of the data rather than on every request.
  let cached: (SerializedCollection & { version: string }) | undefined;

  return {
    /** Every district with its display boundary and figures, serialised, with its ETag. */
    async ladCollection(): Promise<SerializedCollection> {
      const version = await repo.version();
      if (cached?.version !== version) {
        const collection: LadNeedCollection = {
          type: 'FeatureCollection',
          features: (await repo.listLadsForDisplay()).map(presentLadNeedFeature),
        };
        const body = JSON.stringify(collection);
        const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
        cached = { version, body, etag };
      }
      return { etag: cached.etag, body: cached.body };
    },

    /** Every territory's need, by code; figures are null where there are none. */
    async listTerritories(): Promise<TerritoryNeed[]> {
      return (await repo.listTerritories()).map(presentTerritoryNeed);
    },

    /** One territory's need and its districts', by ONS code in any case. */
    async getTerritory(input: string): Promise<TerritoryNeedDetail> {
      // Only a well-formed code reaches SQL, as for the territories themselves.
      const code = TerritoryCode.safeParse(input.trim().toUpperCase());
      const row = code.success ? await repo.findTerritory(code.data) : undefined;
      if (!row) {
        const shown = input.length > 40 ? `${input.slice(0, 40)}…` : input;
        throw new AppError('territory_not_found', 404, `No territory has the code ${shown}`, {
          code: shown,
        });
      }
      return {
        territory: presentTerritoryNeed(row),
        lads: (await repo.listLadsIn(row.code)).map(presentLadNeed),
      };
    },
  };
}

export type NeedService = ReturnType<typeof createNeedService>;
