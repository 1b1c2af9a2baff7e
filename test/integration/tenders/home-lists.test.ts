import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { ActivityView } from '@shared/schemas/activities';
import type {
  LinkRequestCounts,
  MySpoPage,
  MyTenderPage,
  TenderView,
} from '@shared/schemas/tenders';
import { buildOrganisation } from '../../../seed/factories';
import { join, orgOf, signUp, type SignedIn } from '../../support/accounts';
import { createTestApp, type TestApp } from '../../support/test-app';
import {
  activityOf,
  addCash,
  answer,
  award,
  close,
  draftSpo,
  draftTender,
  pounds,
  publishedTender,
  submittedSpo,
} from './spo-fixtures';

/**
 * What a person's home page reads of their own organisations' work: `GET /api/me/spos`,
 * `GET /api/me/tenders` and `GET /api/link-requests/counts`, each only ever about the
 * person's own organisations; and the tender list's `territories` filter.
 */

let t: TestApp;
let buyer: SignedIn;
let otherBuyer: SignedIn;
let supplier: SignedIn;
let otherSupplier: SignedIn;
let provider: SignedIn;
let otherProvider: SignedIn;
let activity: ActivityView;
let otherActivity: ActivityView;
/** Closes later: still open while the others close. */
let open: TenderView;
/** Closed, with a sealed bid from each supplier. */
let closed: TenderView;
let awarded: TenderView;
let draft: TenderView;

const SOON = () => new Date(Date.now() + 2 * 86_400_000).toISOString();
const LATER = () => new Date(Date.now() + 9 * 86_400_000).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  buyer = await signUp(t.app, { organisation: buildOrganisation('buyer') });
  otherBuyer = await signUp(t.app, { organisation: buildOrganisation('buyer') });
  supplier = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  otherSupplier = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  provider = await signUp(t.app, { organisation: buildOrganisation('provider') });
  otherProvider = await signUp(t.app, { organisation: buildOrganisation('provider') });
  activity = await activityOf(provider);
  otherActivity = await activityOf(otherProvider);

  draft = await draftTender(buyer, { title: 'A draft of ours' });
  open = await publishedTender(buyer, { title: 'Open, closing later', closesAt: LATER() });
  closed = await publishedTender(buyer, { title: 'Closed for evaluation', closesAt: SOON() });
  awarded = await publishedTender(buyer, { title: 'Awarded already', closesAt: SOON() });
  await publishedTender(otherBuyer, { title: 'Someone else’s tender', closesAt: SOON() });

  await submittedSpo(supplier, provider, closed, activity, pounds(9_000));
  await submittedSpo(otherSupplier, otherProvider, closed, otherActivity, pounds(8_000));
  const won = await submittedSpo(supplier, provider, awarded, activity, pounds(7_000));
  // On the open tender: one line waiting for the provider, one of another provider's.
  const waiting = await draftSpo(supplier, open);
  await addCash(supplier, waiting.id, activity, pounds(1_000));
  await addCash(supplier, waiting.id, otherActivity, pounds(2_000));
  await close(t, closed.id);
  await close(t, awarded.id);
  await award(buyer, awarded, won.id);
});
afterAll(() => t.close());

