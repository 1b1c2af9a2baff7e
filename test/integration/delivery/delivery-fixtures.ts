import { expect } from '@jest/globals';
import type { ActivityView } from '@shared/schemas/activities';
import type { DeliveryReportView, SpoDelivery } from '@shared/schemas/delivery';
import type { SpoView, TenderView } from '@shared/schemas/tenders';
import { buildOrganisation } from '../../../seed/factories';
import { createApp } from '../../../server/src/app';
import { orgOf, rememberDatabase, signUp, type SignedIn } from '../../support/accounts';
import { createTestDatabase } from '../../support/test-database';
import { TEST_CONFIG, type TestApp } from '../../support/test-app';
import { activityOf, answer, close, draftSpo, publishedTender } from '../tenders/spo-fixtures';

/** A clock the delivery service reads, which a test sets instead of waiting. */
export interface Clock {
  now: Date;
  /** Sets the clock to an ISO instant, or to noon UTC of an ISO date. */
  set(when: string): void;
}

export function clockAt(when: string): Clock {
  const at = (w: string) => new Date(w.length === 10 ? `${w}T12:00:00Z` : w);
  const clock: Clock = {
    now: at(when),
    set(w) {
      clock.now = at(w);
    },
  };
  return clock;
}

/** The real app on a private copy of the test database, its delivery on `clock`. */
export async function deliveryApp(clock: Clock): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = createApp({
    database,
    config: {
      ...TEST_CONFIG,
      mail: {
        publicUrl: 'http://localhost:3000',
        smtpUrl: undefined,
        from: 'Impact Atlas <no-reply@impact-atlas.test>',
        digestHourUtc: 7,
      },
    },
    rateLimits: {
      signInPerIp: 10_000,
      signInPerAccount: 10_000,
      signUpPerIp: 10_000,
      windowMinutes: 15,
    },
    now: () => clock.now,
  });
  rememberDatabase(app, database);
  return { app, database, close: () => database.close() };
}

export const sign = (t: TestApp, kind: 'buyer' | 'supplier' | 'provider') =>
  signUp(t.app, { organisation: buildOrganisation(kind) });

/** One line to add to an SPO: cash (pence a year) or volunteering (hours a year). */
export type LineSpec =
  | { activity: ActivityView; kind: 'cash'; annualPence: number }
  | { activity: ActivityView; kind: 'volunteering'; annualHours: number };

export interface Awarded {
  tender: TenderView;
  spo: SpoView;
  /** The sealed lines' ids, in the order given. */
  lineIds: string[];
}

/**
 * An SPO with these lines (each accepted by its provider), submitted, the tender closed and
 * awarded to it with this contract period.
 */
export async function awardedSpo(
  buyer: SignedIn,
  supplier: SignedIn,
  lines: { spec: LineSpec; provider: SignedIn }[],
  t: TestApp,
  contract: { start: string; end?: string; durationYears?: number },
): Promise<Awarded> {
  const tender = await publishedTender(buyer, {
    startDate: contract.start,
    durationYears: contract.durationYears ?? 3,
  });
  const spo = await draftSpo(supplier, tender);
  const lineIds: string[] = [];
  for (const { spec, provider } of lines) {
    const { activity, ...rest } = spec;
    const added = await supplier.agent
      .post(`/api/spos/${spo.id}/lines`)
      .send({ activityId: activity.id, ...rest });
    expect(added.status).toBe(201);
    const lineId = (added.body as SpoView).lines.at(-1)!.id;
    await answer(provider, spo.id, lineId);
    lineIds.push(lineId);
  }
  const submitted = await supplier.agent.post(`/api/spos/${spo.id}/submit`);
  expect(submitted.status).toBe(200);
  await close(t, tender.id);
  const awarded = await buyer.agent.post(`/api/tenders/${tender.id}/award`).send({
    spoId: spo.id,
    contractStart: contract.start,
    ...(contract.end ? { contractEnd: contract.end } : {}),
  });
  expect(awarded.status).toBe(200);
  return { tender, spo: submitted.body as SpoView, lineIds };
}

/** An SPO submitted to a tender that closed and went to another: it stays not awarded. */
export async function notAwardedSpo(
  buyer: SignedIn,
  supplier: SignedIn,
  winner: SignedIn,
  provider: SignedIn,
  activity: ActivityView,
  t: TestApp,
): Promise<{ spoId: string; lineId: string }> {
  const tender = await publishedTender(buyer, { startDate: '2025-04-01' });
  const ids: { spoId: string; lineId: string }[] = [];
  for (const who of [supplier, winner]) {
    const spo = await draftSpo(who, tender);
    const added = await who.agent
      .post(`/api/spos/${spo.id}/lines`)
      .send({ activityId: activity.id, kind: 'cash', annualPence: 100_000 });
    expect(added.status).toBe(201);
    const lineId = (added.body as SpoView).lines.at(-1)!.id;
    await answer(provider, spo.id, lineId);
    expect((await who.agent.post(`/api/spos/${spo.id}/submit`)).status).toBe(200);
    ids.push({ spoId: spo.id, lineId });
  }
  await close(t, tender.id);
  const awarded = await buyer.agent
    .post(`/api/tenders/${tender.id}/award`)
    .send({ spoId: ids[1]!.spoId, contractStart: '2025-04-01' });
  expect(awarded.status).toBe(200);
  return ids[0]!;
}

export { activityOf, orgOf };

/** Reports delivery as the supplier; expects 201. */
export async function report(
  supplier: SignedIn,
  spoId: string,
  body: Record<string, unknown>,
): Promise<DeliveryReportView> {
  const res = await supplier.agent.post(`/api/spos/${spoId}/reports`).send(body);
  expect(res.status).toBe(201);
  return res.body as DeliveryReportView;
}

/** Answers a report as the provider; expects 200. */
export async function respond(
  provider: SignedIn,
  reportId: string,
  body: Record<string, unknown>,
): Promise<DeliveryReportView> {
  const res = await provider.agent.post(`/api/delivery-reports/${reportId}/response`).send(body);
  expect(res.status).toBe(200);
  return res.body as DeliveryReportView;
}

export async function deliveryOf(who: SignedIn, spoId: string): Promise<SpoDelivery> {
  const res = await who.agent.get(`/api/spos/${spoId}/delivery`);
  expect(res.status).toBe(200);
  return res.body as SpoDelivery;
}
