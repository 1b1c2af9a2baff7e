import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ActivityView } from '@shared/schemas/activities';
import type { SpoView, TenderView } from '@shared/schemas/tenders';
import { buildOrganisation } from '../../../seed/factories';
import { orgOf, signUp, type SignedIn } from '../../support/accounts';
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

let t: TestApp;
let buyer: SignedIn;
let supplierA: SignedIn;
let supplierB: SignedIn;
let provider: SignedIn;
let activity: ActivityView;

const errorOf = (res: { status: number; body: { error?: { code: string } } }) => [
  res.status,
  res.body.error?.code,
];

/** Closes the tender; answers the flags on each of its SPOs, by id, as its buyer sees them. */
async function flags(tender: TenderView): Promise<Record<string, string[]>> {
  await close(t, tender.id);
  const rows = (await buyer.agent.get(`/api/tenders/${tender.id}/spos`)).body as SpoView[];
  return Object.fromEntries(rows.map((r) => [r.id, r.flags]));
}

beforeAll(async () => {
  t = await createTestApp();
  buyer = await signUp(t.app, { organisation: buildOrganisation('buyer') });
  supplierA = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  supplierB = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  provider = await signUp(t.app, { organisation: buildOrganisation('provider') });
  activity = await activityOf(provider, { capacityPence: 0 });
});
afterAll(() => t.close());

