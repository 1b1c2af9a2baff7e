import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { ActivityView, Confidence, CostArea, Theme } from '@shared/schemas/activities';
import type { TenderView } from '@shared/schemas/tenders';
import { buildOrganisation } from '../../../seed/factories';
import { createCoverageRepo } from '../../../server/src/features/coverage/coverage.repo';
import { orgOf, signUp, type SignedIn } from '../../support/accounts';
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
} from '../tenders/spo-fixtures';

/**
 * Coverage is kept by delta on every write; the rebuild computes it from scratch. After any
 * sequence of creates, edits, moves, closures, awards and withdrawals, through the API, the
 * two must agree on every figure: the territory rows, the occupied cells, and the figures
 * by theme, buyer sector, secondary impact and district.
 */

let t: TestApp;
let provider: SignedIn;
let suppliers: SignedIn[];
let buyers: SignedIn[];

// Two places in one Thames Valley cell, one in another, one in London (another territory);
// three districts (Oxford, Reading, one of London's), so that a move changes district too.
const PLACES = [
  { lon: -1.2577, lat: 51.752 },
  { lon: -1.2581, lat: 51.7523 },
  { lon: -0.9781, lat: 51.4543 },
  { lon: -0.1276, lat: 51.5072 },
];
const THEMES: Theme[] = ['healthier', 'safer', 'more_resilient'];
const AREAS: CostArea[] = ['police', 'nhs', 'council', 'justice'];
const CONFIDENCES: Confidence[] = ['low', 'medium', 'high'];
type OpenStatus = 'active' | 'at_risk' | 'paused';

const themes = fc.subarray(THEMES, { minLength: 1 });
const costs = fc.dictionary(
  fc.constantFrom(...AREAS),
  fc.record({
    annualPence: fc.integer({ min: 0, max: 5_000_000 }),
    confidence: fc.constantFrom(...CONFIDENCES),
  }),
  { maxKeys: 3 },
);
const status = fc.constantFrom<OpenStatus>('active', 'at_risk', 'paused');
const gap = fc.integer({ min: 0, max: 10_000_000 });
const pick = fc.nat({ max: 1000 });
const pence = fc.integer({ min: 100, max: 3_000_000 });

const op = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('create' as const),
      place: fc.nat({ max: 3 }),
      themes,
      costs,
      gap,
      status,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('edit' as const),
      which: pick,
      change: fc.oneof(
        fc.record({ kind: fc.constant('move' as const), place: fc.nat({ max: 3 }) }),
        fc.record({ kind: fc.constant('themes' as const), themes }),
        fc.record({ kind: fc.constant('gap' as const), gap }),
        fc.record({ kind: fc.constant('costs' as const), costs }),
        fc.record({ kind: fc.constant('status' as const), status }),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('close' as const), which: pick }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('award' as const),
      buyer: fc.nat({ max: 1 }),
      lines: fc.array(fc.record({ which: pick, pence }), { minLength: 1, maxLength: 3 }),
      rival: fc.option(fc.record({ which: pick, pence }), { nil: undefined }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('withdraw' as const), which: pick, pence }) },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

const atRisk = (s: OpenStatus) =>
  s === 'at_risk' ? { atRiskUntil: '2027-12-31' } : { atRiskUntil: null };
const costsAvoided = (
  c: Partial<Record<CostArea, { annualPence: number; confidence: Confidence }>>,
) =>
  Object.fromEntries(
    Object.entries(c).map(([area, v]) => [area, { ...v, method: 'Unit costs, estimated' }]),
  );

/** The activities written so far that are not closed, in creation order, and their status. */
const open: ActivityView[] = [];
const statusOf = new Map<string, OpenStatus>();
/** Those an SPO line may name: active or at risk. */
const linkable = () => open.filter((a) => statusOf.get(a.id) !== 'paused');

async function apply(o: Op): Promise<void> {
  const chosen = (which: number) => (open.length ? open[which % open.length]! : undefined);
  switch (o.op) {
    case 'create': {
      const made = await activityOf(provider, {
        location: PLACES[o.place]!,
        themes: o.themes,
        status: o.status,
        ...atRisk(o.status),
        needs: { fundingGapPence: o.gap, volunteerHoursPerYear: 0, inKind: [] },
        impact: { peopleReachedPerYear: 10, costsAvoided: costsAvoided(o.costs) },
      });
      open.push(made);
      statusOf.set(made.id, o.status);
      return;
    }
    case 'edit': {
      const target = chosen(o.which);
      if (!target) return;
      const c = o.change;
      const body =
        c.kind === 'move'
          ? { location: PLACES[c.place]! }
          : c.kind === 'themes'
            ? { themes: c.themes }
            : c.kind === 'gap'
              ? { needs: { fundingGapPence: c.gap, volunteerHoursPerYear: 0, inKind: [] } }
              : c.kind === 'costs'
                ? { impact: { peopleReachedPerYear: 10, costsAvoided: costsAvoided(c.costs) } }
                : { status: c.status, ...atRisk(c.status) };
      const res = await provider.agent.patch(`/api/activities/${target.id}`).send(body);
      expect(res.status).toBe(200);
      if (c.kind === 'status') statusOf.set(target.id, c.status);
      return;
    }
    case 'close': {
      const target = chosen(o.which);
      if (!target) return;
      const res = await provider.agent
        .patch(`/api/activities/${target.id}`)
        .send({ status: 'closed', atRiskUntil: null });
      expect(res.status).toBe(200);
      open.splice(open.indexOf(target), 1);
      return;
    }
    case 'award':
    case 'withdraw': {
      const lines = o.op === 'award' ? o.lines : [{ which: o.which, pence: o.pence }];
      const candidates = linkable();
      if (candidates.length === 0) return;
      const target = (which: number) => candidates[which % candidates.length]!;
      const targets = [...new Map(lines.map((l) => [target(l.which).id, l])).values()];
      const buyer = buyers[o.op === 'award' ? o.buyer : 0]!;
      const tender = await publishedTender(buyer, { territories: ['E23000029', 'E23000001'] });
      const spoOf = async (supplier: SignedIn, ls: typeof lines) => {
        const spo = await draftSpo(supplier, tender);
        for (const l of ls) {
          const withLine = await addCash(supplier, spo.id, target(l.which), l.pence);
          await answer(provider, spo.id, withLine.lines.at(-1)!.id);
        }
        const submitted = await supplier.agent.post(`/api/spos/${spo.id}/submit`);
        expect(submitted.status).toBe(200);
        return spo.id;
      };
      const winner = await spoOf(suppliers[0]!, targets);
      if (o.op === 'withdraw') {
        const res = await suppliers[0]!.agent.post(`/api/spos/${winner}/withdraw`);
        expect(res.status).toBe(200);
        return;
      }
      if (o.rival) await spoOf(suppliers[1]!, [o.rival]);
      await close(t, tender.id);
      await award(buyer, tender as TenderView, winner);
      return;
    }
  }
}

