import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import request from 'supertest';
import type { ActivityView } from '@shared/schemas/activities';
import type { CoverageDetail, TerritoryCoverage } from '@shared/schemas/coverage';
import type { SpoView, TenderView } from '@shared/schemas/tenders';
import { buildOrganisation } from '../../../seed/factories';
import { signUp, type SignedIn } from '../../support/accounts';
import { figures, rebuilt } from '../../support/coverage-figures';
import { createTestApp, type TestApp } from '../../support/test-app';
import {
  activityOf,
  addCash,
  answer,
  award,
  close,
  draftSpo,
  publishedTender,
  submittedSpo,
} from '../tenders/spo-fixtures';

/**
 * Committed £ per head and the share of it in the most deprived quintile, against a fixture
 * computed by hand. The fixture's districts are small squares around three towns of Thames
 * Valley, with codes below every real one, so that an activity there is placed in them
 * whatever the need import holds (a point in two districts goes to the lowest code). Its
 * territory's population is set too.
 */

let t: TestApp;
let buyer: SignedIn;
let supplier: SignedIn;
let rival: SignedIn;
let provider: SignedIn;
let tender: TenderView;
let winner: SpoView;
/** a and d in the quintile 1 district, b in the quintile 3 one, c where the quintile is unknown. */
let activities: Record<'a' | 'd' | 'b' | 'c', ActivityView>;

const TV = 'E23000029';
const LONDON = 'E23000001';
const OXFORD = { lon: -1.2577, lat: 51.752 };
const READING = { lon: -0.9781, lat: 51.4543 };
const AYLESBURY = { lon: -0.8125, lat: 51.8168 };
const POPULATION = 400_000;

// Quintile 1 (most deprived), quintile 3, and one whose quintile nobody knows.
const DISTRICTS = [
  { code: 'E00000001', name: 'Fixture Oxford', at: OXFORD, quintile: 1 },
  { code: 'E00000002', name: 'Fixture Reading', at: READING, quintile: 3 },
  { code: 'E00000003', name: 'Fixture Aylesbury', at: AYLESBURY, quintile: null },
] as const;

async function addDistricts(): Promise<void> {
  const { db } = t.database;
  for (const d of DISTRICTS) {
    const { lon, lat } = d.at;
    await sql`
      INSERT INTO lads (code, name, territory_code, geom, geom_display)
      SELECT ${d.code}, ${d.name}, ${TV}, g, g
      FROM (SELECT ST_Multi(ST_MakeEnvelope(${lon - 0.01}, ${lat - 0.01}, ${lon + 0.01},
        ${lat + 0.01}, 4326)) AS g) box`.execute(db);
    await sql`
      INSERT INTO lad_need (lad_code, population, deprivation_quintile)
      VALUES (${d.code}, 100000, ${d.quintile})`.execute(db);
  }
  await sql`
    INSERT INTO territory_need (territory_code, population, deprivation_score,
      most_deprived_quintile_share, child_poverty_pct, child_poverty_period, lads)
    VALUES (${TV}, ${POPULATION}, 21.5, 0.25, 18.2, '2024', 3)
    ON CONFLICT (territory_code) DO UPDATE SET population = excluded.population,
      deprivation_score = excluded.deprivation_score,
      most_deprived_quintile_share = excluded.most_deprived_quintile_share,
      child_poverty_pct = excluded.child_poverty_pct,
      child_poverty_period = excluded.child_poverty_period,
      claimant_pct = NULL, claimant_period = NULL, homicide_per_million = NULL,
      homicide_period = NULL, lads = excluded.lads`.execute(db);
  // A territory the import has no figures for.
  await sql`DELETE FROM territory_need WHERE territory_code = ${LONDON}`.execute(db);
}

const coverageOf = async (code: string) =>
  ((await request(t.app).get('/api/coverage')).body as TerritoryCoverage[]).find(
    (c) => c.code === code,
  )!;

beforeAll(async () => {
  t = await createTestApp();
  buyer = await signUp(t.app, { organisation: buildOrganisation('buyer') });
  supplier = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  rival = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  provider = await signUp(t.app, { organisation: buildOrganisation('provider') });
  await addDistricts();
  activities = {
    a: await activityOf(provider, { location: OXFORD }),
    d: await activityOf(provider, { location: { lon: -1.26, lat: 51.75 } }),
    b: await activityOf(provider, { location: READING }),
    c: await activityOf(provider, { location: AYLESBURY }),
  };
  tender = await publishedTender(buyer, { territories: [TV] });
  const spo = await draftSpo(supplier, tender);
  for (const [activity, pence] of [
    [activities.a, 123_456],
    [activities.d, 50_000],
    [activities.b, 200_000],
    [activities.c, 76_544],
  ] as const) {
    const withLine = await addCash(supplier, spo.id, activity, pence);
    await answer(provider, spo.id, withLine.lines.at(-1)!.id);
  }
  const submitted = await supplier.agent.post(`/api/spos/${spo.id}/submit`);
  expect(submitted.status).toBe(200);
  winner = submitted.body as SpoView;
  // A losing bid in the most deprived district, which must not count.
  await submittedSpo(rival, provider, tender, activities.a, 1_000_000);
});
afterAll(() => t?.close());

