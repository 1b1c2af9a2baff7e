import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { distance } from '@turf/turf';
import request from 'supertest';
import type { ActivityView } from '@shared/schemas/activities';
import type {
  MatchPage,
  OpportunityPage,
  ReachView,
  SuggestionView,
} from '@shared/schemas/matching';
import type { TenderView } from '@shared/schemas/tenders';
import { buildOrganisation } from '../../../seed/factories';
import { signUp, type SignedIn } from '../../support/accounts';
import { createTestApp, type TestApp } from '../../support/test-app';
import { sql } from 'kysely';
import {
  activityOf,
  addCash,
  award,
  close,
  draftSpo,
  draftTender,
  publishedTender,
  submittedSpo,
} from '../tenders/spo-fixtures';

/**
 * Matches for a tender, checked against scores worked out by hand from the README's formula,
 * and the same ranking, suggestion, reach and opportunities through the API.
 */

let t: TestApp;
let provider: SignedIn;
let buyer: SignedIn;
let supplier: SignedIn;
let rival: SignedIn;
let tender: TenderView;
let a: ActivityView;
let b: ActivityView;
let c: ActivityView;

const OXFORD = { lon: -1.2577, lat: 51.752 };
const READING = { lon: -0.9781, lat: 51.4543 };

const noImpact = {
  peopleReachedPerYear: 40,
  outcomes: [],
  evidence: { links: [], evaluationSummary: '' },
  costsAvoided: {},
};
const impactOfA = {
  peopleReachedPerYear: 120,
  outcomes: [{ label: 'Care leavers in work after a year', figure: 30, unit: 'people' }],
  evidence: {
    links: [{ title: 'Evaluation', url: 'https://example.org/evaluation.pdf' }],
    evaluationSummary: 'Independent evaluation, 2025.',
  },
  costsAvoided: {
    police: { annualPence: 100_000, method: 'Unit costs of crime', confidence: 'medium' as const },
  },
};
const needs = (gap: number) => ({ fundingGapPence: gap, volunteerHoursPerYear: 0, inKind: [] });

beforeAll(async () => {
  t = await createTestApp();
  provider = await signUp(t.app, { organisation: buildOrganisation('provider') });
  buyer = await signUp(t.app, { organisation: buildOrganisation('buyer') });
  supplier = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  rival = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  // £1m a year with a £10,000-a-year baseline: a typical line is £2,000.
  const money = {
    annualValuePence: 100_000_000,
    baselinePencePerMillion: 1_000_000,
    midPencePerMillion: 1_500_000,
    higherAmbitionPencePerMillion: 2_000_000,
  };
  tender = await publishedTender(buyer, money);
  await t.database.db
    .updateTable('tenders')
    .set({ priority_themes: ['safer'], priority_groups: ['care_leavers'] } as never)
    .where('id', '=', tender.id)
    .execute();
  await t.database.db
    .insertInto('tender_priority_measures')
    .values({ tender_id: tender.id, framework_id: 'national-toms-starter', measure_code: 'NT29' })
    .execute();
  await t.database.db
    .insertInto('tender_focus_areas')
    .values({ tender_id: tender.id, kind: 'lad', code: 'E07000178' })
    .execute();
  const { pointFromLonLat } = await import('../../../server/src/db/geo');
  await t.database.db
    .insertInto('tender_delivery_sites')
    .values({
      tender_id: tender.id,
      position: 0,
      label: 'Oxford depot',
      location: pointFromLonLat(OXFORD.lon, OXFORD.lat),
    })
    .execute();
  a = await activityOf(provider, {
    title: 'Care leavers into work, Oxford',
    themes: ['safer'],
    priorityGroups: ['care_leavers'],
    location: OXFORD,
    impact: impactOfA,
    needs: needs(2_000_000),
    capacityPence: 0,
    measures: [{ code: 'NT29' }],
  });
  b = await activityOf(provider, {
    title: 'Walking football, Reading',
    themes: ['healthier'],
    priorityGroups: [],
    location: READING,
    impact: noImpact,
    needs: needs(2_000_000),
    capacityPence: 0,
    measures: [],
  });
  // A's twin with nothing left to ask for: no capacity stated and no funding gap.
  c = await activityOf(provider, {
    title: 'Care leavers mentoring, Oxford',
    themes: ['safer'],
    priorityGroups: ['care_leavers'],
    location: OXFORD,
    impact: impactOfA,
    needs: needs(0),
    capacityPence: 0,
    measures: [{ code: 'NT29' }],
  });
});
afterAll(async () => {
  await t.close();
});

