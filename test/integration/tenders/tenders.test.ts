import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { SpoView, TenderCreateInput, TenderView } from '@shared/schemas/tenders';
import type { ActivityView } from '@shared/schemas/activities';
import { buildActivity, buildOrganisation } from '../../../seed/factories';
import { orgOf, signUp, type SignedIn } from '../../support/accounts';
import { createTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
let buyer: SignedIn;
let supplierA: SignedIn;
let supplierB: SignedIn;
let provider: SignedIn;
let stranger: SignedIn;
let activityX: ActivityView;
let activityY: ActivityView;

const pounds = (n: number) => Math.round(n * 100);
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();

/** The worked example: £1.5m a year for 3 years, baseline £5,000 per £1m. */
const tenderInput = (overrides: Partial<TenderCreateInput> = {}): TenderCreateInput => ({
  title: 'Custody healthcare services',
  reference: 'TVP-2027-014',
  territories: ['E23000029'],
  annualValuePence: pounds(1_500_000),
  durationYears: 3,
  startDate: '2027-04-01',
  baselinePencePerMillion: pounds(5_000),
  midPencePerMillion: pounds(7_500),
  higherAmbitionPencePerMillion: pounds(10_000),
  closesAt: tomorrow(),
  ...overrides,
});

/** Time passing, as an operator would see it: the tender's closing time moves into the past. */
async function close(tenderId: string): Promise<void> {
  await t.database.db
    .updateTable('tenders')
    .set({ closes_at: new Date(Date.now() - 1000).toISOString() })
    .where('id', '=', tenderId)
    .execute();
}

async function publishedTender(overrides: Partial<TenderCreateInput> = {}): Promise<TenderView> {
  const created = await buyer.agent
    .post('/api/tenders')
    .send({ buyerId: orgOf(buyer), ...tenderInput(overrides) });
  expect(created.status).toBe(201);
  const opened = await buyer.agent
    .post(`/api/tenders/${created.body.id}/transition`)
    .send({ status: 'open' });
  expect(opened.status).toBe(200);
  return opened.body as TenderView;
}

/** A supplier's SPO with one accepted cash line, submitted. */
async function submittedSpo(
  supplier: SignedIn,
  tender: TenderView,
  activity: ActivityView,
  annualPence: number,
): Promise<SpoView> {
  const spo = await supplier.agent
    .post(`/api/tenders/${tender.id}/spos`)
    .send({ supplierId: orgOf(supplier) });
  expect(spo.status).toBe(201);
  const withLine = await supplier.agent
    .post(`/api/spos/${spo.body.id}/lines`)
    .send({ activityId: activity.id, kind: 'cash', annualPence });
  expect(withLine.status).toBe(201);
  const line = (withLine.body as SpoView).lines.at(-1)!;
  const accepted = await provider.agent
    .post(`/api/spos/${spo.body.id}/lines/${line.id}/response`)
    .send({ decision: 'accepted', note: 'Welcome' });
  expect(accepted.status).toBe(200);
  const submitted = await supplier.agent.post(`/api/spos/${spo.body.id}/submit`);
  expect(submitted.status).toBe(200);
  return submitted.body as SpoView;
}

const as = (who: SignedIn | null): TestAgent => (who ? who.agent : request.agent(t.app));

beforeAll(async () => {
  t = await createTestApp();
  buyer = await signUp(t.app, { organisation: buildOrganisation('buyer') });
  supplierA = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  supplierB = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  provider = await signUp(t.app, { organisation: buildOrganisation('provider') });
  stranger = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  const make = async (overrides = {}) =>
    (
      await provider.agent
        .post('/api/activities')
        .send({ providerId: orgOf(provider), ...buildActivity(overrides) })
    ).body as ActivityView;
  activityX = await make({ capacityPence: pounds(20_000) });
  activityY = await make({ location: { lon: -0.1276, lat: 51.5072 } });
});
afterAll(() => t.close());

describe('tenders', () => {
  it('keeps a draft to its buyer, publishes it with an ocid, and derives evaluating at the closing time', async () => {
    const created = await buyer.agent
      .post('/api/tenders')
      .send({ buyerId: orgOf(buyer), ...tenderInput() });
    expect(created.status).toBe(201);
    const draft = created.body as TenderView;
    expect(draft).toMatchObject({
      status: 'draft',
      ocid: `ocds-test00-${draft.id}`,
      baselineAnnualPence: pounds(7_500),
      territories: [{ code: 'E23000029', name: 'Thames Valley' }],
    });
    expect((await request(t.app).get(`/api/tenders/${draft.id}`)).status).toBe(404);
    expect((await stranger.agent.get(`/api/tenders/${draft.id}`)).status).toBe(404);
    const listed = await request(t.app).get('/api/tenders?pageSize=100');
    expect(listed.body.items.map((x: TenderView) => x.id)).not.toContain(draft.id);

    const opened = await buyer.agent
      .post(`/api/tenders/${draft.id}/transition`)
      .send({ status: 'open' });
    expect(opened.body.status).toBe('open');
    expect((await request(t.app).get(`/api/tenders/${draft.id}`)).body.status).toBe('open');
    const edit = await buyer.agent.patch(`/api/tenders/${draft.id}`).send({ title: 'Changed' });
    expect(edit.status).toBe(409);
    await close(draft.id);
    expect((await request(t.app).get(`/api/tenders/${draft.id}`)).body.status).toBe('evaluating');
  });

  it('refuses tenders from anyone but a buyer’s members, and bands that fall', async () => {
    expect(
      (
        await request(t.app)
          .post('/api/tenders')
          .send({ buyerId: orgOf(buyer), ...tenderInput() })
      ).status,
    ).toBe(401);
    expect(
      (await stranger.agent.post('/api/tenders').send({ buyerId: orgOf(buyer), ...tenderInput() }))
        .status,
    ).toBe(403);
    expect(
      (
        await supplierA.agent
          .post('/api/tenders')
          .send({ buyerId: orgOf(supplierA), ...tenderInput() })
      ).status,
    ).toBe(403);
    const falling = await buyer.agent
      .post('/api/tenders')
      .send({ buyerId: orgOf(buyer), ...tenderInput({ midPencePerMillion: 1 }) });
    expect(falling.status).toBe(400);
    expect(falling.body.error.details[0].path).toBe('midPencePerMillion');
  });
});

describe('the life of an SPO', () => {
  let tender: TenderView;
  let a: SpoView;
  let b: SpoView;

  it('needs every line accepted by its provider before it can be submitted', async () => {
    tender = await publishedTender();
    const spo = await supplierA.agent
      .post(`/api/tenders/${tender.id}/spos`)
      .send({ supplierId: orgOf(supplierA) });
    const again = await supplierA.agent
      .post(`/api/tenders/${tender.id}/spos`)
      .send({ supplierId: orgOf(supplierA) });
    expect(again.status).toBe(409);
    expect(again.body.error.details.spoId).toBe(spo.body.id);
    const withLine = await supplierA.agent
      .post(`/api/spos/${spo.body.id}/lines`)
      .send({ activityId: activityX.id, kind: 'cash', annualPence: pounds(7_500) });
    const view = withLine.body as SpoView;
    expect(view.lines[0]).toMatchObject({ status: 'pending', capacityExceeded: false });
    // The worked example: £7,500 a year on £1.5m is £5,000 per £1m: compliant, baseline band.
    expect(view.figures).toMatchObject({
      annualContributionPence: pounds(7_500),
      totalContributionPence: pounds(22_500),
      ratePencePerMillion: pounds(5_000),
      compliant: true,
      band: 'baseline',
      annualProxyPence: pounds(7_500),
    });
    expect(view.figures.secondary).toEqual([
      { area: 'police', annualPence: 4_500_000, confidence: ['medium'] },
    ]);
    const early = await supplierA.agent.post(`/api/spos/${spo.body.id}/submit`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('lines_not_accepted');

    const inbox = await provider.agent.get('/api/link-requests?status=pending');
    expect(inbox.body.items.map((i: { spoId: string }) => i.spoId)).toContain(spo.body.id);
    const notMine = await supplierB.agent
      .post(`/api/spos/${spo.body.id}/lines/${view.lines[0]!.id}/response`)
      .send({ decision: 'accepted' });
    expect(notMine.status).toBe(404);
    await provider.agent
      .post(`/api/spos/${spo.body.id}/lines/${view.lines[0]!.id}/response`)
      .send({ decision: 'accepted', note: 'Glad to' });
    const submitted = await supplierA.agent.post(`/api/spos/${spo.body.id}/submit`);
    expect(submitted.status).toBe(200);
    a = submitted.body as SpoView;
    expect(a).toMatchObject({ status: 'submitted', version: 1 });
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('flags a line that would take an activity past its capacity', async () => {
    const spo = await stranger.agent
      .post(`/api/tenders/${tender.id}/spos`)
      .send({ supplierId: orgOf(stranger) });
    const res = await stranger.agent
      .post(`/api/spos/${spo.body.id}/lines`)
      .send({ activityId: activityX.id, kind: 'cash', annualPence: pounds(25_000) });
    expect(res.body.lines[0].capacityExceeded).toBe(true);
    const inbox = (await provider.agent.get('/api/link-requests')).body.items as {
      spoId: string;
      capacityExceeded: boolean;
    }[];
    expect(inbox.find((i) => i.spoId === spo.body.id)?.capacityExceeded).toBe(true);
  });

  it('shows a submitted SPO only to its supplier and linked providers before the closing time', async () => {
    b = await submittedSpo(supplierB, tender, activityY, pounds(15_000));
    for (const [who, status] of [
      [null, 404],
      [stranger, 404],
      [buyer, 404],
      [supplierB, 404],
      [supplierA, 200],
      [provider, 200],
    ] as const) {
      expect([who?.email ?? 'anonymous', (await as(who).get(`/api/spos/${a.id}`)).status]).toEqual([
        who?.email ?? 'anonymous',
        status,
      ]);
    }
    const listedToBuyer = await buyer.agent.get(`/api/tenders/${tender.id}/spos`);
    expect(listedToBuyer.body).toEqual([]);
    const listedToPublic = await request(t.app).get(`/api/tenders/${tender.id}/spos`);
    expect(listedToPublic.body).toEqual([]);
  });

  it('never edits a submitted version: a change is a new draft, and the sealed one stands', async () => {
    const more = await supplierA.agent
      .post(`/api/spos/${a.id}/lines`)
      .send({ activityId: activityY.id, kind: 'volunteering', annualHours: 100 });
    expect(more.body.status).toBe('draft');
    expect(more.body.version).toBe(1);
    expect(more.body.contentHash).toBe(a.contentHash);
    await expect(
      t.database.db
        .updateTable('spo_versions')
        .set({ content_hash: 'x'.repeat(64) })
        .execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('refuses every change once the tender has closed', async () => {
    await close(tender.id);
    const late = await supplierA.agent
      .post(`/api/spos/${a.id}/lines`)
      .send({ activityId: activityX.id, kind: 'cash', annualPence: 100 });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('tender_closed');
    expect((await supplierA.agent.post(`/api/spos/${a.id}/submit`)).status).toBe(409);
  });

  it('lets the buyer evaluate after closing: the sealed versions, scored against the best credible rate', async () => {
    const res = await buyer.agent.get(`/api/tenders/${tender.id}/spos`);
    const rows = res.body as SpoView[];
    expect(rows.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    const byId = new Map(rows.map((r) => [r.id, r]));
    // A's sealed version has one line: the hours added after submitting are not in it.
    expect(byId.get(a.id)!.lines).toHaveLength(1);
    expect(byId.get(a.id)!.score).toBe(5);
    expect(byId.get(b.id)!.score).toBe(10);
    expect(byId.get(b.id)!.flags).toContain('line_outside_territories');

    const unmarked = await buyer.agent
      .put(`/api/spos/${b.id}/credibility`)
      .send({ credible: false });
    expect(unmarked.status).toBe(400);
    await buyer.agent
      .put(`/api/spos/${b.id}/credibility`)
      .send({ credible: false, reason: 'Activity outside our force area' });
    const rescored = (await buyer.agent.get(`/api/tenders/${tender.id}/spos`)).body as SpoView[];
    expect(Object.fromEntries(rescored.map((r) => [r.id, r.score]))).toEqual({
      [a.id]: 10,
      [b.id]: 0,
    });
    expect(
      (await supplierA.agent.put(`/api/spos/${b.id}/credibility`).send({ credible: true })).status,
    ).toBe(404);
  });

  it('awards exactly once under two simultaneous requests, publishing only the winner', async () => {
    const [first, second] = await Promise.all([
      buyer.agent.post(`/api/tenders/${tender.id}/award`).send({ spoId: a.id }),
      buyer.agent.post(`/api/tenders/${tender.id}/award`).send({ spoId: b.id }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const winner = first.status === 200 ? a : b;
    const loser = winner === a ? b : a;
    const tenderNow = (await request(t.app).get(`/api/tenders/${tender.id}`)).body as TenderView;
    expect(tenderNow).toMatchObject({ status: 'awarded', awardedSpoId: winner.id });

    const publicWinner = await request(t.app).get(`/api/spos/${winner.id}`);
    expect(publicWinner.status).toBe(200);
    expect(publicWinner.body).toMatchObject({
      status: 'awarded',
      contractStart: '2027-04-01',
      contractEnd: '2030-03-31',
    });
    expect((await request(t.app).get(`/api/spos/${loser.id}`)).status).toBe(404);
    expect((await stranger.agent.get(`/api/spos/${loser.id}`)).status).toBe(404);
    const publicList = (await request(t.app).get(`/api/tenders/${tender.id}/spos`))
      .body as SpoView[];
    expect(publicList.map((s) => s.id)).toEqual([winner.id]);
    const supported = winner === a ? activityX : activityY;
    const supporters = await request(t.app).get(`/api/activities/${supported.id}/supporters`);
    expect(supporters.body.items.map((s: { spoId: string }) => s.spoId)).toEqual([winner.id]);
    const other = winner === a ? activityY : activityX;
    expect((await request(t.app).get(`/api/activities/${other.id}/supporters`)).body.items).toEqual(
      [],
    );
    expect(
      (await supplierA.agent.post(`/api/spos/${winner.id}/withdraw`)).status,
    ).toBeGreaterThanOrEqual(403);
  });

  it('refuses to award a cancelled tender or one still open', async () => {
    const open = await publishedTender();
    const spo = await submittedSpo(supplierA, open, activityX, pounds(8_000));
    const early = await buyer.agent.post(`/api/tenders/${open.id}/award`).send({ spoId: spo.id });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('tender_not_closed');
    await buyer.agent
      .post(`/api/tenders/${open.id}/transition`)
      .send({ status: 'cancelled', reason: 'Budget withdrawn' });
    await close(open.id);
    const cancelled = await buyer.agent
      .post(`/api/tenders/${open.id}/award`)
      .send({ spoId: spo.id });
    expect(cancelled.status).toBe(409);
    expect((await request(t.app).get(`/api/spos/${spo.id}`)).status).toBe(404);
  });

  it('lets a supplier withdraw before the award, after which the buyer never sees it', async () => {
    const open = await publishedTender();
    const spo = await submittedSpo(supplierB, open, activityY, pounds(9_000));
    const withdrawn = await supplierB.agent.post(`/api/spos/${spo.id}/withdraw`);
    expect(withdrawn.body.status).toBe('withdrawn');
    await close(open.id);
    expect((await buyer.agent.get(`/api/spos/${spo.id}`)).status).toBe(404);
    expect((await buyer.agent.get(`/api/tenders/${open.id}/spos`)).body).toEqual([]);
  });
});

describe('what a linked provider sees', () => {
  it('shows each provider its own lines only, in the SPO and in its inbox', async () => {
    const other = await signUp(t.app, { organisation: buildOrganisation('provider') });
    const theirs = (
      await other.agent
        .post('/api/activities')
        .send({ providerId: orgOf(other), ...buildActivity() })
    ).body as ActivityView;
    const tender = await publishedTender();
    const spo = (
      await supplierA.agent
        .post(`/api/tenders/${tender.id}/spos`)
        .send({ supplierId: orgOf(supplierA) })
    ).body as SpoView;
    await supplierA.agent
      .post(`/api/spos/${spo.id}/lines`)
      .send({ activityId: activityX.id, kind: 'cash', annualPence: 1_000_00 });
    await supplierA.agent
      .post(`/api/spos/${spo.id}/lines`)
      .send({ activityId: theirs.id, kind: 'cash', annualPence: 2_000_00 });

    const mine = (await provider.agent.get(`/api/spos/${spo.id}`)).body as SpoView;
    expect(mine.lines.map((l) => l.activity.id)).toEqual([activityX.id]);
    const theirView = (await other.agent.get(`/api/spos/${spo.id}`)).body as SpoView;
    expect(theirView.lines.map((l) => l.activity.id)).toEqual([theirs.id]);
    const supplierView = (await supplierA.agent.get(`/api/spos/${spo.id}`)).body as SpoView;
    expect(supplierView.lines).toHaveLength(2);
    expect(supplierView.figures.annualContributionPence).toBe(3_000_00);

    const inbox = (await other.agent.get('/api/link-requests')).body.items as {
      activity: { id: string };
    }[];
    expect(inbox.map((i) => i.activity.id)).toEqual([theirs.id]);
    const declined = await other.agent
      .post(`/api/spos/${spo.id}/lines/${theirView.lines[0]!.id}/response`)
      .send({ decision: 'declined', note: 'We cannot take corporate money' });
    expect(declined.status).toBe(200);
    const cannot = await provider.agent
      .post(`/api/spos/${spo.id}/lines/${theirView.lines[0]!.id}/response`)
      .send({ decision: 'accepted' });
    expect(cannot.status).toBe(404);
    const refused = await supplierA.agent.post(`/api/spos/${spo.id}/submit`);
    expect(refused.body.error.code).toBe('lines_not_accepted');
  });
});

describe('what the review found', () => {
  it('keeps a cancelled tender’s bids sealed from its buyer, even after the closing time', async () => {
    const tender = await publishedTender();
    const spo = await submittedSpo(supplierA, tender, activityX, pounds(9_000));
    await buyer.agent
      .post(`/api/tenders/${tender.id}/transition`)
      .send({ status: 'cancelled', reason: 'retender' });
    await close(tender.id);
    expect((await buyer.agent.get(`/api/spos/${spo.id}`)).status).toBe(404);
    expect((await buyer.agent.get(`/api/tenders/${tender.id}/spos`)).body).toEqual([]);
  });

  it('ends a submission when a provider withdraws consent, so it cannot be awarded', async () => {
    const tender = await publishedTender();
    const spo = await submittedSpo(supplierB, tender, activityX, pounds(9_000));
    const declined = await provider.agent
      .post(`/api/spos/${spo.id}/lines/${spo.lines[0]!.id}/response`)
      .send({ decision: 'declined', note: 'We withdraw consent' });
    expect(declined.status).toBe(200);
    expect((await supplierB.agent.get(`/api/spos/${spo.id}`)).body.status).toBe('draft');
    await close(tender.id);
    expect((await buyer.agent.get(`/api/tenders/${tender.id}/spos`)).body).toEqual([]);
    const award = await buyer.agent.post(`/api/tenders/${tender.id}/award`).send({ spoId: spo.id });
    expect(award.status).toBe(400);
  });

  it('seals the exact text it hashed, which nobody can alter or truncate', async () => {
    const tender = await publishedTender();
    const spo = await submittedSpo(supplierA, tender, activityY, pounds(9_000));
    const row = await t.database.db
      .selectFrom('spo_versions')
      .select(['content', 'content_hash'])
      .where('spo_id', '=', spo.id)
      .executeTakeFirstOrThrow();
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(row.content).digest('hex')).toBe(row.content_hash);
    expect(row.content_hash).toBe(spo.contentHash);
    expect(JSON.parse(row.content).lines[0].providerNote).toBe('');
    await expect(
      t.database.db.deleteFrom('spo_versions').where('spo_id', '=', spo.id).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('answers 404, not 403, to a provider answering another provider’s line', async () => {
    const other = await signUp(t.app, { organisation: buildOrganisation('provider') });
    const theirs = (
      await other.agent
        .post('/api/activities')
        .send({ providerId: orgOf(other), ...buildActivity() })
    ).body as ActivityView;
    const tender = await publishedTender();
    const spo = (
      await supplierB.agent
        .post(`/api/tenders/${tender.id}/spos`)
        .send({ supplierId: orgOf(supplierB) })
    ).body as SpoView;
    await supplierB.agent
      .post(`/api/spos/${spo.id}/lines`)
      .send({ activityId: activityX.id, kind: 'cash', annualPence: 100 });
    const both = (
      await supplierB.agent
        .post(`/api/spos/${spo.id}/lines`)
        .send({ activityId: theirs.id, kind: 'cash', annualPence: 100 })
    ).body as SpoView;
    const theirLine = both.lines.find((l) => l.activity.id === theirs.id)!;
    const res = await provider.agent
      .post(`/api/spos/${spo.id}/lines/${theirLine.id}/response`)
      .send({ decision: 'accepted' });
    expect([res.status, res.body.error.code]).toEqual([404, 'line_not_found']);
  });

  it.each([
    ['lines.0.statedValue', { lines: [{ code: 'NT28', quantity: 1, statedValue: 1e307 }] }],
    ['lines.0.quantity', { lines: [{ code: 'NT28', quantity: 1e308 }] }],
  ])('refuses calculator input beyond sense in %s with a 400', async (field, body) => {
    const res = await request(t.app).post('/api/calculators/toms').send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });
});