describe('coverage beside need', () => {
  it('places each activity in its district', async () => {
    const { rows } = await sql<{ id: string; lad_code: string | null }>`
      SELECT id, lad_code FROM activities`.execute(t.database.db);
    const lad = new Map(rows.map((r) => [r.id, r.lad_code]));
    expect(lad.get(activities.a.id)).toBe('E00000001');
    expect(lad.get(activities.d.id)).toBe('E00000001');
    expect(lad.get(activities.b.id)).toBe('E00000002');
    expect(lad.get(activities.c.id)).toBe('E00000003');
  });

  it('shows the need figures, nothing per head before an award, and no share of nothing', async () => {
    const before = await coverageOf(TV);
    expect(before.need).toEqual({
      code: TV,
      population: POPULATION,
      deprivationScore: 21.5,
      mostDeprivedQuintileShare: 0.25,
      childPovertyPct: 18.2,
      childPovertyPeriod: '2024',
      claimantPct: null,
      claimantPeriod: null,
      homicidePerMillion: null,
      homicidePeriod: null,
      lads: 3,
    });
    expect(before.committedPencePerHead).toBe(0);
    expect(before.mostDeprivedQuintileCommittedShare).toBeNull();
  });

  it('answers no data, never zero, for a territory without need figures', async () => {
    const london = await coverageOf(LONDON);
    expect(london.need).toBeNull();
    expect(london.committedPencePerHead).toBeNull();
    expect(london.mostDeprivedQuintileCommittedShare).toBeNull();
  });

  it('gives committed £ per head and the most deprived quintile’s share, hand-computed', async () => {
    await close(t, tender.id);
    await award(buyer, tender, winner.id);
    const after = await coverageOf(TV);
    // 123,456 + 50,000 + 200,000 + 76,544 pence; the rival's 1,000,000 lost.
    expect(after.committedPence).toBe(450_000);
    // 450,000 ÷ 400,000 people.
    expect(after.committedPencePerHead).toBe(1.125);
    // Oxford's district (quintile 1) holds a and d: 173,456 ÷ 450,000 = 0.385457…
    expect(after.mostDeprivedQuintileCommittedShare).toBe(0.3855);
    const detail = (await request(t.app).get(`/api/coverage/${TV}`)).body as CoverageDetail;
    expect(detail).toMatchObject({
      committedPencePerHead: 1.125,
      mostDeprivedQuintileCommittedShare: 0.3855,
      need: { population: POPULATION },
    });
    const kept = await figures(t.database.db);
    expect(kept.districts).toEqual([
      { territory_code: TV, lad_code: 'E00000001', committed_pence: '173456', activities: 2 },
      { territory_code: TV, lad_code: 'E00000002', committed_pence: '200000', activities: 1 },
      { territory_code: TV, lad_code: 'E00000003', committed_pence: '76544', activities: 1 },
    ]);
    expect(kept).toEqual(await rebuilt(t.database.db));
  });

  it('moves an activity’s money with it to its new district', async () => {
    const moved = await provider.agent
      .patch(`/api/activities/${activities.c.id}`)
      .send({ location: { lon: -1.255, lat: 51.754 } });
    expect(moved.status).toBe(200);
    const after = await coverageOf(TV);
    expect(after.committedPencePerHead).toBe(1.125);
    // (173,456 + 76,544) ÷ 450,000 = 0.5555…
    expect(after.mostDeprivedQuintileCommittedShare).toBe(0.5556);
    const kept = await figures(t.database.db);
    expect(kept.districts).toEqual([
      { territory_code: TV, lad_code: 'E00000001', committed_pence: '250000', activities: 3 },
      { territory_code: TV, lad_code: 'E00000002', committed_pence: '200000', activities: 1 },
    ]);
    expect(kept).toEqual(await rebuilt(t.database.db));
  });

  it('keeps the share unknown while the committed money lies in no district of known quintile', async () => {
    await sql`UPDATE lad_need SET deprivation_quintile = NULL
      WHERE lad_code IN ('E00000001', 'E00000002')`.execute(t.database.db);
    const after = await coverageOf(TV);
    expect(after.committedPencePerHead).toBe(1.125);
    expect(after.mostDeprivedQuintileCommittedShare).toBeNull();
  });
});
