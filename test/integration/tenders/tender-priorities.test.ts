import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import request from 'supertest';
import { DEFAULT_MATCH_WEIGHTS } from '@shared/matching';
import type { TenderPrioritiesInput } from '@shared/schemas/matching';
import type { TenderCreateInput, TenderView } from '@shared/schemas/tenders';
import { buildOrganisation } from '../../../seed/factories';
import { orgOf, signUp, type SignedIn } from '../../support/accounts';
import { createTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
let buyer: SignedIn;
let supplier: SignedIn;

const THAMES_VALLEY = 'E23000029';
const OXFORD = 'E07000178';
const KINGSTON = 'E09000021';

const tenderInput = (priorities?: TenderPrioritiesInput): TenderCreateInput => ({
  title: 'Custody healthcare services',
  reference: 'TVP-2027-014',
  territories: [THAMES_VALLEY],
  annualValuePence: 150_000_000,
  durationYears: 3,
  startDate: '2027-04-01',
  baselinePencePerMillion: 500_000,
  midPencePerMillion: 750_000,
  higherAmbitionPencePerMillion: 1_000_000,
  closesAt: new Date(Date.now() + 86_400_000).toISOString(),
  ...(priorities ? { priorities } : {}),
});

const priorities: TenderPrioritiesInput = {
  themes: ['safer', 'healthier'],
  groups: ['care_leavers', 'young_people_at_risk'],
  measures: [{ code: 'NT29' }],
  focusAreas: [
    { kind: 'lad', code: OXFORD },
    { kind: 'territory', code: THAMES_VALLEY },
  ],
  deliverySites: [{ label: 'Abingdon custody suite', location: { lon: -1.2822, lat: 51.6708 } }],
  weights: { place: 5, need: 0 },
};

async function create(p?: TenderPrioritiesInput) {
  return buyer.agent.post('/api/tenders').send({ buyerId: orgOf(buyer), ...tenderInput(p) });
}

/**
 * The districts come with the need data, which this run's database may not have: the two
 * the tests name are added (as small squares) where missing, under their real codes.
 */
async function ensureDistrict(code: string, name: string, territory: string, lon: number) {
  const square = `MULTIPOLYGON(((${lon} 51.7, ${lon + 0.05} 51.7, ${lon + 0.05} 51.75, ${lon} 51.75, ${lon} 51.7)))`;
  await sql`INSERT INTO lads (code, name, territory_code, geom, geom_display)
    VALUES (${code}, ${name}, ${territory}, ST_GeomFromText(${square}, 4326),
      ST_GeomFromText(${square}, 4326))
    ON CONFLICT (code) DO NOTHING`.execute(t.database.db);
  const row = await t.database.db
    .selectFrom('lads')
    .select('name')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.name;
}

let oxfordName: string;
let kingstonName: string;

beforeAll(async () => {
  t = await createTestApp();
  buyer = await signUp(t.app, { organisation: buildOrganisation('buyer') });
  supplier = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  oxfordName = await ensureDistrict(OXFORD, 'Oxford', THAMES_VALLEY, -1.25);
  kingstonName = await ensureDistrict(KINGSTON, 'Kingston upon Thames', 'E23000001', -0.3);
});
afterAll(() => t.close());

describe('tender priorities', () => {
  it('stores the priorities with a new tender and reads them back with names and every weight', async () => {
    const res = await create(priorities);
    expect(res.status).toBe(201);
    const tender = res.body as TenderView;
    const expected = {
      themes: ['safer', 'healthier'],
      groups: ['care_leavers', 'young_people_at_risk'],
      measures: [{ framework: 'national-toms-starter', code: 'NT29', title: expect.any(String) }],
      focusAreas: [
        { kind: 'territory', code: THAMES_VALLEY, name: 'Thames Valley' },
        { kind: 'lad', code: OXFORD, name: oxfordName },
      ],
      deliverySites: [
        { label: 'Abingdon custody suite', location: { lon: -1.2822, lat: 51.6708 } },
      ],
      weights: { ...DEFAULT_MATCH_WEIGHTS, place: 5, need: 0 },
    };
    expect(tender.priorities).toEqual(expected);
    expect(tender.priorities.measures[0]!.title).toMatch(/volunteering/i);
    const read = await buyer.agent.get(`/api/tenders/${tender.id}`);
    expect(read.body.priorities).toEqual(expected);
  });

  it('gives a tender without priorities none, and the default weights', async () => {
    const res = await create();
    expect(res.status).toBe(201);
    expect(res.body.priorities).toEqual({
      themes: [],
      groups: [],
      measures: [],
      focusAreas: [],
      deliverySites: [],
      weights: DEFAULT_MATCH_WEIGHTS,
    });
  });

  it('replaces the priorities on an edit of a draft, and keeps them when an edit leaves them out', async () => {
    const id = (await create(priorities)).body.id as string;
    const replaced = await buyer.agent.patch(`/api/tenders/${id}`).send({
      priorities: {
        themes: ['more_resilient'],
        focusAreas: [{ kind: 'lad', code: OXFORD }],
        weights: { spread: 4 },
      },
    });
    expect(replaced.status).toBe(200);
    const after = {
      themes: ['more_resilient'],
      groups: [],
      measures: [],
      focusAreas: [{ kind: 'lad', code: OXFORD, name: oxfordName }],
      deliverySites: [],
      weights: { ...DEFAULT_MATCH_WEIGHTS, spread: 4 },
    };
    expect(replaced.body.priorities).toEqual(after);

    const retitled = await buyer.agent.patch(`/api/tenders/${id}`).send({ title: 'Renamed' });
    expect(retitled.status).toBe(200);
    expect(retitled.body.title).toBe('Renamed');
    expect(retitled.body.priorities).toEqual(after);
  });

  it('refuses a focus area outside the tender’s territories, naming it', async () => {
    const res = await create({ focusAreas: [{ kind: 'lad', code: KINGSTON }] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details).toEqual([
      {
        path: 'priorities.focusAreas.0',
        message: `${kingstonName} lies outside the tender’s territories`,
      },
    ]);
    const territory = await create({ focusAreas: [{ kind: 'territory', code: 'E23000001' }] });
    expect(territory.status).toBe(400);
    const unknown = await create({ focusAreas: [{ kind: 'lad', code: 'E07999999' }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].message).toBe('No district has the code E07999999');
  });

  it('refuses new territories that would leave a stored focus area outside them', async () => {
    const id = (await create(priorities)).body.id as string;
    const res = await buyer.agent.patch(`/api/tenders/${id}`).send({ territories: ['E23000001'] });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('territories');
    const both = await buyer.agent
      .patch(`/api/tenders/${id}`)
      .send({ territories: ['E23000001'], priorities: { themes: ['safer'] } });
    expect(both.status).toBe(200);
    expect(both.body.priorities.focusAreas).toEqual([]);
  });

  it('refuses an unknown TOMs measure, a repeated theme and a delivery site outside the UK', async () => {
    const measure = await create({ measures: [{ code: 'NT29' }, { code: 'NT9999' }] });
    expect(measure.status).toBe(400);
    expect(measure.body.error.details).toEqual([
      { path: 'priorities.measures.1.code', message: expect.stringMatching(/NT9999/) },
    ]);
    const theme = await create({ themes: ['safer', 'safer'] });
    expect(theme.status).toBe(400);
    expect(theme.body.error.details.map((d: { path: string }) => d.path)).toContain(
      'priorities.themes',
    );
    const site = await create({
      deliverySites: [{ label: 'Paris depot', location: { lon: 2.35, lat: 48.85 } }],
    });
    expect(site.status).toBe(400);
    expect(site.body.error.details[0].path).toBe('priorities.deliverySites.0.location');
    const weight = await create({ weights: { place: 11 } });
    expect(weight.status).toBe(400);
  });

  it('lets nobody but the buyer’s members change the priorities', async () => {
    const id = (await create(priorities)).body.id as string;
    await buyer.agent.post(`/api/tenders/${id}/transition`).send({ status: 'open' });
    const edit = await supplier.agent
      .patch(`/api/tenders/${id}`)
      .send({ priorities: { themes: ['safer'] } });
    expect(edit.status).toBe(403);
    const anonymous = await request(t.app)
      .patch(`/api/tenders/${id}`)
      .send({ priorities: { themes: ['safer'] } });
    expect([401, 403]).toContain(anonymous.status);
  });

  it('shows an open tender’s priorities to anyone, in the list as on its page', async () => {
    const id = (await create(priorities)).body.id as string;
    expect(
      (await buyer.agent.post(`/api/tenders/${id}/transition`).send({ status: 'open' })).status,
    ).toBe(200);
    const page = await request(t.app).get(`/api/tenders/${id}`);
    expect(page.status).toBe(200);
    expect(page.body.priorities.groups).toEqual(['care_leavers', 'young_people_at_risk']);
    expect(page.body.priorities.focusAreas.map((a: { name: string }) => a.name)).toEqual([
      'Thames Valley',
      oxfordName,
    ]);
    const list = await request(t.app).get('/api/tenders?pageSize=100');
    const listed = (list.body.items as TenderView[]).find((x) => x.id === id)!;
    expect(listed.priorities).toEqual(page.body.priorities);
  });
});
