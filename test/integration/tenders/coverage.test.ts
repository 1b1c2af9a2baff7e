import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { area, booleanPointInPolygon, distance } from '@turf/turf';
import request from 'supertest';
import type { ActivityView } from '@shared/schemas/activities';
import type { CoverageDetail, TerritoryCoverage } from '@shared/schemas/coverage';
import type { SpoView, TenderView } from '@shared/schemas/tenders';
import { buildActivity, buildOrganisation, buildTender } from '../../../seed/factories';
import { orgOf, signUp, type SignedIn } from '../../support/accounts';
import { createTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
let buyer: SignedIn;
let supplierA: SignedIn;
let supplierB: SignedIn;
let provider: SignedIn;
let tender: TenderView;
let spoA: SpoView;
let spoB: SpoView;

const pounds = (n: number) => Math.round(n * 100);
const TV = 'E23000029';
const OXFORD = { lon: -1.2577, lat: 51.752 };
const READING = { lon: -0.9781, lat: 51.4543 };

async function submitted(supplier: SignedIn, activity: ActivityView, pence: number) {
  const spo = (
    await supplier.agent
      .post(`/api/tenders/${tender.id}/spos`)
      .send({ supplierId: orgOf(supplier) })
  ).body as SpoView;
  const withLine = (
    await supplier.agent
      .post(`/api/spos/${spo.id}/lines`)
      .send({ activityId: activity.id, kind: 'cash', annualPence: pence })
  ).body as SpoView;
  await provider.agent
    .post(`/api/spos/${spo.id}/lines/${withLine.lines[0]!.id}/response`)
    .send({ decision: 'accepted' });
  return (await supplier.agent.post(`/api/spos/${spo.id}/submit`)).body as SpoView;
}

const tv = async (who: SignedIn | null) =>
  (
    (await (who ? who.agent : request(t.app)).get('/api/coverage')).body as TerritoryCoverage[]
  ).find((c) => c.code === TV)!;

beforeAll(async () => {
  t = await createTestApp();
  buyer = await signUp(t.app, { organisation: buildOrganisation('buyer') });
  supplierA = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  supplierB = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  provider = await signUp(t.app, { organisation: buildOrganisation('provider') });
  const make = async (overrides = {}) =>
    (
      await provider.agent
        .post('/api/activities')
        .send({ providerId: orgOf(provider), ...buildActivity(overrides) })
    ).body as ActivityView;
  const needs = (gap: number) => ({
    fundingGapPence: pounds(gap),
    volunteerHoursPerYear: 0,
    inKind: [],
  });
  const x = await make({ themes: ['safer'], needs: needs(10_000) });
  const y = await make({ themes: ['healthier', 'safer'], needs: needs(5_000) });
  // Reading, 36 km from the other two in Oxford: another hexagonal cell.
  await make({ themes: ['more_resilient'], needs: needs(2_000), location: READING });
  const created = await buyer.agent
    .post('/api/tenders')
    .send({ buyerId: orgOf(buyer), ...buildTender() });
  tender = (
    await buyer.agent.post(`/api/tenders/${created.body.id}/transition`).send({ status: 'open' })
  ).body as TenderView;
  spoA = await submitted(supplierA, x, pounds(7_500));
  spoB = await submitted(supplierB, y, pounds(3_000));
  await t.database.db
    .updateTable('tenders')
    .set({ closes_at: new Date(Date.now() - 1000).toISOString() })
    .where('id', '=', tender.id)
    .execute();
});
afterAll(() => t.close());

describe('coverage per territory', () => {
  it('counts what is listed before any award, and shows the pipeline to its buyer only', async () => {
    const before = await tv(null);
    expect(before).toMatchObject({
      activitiesListed: 3,
      activitiesSupported: 0,
      committedPence: 0,
      fundingGapPence: pounds(17_000),
      pipelinePence: null,
    });
    expect((await tv(buyer)).pipelinePence).toBe(pounds(10_500));
    expect((await tv(supplierA)).pipelinePence).toBeNull();
    expect((await tv(provider)).pipelinePence).toBeNull();
  });

  it('adds an award to the public figures, hand-computed, and leaves the loser out', async () => {
    const award = await buyer.agent
      .post(`/api/tenders/${tender.id}/award`)
      .send({ spoId: spoA.id });
    expect(award.status).toBe(200);
    const after = await tv(null);
    expect(after).toEqual({
      code: TV,
      name: 'Thames Valley',
      nation: 'England',
      activitiesListed: 3,
      activitiesSupported: 1,
      shareSupported: 0.3333,
      committedPence: pounds(7_500),
      committedByTheme: { safer: pounds(7_500) },
      committedBySector: { police: pounds(7_500) },
      // (10,000 − 7,500) + 5,000 + 2,000: B's £3,000 was not awarded and does not count.
      fundingGapPence: pounds(9_500),
      secondary: [{ area: 'police', confidence: 'medium', annualPence: 4_500_000 }],
      pipelinePence: null,
      // Oxford's cell holds x (supported) and y; Reading's holds the third, unsupported.
      hexCells: expect.any(Number),
      hexCellsWithActivities: 2,
      hexCellsSupported: 1,
      spreadShare: 0.5,
      updatedAt: expect.any(String),
      // From the need import; computed by hand against a fixture in coverage/need.test.ts.
      need: expect.objectContaining({ code: TV }),
      committedPencePerHead: expect.any(Number),
      mostDeprivedQuintileCommittedShare: expect.any(Number),
      // Nothing reported delivered yet (test/integration/fulfilment counts what is).
      deliveredPence: 0,
      deliveredHours: 0,
    });
    // The award ended the pipeline: B is not awarded, A is public.
    expect((await tv(buyer)).pipelinePence).toBe(0);
    const detail = (await request(t.app).get(`/api/coverage/${TV}`)).body as CoverageDetail;
    expect(detail.monthly).toEqual([
      { month: new Date().toISOString().slice(0, 7), committedPence: pounds(7_500) },
    ]);
    expect(spoB.id).not.toBe(spoA.id);

    const cells = detail.hexes.features;
    expect(
      cells.map((c) => c.properties).sort((a, b) => b.activitiesListed - a.activitiesListed),
    ).toEqual([
      expect.objectContaining({
        activitiesListed: 2,
        activitiesSupported: 1,
        committedPence: pounds(7_500),
      }),
      expect.objectContaining({ activitiesListed: 1, activitiesSupported: 0, committedPence: 0 }),
    ]);
    const oxfordCell = cells.find((c) => c.properties.activitiesListed === 2)!;
    expect(booleanPointInPolygon([OXFORD.lon, OXFORD.lat], oxfordCell)).toBe(true);
    // About 5 km across: a hexagon of 2,887 m edges covers 21.65 km².
    expect(area(oxfordCell) / 1e6).toBeGreaterThan(20.5);
    expect(area(oxfordCell) / 1e6).toBeLessThan(22.8);
    expect(detail.unsupportedClusters).toHaveLength(1);
    const [cluster] = detail.unsupportedClusters;
    expect(cluster).toMatchObject({ cells: 1, activities: 1 });
    expect(distance(cluster!.centre, [READING.lon, READING.lat])).toBeLessThan(3.5);
  });

  it('names an unsupported cluster by the town it is in, not by its coordinates', async () => {
    const detail = (await request(t.app).get(`/api/coverage/${TV}`)).body as CoverageDetail;
    const [cluster] = detail.unsupportedClusters;
    expect(cluster!.near).toEqual({ name: 'Reading', km: expect.any(Number) });
    // The distance is from the cluster's middle (a 5 km cell's centre) to Reading's.
    expect(cluster!.near!.km).toBeLessThan(5);
  });

  it('draws the awarded SPO from its supplier to its activity, and never the loser', async () => {
    const detail = (await request(t.app).get(`/api/coverage/${TV}`)).body as CoverageDetail;
    expect(detail.awardedLinks).toEqual([
      {
        spoId: spoA.id,
        supplier: { id: orgOf(supplierA), name: expect.any(String), at: expect.any(Array) },
        activity: {
          id: spoA.lines[0]!.activity.id,
          title: expect.any(String),
          at: [OXFORD.lon, OXFORD.lat],
        },
        annualPence: pounds(7_500),
      },
    ]);
  });

  it('covers the territory with a grid of cells as many as its area needs', async () => {
    const res = await request(t.app).get(`/api/territories/${TV}`);
    const territoryKm2 = area(res.body) / 1e6;
    const { hexCells } = await tv(null);
    // Every cell touches the territory; border cells stick out, so a few more than area ÷ cell.
    expect(hexCells).toBeGreaterThan(territoryKm2 / 21.65);
    expect(hexCells).toBeLessThan((territoryKm2 / 21.65) * 1.4);
  });

  it('follows an activity that closes: it is no longer listed nor counted in the gap', async () => {
    const list = await request(t.app).get(`/api/activities?territory=${TV}&pageSize=10`);
    const unsupported = (list.body.items as { id: string; title: string }[]).find(
      (a) => a.id !== spoA.lines[0]!.activity.id && a.id !== spoB.lines[0]!.activity.id,
    )!;
    await provider.agent.patch(`/api/activities/${unsupported.id}`).send({ status: 'closed' });
    expect(await tv(null)).toMatchObject({
      activitiesListed: 2,
      fundingGapPence: pounds(7_500),
    });
  });

  it('answers 404 for a territory that does not exist', async () => {
    expect((await request(t.app).get('/api/coverage/E23000099')).status).toBe(404);
    expect((await request(t.app).get('/api/coverage/nope')).status).toBe(400);
  });
});
