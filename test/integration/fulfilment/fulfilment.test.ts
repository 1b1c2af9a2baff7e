import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { addDays, addYears } from '@shared/contributions';
import type { TerritoryCoverage } from '@shared/schemas/coverage';
import {
  FULFILMENT_CSV_COLUMNS,
  type ContractReport,
  type FulfilmentLine,
  type ProviderFulfilment,
  type TenderFulfilment,
  type TerritoryFulfilment,
  type TerritoryReport,
  type TrackRecord,
} from '@shared/schemas/fulfilment';
import type { ActivityView } from '@shared/schemas/activities';
import type { SpoView, TenderView } from '@shared/schemas/tenders';
import { buildOrganisation } from '../../../seed/factories';
import { makeAdmin, orgOf, signUp, type SignedIn } from '../../support/accounts';
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
} from '../tenders/spo-fixtures';
import { answerReport, insertReport, setContract, setGraceDays } from './delivery-fixtures';

/**
 * The fixture, worked by hand. Supplier A's awarded SPO has two lines to the provider's
 * activity in Thames Valley: £12,000 a year in cash and 100 volunteer hours a year, over a
 * two-year contract whose first anniversary was ten days ago (grace: 5 days). So:
 *   cash  committed £24,000; due to date £12,000 (year 1); delivered: a £6,000 report
 *         part-confirmed at £5,000, a £2,000 one confirmed then superseded by a £2,500 one
 *         confirmed: £7,500; ratio 7,500 ÷ 12,000 = 0.625. A £3,000 report is disputed, a
 *         £1,000 one unanswered past its respond-by (unverified), a £500 one still awaiting.
 *         Year 1 is overdue (£7,500 < £12,000, past the grace days).
 *   hours committed 200; due to date 100; delivered 40 (confirmed); ratio 0.4; overdue.
 *   NT29  (a TOMs measure, 10 a year) committed 20; due 10; delivered 4; ratio 0.4; overdue;
 *         its proxy £ only as an estimate at the line's own rate.
 * Supplier B's SPO (not awarded, £8,000 a year) has a £8,000 report "confirmed": it must
 * count nowhere and appear nowhere.
 */

const TV = 'E23000029';
const DISPUTE_COMMENT = 'We never received this transfer';
const CONFIRM_COMMENT = 'Checked against our bank statement';

let t: TestApp;
let buyer: SignedIn;
let otherBuyer: SignedIn;
let supplierA: SignedIn;
let supplierB: SignedIn;
let provider: SignedIn;
let admin: SignedIn;
let tender: TenderView;
let openTender: TenderView;
let draft: TenderView;
let activity: ActivityView;
let spoA: SpoView;
let spoB: SpoView;
let cashLineId: string;
let hoursLineId: string;
let hoursAnnualProxyPence: number;
let measureLineId: string;
let measureAnnualProxyPence: number;
let today: string;
let firstDue: string;
let ids: Record<string, string>;

/** Whether the first anniversary fell in this calendar year (not so on 1–10 January). */
const dueThisYear = () => firstDue.slice(0, 4) === today.slice(0, 4);

const as = (who: SignedIn | null) => (who ? who.agent : request(t.app));

