import { sql } from 'kysely';
import type { Geometry } from 'geojson';
import type { DatabaseHandle } from '../../db/client';
import { asGeoJson } from '../../db/geo';

/** A district with its need figures; every figure null where the district has no need row. */
export interface LadNeedRow {
  code: string;
  name: string;
  territory_code: string;
  population: number | null;
  deprivation_score: number | null;
  deprivation_quintile: number | null;
  deprivation_decile: number | null;
  high_deprivation_share: number | null;
  child_poverty_pct: number | null;
  child_poverty_period: string | null;
  claimant_pct: number | null;
  claimant_period: string | null;
  imd2025: unknown;
}

export interface LadNeedDisplayRow extends LadNeedRow {
  geometry: Geometry;
}

/** A territory's roll-up; null figures where the import has written none for it yet. */
export interface TerritoryNeedRow {
  code: string;
  population: number | null;
  deprivation_score: number | null;
  most_deprived_quintile_share: number | null;
  child_poverty_pct: number | null;
  child_poverty_period: string | null;
  claimant_pct: number | null;
  claimant_period: string | null;
  homicide_per_million: number | null;
  homicide_period: string | null;
  lads: number;
}

// Districts are small: four decimals (about 10 m) is finer than the generalised boundaries
// and keeps the 361 of them near half the size of five.
const DISPLAY_DECIMALS = 4;

/** Reads the districts, their need and the territories' roll-up (written by `need.import.ts`). */
export function createNeedRepo({ db }: DatabaseHandle) {
  const lads = () =>
    db
      .selectFrom('lads as l')
      .leftJoin('lad_need as n', 'n.lad_code', 'l.code')
      .select([
        'l.code',
        'l.name',
        'l.territory_code',
        'n.population',
        'n.deprivation_score',
        'n.deprivation_quintile',
        'n.deprivation_decile',
        'n.high_deprivation_share',
        'n.child_poverty_pct',
        'n.child_poverty_period',
        'n.claimant_pct',
        'n.claimant_period',
        'n.imd2025',
      ]);

  // Every territory answers, with or without a roll-up: "no data" rather than "not found".
  const territories = () =>
    db
      .selectFrom('territories as t')
      .leftJoin('territory_need as n', 'n.territory_code', 't.code')
      .select([
        't.code',
        // A sum of integers comes back as bigint, which drivers hand over as text.
        sql<number | null>`n.population::double precision`.as('population'),
        'n.deprivation_score',
        'n.most_deprived_quintile_share',
        'n.child_poverty_pct',
        'n.child_poverty_period',
        'n.claimant_pct',
        'n.claimant_period',
        'n.homicide_per_million',
        'n.homicide_period',
        sql<number>`coalesce(n.lads, 0)`.as('lads'),
      ]);

  return {
    /** Every district with its display boundary, by code. */
    listLadsForDisplay(): Promise<LadNeedDisplayRow[]> {
      return lads()
        .select(asGeoJson('l.geom_display', DISPLAY_DECIMALS).as('geometry'))
        .orderBy('l.code')
        .execute();
    },

    /** The districts of one territory, by name. */
    listLadsIn(territoryCode: string): Promise<LadNeedRow[]> {
      return lads().where('l.territory_code', '=', territoryCode).orderBy('l.name').execute();
    },

    /** Every territory's roll-up, by code. */
    listTerritories(): Promise<TerritoryNeedRow[]> {
      return territories().orderBy('t.code').execute();
    },

    /** One territory's roll-up, or undefined for a code no territory has. */
    findTerritory(code: string): Promise<TerritoryNeedRow | undefined> {
      return territories().where('t.code', '=', code).executeTakeFirst();
    },

    /**
     * A fingerprint of the districts and their figures that changes whenever they do (a
     * re-import), cheap next to reading and serialising the boundaries.
     */
    async version(): Promise<string> {
      const row = await db
        .selectFrom('lads as l')
        .leftJoin('lad_need as n', 'n.lad_code', 'l.code')
        .select([
          sql<string>`count(*)::text`.as('n'),
          sql<string>`coalesce(sum(ST_NPoints(l.geom_display)), 0)::text`.as('points'),
          sql<string>`coalesce(md5(string_agg(
            concat_ws('|', l.code, l.name, l.territory_code, n::text), ',' ORDER BY l.code)), '')`.as(
            'figures',
          ),
        ])
        .executeTakeFirstOrThrow();
      return `${row.n}-${row.points}-${row.figures}`;
    },
  };
}

export type NeedRepo = ReturnType<typeof createNeedRepo>;
