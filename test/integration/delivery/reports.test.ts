import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import type { ActivityView } from '@shared/schemas/activities';
import type { DeliveryReportPage, MilestoneView, SpoDelivery } from '@shared/schemas/delivery';
import { createDeliveryRepo } from '../../../server/src/features/delivery/delivery.repo';
import type { SignedIn } from '../../support/accounts';
import type { TestApp } from '../../support/test-app';
import { addCash, answer, close, draftSpo, publishedTender } from '../tenders/spo-fixtures';
import {
  activityOf,
  awardedSpo,
  clockAt,
  deliveryApp,
  deliveryOf,
  report,
  respond,
  sign,
  type Awarded,
} from './delivery-fixtures';

/**
 * Delivery against an awarded SPO: the supplier's reports, the provider's one answer,
 * corrections that supersede, reports ageing into unverified, and the milestones they meet.
 *
 * The contract runs from 2025-04-01 for three years (to 2028-03-31): contract year 1 falls
 * due on 2026-04-01, year 2 on 2027-04-01, year 3 on 2028-04-01. The clock starts on
 * 2026-06-15 at noon: year 1 is past due, year 2 under way, year 3 not started.
 */

const clock = clockAt('2026-06-15');
let t: TestApp;
let buyer: SignedIn;
let supplier: SignedIn;
let cashProvider: SignedIn;
let hoursProvider: SignedIn;
let cashActivity: ActivityView;
let hoursActivity: ActivityView;
let awarded: Awarded;
/** £10,000 a year, and 120 volunteering hours a year. */
let cashLine: string;
let hoursLine: string;

const milestonesOf = (d: SpoDelivery, lineId: string): MilestoneView[] =>
  d.lines.find((l) => l.lineId === lineId)!.milestones;

beforeAll(async () => {
  t = await deliveryApp(clock);
  buyer = await sign(t, 'buyer');
  supplier = await sign(t, 'supplier');
  cashProvider = await sign(t, 'provider');
  hoursProvider = await sign(t, 'provider');
  cashActivity = await activityOf(cashProvider);
  hoursActivity = await activityOf(hoursProvider);
  awarded = await awardedSpo(
    buyer,
    supplier,
    [
      {
        spec: { activity: cashActivity, kind: 'cash', annualPence: 1_000_000 },
        provider: cashProvider,
      },
      {
        spec: { activity: hoursActivity, kind: 'volunteering', annualHours: 120 },
        provider: hoursProvider,
      },
    ],
    t,
    { start: '2025-04-01', durationYears: 3 },
  );
  [cashLine, hoursLine] = awarded.lineIds as [string, string];
});

afterAll(async () => {
  await t.close();
});

describe('the schedule', () => {
  it('lays out each line’s contract years, due on each anniversary, before anything is reported', async () => {
    const d = await deliveryOf(supplier, awarded.spo.id);
    expect(d.contractStart).toBe('2025-04-01');
    expect(d.contractEnd).toBe('2028-03-31');
    expect(d.settings).toEqual({ graceDays: 30, responseDays: 28 });
    expect(
      milestonesOf(d, cashLine).map((m) => [m.period, m.start, m.end, m.dueDate, m.due, m.state]),
    ).toEqual([
      // Due 2026-04-01, 30 days' grace to 2026-05-01: on 2026-06-15 it is overdue.
      [1, '2025-04-01', '2026-03-31', '2026-04-01', '1000000', 'overdue'],
      [2, '2026-04-01', '2027-03-31', '2027-04-01', '1000000', 'in_progress'],
      [3, '2027-04-01', '2028-03-31', '2028-04-01', '1000000', 'upcoming'],
    ]);
    expect(milestonesOf(d, hoursLine).map((m) => m.due)).toEqual(['120', '120', '120']);
    expect(d.lines.find((l) => l.lineId === hoursLine)).toMatchObject({
      unit: 'hours',
      annual: '120',
    });
  });
});

