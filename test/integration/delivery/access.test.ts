import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { ActivityView } from '@shared/schemas/activities';
import type { DeliveryReportPage, DeliveryReportView } from '@shared/schemas/delivery';
import { makeAdmin, signIn, type SignedIn } from '../../support/accounts';
import type { TestApp } from '../../support/test-app';
import {
  activityOf,
  awardedSpo,
  clockAt,
  deliveryApp,
  deliveryOf,
  notAwardedSpo,
  report,
  sign,
  type Awarded,
} from './delivery-fixtures';

/**
 * Who may see and do what with an awarded SPO's delivery: its supplier reports, each line's
 * provider answers on its own lines only, the buyer (and an administrator) sees it all and
 * sets the rules; everyone else finds nothing there, as for an SPO that does not exist.
 */

const clock = clockAt('2026-06-15');
let t: TestApp;
let buyer: SignedIn;
let supplier: SignedIn;
let otherSupplier: SignedIn;
let provider: SignedIn;
let secondProvider: SignedIn;
let otherProvider: SignedIn;
let admin: TestAgent;
let anonymous: TestAgent;
let activity: ActivityView;
let secondActivity: ActivityView;
let awarded: Awarded;
let mine: DeliveryReportView;
let theirs: DeliveryReportView;

beforeAll(async () => {
  t = await deliveryApp(clock);
  buyer = await sign(t, 'buyer');
  supplier = await sign(t, 'supplier');
  otherSupplier = await sign(t, 'supplier');
  provider = await sign(t, 'provider');
  secondProvider = await sign(t, 'provider');
  otherProvider = await sign(t, 'provider');
  const adminPerson = await sign(t, 'supplier');
  await makeAdmin(t.database, adminPerson.me.person.id);
  admin = await signIn(t.app, adminPerson.email, adminPerson.password);
  anonymous = request.agent(t.app);
  activity = await activityOf(provider);
  secondActivity = await activityOf(secondProvider);
  awarded = await awardedSpo(
    buyer,
    supplier,
    [
      { spec: { activity, kind: 'cash', annualPence: 300_000 }, provider },
      {
        spec: { activity: secondActivity, kind: 'cash', annualPence: 200_000 },
        provider: secondProvider,
      },
    ],
    t,
    { start: '2025-04-01' },
  );
  mine = await report(supplier, awarded.spo.id, {
    lineId: awarded.lineIds[0],
    period: 1,
    amount: '300000',
  });
  theirs = await report(supplier, awarded.spo.id, {
    lineId: awarded.lineIds[1],
    period: 1,
    amount: '200000',
  });
});

afterAll(async () => {
  await t.close();
});

const agentOf = (who: SignedIn | TestAgent): TestAgent => ('agent' in who ? who.agent : who);