describe('GET /api/me/spos', () => {
  it('asks who is asking', async () => {
    const res = await request(t.app).get('/api/me/spos');
    expect(res.status).toBe(401);
  });

  it('lists the supplier’s SPOs in every status, open tenders first, with deadlines and lines', async () => {
    const res = await supplier.agent.get('/api/me/spos');
    expect(res.status).toBe(200);
    const body = res.body as MySpoPage;
    expect(body.total).toBe(3);
    expect(body.byStatus).toEqual({
      draft: 1,
      submitted: 1,
      withdrawn: 0,
      awarded: 1,
      not_awarded: 0,
    });
    // Closed the later of the two, so listed before the other.
    expect(body.items.map((s) => [s.tender.title, s.status, s.tender.status])).toEqual([
      ['Open, closing later', 'draft', 'open'],
      ['Awarded already', 'awarded', 'awarded'],
      ['Closed for evaluation', 'submitted', 'evaluating'],
    ]);
    const [first, , second] = body.items;
    expect(first!.lines).toEqual({ total: 2, pending: 2, accepted: 0, declined: 0 });
    expect(first!.sealedVersion).toBe(0);
    expect(first!.submittedAt).toBeNull();
    expect(first!.tender.closesAt).toBe(new Date(open.closesAt).toISOString());
    expect(first!.tender.buyer).toEqual({
      id: orgOf(buyer),
      name: buyer.me.organisations[0]!.name,
    });
    expect(second!.lines).toEqual({ total: 1, pending: 0, accepted: 1, declined: 0 });
    expect(second!.sealedVersion).toBe(1);
    expect(second!.submittedAt).not.toBeNull();
  });

  it('never shows another supplier’s SPO, even on the same tender', async () => {
    const theirs = (await otherSupplier.agent.get('/api/me/spos')).body as MySpoPage;
    expect(theirs.items.map((s) => s.supplier.id)).toEqual([orgOf(otherSupplier)]);
    expect(theirs.total).toBe(1);
    for (const who of [buyer, provider, otherProvider]) {
      const res = await who.agent.get('/api/me/spos');
      expect(res.status).toBe(200);
      expect((res.body as MySpoPage).items).toEqual([]);
      expect((res.body as MySpoPage).total).toBe(0);
    }
  });

  it('filters by status, turns pages, and refuses a status that does not exist', async () => {
    const submitted = (await supplier.agent.get('/api/me/spos?status=submitted')).body as MySpoPage;
    expect(submitted.items.map((s) => s.tender.title)).toEqual(['Closed for evaluation']);
    expect(submitted.total).toBe(1);
    expect(submitted.byStatus.awarded).toBe(1);
    const second = (await supplier.agent.get('/api/me/spos?page=2&pageSize=2')).body as MySpoPage;
    expect(second.items.map((s) => s.tender.title)).toEqual(['Closed for evaluation']);
    expect(second.total).toBe(3);
    const bad = await supplier.agent.get('/api/me/spos?status=sealed');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });

  it('lists the SPOs of every supplier the person belongs to', async () => {
    const both = await signUp(t.app, { organisation: null });
    await join(supplier.agent, orgOf(supplier), both);
    await join(otherSupplier.agent, orgOf(otherSupplier), both);
    const mine = (await both.agent.get('/api/me/spos')).body as MySpoPage;
    expect(new Set(mine.items.map((s) => s.supplier.id))).toEqual(
      new Set([orgOf(supplier), orgOf(otherSupplier)]),
    );
    expect(mine.total).toBe(4);
  });

  it('reads a submitted SPO changed since as a draft, as its page does', async () => {
    const fresh = await publishedTender(buyer, { closesAt: LATER() });
    const spo = await submittedSpo(supplier, provider, fresh, activity, pounds(500));
    await addCash(supplier, spo.id, activity, pounds(100));
    const mine = (await supplier.agent.get('/api/me/spos')).body as MySpoPage;
    const changed = mine.items.find((s) => s.id === spo.id)!;
    expect(changed.status).toBe('draft');
    expect(changed.sealedVersion).toBe(1);
    expect(changed.lines).toEqual({ total: 2, pending: 1, accepted: 1, declined: 0 });
    const page = (await supplier.agent.get(`/api/spos/${spo.id}`)).body as { status: string };
    expect(page.status).toBe('draft');
    // Withdrawn to leave the other tests' counts as they were.
    expect((await supplier.agent.post(`/api/spos/${spo.id}/withdraw`)).status).toBe(200);
  });
});

describe('GET /api/link-requests/counts', () => {
  it('asks who is asking', async () => {
    expect((await request(t.app).get('/api/link-requests/counts')).status).toBe(401);
  });

  it('counts, per provider, the requests waiting on open tenders and those answered', async () => {
    const res = await provider.agent.get('/api/link-requests/counts');
    expect(res.status).toBe(200);
    const { items } = res.body as LinkRequestCounts;
    // The withdrawn SPO of the test before is no longer the provider's business.
    expect(items).toEqual([
      {
        provider: { id: orgOf(provider), name: provider.me.organisations[0]!.name },
        waiting: 1,
        accepted: 2,
        declined: 0,
        nextClosesAt: new Date(open.closesAt).toISOString(),
      },
    ]);
  });

  it('stops counting a request once its tender has closed, and counts an answer', async () => {
    const tender = await publishedTender(buyer, { closesAt: LATER() });
    const spo = await draftSpo(supplier, tender);
    const lined = await addCash(supplier, spo.id, activity, pounds(300));
    const before = (
      (await provider.agent.get('/api/link-requests/counts')).body as LinkRequestCounts
    ).items[0]!;
    expect(before.waiting).toBe(2);
    await answer(provider, spo.id, lined.lines[0]!.id, 'declined');
    const answered = (
      (await provider.agent.get('/api/link-requests/counts')).body as LinkRequestCounts
    ).items[0]!;
    expect([answered.waiting, answered.declined]).toEqual([1, 1]);

    const another = await publishedTender(buyer, { closesAt: LATER() });
    const late = await draftSpo(supplier, another);
    await addCash(supplier, late.id, activity, pounds(300));
    await close(t, another.id);
    const after = (
      (await provider.agent.get('/api/link-requests/counts')).body as LinkRequestCounts
    ).items[0]!;
    expect(after.waiting).toBe(1);
  });

  it('shows only the person’s own providers, even with nothing waiting, and nothing to others', async () => {
    const other = (
      (await otherProvider.agent.get('/api/link-requests/counts')).body as LinkRequestCounts
    ).items;
    expect(other.map((i) => i.provider.id)).toEqual([orgOf(otherProvider)]);
    expect(other[0]!.waiting).toBe(1);
    const quiet = await signUp(t.app, { organisation: buildOrganisation('provider') });
    const none = ((await quiet.agent.get('/api/link-requests/counts')).body as LinkRequestCounts)
      .items;
    expect(none).toEqual([
      {
        provider: { id: orgOf(quiet), name: quiet.me.organisations[0]!.name },
        waiting: 0,
        accepted: 0,
        declined: 0,
        nextClosesAt: null,
      },
    ]);
    for (const who of [supplier, buyer]) {
      const res = await who.agent.get('/api/link-requests/counts');
      expect(res.status).toBe(200);
      expect((res.body as LinkRequestCounts).items).toEqual([]);
    }
  });
});