describe('reports and answers', () => {
  it('takes a report, gives the provider until the respond-by time, and counts it once confirmed', async () => {
    const r = await report(supplier, awarded.spo.id, {
      lineId: cashLine,
      period: 1,
      amount: '1000000',
      evidenceNote: 'Paid by BACS on 28 March 2026',
      evidenceLinks: ['https://example.org/receipt'],
    });
    expect(r).toMatchObject({
      status: 'awaiting',
      amount: '1000000',
      unit: 'pence',
      confirmedAmount: null,
      supersedesId: null,
      supersededById: null,
      evidenceLinks: ['https://example.org/receipt'],
      // 28 days from the clock's noon.
      respondBy: '2026-07-13T12:00:00.000Z',
      createdAt: '2026-06-15T12:00:00.000Z',
      activity: { id: cashActivity.id, providerId: cashActivity.provider.id },
    });
    let d = await deliveryOf(supplier, awarded.spo.id);
    expect(milestonesOf(d, cashLine)[0]).toMatchObject({
      delivered: '0',
      unconfirmed: '1000000',
      state: 'overdue',
    });

    const answered = await respond(cashProvider, r.id, { decision: 'confirmed' });
    expect(answered).toMatchObject({
      status: 'confirmed',
      confirmedAmount: '1000000',
      respondedAt: '2026-06-15T12:00:00.000Z',
    });
    d = await deliveryOf(buyer, awarded.spo.id);
    expect(milestonesOf(d, cashLine)[0]).toMatchObject({
      delivered: '1000000',
      unconfirmed: '0',
      state: 'met',
    });

    // The provider answers once.
    const again = await cashProvider.agent
      .post(`/api/delivery-reports/${r.id}/response`)
      .send({ decision: 'disputed', comment: 'Changed my mind' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('report_already_answered');
  });

  it('takes a part confirmation with the amount that arrived, less than the amount reported', async () => {
    const r = await report(supplier, awarded.spo.id, {
      lineId: cashLine,
      period: 2,
      amount: '400000',
    });
    for (const confirmedAmount of ['400000', '500000', '0', '12.5']) {
      const refused = await cashProvider.agent
        .post(`/api/delivery-reports/${r.id}/response`)
        .send({ decision: 'part_confirmed', confirmedAmount });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
      expect(JSON.stringify(refused.body.error.details)).toContain('confirmedAmount');
    }
    const answered = await respond(cashProvider, r.id, {
      decision: 'part_confirmed',
      confirmedAmount: '250000',
      comment: 'Only £2,500 has arrived so far',
    });
    expect(answered).toMatchObject({
      status: 'part_confirmed',
      amount: '400000',
      confirmedAmount: '250000',
      responseComment: 'Only £2,500 has arrived so far',
    });
    const d = await deliveryOf(supplier, awarded.spo.id);
    expect(milestonesOf(d, cashLine)[1]).toMatchObject({
      delivered: '250000',
      unconfirmed: '0',
      state: 'in_progress',
    });
  });

  it('takes a dispute only with a comment, and counts nothing of it', async () => {
    const r = await report(supplier, awarded.spo.id, {
      lineId: hoursLine,
      period: 1,
      amount: '60.5',
    });
    expect(r).toMatchObject({ unit: 'hours', amount: '60.5' });
    const silent = await hoursProvider.agent
      .post(`/api/delivery-reports/${r.id}/response`)
      .send({ decision: 'disputed' });
    expect(silent.status).toBe(400);
    const disputed = await respond(hoursProvider, r.id, {
      decision: 'disputed',
      comment: 'Nobody came',
    });
    expect(disputed).toMatchObject({ status: 'disputed', confirmedAmount: '0' });
    const d = await deliveryOf(supplier, awarded.spo.id);
    expect(milestonesOf(d, hoursLine)[0]).toMatchObject({
      delivered: '0',
      unconfirmed: '0',
      state: 'overdue',
    });
  });

  it('lets only the line’s provider answer: not the supplier, the buyer or another provider', async () => {
    const r = await report(supplier, awarded.spo.id, {
      lineId: hoursLine,
      period: 2,
      amount: '10',
    });
    const tries: [SignedIn, number][] = [
      [supplier, 403],
      [buyer, 403],
      [cashProvider, 404],
    ];
    for (const [who, status] of tries) {
      const res = await who.agent
        .post(`/api/delivery-reports/${r.id}/response`)
        .send({ decision: 'confirmed' });
      expect(res.status).toBe(status);
    }
    const d = await deliveryOf(supplier, awarded.spo.id);
    expect(d.reports.find((x) => x.id === r.id)!.status).toBe('awaiting');
  });

  it('refuses a report on a line outside the SPO, a year not started or not in the contract, or in part pence', async () => {
    const cases: Record<string, unknown>[] = [
      { lineId: '00000000-0000-4000-8000-000000000000', period: 1, amount: '1' },
      { lineId: cashLine, period: 3, amount: '1' },
      { lineId: cashLine, period: 4, amount: '1' },
      { lineId: cashLine, period: 1, amount: '10.5' },
      { lineId: hoursLine, period: 1, amount: '1.005' },
      { lineId: cashLine, period: 1, amount: '0' },
    ];
    for (const body of cases) {
      const res = await supplier.agent.post(`/api/spos/${awarded.spo.id}/reports`).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });

  it('replays a report sent twice with the same Idempotency-Key instead of writing it twice', async () => {
    const body = { lineId: cashLine, period: 2, amount: '1000' };
    const first = await supplier.agent
      .post(`/api/spos/${awarded.spo.id}/reports`)
      .set('Idempotency-Key', 'report-once')
      .send(body);
    const second = await supplier.agent
      .post(`/api/spos/${awarded.spo.id}/reports`)
      .set('Idempotency-Key', 'report-once')
      .send(body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body.id).toBe(first.body.id);
    const d = await deliveryOf(supplier, awarded.spo.id);
    expect(d.reports.filter((r) => r.amount === '1000')).toHaveLength(1);
  });
});

describe('corrections', () => {
  it('supersede a report, keep the history, and count only the latest', async () => {
    const before = milestonesOf(await deliveryOf(supplier, awarded.spo.id), hoursLine)[1]!;
    const wrong = await report(supplier, awarded.spo.id, {
      lineId: hoursLine,
      period: 2,
      amount: '30',
    });
    clock.set('2026-06-15T12:05:00Z');
    const corrected = await report(supplier, awarded.spo.id, {
      lineId: hoursLine,
      period: 2,
      amount: '35.25',
      supersedes: wrong.id,
      evidenceNote: 'Miscounted the Saturday session',
    });
    expect(corrected).toMatchObject({ supersedesId: wrong.id, status: 'awaiting' });

    const d = await deliveryOf(supplier, awarded.spo.id);
    const old = d.reports.find((r) => r.id === wrong.id)!;
    expect(old).toMatchObject({ status: 'superseded', supersededById: corrected.id, amount: '30' });
    // Newest first, the superseded one kept.
    const order = d.reports.map((r) => r.id);
    expect(order[0]).toBe(corrected.id);
    expect(order.indexOf(wrong.id)).toBeGreaterThan(0);
    const after = milestonesOf(d, hoursLine)[1]!;
    expect(Number(after.unconfirmed) - Number(before.unconfirmed)).toBeCloseTo(35.25, 6);

    // The superseded report can be neither answered nor corrected again.
    const answerOld = await hoursProvider.agent
      .post(`/api/delivery-reports/${wrong.id}/response`)
      .send({ decision: 'confirmed' });
    expect(answerOld.status).toBe(409);
    expect(answerOld.body.error.code).toBe('report_superseded');
    const secondCorrection = await supplier.agent
      .post(`/api/spos/${awarded.spo.id}/reports`)
      .send({ lineId: hoursLine, period: 2, amount: '36', supersedes: wrong.id });
    expect(secondCorrection.status).toBe(409);
    expect(secondCorrection.body.error.code).toBe('report_superseded');

    await respond(hoursProvider, corrected.id, { decision: 'confirmed' });
    const confirmed = milestonesOf(await deliveryOf(supplier, awarded.spo.id), hoursLine)[1]!;
    expect(Number(confirmed.delivered) - Number(before.delivered)).toBeCloseTo(35.25, 6);
    expect(confirmed.unconfirmed).toBe(before.unconfirmed);
    clock.set('2026-06-15');
  });

  it('correct only a report on the same line and contract year', async () => {
    const r = await report(supplier, awarded.spo.id, { lineId: cashLine, period: 2, amount: '5' });
    for (const body of [
      { lineId: cashLine, period: 1, amount: '5', supersedes: r.id },
      { lineId: hoursLine, period: 2, amount: '5', supersedes: r.id },
      {
        lineId: cashLine,
        period: 2,
        amount: '5',
        supersedes: '00000000-0000-4000-8000-000000000000',
      },
    ]) {
      const res = await supplier.agent.post(`/api/spos/${awarded.spo.id}/reports`).send(body);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('supersedes_mismatch');
    }
  });

  it('settle two corrections of one report sent at once: one is written, the other refused', async () => {
    const r = await report(supplier, awarded.spo.id, { lineId: cashLine, period: 2, amount: '7' });
    const send = (amount: string) =>
      supplier.agent
        .post(`/api/spos/${awarded.spo.id}/reports`)
        .send({ lineId: cashLine, period: 2, amount, supersedes: r.id });
    const results = await Promise.all([send('8'), send('9')]);
    expect(results.map((x) => x.status).sort()).toEqual([201, 409]);
    expect(results.find((x) => x.status === 409)!.body.error.code).toBe('report_superseded');
  });

  it('may supersede an answered report: the correction is answered afresh', async () => {
    const disputed = (await deliveryOf(supplier, awarded.spo.id)).reports.find(
      (r) => r.status === 'disputed',
    )!;
    const fixed = await report(supplier, awarded.spo.id, {
      lineId: hoursLine,
      period: 1,
      amount: '40',
      supersedes: disputed.id,
    });
    const d = await deliveryOf(supplier, awarded.spo.id);
    expect(d.reports.find((r) => r.id === disputed.id)!.status).toBe('superseded');
    expect(milestonesOf(d, hoursLine)[0]).toMatchObject({ delivered: '0', unconfirmed: '40' });
    await respond(hoursProvider, fixed.id, { decision: 'confirmed' });
    expect(milestonesOf(await deliveryOf(supplier, awarded.spo.id), hoursLine)[0]).toMatchObject({
      delivered: '40',
      unconfirmed: '0',
      state: 'overdue',
    });
  });
});

describe('ageing', () => {
  it('turns a report unanswered past its respond-by time into unverified; a late answer still counts', async () => {
    clock.set('2026-06-20');
    const r = await report(supplier, awarded.spo.id, {
      lineId: hoursLine,
      period: 2,
      amount: '12',
    });
    expect(r.respondBy).toBe('2026-07-18T12:00:00.000Z');

    clock.set('2026-07-18T12:00:00.000Z');
    const onTime = await hoursProvider.agent.get(
      '/api/delivery-reports?role=answer&status=awaiting',
    );
    expect((onTime.body as DeliveryReportPage).items.map((x) => x.id)).toContain(r.id);

    clock.set('2026-07-18T12:00:01.000Z');
    const late = await hoursProvider.agent.get(
      '/api/delivery-reports?role=answer&status=unverified',
    );
    expect(late.status).toBe(200);
    const items = (late.body as DeliveryReportPage).items;
    expect(items.map((x) => x.id)).toContain(r.id);
    expect(items.every((x) => x.status === 'unverified')).toBe(true);
    let d = await deliveryOf(supplier, awarded.spo.id);
    expect(d.reports.find((x) => x.id === r.id)!.status).toBe('unverified');
    const before = milestonesOf(d, hoursLine)[1]!;

    const answered = await respond(hoursProvider, r.id, { decision: 'confirmed' });
    expect(answered).toMatchObject({
      status: 'confirmed',
      respondedAt: '2026-07-18T12:00:01.000Z',
    });
    d = await deliveryOf(supplier, awarded.spo.id);
    const after = milestonesOf(d, hoursLine)[1]!;
    expect(Number(after.delivered) - Number(before.delivered)).toBeCloseTo(12, 6);
    expect(Number(before.unconfirmed) - Number(after.unconfirmed)).toBeCloseTo(12, 6);
    clock.set('2026-06-15');
  });
});

describe('milestones and the grace period', () => {
  it('reads a past-due year as due within the buyer’s grace days and overdue after them', async () => {
    // A fresh SPO: nothing confirmed for year 1 (due 2026-04-01).
    const other = await sign(t, 'supplier');
    const fresh = await awardedSpo(
      buyer,
      other,
      [
        {
          spec: { activity: cashActivity, kind: 'cash', annualPence: 500_000 },
          provider: cashProvider,
        },
      ],
      t,
      { start: '2025-04-01', durationYears: 2 },
    );
    const settings = await buyer.agent
      .patch(`/api/tenders/${fresh.tender.id}/delivery-settings`)
      .send({ graceDays: 90, responseDays: 14 });
    expect(settings.status).toBe(200);
    expect(settings.body).toEqual({ graceDays: 90, responseDays: 14 });

    // 2026-04-01 + 90 days = 2026-06-30, the last day of grace.
    clock.set('2026-06-30');
    let [year1] = milestonesOf(await deliveryOf(other, fresh.spo.id), fresh.lineIds[0]!);
    expect(year1).toMatchObject({ due: '500000', delivered: '0', state: 'due' });
    clock.set('2026-07-01');
    [year1] = milestonesOf(await deliveryOf(other, fresh.spo.id), fresh.lineIds[0]!);
    expect(year1!.state).toBe('overdue');

    // Reported but unconfirmed does not meet it; confirmed in part does not either.
    const r = await report(other, fresh.spo.id, {
      lineId: fresh.lineIds[0],
      period: 1,
      amount: '500000',
    });
    expect(r.respondBy).toBe('2026-07-15T12:00:00.000Z');
    await respond(cashProvider, r.id, { decision: 'part_confirmed', confirmedAmount: '499999' });
    [year1] = milestonesOf(await deliveryOf(other, fresh.spo.id), fresh.lineIds[0]!);
    expect(year1).toMatchObject({ delivered: '499999', state: 'overdue' });
    const top = await report(other, fresh.spo.id, {
      lineId: fresh.lineIds[0],
      period: 1,
      amount: '1',
    });
    await respond(cashProvider, top.id, { decision: 'confirmed' });
    [year1] = milestonesOf(await deliveryOf(other, fresh.spo.id), fresh.lineIds[0]!);
    expect(year1).toMatchObject({ delivered: '500000', state: 'met' });
    clock.set('2026-06-15');
  });

  it('pro-rates the last year of a contract awarded to end part-way through it', async () => {
    const other = await sign(t, 'supplier');
    const part = await awardedSpo(
      buyer,
      other,
      [
        {
          spec: { activity: cashActivity, kind: 'cash', annualPence: 1_000_000 },
          provider: cashProvider,
        },
      ],
      t,
      { start: '2025-04-01', durationYears: 2, end: '2026-09-30' },
    );
    const d = await deliveryOf(other, part.spo.id);
    expect(d.contractEnd).toBe('2026-09-30');
    const [, last] = milestonesOf(d, part.lineIds[0]!);
    // 183 of 365 days: 1,000,000 × 183 / 365 = 501,369.86 → 501,370 pence.
    expect(last).toMatchObject({
      start: '2026-04-01',
      end: '2026-09-30',
      dueDate: '2026-10-01',
      due: '501370',
    });
    expect(last!.fraction).toBeCloseTo(183 / 365, 9);
  });

  it('refuses an award whose contract would end before it starts or after the tender’s duration', async () => {
    const other = await sign(t, 'supplier');
    const tender = await publishedTender(buyer, { startDate: '2025-04-01', durationYears: 2 });
    const spo = await draftSpo(other, tender);
    const withLine = await addCash(other, spo.id, cashActivity, 1000);
    await answer(cashProvider, spo.id, withLine.lines.at(-1)!.id);
    expect((await other.agent.post(`/api/spos/${spo.id}/submit`)).status).toBe(200);
    await close(t, tender.id);
    for (const contractEnd of ['2027-04-01', '2025-03-31']) {
      const res = await buyer.agent
        .post(`/api/tenders/${tender.id}/award`)
        .send({ spoId: spo.id, contractStart: '2025-04-01', contractEnd });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([
        { path: 'contractEnd', message: 'must be from 2025-04-01 to 2027-03-31' },
      ]);
    }
    const ok = await buyer.agent
      .post(`/api/tenders/${tender.id}/award`)
      .send({ spoId: spo.id, contractStart: '2025-04-01', contractEnd: '2027-03-31' });
    expect(ok.status).toBe(200);
  });
});

describe('the history in the database', () => {
  it('refuses to change a report’s amount, or to delete a report', async () => {
    const [r] = (await deliveryOf(supplier, awarded.spo.id)).reports;
    await expect(
      sql`UPDATE delivery_reports SET amount = amount + 1 WHERE id = ${r!.id}`.execute(
        t.database.db,
      ),
    ).rejects.toThrow(/never changes/);
    await expect(
      sql`DELETE FROM delivery_reports WHERE id = ${r!.id}`.execute(t.database.db),
    ).rejects.toThrow(/never deleted/);
    const d = await deliveryOf(supplier, awarded.spo.id);
    expect(d.reports.find((x) => x.id === r!.id)!.amount).toBe(r!.amount);
  });
});

describe('a race between two corrections', () => {
  it('is settled by the database: a second correction of one report writes nothing', async () => {
    const d = await deliveryOf(supplier, awarded.spo.id);
    const old = d.reports.find((r) => r.status === 'superseded')!;
    const row = await t.database.db
      .selectFrom('delivery_reports')
      .selectAll()
      .where('id', '=', old.supersededById!)
      .executeTakeFirstOrThrow();
    const written = await createDeliveryRepo(t.database.db).insertReport({
      spo_id: row.spo_id,
      line_id: row.line_id,
      period: row.period,
      amount: '1',
      evidence_note: '',
      evidence_links: [],
      supersedes_id: old.id,
      reported_by: row.reported_by,
      created_at: clock.now,
      respond_by: clock.now,
    });
    expect(written).toBeUndefined();
    const after = await deliveryOf(supplier, awarded.spo.id);
    expect(after.reports.filter((r) => r.supersedesId === old.id)).toHaveLength(1);
  });
});

describe('notifications', () => {
  it('tells the line’s provider of a report, and the supplier of the answer', async () => {
    const r = await report(supplier, awarded.spo.id, { lineId: cashLine, period: 2, amount: '42' });
    const providerList = await cashProvider.agent.get('/api/notifications');
    expect(
      providerList.body.items.some(
        (n: { kind: string; objectId: string }) =>
          n.kind === 'delivery_report' && n.objectId === r.id,
      ),
    ).toBe(true);
    const elsewhere = await hoursProvider.agent.get('/api/notifications');
    expect(elsewhere.body.items.some((n: { objectId: string }) => n.objectId === r.id)).toBe(false);
    await respond(cashProvider, r.id, { decision: 'confirmed' });
    const supplierList = await supplier.agent.get('/api/notifications');
    expect(
      supplierList.body.items.some(
        (n: { kind: string; objectId: string }) =>
          n.kind === 'delivery_answer' && n.objectId === r.id,
      ),
    ).toBe(true);
  });
});
