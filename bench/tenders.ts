/**
 * The bench's tenders, shared by the matching and map benches: three police tenders with every
 * kind of priority (themes, groups, two TOMs measures, three focus districts, two delivery
 * sites), in the largest territory (the Met), in Thames Valley, and across three territories,
 * of one bench buyer. Written straight into the tables; each run replaces the last run's.
 */
import { sql } from 'kysely';
import type { DatabaseHandle } from '../server/src/db/client';
import { pointFromLonLat } from '../server/src/db/geo';

const REFERENCE = 'MATCHBENCH';

export interface BenchTender {
  label: string;
  territories: string[];
  focusLads: string[];
  sites: { label: string; lon: number; lat: number }[];
}

export const TENDERS: BenchTender[] = [
  {
    label: 'largest territory (Metropolitan Police)',
    territories: ['E23000001'],
    focusLads: ['E09000030', 'E09000012', 'E09000022'],
    sites: [
      { label: 'Lambeth depot', lon: -0.1167, lat: 51.4607 },
      { label: 'Hackney depot', lon: -0.0553, lat: 51.545 },
    ],
  },
  {
    label: 'Thames Valley',
    territories: ['E23000029'],
    focusLads: ['E07000178', 'E06000038', 'E06000042'],
    sites: [
      { label: 'Oxford depot', lon: -1.2577, lat: 51.752 },
      { label: 'Reading depot', lon: -0.9781, lat: 51.4543 },
    ],
  },
  {
    label: 'three territories (Thames Valley, Hampshire, Surrey)',
    territories: ['E23000029', 'E23000030', 'E23000031'],
    focusLads: ['E07000178', 'E06000045', 'E07000209'],
    sites: [
      { label: 'Oxford depot', lon: -1.2577, lat: 51.752 },
      { label: 'Southampton depot', lon: -1.4044, lat: 50.9097 },
    ],
  },
];

/** Replaces the bench's tenders and their bench buyer; answers the tenders' ids. */
export async function prepareTenders(database: DatabaseHandle): Promise<string[]> {
  const { db } = database;
  await db.transaction().execute(async (tx) => {
    const old = tx.selectFrom('tenders').select('id').where('reference', 'like', `${REFERENCE}-%`);
    for (const table of [
      'tender_priority_measures',
      'tender_focus_areas',
      'tender_delivery_sites',
      'tender_territories',
    ] as const)
      await tx.deleteFrom(table).where('tender_id', 'in', old).execute();
    await tx.deleteFrom('tenders').where('reference', 'like', `${REFERENCE}-%`).execute();
  });
  let buyer = await db
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', 'Matching bench police force')
    .executeTakeFirst();
  buyer ??= await db
    .insertInto('organisations')
    .values({ kind: 'buyer', name: 'Matching bench police force', buyer_sector: 'police' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ids: string[] = [];
  for (const [i, t] of TENDERS.entries()) {
    const id = crypto.randomUUID();
    ids.push(id);
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('tenders')
        .values({
          id,
          ocid: `ocds-bench-${id}`,
          buyer_id: buyer.id,
          title: `Matching bench tender ${i + 1}`,
          reference: `${REFERENCE}-${i + 1}`,
          annual_value_pence: 500_000_000,
          duration_years: 3,
          start_date: '2027-04-01',
          baseline_pence_per_million: 1_000_000,
          mid_pence_per_million: 1_500_000,
          higher_ambition_pence_per_million: 2_000_000,
          weighting_pct: 10,
          closes_at: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          status: 'open',
          published_at: sql`now()`,
          priority_themes: ['safer', 'healthier'],
          priority_groups: ['care_leavers', 'young_people_at_risk'],
        } as never)
        .execute();
      await tx
        .insertInto('tender_territories')
        .values(t.territories.map((code) => ({ tender_id: id, territory_code: code })))
        .execute();
      await tx
        .insertInto('tender_priority_measures')
        .values(
          ['NT29', 'NT28'].map((code) => ({
            tender_id: id,
            framework_id: 'national-toms-starter',
            measure_code: code,
          })),
        )
        .execute();
      await tx
        .insertInto('tender_focus_areas')
        .values(t.focusLads.map((code) => ({ tender_id: id, kind: 'lad' as const, code })))
        .execute();
      await tx
        .insertInto('tender_delivery_sites')
        .values(
          t.sites.map((s, position) => ({
            tender_id: id,
            position,
            label: s.label,
            location: pointFromLonLat(s.lon, s.lat),
          })),
        )
        .execute();
    });
  }
  return ids;
}
