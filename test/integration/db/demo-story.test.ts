import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { TerritoryCoverage } from '@shared/schemas/coverage';
import type { SpoDelivery } from '@shared/schemas/delivery';
import type {
  LinkRequestCounts,
  MySpoPage,
  MyTenderPage,
  SpoView,
  TenderView,
} from '@shared/schemas/tenders';
import { loadConfig } from '../../../server/src/config';
import type { TerritoryImport } from '../../../server/src/features/territories/territories.repo';
import { DEMO_PASSWORD, seedDemoAccounts } from '../../../seed/demo-accounts';
import { DEMO_BIDDERS, DEMO_SEED_ACTOR_ID, seedDemoStoryIfEmpty } from '../../../seed/demo-story';
import {
  DEFAULT_DEMO_ACTIVITIES,
  DEFAULT_DEMO_SEED,
  seedDemoActivities,
  seedDemoTenderIfEmpty,
} from '../../../seed/seed';
import { readTerritoryBoundaries } from '../../../seed/territories';
import { signIn } from '../../support/accounts';
import { figures, rebuilt } from '../../support/coverage-figures';
import { createTestApp, type TestApp } from '../../support/test-app';

/**
 * The demo tells the whole story on a first start (issue 15): an awarded contract whose
 * commitments show in coverage, a closed tender with sealed bids to evaluate, and requests
 * waiting for the demo provider, all made through the real services.
 */

let t: TestApp;
let territories: TerritoryImport[];
let buyer: TestAgent;
let supplier: TestAgent;
let provider: TestAgent;

beforeAll(async () => {
  t = await createTestApp();
  territories = await readTerritoryBoundaries(loadConfig().boundariesFile);
  await seedDemoAccounts(t.database, 1024);
  await seedDemoActivities(t.database, {
    count: DEFAULT_DEMO_ACTIVITIES,
    seed: DEFAULT_DEMO_SEED,
    territories,
  });
  await seedDemoTenderIfEmpty(t.database, 'ocds-test00');
  expect(await seedDemoStoryIfEmpty(t.database, 'ocds-test00')).toBe(1);
  buyer = await signIn(t.app, 'buyer@demo.test', DEMO_PASSWORD);
  supplier = await signIn(t.app, 'supplier@demo.test', DEMO_PASSWORD);
  provider = await signIn(t.app, 'provider@demo.test', DEMO_PASSWORD);
});
afterAll(() => t.close());

const tenders = async () =>
  ((await buyer.get('/api/me/tenders?pageSize=100')).body as MyTenderPage).items;
const titled = async (title: string) => (await tenders()).find((x) => x.title === title)!;