const matches = async (who: SignedIn | null, query = '') => {
  const agent = who ? who.agent : request.agent(t.app);
  const res = await agent.get(`/api/tenders/${tender.id}/matches${query}`);
  expect(res.status).toBe(200);
  return res.body as MatchPage;
};

/** The score the factors give, by the formula: 100 × Σ(weight × value) ÷ Σ weight. */
const fromFactors = (factors: MatchPage['items'][number]['factors']) => {
  const counted = factors.filter((f) => f.value !== null);
  const w = counted.reduce((s, f) => s + f.weight, 0);
  return (100 * counted.reduce((s, f) => s + f.weight * f.value!, 0)) / w;
};

// Weights (defaults): place 3, themes 2, measures 1, groups 2, room 2, gap 1, need 2, spread 1,
// distance 1, evidence 1, secondary 1: 17 in all, every factor counting here.
const WEIGHTS = 17;
// A: in the Oxford focus area (1), its one priority theme, measure and group (1, 1, 1), £20,000
// of room and gap against a £2,000 line (1, 1), Oxford in UK quintile 4 ((6 − 4) ÷ 5 = 0.4), no
// awarded SPO nearby (1), at the depot (1), a link, a summary, an outcome and medium confidence
// (0.35 + 0.25 + 0.15 + 0.25 × 0.6 = 0.9), £1,000 of police costs avoided (0.5).
const SCORE_A = (100 * (3 + 2 + 1 + 2 + 2 + 1 + 2 * 0.4 + 1 + 1 + 0.9 + 0.5)) / WEIGHTS;
// B: outside the focus area, none of the priorities, £20,000 of room and gap (1, 1), Reading in
// quintile 3 (0.6), no awarded SPO nearby (1), ~40 km from the depot, no evidence or savings.
const distanceB = distance([READING.lon, READING.lat], [OXFORD.lon, OXFORD.lat]);
const SCORE_B = (100 * (2 + 1 + 2 * 0.6 + 1 + (1 - distanceB / 50))) / WEIGHTS;