describe('the delivery page', () => {
  it('shows every line and report to the supplier, the buyer and an administrator, each with what they may do', async () => {
    const expected: [SignedIn | TestAgent, object][] = [
      [supplier, { report: true, answer: false, changeSettings: false }],
      [buyer, { report: false, answer: false, changeSettings: true }],
      [admin, { report: false, answer: false, changeSettings: true }],
    ];
    for (const [who, can] of expected) {
      const res = await agentOf(who).get(`/api/spos/${awarded.spo.id}/delivery`);
      expect(res.status).toBe(200);
      expect(res.body.can).toEqual(can);
      expect(res.body.lines.map((l: { lineId: string }) => l.lineId)).toEqual(awarded.lineIds);
      expect(res.body.reports.map((r: { id: string }) => r.id).sort()).toEqual(
        [mine.id, theirs.id].sort(),
      );
    }
  });

  it('shows a linked provider only its own lines and the reports on them', async () => {
    const d = await deliveryOf(provider, awarded.spo.id);
    expect(d.can).toEqual({ report: false, answer: true, changeSettings: false });
    expect(d.lines.map((l) => l.lineId)).toEqual([awarded.lineIds[0]]);
    expect(d.reports.map((r) => r.id)).toEqual([mine.id]);
    const second = await deliveryOf(secondProvider, awarded.spo.id);
    expect(second.lines.map((l) => l.lineId)).toEqual([awarded.lineIds[1]]);
    expect(second.reports.map((r) => r.id)).toEqual([theirs.id]);
  });

  it('answers 404 to anyone else: not signed in, another supplier, a provider not linked', async () => {
    for (const who of [anonymous, otherSupplier.agent, otherProvider.agent]) {
      const res = await who.get(`/api/spos/${awarded.spo.id}/delivery`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('spo_not_found');
    }
  });

  it('answers an SPO not awarded with 409 to its supplier and 404 to everyone else', async () => {
    const lost = await notAwardedSpo(buyer, supplier, otherSupplier, provider, activity, t);
    const mineRes = await supplier.agent.get(`/api/spos/${lost.spoId}/delivery`);
    expect(mineRes.status).toBe(409);
    expect(mineRes.body.error.code).toBe('spo_not_awarded');
    const reported = await supplier.agent
      .post(`/api/spos/${lost.spoId}/reports`)
      .send({ lineId: lost.lineId, period: 1, amount: '1' });
    expect(reported.status).toBe(409);
    expect(reported.body.error.code).toBe('spo_not_awarded');
    for (const who of [anonymous, buyer.agent, provider.agent, otherSupplier.agent]) {
      const res = await who.get(`/api/spos/${lost.spoId}/delivery`);
      expect(res.status).toBe(404);
    }
  });
});

describe('reporting', () => {
  it('is refused to the buyer and the providers (403), and to anyone who cannot see the SPO (404)', async () => {
    const body = { lineId: awarded.lineIds[0], period: 1, amount: '1' };
    const tries: [TestAgent, number][] = [
      [buyer.agent, 403],
      [provider.agent, 403],
      [admin, 403],
      [otherSupplier.agent, 404],
      [otherProvider.agent, 404],
      [anonymous, 404],
    ];
    for (const [who, status] of tries) {
      const res = await who.post(`/api/spos/${awarded.spo.id}/reports`).send(body);
      expect(res.status).toBe(status);
    }
    expect((await deliveryOf(supplier, awarded.spo.id)).reports).toHaveLength(2);
  });
});

describe('answering', () => {
  it('is refused to a provider on another provider’s line, and to those who cannot see the report', async () => {
    const tries: [TestAgent, number][] = [
      [secondProvider.agent, 404],
      [otherProvider.agent, 404],
      [otherSupplier.agent, 404],
      [anonymous, 404],
      [admin, 403],
    ];
    for (const [who, status] of tries) {
      const res = await who
        .post(`/api/delivery-reports/${mine.id}/response`)
        .send({ decision: 'confirmed' });
      expect(res.status).toBe(status);
    }
    const d = await deliveryOf(supplier, awarded.spo.id);
    expect(d.reports.find((r) => r.id === mine.id)!.status).toBe('awaiting');
  });
});

describe('the lists of reports', () => {
  it('lists for a provider the reports it must answer, on its own lines only', async () => {
    const res = await provider.agent.get('/api/delivery-reports?role=answer');
    expect(res.status).toBe(200);
    const page = res.body as DeliveryReportPage;
    expect(page.items.map((r) => r.id)).toEqual([mine.id]);
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      spoId: awarded.spo.id,
      tender: { id: awarded.tender.id },
      activity: { id: activity.id, providerId: activity.provider.id },
    });
  });

  it('lists for a supplier the reports it sent, filtered by status and paged', async () => {
    const all = (await supplier.agent.get('/api/delivery-reports?role=sent')).body;
    expect(all.total).toBe(2);
    const one = (await supplier.agent.get('/api/delivery-reports?role=sent&pageSize=1&page=2'))
      .body as DeliveryReportPage;
    expect(one.items).toHaveLength(1);
    expect(one.total).toBe(2);
    const confirmed = (await supplier.agent.get('/api/delivery-reports?role=sent&status=confirmed'))
      .body as DeliveryReportPage;
    expect(confirmed.total).toBe(0);
  });

  it('lists nothing of theirs to another supplier or provider, and refuses anyone not signed in', async () => {
    for (const role of ['answer', 'sent']) {
      for (const who of [otherSupplier, otherProvider]) {
        const res = await who.agent.get(`/api/delivery-reports?role=${role}`);
        expect(res.status).toBe(200);
        expect(res.body.total).toBe(0);
      }
    }
    expect((await anonymous.get('/api/delivery-reports')).status).toBe(401);
    expect((await supplier.agent.get('/api/delivery-reports?role=both')).status).toBe(400);
  });
});

describe('delivery settings', () => {
  it('are the buyer’s (and an administrator’s) to change, no one else’s', async () => {
    const url = `/api/tenders/${awarded.tender.id}/delivery-settings`;
    const tries: [TestAgent, number][] = [
      [anonymous, 401],
      [supplier.agent, 403],
      [provider.agent, 403],
      [buyer.agent, 200],
      [admin, 200],
    ];
    for (const [who, status] of tries) {
      const res = await who.patch(url).send({ graceDays: 10, responseDays: 7 });
      expect(res.status).toBe(status);
    }
    expect((await deliveryOf(supplier, awarded.spo.id)).settings).toEqual({
      graceDays: 10,
      responseDays: 7,
    });
    const bad = await buyer.agent.patch(url).send({ graceDays: -1, responseDays: 0 });
    expect(bad.status).toBe(400);
    expect(
      (
        await buyer.agent
          .patch('/api/tenders/00000000-0000-4000-8000-000000000000/delivery-settings')
          .send({ graceDays: 1, responseDays: 1 })
      ).status,
    ).toBe(404);
  });
});