describe('the demo story', () => {
  it('is told once: a second run changes nothing', async () => {
    const before = await tenders();
    expect(await seedDemoStoryIfEmpty(t.database, 'ocds-test00')).toBe(0);
    expect(await tenders()).toEqual(before);
  });

  it('gives the demo buyer an open tender, an awarded contract and a closed one to evaluate', async () => {
    const mine = (await buyer.get('/api/me/tenders')).body as MyTenderPage;
    expect(mine.byStatus).toEqual({
      draft: 0,
      open: 1,
      evaluating: 1,
      awarded: 1,
      cancelled: 0,
    });
    expect(
      mine.items.map((x) => [x.title, x.status, x.sealedBids]).sort((a, b) => (a < b ? -1 : 1)),
    ).toEqual([
      ['Custody healthcare services (demo)', 'open', null],
      ['Fleet maintenance and vehicle recovery (demo)', 'evaluating', 3],
      ['Police estate facilities management (demo)', 'awarded', 2],
    ]);
    for (const x of mine.items) {
      expect(x.buyer.demo).toBe(true);
      expect(x.description).toMatch(/^Demo data/);
    }
    // The open one closes at noon, London time.
    const open = mine.items.find((x) => x.status === 'open')!;
    const london = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      timeStyle: 'short',
    });
    expect(london.format(new Date(open.closesAt))).toBe('12:00');
  });

  it('has sealed bids the buyer can evaluate: scored, in three bands, one flagged', async () => {
    const closed = await titled('Fleet maintenance and vehicle recovery (demo)');
    const res = await buyer.get(`/api/tenders/${closed.id}/spos`);
    expect(res.status).toBe(200);
    const bids = res.body as SpoView[];
    expect(bids.map((b) => [b.supplier.name, b.status, b.figures.band]).sort()).toEqual([
      ['Chiltern Engineering Group (demo)', 'submitted', 'below_baseline'],
      ['Kennet Fleet Services Ltd (demo)', 'submitted', 'mid'],
      ['Northgate Facilities Ltd (demo)', 'submitted', 'baseline'],
    ]);
    for (const bid of bids) {
      expect(bid.score).not.toBeNull();
      expect(bid.lines.every((l) => l.status === 'accepted')).toBe(true);
      expect(bid.supplier.verified).toBe(true);
    }
    expect(bids.filter((b) => b.flags.includes('activity_in_several_bids'))).toHaveLength(2);
    // Sealed as the service seals: the stored content hashes to the published hash.
    const { rows } = await sql<{ content: string; content_hash: string }>`
      SELECT v.content, v.content_hash FROM spo_versions v JOIN spos s ON s.id = v.spo_id
      WHERE s.tender_id = ${closed.id}`.execute(t.database.db);
    expect(rows).toHaveLength(3);
    for (const r of rows)
      expect(createHash('sha256').update(r.content).digest('hex')).toBe(r.content_hash);
  });

  it('shows the awarded contract in coverage, consistent with a full rebuild', async () => {
    const awarded = await titled('Police estate facilities management (demo)');
    const winner = (await request(t.app).get(`/api/tenders/${awarded.id}/spos`)).body as SpoView[];
    expect(winner.map((w) => [w.supplier.name, w.status])).toEqual([
      ['Northgate Facilities Ltd (demo)', 'awarded'],
    ]);
    // £4,000 and £3,500 cash and £1,500 in kind a year.
    expect(winner[0]!.figures.annualContributionPence).toBe(900_000);
    const coverage = (await request(t.app).get('/api/coverage')).body as TerritoryCoverage[];
    const tv = coverage.find((c) => c.code === 'E23000029')!;
    expect(tv.committedPence).toBe(900_000);
    expect(tv.activitiesSupported).toBe(4);
    expect(await figures(t.database.db)).toEqual(await rebuilt(t.database.db));
    const supported = winner[0]!.lines[0]!.activity.id;
    const supporters = await request(t.app).get(`/api/activities/${supported}/supporters`);
    expect(
      supporters.body.items.map((s: { supplier: { name: string } }) => s.supplier.name),
    ).toEqual(['Northgate Facilities Ltd (demo)']);
  });

  it('shows what the awarded contract delivered: reports confirmed, in part, disputed, awaiting and corrected', async () => {
    const awarded = await titled('Police estate facilities management (demo)');
    const [winner] = (await request(t.app).get(`/api/tenders/${awarded.id}/spos`))
      .body as SpoView[];
    const res = await supplier.get(`/api/spos/${winner!.id}/delivery`);
    expect(res.status).toBe(200);
    const all = res.body as SpoDelivery;
    expect(all.reports.map((r) => r.status).sort()).toEqual([
      'awaiting',
      'awaiting',
      'confirmed',
      'disputed',
      'part_confirmed',
      'superseded',
    ]);
    expect(all.reports.every((r) => r.evidenceNote.startsWith('Demo:'))).toBe(true);
    // Year 1 of the £4,000 line is met; the 200 hours, 150 confirmed, are past their grace.
    const cash = all.lines.find((l) => l.kind === 'cash' && l.annual === '400000')!;
    expect(cash.milestones[0]).toMatchObject({ delivered: '400000', state: 'met' });
    const hours = all.lines.find((l) => l.kind === 'volunteering')!;
    expect(hours.milestones[0]).toMatchObject({ due: '200', delivered: '150', state: 'overdue' });
    // The demo provider sees its own lines, and has answered each report on them.
    const own = (await provider.get(`/api/spos/${winner!.id}/delivery`)).body as SpoDelivery;
    expect(own.reports.map((r) => r.status).sort()).toEqual([
      'confirmed',
      'disputed',
      'part_confirmed',
    ]);
  });

  it('leaves the demo supplier and provider something to do', async () => {
    const spos = (await supplier.get('/api/me/spos')).body as MySpoPage;
    expect(spos.byStatus).toMatchObject({ submitted: 1, awarded: 1, draft: 0 });
    const counts = ((await provider.get('/api/link-requests/counts')).body as LinkRequestCounts)
      .items;
    expect(counts).toHaveLength(1);
    expect(counts[0]!.provider.name).toBe('Riverside Youth Trust (demo)');
    expect(counts[0]!.waiting).toBe(2);
    expect(counts[0]!.accepted).toBeGreaterThan(0);
    // The demo supplier can still bid on the open tender.
    const open = (await request(t.app).get('/api/tenders?status=open')).body as {
      items: TenderView[];
    };
    const me = (await supplier.get('/api/me')).body as { organisations: { id: string }[] };
    const bid = await supplier
      .post(`/api/tenders/${open.items[0]!.id}/spos`)
      .send({ supplierId: me.organisations[0]!.id });
    expect(bid.status).toBe(201);
    expect((await supplier.post(`/api/spos/${bid.body.id}/withdraw`)).status).toBe(200);
  });

  it('is labelled demo, and its audit entries name the demo seed, not a person', async () => {
    const bidders = await t.database.db
      .selectFrom('organisations')
      .select(['name', 'is_demo', 'verified'])
      .where(
        'name',
        'in',
        DEMO_BIDDERS.map((b) => b.name),
      )
      .orderBy('name')
      .execute();
    expect(bidders).toEqual(
      DEMO_BIDDERS.map((b) => ({ name: b.name, is_demo: true, verified: true })).sort((a, b) =>
        a.name < b.name ? -1 : 1,
      ),
    );
    const actors = await t.database.db
      .selectFrom('audit_log')
      .select('actor_id')
      .distinct()
      .where('action', 'in', ['tenders.awarded', 'spos.submitted', 'spos.line_accepted'])
      .execute();
    expect(actors).toEqual([{ actor_id: DEMO_SEED_ACTOR_ID }]);
  });

  it('survives a new demo catalogue: its activities and bidders stay, coverage agrees', async () => {
    const before = (await request(t.app).get('/api/coverage')).body as TerritoryCoverage[];
    await seedDemoActivities(t.database, { count: 100, seed: 2, territories });
    const after = (await request(t.app).get('/api/coverage')).body as TerritoryCoverage[];
    const tv = (list: TerritoryCoverage[]) => list.find((c) => c.code === 'E23000029')!;
    expect(tv(after).committedPence).toBe(tv(before).committedPence);
    expect(tv(after).activitiesSupported).toBe(tv(before).activitiesSupported);
    expect(await figures(t.database.db)).toEqual(await rebuilt(t.database.db));
    const closed = await titled('Fleet maintenance and vehicle recovery (demo)');
    expect(((await buyer.get(`/api/tenders/${closed.id}/spos`)).body as SpoView[]).length).toBe(3);
  });
});