describe('GET /api/tenders/:id/matches', () => {
  it('scores each activity as the formula does by hand, best first', async () => {
    const page = await matches(null);
    expect(page.total).toBe(2);
    expect(page.items.map((m) => m.activity.id)).toEqual([a.id, b.id]);
    const [first, second] = page.items;
    expect(first!.score).toBeCloseTo(SCORE_A, 3);
    expect(second!.score).toBeCloseTo(SCORE_B, 2);
    expect(first!.rank).toBe(1);
    expect(first!.activity.lad).toEqual({ code: 'E07000178', name: 'Oxford' });
    expect(first!.roomPence).toBe(2_000_000);
    expect(page.baselineAnnualPence).toBe(1_000_000);
    const need = first!.factors.find((f) => f.factor === 'need')!;
    expect(need).toMatchObject({ value: 0.4, weight: 2 });
    expect(need.detail).toMatch(/Oxford/);
    const themes = second!.factors.find((f) => f.factor === 'themes')!;
    expect(themes.value).toBe(0);
  });

  it('gives a score the factors it shows add up to (SQL and the shared formula agree)', async () => {
    const page = await matches(null, '?withRoom=false');
    for (const m of page.items) expect(m.score).toBeCloseTo(fromFactors(m.factors), 3);
  });

  it('ranks an activity with no room left below the others, whatever its score', async () => {
    const page = await matches(null, '?withRoom=false');
    expect(page.items.map((m) => m.activity.id)).toEqual([a.id, b.id, c.id]);
    expect(page.items[2]!.roomPence).toBe(0);
    expect(page.items[2]!.score).toBeGreaterThan(page.items[1]!.score);
  });

  it('pages and filters', async () => {
    const second = await matches(null, '?pageSize=1&page=2');
    expect(second.total).toBe(2);
    expect(second.items.map((m) => m.activity.id)).toEqual([b.id]);
    expect(second.items[0]!.rank).toBe(2);
    const healthier = await matches(null, '?theme=healthier');
    expect(healthier.items.map((m) => m.activity.id)).toEqual([b.id]);
    const focus = await matches(null, '?focusOnly=true');
    expect(focus.items.map((m) => m.activity.id)).toEqual([a.id]);
    const high = await matches(null, `?minScore=${Math.ceil(SCORE_B) + 1}`);
    expect(high.items.map((m) => m.activity.id)).toEqual([a.id]);
  });

  it('counts the asking supplier’s own lines against the room, and nobody else’s', async () => {
    const spo = await draftSpo(supplier, tender);
    await addCash(supplier, spo.id, a, 500_000);
    const mine = (await matches(supplier)).items.find((m) => m.activity.id === a.id)!;
    expect(mine.roomPence).toBe(1_500_000);
    expect(mine.inYourSpoPence).toBe(500_000);
    const theirs = (await matches(rival)).items.find((m) => m.activity.id === a.id)!;
    expect(theirs.roomPence).toBe(2_000_000);
    expect(theirs.inYourSpoPence).toBe(0);
    const anyone = (await matches(null)).items.find((m) => m.activity.id === a.id)!;
    expect(anyone.roomPence).toBe(2_000_000);
  });

  it('refuses a bad query in the error shape, and hides a draft tender from all but its buyer', async () => {
    const bad = await request(t.app).get(`/api/tenders/${tender.id}/matches?pageSize=500`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const draft = await draftTender(buyer);
    for (const who of [null, supplier.agent]) {
      const res = await (who ?? request.agent(t.app)).get(`/api/tenders/${draft.id}/matches`);
      expect(res.status).toBe(404);
      const reach = await (who ?? request.agent(t.app)).get(`/api/tenders/${draft.id}/reach`);
      expect(reach.status).toBe(404);
      const suggestion = await (who ?? request.agent(t.app)).get(
        `/api/tenders/${draft.id}/suggestion`,
      );
      expect(suggestion.status).toBe(404);
    }
    expect((await buyer.agent.get(`/api/tenders/${draft.id}/matches`)).status).toBe(200);
    expect((await buyer.agent.get(`/api/tenders/${draft.id}/reach`)).status).toBe(200);
    const none = await request(t.app).get(
      '/api/tenders/00000000-0000-4000-8000-000000000000/matches',
    );
    expect(none.status).toBe(404);
  });
});

describe('GET /api/tenders/:id/suggestion', () => {
  it('fills the baseline across areas, never past an activity’s room', async () => {
    const res = await request(t.app).get(`/api/tenders/${tender.id}/suggestion`);
    expect(res.status).toBe(200);
    const s = res.body as SuggestionView;
    // £10,000: a quarter each first (A then B), then A tops up to what is left.
    expect(s.targetPence).toBe(1_000_000);
    expect(s.reached).toBe(true);
    expect(s.totalPence).toBe(1_000_000);
    expect(s.lines.map((l) => [l.activity.id, l.annualPence])).toEqual([
      [a.id, 750_000],
      [b.id, 250_000],
    ]);
    expect(s.areas).toBe(2);
    for (const l of s.lines) {
      expect(l.annualPence).toBeLessThanOrEqual(l.limitPence);
      expect(l.reason).toMatch(/^Suggested/);
    }
  });

  it('aims at a band or a target of the supplier’s own, and says when the room runs out', async () => {
    const higher = (await request(t.app).get(`/api/tenders/${tender.id}/suggestion?band=higher`))
      .body as SuggestionView;
    expect(higher.targetPence).toBe(2_000_000);
    expect(higher.reached).toBe(true);
    const tooMuch = (
      await request(t.app).get(`/api/tenders/${tender.id}/suggestion?targetPence=10000000`)
    ).body as SuggestionView;
    expect(tooMuch.reached).toBe(false);
    expect(tooMuch.totalPence).toBe(4_000_000);
    expect(tooMuch.shortfallPence).toBe(6_000_000);
  });
});

describe('GET /api/tenders/:id/reach', () => {
  it('sums the capacity and need the priorities can reach', async () => {
    const res = await request(t.app).get(`/api/tenders/${tender.id}/reach`);
    expect(res.status).toBe(200);
    const r = res.body as ReachView;
    expect(r).toMatchObject({
      activities: 3,
      activitiesWithRoom: 2,
      providers: 1,
      roomPence: 4_000_000,
      baselineAnnualPence: 1_000_000,
      coversBaseline: true,
      inMostDeprivedQuintile: 0,
      inUnsupportedCells: 3,
    });
    expect(r.byTerritory).toHaveLength(1);
    expect(r.byTerritory[0]!.code).toBe('E23000029');
    expect(r.byTerritory[0]!.population).toBeGreaterThan(2_000_000);
  });

  it('counts a provider once across territories, and shows a territory with nothing in it', async () => {
    const LONDON = { lon: -0.1276, lat: 51.5072 };
    const other = await signUp(t.app, { organisation: buildOrganisation('provider') });
    const listed = (who: SignedIn, title: string, location: typeof LONDON) =>
      activityOf(who, { title, location, needs: needs(500_000), capacityPence: 0 });
    await listed(provider, 'Youth club, Camden', LONDON);
    await listed(other, 'Food bank, Southwark', LONDON);
    await listed(other, 'Food bank, Banbury', { lon: -1.3398, lat: 52.0629 });
    const wide = await publishedTender(buyer, {
      territories: ['E23000029', 'E23000001', 'E23000007'],
    });
    const res = await request(t.app).get(`/api/tenders/${wide.id}/reach`);
    expect(res.status).toBe(200);
    const r = res.body as ReachView;
    // Two providers, each in both territories: two, not four.
    expect(r.providers).toBe(2);
    const by = Object.fromEntries(r.byTerritory.map((x) => [x.code, x.activities]));
    expect(by).toEqual({ E23000001: 2, E23000029: expect.any(Number), E23000007: 0 });
    expect(by.E23000029).toBeGreaterThanOrEqual(4);
    expect(r.activities).toBe(by.E23000001! + by.E23000029!);
    expect(r.byTerritory.find((x) => x.code === 'E23000007')!.roomPence).toBe(0);
  });
});

describe('GET /api/activities/:id/opportunities', () => {
  it('lists the open tenders covering the activity, scored as the matches score it', async () => {
    const elsewhere = await publishedTender(buyer, { territories: ['E23000001'] });
    const res = await request(t.app).get(`/api/activities/${a.id}/opportunities`);
    expect(res.status).toBe(200);
    const page = res.body as OpportunityPage;
    const ids = page.items.map((o) => o.tender.id);
    expect(ids).toContain(tender.id);
    expect(ids).not.toContain(elsewhere.id);
    const ours = page.items.find((o) => o.tender.id === tender.id)!;
    expect(ours.score).toBeCloseTo(SCORE_A, 3);
    expect(ours.factors.find((f) => f.factor === 'distance')!.detail).toMatch(/Oxford depot/);
    expect((await request(t.app).get(`/api/activities/${b.id}x/opportunities`)).status).toBe(400);
    const unknown = await request(t.app).get(
      '/api/activities/00000000-0000-4000-8000-000000000000/opportunities',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('activity_not_found');
    const badBand = await request(t.app).get(`/api/tenders/${tender.id}/suggestion?band=gold`);
    expect(badBand.status).toBe(400);
    expect(badBand.body.error.code).toBe('validation_failed');
  });
});

describe('the capacity ledger', () => {
  it('takes an award’s lines from the room everyone sees, and equals the awarded lines', async () => {
    const other = await publishedTender(buyer);
    const spo = await submittedSpo(rival, provider, other, b, 300_000);
    await close(t, other.id);
    await award(buyer, other, spo.id);
    const page = await matches(null);
    const matchB = page.items.find((m) => m.activity.id === b.id)!;
    expect(matchB.roomPence).toBe(1_700_000);
    expect(matchB.remainingGapPence).toBe(1_700_000);
    expect(matchB.factors.find((f) => f.factor === 'spread')!.value).toBe(0);
    const { rows } = await sql<{ activity_id: string; ledger: string; lines: string }>`
      SELECT coalesce(l.activity_id, a.activity_id) AS activity_id,
        coalesce(l.committed_pence, 0)::text AS ledger, coalesce(a.pence, 0)::text AS lines
      FROM activity_ledger l
      FULL JOIN (SELECT activity_id, sum(annual_pence) AS pence FROM awarded_lines
        GROUP BY activity_id) a ON a.activity_id = l.activity_id`.execute(t.database.db);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.ledger).toBe(r.lines);
    expect(rows.find((r) => r.activity_id === b.id)?.ledger).toBe('300000');
  });
});