beforeAll(async () => {
  t = await createTestApp();
  buyer = await signUp(t.app, { organisation: buildOrganisation('buyer') });
  otherBuyer = await signUp(t.app, { organisation: buildOrganisation('buyer') });
  supplierA = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  supplierB = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  provider = await signUp(t.app, { organisation: buildOrganisation('provider') });
  admin = await signUp(t.app, { organisation: null });
  await makeAdmin(t.database, admin.me.person.id);

  activity = await activityOf(provider);
  tender = await publishedTender(buyer, { title: 'Custody healthcare, "north" lot' });
  openTender = await publishedTender(buyer);
  draft = await draftTender(buyer);

  const spo = await draftSpo(supplierA, tender);
  const withCash = await addCash(supplierA, spo.id, activity, pounds(12_000));
  cashLineId = withCash.lines.at(-1)!.id;
  await answer(provider, spo.id, cashLineId);
  const withHours = await supplierA.agent
    .post(`/api/spos/${spo.id}/lines`)
    .send({ activityId: activity.id, kind: 'volunteering', annualHours: 100 });
  expect(withHours.status).toBe(201);
  const hoursLine = (withHours.body as SpoView).lines.at(-1)!;
  hoursLineId = hoursLine.id;
  hoursAnnualProxyPence = hoursLine.annualProxyPence;
  await answer(provider, spo.id, hoursLineId);
  const withMeasure = await supplierA.agent.post(`/api/spos/${spo.id}/lines`).send({
    activityId: activity.id,
    kind: 'measure',
    measure: { code: 'NT29' },
    annualQuantity: '10',
  });
  expect(withMeasure.status).toBe(201);
  const measureLine = (withMeasure.body as SpoView).lines.at(-1)!;
  measureLineId = measureLine.id;
  measureAnnualProxyPence = measureLine.annualProxyPence;
  expect(measureAnnualProxyPence).toBeGreaterThan(0);
  await answer(provider, spo.id, measureLineId);
  const submitted = await supplierA.agent.post(`/api/spos/${spo.id}/submit`);
  expect(submitted.status).toBe(200);
  spoA = submitted.body as SpoView;
  spoB = await submittedSpo(supplierB, provider, tender, activity, pounds(8_000));
  await close(t, tender.id);
  await award(buyer, tender, spoA.id);

  // The first anniversary ten days ago; a two-year contract; five days' grace.
  today = new Date().toISOString().slice(0, 10);
  firstDue = addDays(today, -10);
  const start = addYears(firstDue, -1);
  await setContract(t.database, spoA.id, start, addDays(addYears(start, 2), -1));
  await setGraceDays(t.database, tender.id, 5);

  const supplierPerson = supplierA.me.person.id;
  const providerPerson = provider.me.person.id;
  const past = new Date(Date.now() - 86_400_000);
  const future = new Date(Date.now() + 7 * 86_400_000);
  const report = (lineId: string, amount: number, respondBy = past, supersedes?: string) =>
    insertReport(t.database, {
      spoId: spoA.id,
      lineId,
      period: 1,
      amount,
      reportedBy: supplierPerson,
      respondBy,
      supersedes,
    });
  const partConfirmed = await report(cashLineId, pounds(6_000));
  await answerReport(
    t.database,
    partConfirmed,
    { response: 'part_confirmed', confirmedAmount: pounds(5_000) },
    providerPerson,
    CONFIRM_COMMENT,
  );
  const disputed = await report(cashLineId, pounds(3_000));
  await answerReport(
    t.database,
    disputed,
    { response: 'disputed' },
    providerPerson,
    DISPUTE_COMMENT,
  );
  const superseded = await report(cashLineId, pounds(2_000));
  await answerReport(
    t.database,
    superseded,
    { response: 'confirmed', amount: pounds(2_000) },
    providerPerson,
  );
  const correction = await report(cashLineId, pounds(2_500), past, superseded);
  await answerReport(
    t.database,
    correction,
    { response: 'confirmed', amount: pounds(2_500) },
    providerPerson,
  );
  const unverified = await report(cashLineId, pounds(1_000));
  const awaiting = await report(cashLineId, pounds(500), future);
  const hours = await report(hoursLineId, 40);
  await answerReport(t.database, hours, { response: 'confirmed', amount: 40 }, providerPerson);
  const quantity = await report(measureLineId, 4);
  await answerReport(t.database, quantity, { response: 'confirmed', amount: 4 }, providerPerson);

  // The not-awarded SPO's line, "confirmed": it must count nowhere.
  const lost = await insertReport(t.database, {
    spoId: spoB.id,
    lineId: spoB.lines[0]!.id,
    period: 1,
    amount: pounds(8_000),
    reportedBy: supplierB.me.person.id,
    respondBy: past,
  });
  await answerReport(
    t.database,
    lost,
    { response: 'confirmed', amount: pounds(8_000) },
    providerPerson,
  );
  ids = { partConfirmed, disputed, superseded, correction, unverified, awaiting, hours, lost };
});

