import { expect } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { ActivityCreateInput, ActivityView } from '@shared/schemas/activities';
import type { SpoView, TenderCreateInput, TenderView } from '@shared/schemas/tenders';
import { buildActivity, buildTender } from '../../../seed/factories';
import { orgOf, type SignedIn } from '../../support/accounts';
import type { TestApp } from '../../support/test-app';

/** Steps of a tender's and an SPO's life through the API, for the tenders tests. */

export const pounds = (n: number) => Math.round(n * 100);

/** Who acts; `null` is someone not signed in. */
export const as = (t: TestApp, who: SignedIn | null): TestAgent =>
  who ? who.agent : request.agent(t.app);

/** Time passing, as an operator would see it: the tender's closing time moves into the past. */
export async function close(t: TestApp, tenderId: string): Promise<void> {
  await t.database.db
    .updateTable('tenders')
    .set({ closes_at: new Date(Date.now() - 1000).toISOString() })
    .where('id', '=', tenderId)
    .execute();
}

export async function draftTender(
  buyer: SignedIn,
  overrides: Partial<TenderCreateInput> = {},
): Promise<TenderView> {
  const created = await buyer.agent
    .post('/api/tenders')
    .send({ buyerId: orgOf(buyer), ...buildTender(overrides) });
  expect(created.status).toBe(201);
  return created.body as TenderView;
}

export async function publishedTender(
  buyer: SignedIn,
  overrides: Partial<TenderCreateInput> = {},
): Promise<TenderView> {
  const draft = await draftTender(buyer, overrides);
  const opened = await buyer.agent
    .post(`/api/tenders/${draft.id}/transition`)
    .send({ status: 'open' });
  expect(opened.status).toBe(200);
  return opened.body as TenderView;
}

export async function activityOf(
  provider: SignedIn,
  overrides: Partial<ActivityCreateInput> = {},
): Promise<ActivityView> {
  const res = await provider.agent
    .post('/api/activities')
    .send({ providerId: orgOf(provider), ...buildActivity(overrides) });
  expect(res.status).toBe(201);
  return res.body as ActivityView;
}

export async function draftSpo(supplier: SignedIn, tender: TenderView): Promise<SpoView> {
  const res = await supplier.agent
    .post(`/api/tenders/${tender.id}/spos`)
    .send({ supplierId: orgOf(supplier) });
  expect(res.status).toBe(201);
  return res.body as SpoView;
}

/** Adds a cash line and answers the SPO with it (the new line is the last). */
export async function addCash(
  supplier: SignedIn,
  spoId: string,
  activity: ActivityView,
  annualPence: number,
): Promise<SpoView> {
  const res = await supplier.agent
    .post(`/api/spos/${spoId}/lines`)
    .send({ activityId: activity.id, kind: 'cash', annualPence });
  expect(res.status).toBe(201);
  return res.body as SpoView;
}

export async function answer(
  provider: SignedIn,
  spoId: string,
  lineId: string,
  decision: 'accepted' | 'declined' = 'accepted',
): Promise<void> {
  const res = await provider.agent
    .post(`/api/spos/${spoId}/lines/${lineId}/response`)
    .send({ decision, note: decision === 'accepted' ? 'Welcome' : 'No, thank you' });
  expect(res.status).toBe(200);
}

/** A supplier's SPO with one cash line, accepted by the activity's provider, submitted. */
export async function submittedSpo(
  supplier: SignedIn,
  provider: SignedIn,
  tender: TenderView,
  activity: ActivityView,
  annualPence: number,
): Promise<SpoView> {
  const spo = await draftSpo(supplier, tender);
  const withLine = await addCash(supplier, spo.id, activity, annualPence);
  await answer(provider, spo.id, withLine.lines.at(-1)!.id);
  const submitted = await supplier.agent.post(`/api/spos/${spo.id}/submit`);
  expect(submitted.status).toBe(200);
  return submitted.body as SpoView;
}

export async function award(buyer: SignedIn, tender: TenderView, spoId: string): Promise<void> {
  const res = await buyer.agent.post(`/api/tenders/${tender.id}/award`).send({ spoId });
  expect(res.status).toBe(200);
}