describe('a tender’s transitions', () => {
  it('cancels a draft tender', async () => {
    const draft = await draftTender(buyer);
    const res = await buyer.agent
      .post(`/api/tenders/${draft.id}/transition`)
      .send({ status: 'cancelled', reason: 'Not needed' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
  });

  it('refuses to cancel a tender that is awarded or already cancelled', async () => {
    const awarded = await publishedTender(buyer);
    const spo = await submittedSpo(supplierA, provider, awarded, activity, pounds(8_000));
    await close(t, awarded.id);
    await award(buyer, awarded, spo.id);
    const cancelled = await publishedTender(buyer);
    await buyer.agent.post(`/api/tenders/${cancelled.id}/transition`).send({ status: 'cancelled' });
    for (const tender of [awarded, cancelled]) {
      const res = await buyer.agent
        .post(`/api/tenders/${tender.id}/transition`)
        .send({ status: 'cancelled' });
      expect(errorOf(res)).toEqual([409, 'tender_awarded']);
    }
  });

  it('refuses to publish a tender that is not a draft', async () => {
    const open = await publishedTender(buyer);
    const res = await buyer.agent
      .post(`/api/tenders/${open.id}/transition`)
      .send({ status: 'open' });
    expect(errorOf(res)).toEqual([409, 'tender_not_draft']);
  });

  it('refuses to publish a draft whose closing time has passed', async () => {
    const draft = await draftTender(buyer);
    await close(t, draft.id);
    const res = await buyer.agent
      .post(`/api/tenders/${draft.id}/transition`)
      .send({ status: 'open' });
    expect(errorOf(res)).toEqual([409, 'tender_closed']);
    expect((await buyer.agent.get(`/api/tenders/${draft.id}`)).body.status).toBe('draft');
  });

  it('refuses an SPO on a closed tender, and on a draft, which a supplier cannot even see', async () => {
    const closed = await publishedTender(buyer);
    await close(t, closed.id);
    const late = await supplierA.agent
      .post(`/api/tenders/${closed.id}/spos`)
      .send({ supplierId: orgOf(supplierA) });
    expect(errorOf(late)).toEqual([409, 'tender_not_open']);
    const draft = await draftTender(buyer);
    const early = await supplierA.agent
      .post(`/api/tenders/${draft.id}/spos`)
      .send({ supplierId: orgOf(supplierA) });
    expect(errorOf(early)).toEqual([404, 'tender_not_found']);
  });
});

describe('an SPO’s transitions', () => {
  it('seals a resubmission as version 2, and the buyer evaluates version 2', async () => {
    const tender = await publishedTender(buyer);
    const first = await submittedSpo(supplierA, provider, tender, activity, pounds(8_000));
    expect(first.version).toBe(1);
    const changed = await addCash(supplierA, first.id, activity, pounds(2_000));
    await answer(provider, first.id, changed.lines.at(-1)!.id);
    const again = await supplierA.agent.post(`/api/spos/${first.id}/submit`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'submitted', version: 2 });
    expect(again.body.contentHash).not.toBe(first.contentHash);
    await close(t, tender.id);
    const seen = (await buyer.agent.get(`/api/spos/${first.id}`)).body as SpoView;
    expect(seen).toMatchObject({ version: 2, contentHash: again.body.contentHash });
    expect(seen.figures.annualContributionPence).toBe(pounds(10_000));
    const listed = (await buyer.agent.get(`/api/tenders/${tender.id}/spos`)).body as SpoView[];
    expect(listed.map((v) => [v.id, v.version])).toEqual([[first.id, 2]]);
  });

  it('refuses to submit, or add to, a withdrawn SPO', async () => {
    const tender = await publishedTender(buyer);
    const spo = await submittedSpo(supplierA, provider, tender, activity, pounds(8_000));
    expect((await supplierA.agent.post(`/api/spos/${spo.id}/withdraw`)).status).toBe(200);
    const submit = await supplierA.agent.post(`/api/spos/${spo.id}/submit`);
    expect(errorOf(submit)).toEqual([409, 'spo_not_editable']);
    const add = await supplierA.agent
      .post(`/api/spos/${spo.id}/lines`)
      .send({ activityId: activity.id, kind: 'cash', annualPence: 100 });
    expect(errorOf(add)).toEqual([409, 'spo_not_editable']);
    expect((await supplierA.agent.get(`/api/spos/${spo.id}`)).body.status).toBe('withdrawn');
  });

  it('lets a supplier withdraw a draft', async () => {
    const tender = await publishedTender(buyer);
    const spo = await draftSpo(supplierA, tender);
    const res = await supplierA.agent.post(`/api/spos/${spo.id}/withdraw`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('withdrawn');
  });

  it('removes a line before the closing time and refuses to after it', async () => {
    const tender = await publishedTender(buyer);
    const spo = await draftSpo(supplierA, tender);
    await addCash(supplierA, spo.id, activity, pounds(1_000));
    const two = await addCash(supplierA, spo.id, activity, pounds(2_000));
    const [keep, drop] = two.lines;
    const removed = await supplierA.agent.delete(`/api/spos/${spo.id}/lines/${drop!.id}`);
    expect(removed.status).toBe(200);
    expect((removed.body as SpoView).lines.map((l) => l.id)).toEqual([keep!.id]);
    await close(t, tender.id);
    const late = await supplierA.agent.delete(`/api/spos/${spo.id}/lines/${keep!.id}`);
    expect(errorOf(late)).toEqual([409, 'tender_closed']);
  });

  it('refuses to submit an SPO with no lines', async () => {
    const tender = await publishedTender(buyer);
    const spo = await draftSpo(supplierA, tender);
    const res = await supplierA.agent.post(`/api/spos/${spo.id}/submit`);
    expect(errorOf(res)).toEqual([409, 'lines_not_accepted']);
  });

  it('refuses to award a withdrawn SPO, or one submitted to another tender', async () => {
    const tender = await publishedTender(buyer);
    const other = await publishedTender(buyer);
    const withdrawn = await submittedSpo(supplierA, provider, tender, activity, pounds(8_000));
    await supplierA.agent.post(`/api/spos/${withdrawn.id}/withdraw`);
    const elsewhere = await submittedSpo(supplierB, provider, other, activity, pounds(8_000));
    await close(t, tender.id);
    for (const spoId of [withdrawn.id, elsewhere.id]) {
      const res = await buyer.agent.post(`/api/tenders/${tender.id}/award`).send({ spoId });
      expect(errorOf(res)).toEqual([400, 'validation_failed']);
    }
  });

  it('tells the losing supplier its SPO was not awarded', async () => {
    const tender = await publishedTender(buyer);
    const winner = await submittedSpo(supplierA, provider, tender, activity, pounds(9_000));
    const loser = await submittedSpo(supplierB, provider, tender, activity, pounds(8_000));
    await close(t, tender.id);
    await award(buyer, tender, winner.id);
    const seen = await supplierB.agent.get(`/api/spos/${loser.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.status).toBe('not_awarded');
  });
});

describe('credibility flags the buyer sees after closing', () => {
  it('flags an activity at risk', async () => {
    const atRisk = await activityOf(provider, { status: 'at_risk', atRiskUntil: '2031-01-01' });
    const tender = await publishedTender(buyer);
    const spo = await submittedSpo(supplierA, provider, tender, atRisk, pounds(8_000));
    expect(await flags(tender)).toEqual({ [spo.id]: ['activity_at_risk'] });
  });

  it('flags an activity closed after the SPO was submitted', async () => {
    const closing = await activityOf(provider);
    const tender = await publishedTender(buyer);
    const spo = await submittedSpo(supplierA, provider, tender, closing, pounds(8_000));
    const closed = await provider.agent
      .patch(`/api/activities/${closing.id}`)
      .send({ status: 'closed' });
    expect(closed.status).toBe(200);
    expect(await flags(tender)).toEqual({ [spo.id]: ['activity_closed'] });
  });

  it('flags a line that asks more of an activity than its capacity', async () => {
    const small = await activityOf(provider, { capacityPence: pounds(1_000) });
    const tender = await publishedTender(buyer);
    const spo = await submittedSpo(supplierA, provider, tender, small, pounds(8_000));
    expect(await flags(tender)).toEqual({ [spo.id]: ['capacity_exceeded'] });
  });

  it('flags the same activity in several bids, on each of them', async () => {
    const shared = await activityOf(provider);
    const tender = await publishedTender(buyer);
    const a = await submittedSpo(supplierA, provider, tender, shared, pounds(8_000));
    const b = await submittedSpo(supplierB, provider, tender, shared, pounds(9_000));
    expect(await flags(tender)).toEqual({
      [a.id]: ['activity_in_several_bids'],
      [b.id]: ['activity_in_several_bids'],
    });
  });
});

describe('capacity', () => {
  it('does not hold an awarded SPO against its own lines, but against everyone else’s', async () => {
    const limited = await activityOf(provider, { capacityPence: pounds(20_000) });
    const tender = await publishedTender(buyer);
    const won = await submittedSpo(supplierA, provider, tender, limited, pounds(15_000));
    expect(won.lines[0]!.capacityExceeded).toBe(false);
    await close(t, tender.id);
    await award(buyer, tender, won.id);

    const own = (await supplierA.agent.get(`/api/spos/${won.id}`)).body as SpoView;
    expect(own.lines[0]!.capacityExceeded).toBe(false);
    const inbox = (await provider.agent.get('/api/link-requests')).body.items as {
      spoId: string;
      capacityExceeded: boolean;
    }[];
    expect(inbox.find((i) => i.spoId === won.id)?.capacityExceeded).toBe(false);

    // £15,000 of its £20,000 is now held: another £10,000 is too much.
    const next = await publishedTender(buyer);
    const rival = await addCash(
      supplierB,
      (await draftSpo(supplierB, next)).id,
      limited,
      pounds(10_000),
    );
    expect(rival.lines[0]!.capacityExceeded).toBe(true);
  });

  it('reads a capacity of 0 as not stated, and flags nothing', async () => {
    const unstated = await activityOf(provider, { capacityPence: 0 });
    const tender = await publishedTender(buyer);
    const spo = await submittedSpo(supplierA, provider, tender, unstated, pounds(50_000));
    expect(spo.lines[0]!.capacityExceeded).toBe(false);
    expect(await flags(tender)).toEqual({ [spo.id]: [] });
  });
});