afterAll(async () => {
  await t.close();
});

const cashLine = (lines: FulfilmentLine[]) => lines.find((l) => l.lineId === cashLineId)!;
const hoursLine = (lines: FulfilmentLine[]) => lines.find((l) => l.lineId === hoursLineId)!;

/** The hand-worked cash figures (pence). */
function expectedCash() {
  return {
    committed: 2_400_000,
    dueToDate: 1_200_000,
    deliveredToDate: 750_000,
    ratioToDate: 0.625,
    dueThisYear: dueThisYear() ? 1_200_000 : 0,
    deliveredThisYear: dueThisYear() ? 750_000 : 0,
    ratioThisYear: dueThisYear() ? 0.625 : null,
  };
}

function expectedMeasure() {
  return {
    committed: 20,
    dueToDate: 10,
    deliveredToDate: 4,
    ratioToDate: 0.4,
    dueThisYear: dueThisYear() ? 10 : 0,
    deliveredThisYear: dueThisYear() ? 4 : 0,
    ratioThisYear: dueThisYear() ? 0.4 : null,
  };
}

function expectedHours() {
  return {
    committed: 200,
    dueToDate: 100,
    deliveredToDate: 40,
    ratioToDate: 0.4,
    dueThisYear: dueThisYear() ? 100 : 0,
    deliveredThisYear: dueThisYear() ? 40 : 0,
    ratioThisYear: dueThisYear() ? 0.4 : null,
  };
}

/** Nothing of the not-awarded SPO, and no comment text, in an answer. */
function expectNothingPrivate(body: unknown) {
  const text = JSON.stringify(body);
  expect(text).not.toContain(spoB.id);
  expect(text).not.toContain(ids.lost);
  expect(text).not.toContain(DISPUTE_COMMENT);
  expect(text).not.toContain(CONFIRM_COMMENT);
  expect(text).not.toContain(supplierB.email);
  expect(text).not.toContain(supplierA.email);
}