beforeAll(async () => {
  t = await createTestApp();
  provider = await signUp(t.app, { organisation: buildOrganisation('provider') });
  suppliers = [
    await signUp(t.app, { organisation: buildOrganisation('supplier') }),
    await signUp(t.app, { organisation: buildOrganisation('supplier') }),
  ];
  buyers = [
    await signUp(t.app, { organisation: buildOrganisation('buyer', { buyerSector: 'police' }) }),
    await signUp(t.app, { organisation: buildOrganisation('buyer', { buyerSector: 'nhs' }) }),
  ];
  expect(orgOf(provider)).toBeTruthy();
});
afterAll(() => t?.close());

describe('coverage kept by delta', () => {
  it('equals the full rebuild after any sequence of writes', async () => {
    let writes = 0;
    let awarded = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) {
          await apply(o);
          writes += 1;
          if (o.op === 'award') awarded += 1;
        }
        expect(await figures(t.database.db)).toEqual(await rebuilt(t.database.db));
      }),
      { numRuns: 25, endOnFailure: true },
    );
    // The sequences reached what they were meant to: supported activities, several cells.
    const after = await figures(t.database.db);
    expect(writes).toBeGreaterThan(8);
    expect(awarded).toBeGreaterThan(0);
    expect(after.sectors.length).toBeGreaterThan(0);
    expect(after.cells.length).toBeGreaterThan(1);
    expect(after.districts.length).toBeGreaterThan(0);
    expect(after.months.length).toBeGreaterThan(0);
    expect(after.links.length).toBeGreaterThan(0);
  }, 240_000);

  it('gives a territory the monthly series and links its awarded lines sum to', async () => {
    // Summed from the awarded lines here, as the route did before they were kept. Before the
    // next test's rebuild, so that only the deltas have written them.
    const { rows: lines } = await sql<{
      territory_code: string;
      spo_id: string;
      activity_id: string;
      month: string;
      pence: string;
    }>`
      SELECT a.territory_code, al.spo_id, al.activity_id, al.annual_pence::text AS pence,
        to_char(al.awarded_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month
      FROM awarded_lines al JOIN activities a ON a.id = al.activity_id`.execute(t.database.db);
    const codes = [...new Set(lines.map((l) => l.territory_code))].sort();
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) {
      const mine = lines.filter((l) => l.territory_code === code);
      const months = new Map<string, number>();
      const links = new Map<string, number>();
      for (const l of mine) {
        months.set(l.month, (months.get(l.month) ?? 0) + Number(l.pence));
        const key = `${l.spo_id}|${l.activity_id}`;
        links.set(key, (links.get(key) ?? 0) + Number(l.pence));
      }
      const res = await provider.agent.get(`/api/coverage/${code}`);
      expect(res.status).toBe(200);
      const awardedMonths = (res.body.monthly as { month: string; committedPence: number }[])
        .filter((m) => months.has(m.month))
        .map((m) => [m.month, m.committedPence]);
      expect(awardedMonths).toEqual([...months].sort(([a], [b]) => (a < b ? -1 : 1)));
      const shown = (
        res.body.awardedLinks as { spoId: string; activity: { id: string }; annualPence: number }[]
      ).map((l) => [`${l.spoId}|${l.activity.id}`, l.annualPence]);
      expect(new Map(shown as [string, number][])).toEqual(links);
      // Largest first.
      const amounts = shown.map(([, p]) => p as number);
      expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    }
  });

  it('is what the coverage route reports, and a rebuild changes none of it', async () => {
    const before = (
      await sql<{ activities_listed: number }>`
        SELECT activities_listed FROM territory_coverage
        WHERE territory_code = 'E23000029'`.execute(t.database.db)
    ).rows[0]!;
    expect(Number(before.activities_listed)).toBeGreaterThan(0);
    const res = await provider.agent.get('/api/coverage/E23000029');
    expect(res.status).toBe(200);
    expect(res.body.activitiesListed).toBe(Number(before.activities_listed));
    const fromDeltas = await figures(t.database.db);
    await createCoverageRepo(t.database.db).rebuildAll();
    expect(await figures(t.database.db)).toEqual(fromDeltas);
  });
});