describe('GET /api/me/tenders', () => {
  it('asks who is asking', async () => {
    expect((await request(t.app).get('/api/me/tenders')).status).toBe(401);
  });

  it('lists the buyer’s tenders, drafts included, with bids counted only once closed', async () => {
    const res = await buyer.agent.get('/api/me/tenders?pageSize=100');
    expect(res.status).toBe(200);
    const body = res.body as MyTenderPage;
    const byTitle = new Map(body.items.map((i) => [i.title, i]));
    expect(byTitle.get(draft.title)).toMatchObject({ status: 'draft', sealedBids: null });
    expect(byTitle.get(open.title)).toMatchObject({ status: 'open', sealedBids: null });
    expect(byTitle.get(closed.title)).toMatchObject({ status: 'evaluating', sealedBids: 2 });
    expect(byTitle.get(awarded.title)).toMatchObject({ status: 'awarded', sealedBids: 1 });
    expect(body.items.every((i) => i.buyer.id === orgOf(buyer))).toBe(true);
    expect(body.total).toBe(body.items.length);
    const counted = Object.values(body.byStatus).reduce((a, b) => a + b, 0);
    expect(counted).toBe(body.total);
    expect(body.byStatus).toMatchObject({ draft: 1, evaluating: 2, awarded: 1 });
  });

  it('filters by status: what awaits evaluation', async () => {
    const body = (await buyer.agent.get('/api/me/tenders?status=evaluating')).body as MyTenderPage;
    expect(body.items.every((i) => i.status === 'evaluating')).toBe(true);
    expect(body.total).toBe(body.byStatus.evaluating);
    // The tender closed in the test of the counts had only a draft: nothing to evaluate.
    expect(body.items.map((i) => [i.title, i.sealedBids])).toContainEqual([
      'Closed for evaluation',
      2,
    ]);
    expect(body.items.filter((i) => i.id !== closed.id).map((i) => i.sealedBids)).toEqual([0]);
  });

  it('never shows another buyer’s tenders, nor any to those who are no buyer', async () => {
    const theirs = (await otherBuyer.agent.get('/api/me/tenders')).body as MyTenderPage;
    expect(theirs.items.map((i) => i.title)).toEqual(['Someone else’s tender']);
    // Still open: how many bids it has is nobody's business yet, its buyer's included.
    expect(theirs.items[0]!.sealedBids).toBeNull();
    for (const who of [supplier, provider]) {
      const body = (await who.agent.get('/api/me/tenders')).body as MyTenderPage;
      expect(body.items).toEqual([]);
      expect(body.total).toBe(0);
    }
  });
});

describe('GET /api/tenders?territories=', () => {
  it('finds the tenders covering any of the territories given', async () => {
    const north = await publishedTender(otherBuyer, {
      title: 'In one other territory',
      territories: ['E23000002'],
    });
    const any = (await request(t.app).get('/api/tenders?territories=E23000002,E23000001')).body as {
      items: TenderView[];
    };
    expect(any.items.map((i) => i.id)).toEqual([north.id]);
    const both = (
      await request(t.app).get('/api/tenders?territories=E23000029,E23000002&pageSize=100')
    ).body as { items: TenderView[]; total: number };
    expect(both.items.map((i) => i.id)).toContain(north.id);
    expect(both.items.map((i) => i.id)).toContain(open.id);
    const bad = await request(t.app).get('/api/tenders?territories=E23000002,nowhere');
    expect(bad.status).toBe(400);
  });
});