describe('a tender’s contract fulfilment', () => {
  it('works out each line against hand-computed figures, kinds kept apart', async () => {
    const res = await request(t.app).get(`/api/tenders/${tender.id}/fulfilment`);
    expect(res.status).toBe(200);
    const body = res.body as TenderFulfilment;
    expect(body.asOf).toBe(today);
    expect(body.tender).toMatchObject({ id: tender.id, graceDays: 5, buyer: { id: orgOf(buyer) } });
    expect(body.lines).toHaveLength(3);
    expect(cashLine(body.lines)).toMatchObject({
      kind: 'cash',
      unit: 'pence',
      annual: 1_200_000,
      figures: expectedCash(),
      estimatedProxyPence: null,
      counts: { overdue: 1, disputed: 1, unverified: 1 },
    });
    expect(hoursLine(body.lines)).toMatchObject({
      kind: 'volunteering',
      unit: 'hours',
      annual: 100,
      figures: expectedHours(),
      counts: { overdue: 1, disputed: 0, unverified: 0 },
    });
    // An estimate only, from the line's own proxy rate: never in the cash figures.
    expect(hoursLine(body.lines).estimatedProxyPence).toEqual({
      committed: Math.round(hoursAnnualProxyPence * 2),
      dueToDate: Math.round(hoursAnnualProxyPence),
      deliveredToDate: Math.round(hoursAnnualProxyPence * 0.4),
    });
    expect(body.totals.cash).toEqual(expectedCash());
    expect(body.totals.volunteeringHours).toEqual(expectedHours());
    expect(body.totals.inKind).toMatchObject({
      committed: 0,
      deliveredToDate: 0,
      ratioToDate: null,
    });
    expect(body.totals.measures).toEqual([
      {
        code: 'NT29',
        measure: expect.any(String),
        unit: expect.any(String),
        figures: expectedMeasure(),
        estimatedProxyPence: {
          committed: Math.round(measureAnnualProxyPence * 2),
          dueToDate: Math.round(measureAnnualProxyPence),
          deliveredToDate: Math.round(measureAnnualProxyPence * 0.4),
        },
      },
    ]);
    expect(body.lines.find((l) => l.lineId === measureLineId)).toMatchObject({
      kind: 'measure',
      unit: 'quantity',
      annual: 10,
      measure: { code: 'NT29' },
      figures: expectedMeasure(),
    });
    expect(body.contracts).toHaveLength(1);
    expect(body.contracts[0]).toMatchObject({
      spoId: spoA.id,
      supplier: { id: orgOf(supplierA) },
      totals: { cash: expectedCash(), volunteeringHours: expectedHours() },
      counts: { overdue: 3, disputed: 1, unverified: 1 },
    });
    expectNothingPrivate(body);
  });

  it('lists the overdue years, the disputed report and the unverified one, never a superseded or awaiting one', async () => {
    const body = (await request(t.app).get(`/api/tenders/${tender.id}/fulfilment`))
      .body as TenderFulfilment;
    expect(body.counts).toEqual({ overdue: 3, disputed: 1, unverified: 1 });
    const overdue = body.overdue.map((o) => [
      o.lineId,
      o.period,
      o.dueDate,
      o.overdueAfter,
      o.due,
      o.delivered,
    ]);
    expect(overdue).toHaveLength(3);
    expect(overdue).toEqual(
      expect.arrayContaining([
        [cashLineId, 1, firstDue, addDays(firstDue, 5), 1_200_000, 750_000],
        [hoursLineId, 1, firstDue, addDays(firstDue, 5), 100, 40],
        [measureLineId, 1, firstDue, addDays(firstDue, 5), 10, 4],
      ]),
    );
    expect(body.disputed.map((r) => [r.reportId, r.amount, r.status])).toEqual([
      [ids.disputed, 300_000, 'disputed'],
    ]);
    expect(body.unverified.map((r) => [r.reportId, r.amount, r.status])).toEqual([
      [ids.unverified, 100_000, 'unverified'],
    ]);
    const listed = JSON.stringify([body.overdue, body.disputed, body.unverified]);
    expect(listed).not.toContain(ids.superseded);
    expect(listed).not.toContain(ids.awaiting);
  });

  it('answers 409 for a tender not awarded and 404 for a draft it may not see', async () => {
    const open = await request(t.app).get(`/api/tenders/${openTender.id}/fulfilment`);
    expect(open.status).toBe(409);
    expect(open.body.error.code).toBe('tender_not_awarded');
    const hidden = await as(supplierA).get(`/api/tenders/${draft.id}/fulfilment`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('tender_not_found');
    const missing = await request(t.app).get(
      '/api/tenders/00000000-0000-4000-8000-000000000000/fulfilment',
    );
    expect(missing.status).toBe(404);
  });
});

describe('a supplier’s track record', () => {
  it('shows its awarded SPOs with their fulfilment, publicly', async () => {
    const res = await request(t.app).get(`/api/organisations/${orgOf(supplierA)}/track-record`);
    expect(res.status).toBe(200);
    const body = res.body as TrackRecord;
    expect(body.organisation).toEqual({ id: orgOf(supplierA), name: expect.any(String) });
    expect(body.contracts).toHaveLength(1);
    expect(body.contracts[0]).toMatchObject({
      spoId: spoA.id,
      tender: { id: tender.id, title: tender.title },
      buyer: { id: orgOf(buyer) },
      contractStart: addYears(firstDue, -1),
    });
    expect(body.totals.cash).toEqual(expectedCash());
    expect(body.totals.volunteeringHours).toEqual(expectedHours());
    expectNothingPrivate(body);
  });

  it('never lists an SPO that was not awarded', async () => {
    const body = (await request(t.app).get(`/api/organisations/${orgOf(supplierB)}/track-record`))
      .body as TrackRecord;
    expect(body.contracts).toEqual([]);
    expect(body.lines).toEqual([]);
    expect(body.totals.cash).toMatchObject({ committed: 0, deliveredToDate: 0 });
    expectNothingPrivate(body);
  });

  it('answers 404 for an organisation that does not exist', async () => {
    const res = await request(t.app).get(
      '/api/organisations/00000000-0000-4000-8000-000000000000/track-record',
    );
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('organisation_not_found');
  });
});

describe('a provider’s and a territory’s fulfilment', () => {
  it('gives the provider what it was committed and received on awarded SPOs only', async () => {
    const res = await request(t.app).get(`/api/organisations/${orgOf(provider)}/fulfilment`);
    expect(res.status).toBe(200);
    const body = res.body as ProviderFulfilment;
    expect(body.lines.map((l) => l.lineId).sort()).toEqual(
      [cashLineId, hoursLineId, measureLineId].sort(),
    );
    expect(body.totals.cash).toEqual(expectedCash());
    expect(body.totals.volunteeringHours).toEqual(expectedHours());
    expectNothingPrivate(body);
  });

  it('gives a territory the lines on its activities', async () => {
    const res = await request(t.app).get(`/api/territories/${TV.toLowerCase()}/fulfilment`);
    expect(res.status).toBe(200);
    const body = res.body as TerritoryFulfilment;
    expect(body.territory.code).toBe(TV);
    expect(body.lines.map((l) => l.lineId).sort()).toEqual(
      [cashLineId, hoursLineId, measureLineId].sort(),
    );
    expect(body.totals.cash).toEqual(expectedCash());
    expect(body.counts).toEqual({ overdue: 3, disputed: 1, unverified: 1 });
    expectNothingPrivate(body);
    const missing = await request(t.app).get('/api/territories/E23999999/fulfilment');
    expect(missing.status).toBe(404);
  });

  it('puts delivered beside committed in the coverage view and the territory panel', async () => {
    const all = (await request(t.app).get('/api/coverage')).body as TerritoryCoverage[];
    const tv = all.find((c) => c.code === TV)!;
    // Cash and in kind confirmed: £5,000 + £2,500; hours apart; the lost SPO's £8,000 not.
    expect(tv.deliveredPence).toBe(750_000);
    expect(tv.deliveredHours).toBe(40);
    expect(tv.committedPence).toBe(1_200_000);
    const detail = await request(t.app).get(`/api/coverage/${TV}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ deliveredPence: 750_000, deliveredHours: 40 });
    expect(all.filter((c) => c.code !== TV).every((c) => c.deliveredPence === 0)).toBe(true);
  });
});

describe('the buyer’s contract report', () => {
  const path = () => `/api/tenders/${tender.id}/report`;

  it('refuses anyone not signed in, other organisations and other buyers', async () => {
    expect((await as(null).get(path())).status).toBe(401);
    expect((await as(null).get(`${path()}.csv`)).status).toBe(401);
    for (const who of [supplierA, provider, otherBuyer]) {
      const res = await as(who).get(path());
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
      expect((await as(who).get(`${path()}.csv`)).status).toBe(403);
    }
  });

  it('gives the buyer the figures, the territories and the activities to map', async () => {
    const res = await as(buyer).get(path());
    expect(res.status).toBe(200);
    const body = res.body as ContractReport;
    expect(body.totals.cash).toEqual(expectedCash());
    expect(body.territories).toEqual([{ code: TV, name: expect.any(String) }]);
    expect(body.activities).toEqual([
      { id: activity.id, title: activity.title, territory: TV, at: [-1.2577, 51.752] },
    ]);
    expectNothingPrivate(body);
    expect((await as(admin).get(path())).status).toBe(200);
  });

  it('answers 409 for a tender not yet awarded, even to its buyer', async () => {
    const res = await as(buyer).get(`/api/tenders/${openTender.id}/report`);
    expect(res.status).toBe(409);
    expect((await as(otherBuyer).get(`/api/tenders/${openTender.id}/report`)).status).toBe(403);
  });

  it('downloads as CSV: a header row, one row per line, quoted where needed', async () => {
    const res = await as(buyer).get(`${path()}.csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="contract-.*\.csv"$/);
    expect(res.text).toContain('"Custody healthcare, ""north"" lot"');
    const rows = parse(res.text) as string[][];
    expect(rows[0]).toEqual([...FULFILMENT_CSV_COLUMNS]);
    expect(rows).toHaveLength(4);
    const byKind = Object.fromEntries(
      rows.slice(1).map((r) => [r[FULFILMENT_CSV_COLUMNS.indexOf('kind')], r]),
    );
    const cash = byKind.cash!;
    const column = (row: string[], name: (typeof FULFILMENT_CSV_COLUMNS)[number]) =>
      row[FULFILMENT_CSV_COLUMNS.indexOf(name)];
    expect(column(cash, 'tender')).toBe('Custody healthcare, "north" lot');
    expect(column(cash, 'activity')).toBe(activity.title);
    expect(column(cash, 'territory')).toBe(TV);
    expect(column(cash, 'unit')).toBe('pence');
    expect(column(cash, 'committed')).toBe('2400000');
    expect(column(cash, 'due_to_date')).toBe('1200000');
    expect(column(cash, 'delivered_to_date')).toBe('750000');
    expect(column(cash, 'ratio_to_date')).toBe('0.625');
    expect([column(cash, 'overdue'), column(cash, 'disputed'), column(cash, 'unverified')]).toEqual(
      ['1', '1', '1'],
    );
    expect(column(byKind.volunteering!, 'delivered_to_date')).toBe('40');
    expect(column(byKind.volunteering!, 'unit')).toBe('hours');
    expect(res.text).not.toContain(DISPUTE_COMMENT);
    expect(res.text).not.toContain(supplierA.email);
  });
});

describe('the territory report', () => {
  const path = `/api/territories/${TV}/report`;

  it('refuses anyone not signed in, and people in no buyer organisation', async () => {
    expect((await as(null).get(path)).status).toBe(401);
    expect((await as(null).get(`${path}.csv`)).status).toBe(401);
    for (const who of [supplierA, provider]) {
      expect((await as(who).get(path)).status).toBe(403);
      expect((await as(who).get(`${path}.csv`)).status).toBe(403);
    }
  });

  it('gives any buyer and an admin the territory’s figures and contracts', async () => {
    for (const who of [otherBuyer, admin]) {
      const res = await as(who).get(path);
      expect(res.status).toBe(200);
      const body = res.body as TerritoryReport;
      expect(body.totals.cash).toEqual(expectedCash());
      expect(body.contracts.map((c) => c.spoId)).toEqual([spoA.id]);
      expect(body.activities.map((a) => a.id)).toEqual([activity.id]);
      expectNothingPrivate(body);
    }
    expect((await as(buyer).get('/api/territories/E23999999/report')).status).toBe(404);
  });

  it('downloads as CSV with one row per line', async () => {
    const res = await as(otherBuyer).get(`${path}.csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="territory-${TV.toLowerCase()}.csv"`,
    );
    const rows = parse(res.text) as string[][];
    expect(rows[0]).toEqual([...FULFILMENT_CSV_COLUMNS]);
    expect(
      rows
        .slice(1)
        .map((r) => r[FULFILMENT_CSV_COLUMNS.indexOf('kind')])
        .sort(),
    ).toEqual(['cash', 'measure', 'volunteering']);
    expect(res.text).not.toContain(spoB.id);
  });
});
