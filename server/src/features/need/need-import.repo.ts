import { sql } from 'kysely';
import type { AreaGeometry } from '@shared/geo';
import type { Imd2025Domain } from '@shared/schemas/need';
import type { DatabaseHandle } from '../../db/client';
import { repairedMultiPolygonFromGeoJson } from '../../db/geo';

/** One district as the need import writes it (boundaries checked by seed/need.ts). */
export interface LadImport {
  code: string;
  name: string;
  territoryCode: string;
  geometry: AreaGeometry;
  displayGeometry: AreaGeometry;
}

export interface NeedImport {
  ladCode: string;
  population: number | null;
  deprivationScore: number | null;
  deprivationQuintile: number | null;
  deprivationDecile: number | null;
  highDeprivationShare: number | null;
  childPovertyPct: number | null;
  childPovertyPeriod: string | null;
  claimantPct: number | null;
  claimantPeriod: string | null;
  imd2025: Partial<
    Record<
      Imd2025Domain,
      {
        averageScore: number | null;
        rankOfAverageScore: number | null;
        shareInMostDeprived10pc: number | null;
      }
    >
  > | null;
}

/** The writes of the need import (seed/need.ts): districts, their need, the roll-up. */
export function createNeedImportRepo(database: DatabaseHandle) {
  const { db } = database;
  return {
    async territoryCodes(): Promise<string[]> {
      return (await db.selectFrom('territories').select('code').execute()).map((r) => r.code);
    },

    async countLads(): Promise<number> {
      const row = await db
        .selectFrom('lads')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /**
     * Replaces every district and figure in one transaction, then rolls the figures up to
     * territories (weighted by population), places every activity in its district and rebuilds
     * coverage, which counts committed £ by district.
     */
    async replaceAll(data: {
      lads: LadImport[];
      needs: NeedImport[];
      homicide: { territoryCode: string; perMillion: number; period: string }[];
    }): Promise<void> {
      if (data.lads.length === 0) throw new Error('Refusing to replace the districts with none');
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('territory_need').execute();
        await trx.deleteFrom('lad_need').execute();
        await trx
          .deleteFrom('lads')
          .where(
            'code',
            'not in',
            data.lads.map((l) => l.code),
          )
          .execute();
        for (const l of data.lads) {
          await trx
            .insertInto('lads')
            .values({
              code: l.code,
              name: l.name,
              territory_code: l.territoryCode,
              geom: repairedMultiPolygonFromGeoJson(l.geometry),
              geom_display: repairedMultiPolygonFromGeoJson(l.displayGeometry),
            })
            .onConflict((oc) =>
              oc.column('code').doUpdateSet({
                name: (eb) => eb.ref('excluded.name'),
                territory_code: (eb) => eb.ref('excluded.territory_code'),
                geom: sql`excluded.geom`,
                geom_display: sql`excluded.geom_display`,
              }),
            )
            .execute();
        }
        for (let i = 0; i < data.needs.length; i += 100) {
          await trx
            .insertInto('lad_need')
            .values(
              data.needs.slice(i, i + 100).map((n) => ({
                lad_code: n.ladCode,
                population: n.population,
                deprivation_score: n.deprivationScore,
                deprivation_quintile: n.deprivationQuintile,
                deprivation_decile: n.deprivationDecile,
                high_deprivation_share: n.highDeprivationShare,
                child_poverty_pct: n.childPovertyPct,
                child_poverty_period: n.childPovertyPeriod,
                claimant_pct: n.claimantPct,
                claimant_period: n.claimantPeriod,
                imd2025: n.imd2025 === null ? null : JSON.stringify(n.imd2025),
              })),
            )
            .execute();
        }
        const homicide = JSON.stringify(data.homicide);
        // Each figure is weighted by the population of the districts that have it, so a
        // district without the figure neither counts as 0 nor dilutes the others.
        await sql`
          INSERT INTO territory_need (territory_code, population, deprivation_score,
            most_deprived_quintile_share, child_poverty_pct, child_poverty_period, claimant_pct,
            claimant_period, homicide_per_million, homicide_period, lads)
          SELECT t.code,
            sum(n.population),
            sum(n.deprivation_score * n.population)
              / nullif(sum(n.population) FILTER (WHERE n.deprivation_score IS NOT NULL), 0),
            coalesce(sum(n.population) FILTER (WHERE n.deprivation_quintile = 1), 0)::double precision
              / nullif(sum(n.population) FILTER (WHERE n.deprivation_quintile IS NOT NULL), 0),
            sum(n.child_poverty_pct * n.population)
              / nullif(sum(n.population) FILTER (WHERE n.child_poverty_pct IS NOT NULL), 0),
            max(n.child_poverty_period),
            sum(n.claimant_pct * n.population)
              / nullif(sum(n.population) FILTER (WHERE n.claimant_pct IS NOT NULL), 0),
            max(n.claimant_period),
            h."perMillion", h.period,
            count(l.code)
          FROM territories t
          LEFT JOIN lads l ON l.territory_code = t.code
          LEFT JOIN lad_need n ON n.lad_code = l.code
          LEFT JOIN jsonb_to_recordset(${homicide}::jsonb)
            AS h("territoryCode" text, "perMillion" double precision, period text)
            ON h."territoryCode" = t.code
          GROUP BY t.code, h."perMillion", h.period`.execute(trx);
        await sql`
          UPDATE activities a SET lad_code = (
            SELECT l.code FROM lads l WHERE ST_Covers(l.geom, a.location) ORDER BY l.code LIMIT 1)
        `.execute(trx);
        await sql`SELECT rebuild_territory_coverage(code) FROM territories ORDER BY code`.execute(
          trx,
        );
      });
    },
  };
}
