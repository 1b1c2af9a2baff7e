import { sql } from 'kysely';
import type { Geometry } from 'geojson';
import type { DatabaseHandle } from '../../db/client';
import {
  asGeoJson,
  covers,
  pinsInTerritories,
  pointFromLonLat,
  repairedMultiPolygonFromGeoJson,
  type PinInTerritory,
} from '../../db/geo';
import type { AreaGeometry } from '@shared/geo';

export interface TerritoryRow {
  code: string;
  name: string;
  force: string;
  nation: string;
  geometry: Geometry;
}

export interface TerritoryImport {
  code: string;
  name: string;
  force: string;
  nation: string;
  geometry: AreaGeometry;
  displayGeometry: AreaGeometry;
}

// How far outside the generalised (about 500 m) coastline a place may lie and still get a pin
// in its territory (Lowestoft's centre is about 1 km out), and how far inland that pin goes.
const PIN_REACH_DEGREES = 0.05;
const PIN_MARGIN_DEGREES = 0.003;

/** Only this module reads or writes the territories table. */
export function createTerritoriesRepo({ db }: DatabaseHandle) {
  return {
    /** Every territory with its display geometry, by code. */
    listForDisplay(): Promise<TerritoryRow[]> {
      return db
        .selectFrom('territories')
        .select(['code', 'name', 'force', 'nation', asGeoJson('geom_display', 5).as('geometry')])
        .orderBy('code')
        .execute();
    },

    /** One territory at full resolution, or undefined. */
    findByCode(code: string): Promise<TerritoryRow | undefined> {
      return db
        .selectFrom('territories')
        .select(['code', 'name', 'force', 'nation', asGeoJson('geom').as('geometry')])
        .where('code', '=', code)
        .executeTakeFirst();
    },

    /** The territory covering a point; the lowest code wins on a shared boundary. */
    locate(lon: number, lat: number): Promise<{ code: string; name: string } | undefined> {
      return db
        .selectFrom('territories')
        .select(['code', 'name'])
        .where(covers('geom', pointFromLonLat(lon, lat)))
        .orderBy('code')
        .limit(1)
        .executeTakeFirst();
    },

    /**
     * Each point's territory, and a pin inside it: the point itself, or for a point just
     * outside the generalised coastline, the nearest point inland (see `pinsInTerritories`).
     */
    async pinsFor(points: readonly { lon: number; lat: number }[]): Promise<PinInTerritory[]> {
      if (points.length === 0) return [];
      const lons = points.map((p) => p.lon);
      const lats = points.map((p) => p.lat);
      const result = await pinsInTerritories(
        lons,
        lats,
        PIN_REACH_DEGREES,
        PIN_MARGIN_DEGREES,
      ).execute(db);
      return result.rows;
    },

    /** A fingerprint of the table's content, cheap to read, that changes whenever it does. */
    async version(): Promise<string> {
      const row = await db
        .selectFrom('territories')
        .select([
          sql<string>`count(*)::text`.as('n'),
          sql<string>`coalesce(max(updated_at), 'epoch')::text`.as('at'),
        ])
        .executeTakeFirstOrThrow();
      return `${row.n}-${row.at}`;
    },

    count(): Promise<number> {
      return db
        .selectFrom('territories')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => r.n);
    },

    /**
     * Makes the table hold exactly these territories, in one transaction: all of them or
     * none. Rows are updated in place, so references to a code survive a re-seed.
     */
    async replaceAll(territories: TerritoryImport[]): Promise<void> {
      if (territories.length === 0)
        throw new Error('Refusing to replace the territories with none');
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('territories')
          .where(
            'code',
            'not in',
            territories.map((t) => t.code),
          )
          .execute();
        for (const t of territories) {
          await trx
            .insertInto('territories')
            .values({
              code: t.code,
              name: t.name,
              force: t.force,
              nation: t.nation,
              geom: repairedMultiPolygonFromGeoJson(t.geometry),
              geom_display: repairedMultiPolygonFromGeoJson(t.displayGeometry),
            })
            .onConflict((oc) =>
              oc.column('code').doUpdateSet({
                name: (eb) => eb.ref('excluded.name'),
                force: (eb) => eb.ref('excluded.force'),
                nation: (eb) => eb.ref('excluded.nation'),
                geom: sql`excluded.geom`,
                geom_display: sql`excluded.geom_display`,
                updated_at: sql`now()`,
              }),
            )
            .execute();
        }
        // Coverage's hexagonal grid follows the boundaries, and the figures follow the grid.
        await sql`SELECT rebuild_territory_hexes(code) FROM territories`.execute(trx);
        await sql`SELECT rebuild_territory_coverage(code) FROM territories ORDER BY code`.execute(
          trx,
        );
      });
    },
  };
}

export type TerritoriesRepo = ReturnType<typeof createTerritoriesRepo>;
