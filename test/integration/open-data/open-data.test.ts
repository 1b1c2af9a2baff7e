import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import request from 'supertest';
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
  publishedTender,
  submittedSpo,
} from '../tenders/spo-fixtures';
import {
  explain,
  grantsPackageValidator,
  ocdsPackageValidator,
  orukServiceValidator,
} from './validators';

/**
 * The open data against the official schemas, and free of what is not public: a losing bid,
 * a draft tender, and reports that are unanswered, disputed, superseded or not cash.
 */

let t: TestApp;
let buyer: SignedIn;
let winner: SignedIn;
let loser: SignedIn;
let charity: SignedIn;
let group: SignedIn;
let tender: TenderView;
let draft: TenderView;
let won: SpoView;
let lost: SpoView;
let charityActivity: ActivityView;
let groupActivity: ActivityView;
let cashLine: string;
let inKindLine: string;
let hoursLine: string;
const reports: Record<string, string> = {};

// What these tests read of the exports (the standards' JSON, typed only as far as read).
interface Observation {
  id: string;
  measure: number;
  value?: { amount: number; currency: string };
  unit?: { name: string };
  period: { startDate: string; endDate: string };
}
interface Metric {
  id: string;
  observations: Observation[];
}
interface Reference {
  id: string;
  name: string;
}
interface Release {
  ocid: string;
  tag: string[];
  parties: (Reference & { roles: string[] })[];
  tender: { hasSustainability: boolean; sustainability: unknown[] };
  awards: { suppliers: Reference[] }[];
  contracts: {
    period: { startDate: string; endDate: string };
    agreedMetrics: Metric[];
    milestones: { id: string; dueDate: string; status: string }[];
    implementation: {
      transactions: { id: string; value: { amount: number }; payer: Reference; payee: Reference }[];
      metrics: Metric[];
    };
  }[];
}
interface Grant {
  id: string;
  amountAwarded: number;
  currency: string;
  title: string;
  awardDate: string;
  fundingOrganization: Reference[];
  recipientOrganization: Reference[];
}
interface Service {
  id: string;
  name: string;
  organization: { name: string; organization_identifiers: unknown[] };
  attributes: unknown[];
}

const WINNER_NAME = 'Winning Supplies Ltd';
const LOSER_NAME = 'Losing Bidder Plc';
const DRAFT_TITLE = 'Unpublished draft tender for parks';

async function lineOf(supplier: SignedIn, spoId: string, body: Record<string, unknown>) {
  const res = await supplier.agent.post(`/api/spos/${spoId}/lines`).send(body);
  expect(res.status).toBe(201);
  return (res.body as SpoView).lines.at(-1)!.id;
}

/** A report as the delivery feature writes it, then (if given) the provider's one answer. */
async function report(
  line: string,
  period: number,
  amount: number,
  answered?: { response: 'confirmed' | 'part_confirmed' | 'disputed'; confirmed: number },
  supersedes: string | null = null,
): Promise<string> {
  const row = await t.database.db
    .insertInto('delivery_reports')
    .values({
      spo_id: won.id,
      line_id: line,
      period,
      amount: String(amount),
      evidence_note: 'Receipt attached',
      supersedes_id: supersedes,
      reported_by: winner.me.person.id,
      respond_by: sql`now() + interval '28 days'`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (answered) {
    await sql`UPDATE delivery_reports SET response = ${answered.response},
        confirmed_amount = ${answered.confirmed},
        response_comment = ${answered.response === 'disputed' ? 'Nothing arrived' : ''},
        responded_by = ${charity.me.person.id}, responded_at = now()
      WHERE id = ${row.id}`.execute(t.database.db);
  }
  return row.id;
}

beforeAll(async () => {
  t = await createTestApp();
  buyer = await signUp(t.app, { organisation: buildOrganisation('buyer') });
  winner = await signUp(t.app, {
    organisation: buildOrganisation('supplier', {
      name: WINNER_NAME,
      registeredId: 'GB-COH-01234567',
    }),
  });
  loser = await signUp(t.app, {
    organisation: buildOrganisation('supplier', { name: LOSER_NAME }),
  });
  charity = await signUp(t.app, {
    organisation: buildOrganisation('provider', {
      name: 'Riverside Youth Trust',
      registeredId: 'GB-CHC-1098765',
    }),
  });
  // An unregistered community group: our own org-id list, never an invented number.
  group = await signUp(t.app, {
    organisation: buildOrganisation('provider', { name: 'Elm Street Residents Group' }),
  });
  charityActivity = await activityOf(charity, { title: 'Riverside youth club' });
  groupActivity = await activityOf(group, { title: 'Elm Street food share' });

  tender = await publishedTender(buyer, { title: 'Custody catering 2027' });
  draft = await draftTender(buyer, { title: DRAFT_TITLE });

  const spo = await draftSpo(winner, tender);
  cashLine = (await addCash(winner, spo.id, charityActivity, 1_234_500)).lines.at(-1)!.id;
  inKindLine = await lineOf(winner, spo.id, {
    activityId: groupActivity.id,
    kind: 'in_kind',
    annualPence: 456_700,
    description: 'Kitchen equipment',
  });
  hoursLine = await lineOf(winner, spo.id, {
    activityId: charityActivity.id,
    kind: 'volunteering',
    annualHours: 120,
  });
  await answer(charity, spo.id, cashLine);
  await answer(group, spo.id, inKindLine);
  await answer(charity, spo.id, hoursLine);
  const submitted = await winner.agent.post(`/api/spos/${spo.id}/submit`);
  expect(submitted.status).toBe(200);
  won = submitted.body as SpoView;
  lost = await submittedSpo(loser, charity, tender, charityActivity, 987_654);
  await close(t, tender.id);
  await award(buyer, tender, won.id);

  reports.confirmed = await report(cashLine, 1, 500_000, {
    response: 'confirmed',
    confirmed: 500_000,
  });
  reports.part = await report(cashLine, 1, 333_333, {
    response: 'part_confirmed',
    confirmed: 111_111,
  });
  reports.awaiting = await report(cashLine, 2, 424_242);
  reports.disputed = await report(cashLine, 1, 616_161, { response: 'disputed', confirmed: 0 });
  reports.inKind = await report(inKindLine, 1, 252_525, {
    response: 'confirmed',
    confirmed: 252_525,
  });
  reports.hours = await report(hoursLine, 1, 37, { response: 'confirmed', confirmed: 37 });
  // Confirmed, then corrected: the correction (unanswered) supersedes it, so neither counts.
  reports.superseded = await report(cashLine, 1, 700_001, {
    response: 'confirmed',
    confirmed: 700_001,
  });
  reports.correction = await report(cashLine, 1, 700_002, undefined, reports.superseded);
}, 120_000);
afterAll(() => t.close());

const get = (path: string) => request(t.app).get(path);

/** Strings of what must never be published, and where each is planted. */
function privateMarks() {
  return {
    losingSpo: lost.id,
    losingSupplier: LOSER_NAME,
    losingAmount: '9876.54',
    draftTender: draft.id,
    draftTitle: DRAFT_TITLE,
    draftOcid: draft.ocid,
    awaitingReport: reports.awaiting!,
    awaitingAmount: '4242.42',
    disputedReport: reports.disputed!,
    disputedAmount: '6161.61',
    supersededReport: reports.superseded!,
    supersededAmount: '7000.01',
    correctionReport: reports.correction!,
    correctionAmount: '7000.02',
  };
}

function leaks(text: string, marks: Record<string, string>): string[] {
  return Object.entries(marks)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}

describe('the OCDS release package', () => {
  it('is valid against OCDS 1.1.5 with the metrics and sustainability extensions merged in', async () => {
    const res = await get('/api/open-data/ocds/release-package.json');
    expect(res.status).toBe(200);
    const validate = ocdsPackageValidator({ closed: false });
    expect(explain(validate(res.body) ? [] : validate.errors)).toEqual([]);
    expect(res.body.extensions).toEqual([
      expect.stringContaining('ocds_metrics_extension'),
      expect.stringContaining('ocds_sustainability_extension'),
    ]);
    expect(res.body.license).toContain('open-government-licence/version/3');
  });

  it('uses no field that neither OCDS nor a declared extension defines', async () => {
    const res = await get('/api/open-data/ocds/release-package.json');
    const validate = ocdsPackageValidator({ closed: true });
    expect(explain(validate(res.body) ? [] : validate.errors)).toEqual([]);
  });

  it('a release the schema refuses is refused (the check can fail)', async () => {
    const res = await get('/api/open-data/ocds/release-package.json');
    const broken = structuredClone(res.body);
    broken.releases[0].contracts[0].agreedMetrics[0].observations[0].measure = { pounds: 1 };
    broken.releases[0].tender.sustainability[0].goal = 'kindness';
    const validate = ocdsPackageValidator({ closed: false });
    expect(validate(broken)).toBe(false);
    expect(explain(validate.errors).join('\n')).toMatch(/measure[\s\S]*goal|goal[\s\S]*measure/);
  });

  it('publishes the awarded tender under its ocid with the winner, its providers and their roles', async () => {
    const res = await get('/api/open-data/ocds/release-package.json');
    const releases = res.body.releases as Release[];
    const release = releases.find((r) => r.ocid === tender.ocid)!;
    expect(release).toBeDefined();
    expect(release.ocid.startsWith('ocds-test00-')).toBe(true);
    expect(release.tag).toEqual(['award', 'contract', 'implementation']);
    const roles = Object.fromEntries(
      (release.parties as { id: string; name: string; roles: string[] }[]).map((p) => [
        p.name,
        { id: p.id, roles: [...p.roles].sort() },
      ]),
    );
    expect(roles[WINNER_NAME]).toEqual({
      id: 'GB-COH-01234567',
      roles: ['payer', 'supplier', 'tenderer'],
    });
    expect(roles['Riverside Youth Trust']).toEqual({ id: 'GB-CHC-1098765', roles: ['payee'] });
    expect(roles['Elm Street Residents Group']).toEqual({
      id: `XI-IMPACTATLAS-${orgOf(group)}`,
      roles: ['payee'],
    });
    expect(release.awards[0]!.suppliers).toEqual([{ id: 'GB-COH-01234567', name: WINNER_NAME }]);
    expect(release.tender.hasSustainability).toBe(true);
    expect(release.tender.sustainability.length).toBeGreaterThan(0);
  });

  it('commits each sealed line per contract year as agreed metrics and anniversary milestones', async () => {
    const res = await get('/api/open-data/ocds/release-package.json');
    const release = (res.body.releases as Release[]).find((r) => r.ocid === tender.ocid)!;
    const contract = release.contracts[0]!;
    const cash = contract.agreedMetrics.find((m) => m.id === cashLine)!;
    const years = cash.observations.length;
    expect(years).toBeGreaterThanOrEqual(1);
    expect(cash.observations[0]!.value).toEqual({ amount: 12345, currency: 'GBP' });
    const hours = contract.agreedMetrics.find((m) => m.id === hoursLine)!;
    expect(hours.observations[0]).toMatchObject({ measure: 120, unit: { name: 'hours' } });
    // One milestone per line per contract year, due on each anniversary.
    expect(contract.milestones).toHaveLength(3 * years);
    const firstYearEnd = Date.parse(cash.observations[0]!.period.endDate);
    const anniversary = new Date(firstYearEnd + 1000).toISOString().slice(0, 10);
    const milestone = contract.milestones.find((m) => m.id === `${cashLine}-year-1`)!;
    expect(milestone.dueDate).toBe(`${anniversary}T00:00:00Z`);
    expect(milestone.status).toBe('scheduled');
  });

  it('carries as transactions only the provider-confirmed cash, part-confirmed at the confirmed amount', async () => {
    const res = await get('/api/open-data/ocds/release-package.json');
    const release = (res.body.releases as Release[]).find((r) => r.ocid === tender.ocid)!;
    const { transactions, metrics } = release.contracts[0]!.implementation;
    expect(transactions.map((x) => [x.id, x.value.amount])).toEqual(
      expect.arrayContaining([
        [reports.confirmed, 5000],
        [reports.part, 1111.11],
      ]),
    );
    expect(transactions).toHaveLength(2);
    expect(transactions[0]!.payer).toEqual({ id: 'GB-COH-01234567', name: WINNER_NAME });
    expect(transactions[0]!.payee).toEqual({ id: 'GB-CHC-1098765', name: 'Riverside Youth Trust' });
    const delivered = Object.fromEntries(
      metrics.map((m) => [m.id, m.observations.map((o) => o.measure)]),
    );
    expect(delivered).toEqual({
      [cashLine]: [6111.11],
      [inKindLine]: [2525.25],
      [hoursLine]: [37],
    });
  });

  it('never shows a losing bid, a draft tender, or an unconfirmed, disputed or superseded report', async () => {
    const res = await get('/api/open-data/ocds/release-package.json');
    expect(leaks(res.text, privateMarks())).toEqual([]);
    // The in-kind report's amount is public only as a delivered metric, never as a payment.
    const release = (res.body.releases as Release[]).find((r) => r.ocid === tender.ocid)!;
    expect(JSON.stringify(release.contracts[0]!.implementation.transactions)).not.toContain(
      reports.inKind,
    );
  });

  it('pages with ?page, refusing a page that is not a number', async () => {
    const second = await get('/api/open-data/ocds/release-package.json?page=2');
    expect(second.status).toBe(200);
    expect(second.body.releases).toEqual([]);
    expect(second.body.uri).toMatch(/\?page=2$/);
    const bad = await get('/api/open-data/ocds/release-package.json?page=zero');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });
});

describe('the 360Giving grants', () => {
  it('are valid against the 360Giving 1.4.3 package schema', async () => {
    const res = await get('/api/open-data/360giving/grants.json');
    expect(res.status).toBe(200);
    const validate = grantsPackageValidator();
    expect(explain(validate(res.body) ? [] : validate.errors)).toEqual([]);
    expect(res.body.license).toContain('open-government-licence/version/3');
  });

  it('are the provider-confirmed cash reports only, supplier funding and provider receiving', async () => {
    const res = await get('/api/open-data/360giving/grants.json');
    const grants = res.body.grants as Grant[];
    expect(grants.map((g) => [g.id, g.amountAwarded]).sort()).toEqual(
      [
        [`360G-impactatlas-${reports.confirmed}`, 5000],
        [`360G-impactatlas-${reports.part}`, 1111.11],
      ].sort(),
    );
    for (const g of grants) {
      expect(g.currency).toBe('GBP');
      expect(g.fundingOrganization).toEqual([{ id: 'GB-COH-01234567', name: WINNER_NAME }]);
      expect(g.recipientOrganization).toEqual([
        { id: 'GB-CHC-1098765', name: 'Riverside Youth Trust' },
      ]);
      expect(g.title).toContain(tender.ocid);
      expect(g.awardDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('are never an empty (invalid) package: past the last page is a 404 that says so', async () => {
    const res = await get('/api/open-data/360giving/grants.json?page=2');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      code: 'grants_not_found',
      message: 'There is no page 2: the grants fill 1',
    });
  });

  it('never carry in-kind, volunteering, unconfirmed, disputed or superseded reports, nor a losing bid', async () => {
    const res = await get('/api/open-data/360giving/grants.json');
    expect(
      leaks(res.text, {
        ...privateMarks(),
        inKindReport: reports.inKind!,
        inKindAmount: '2525.25',
        hoursReport: reports.hours!,
      }),
    ).toEqual([]);
  });
});

describe('Open Referral UK services', () => {
  it('are each valid against the UK profile service schema, with the provider and its identifier', async () => {
    const res = await get('/openreferral/services?per_page=100');
    expect(res.status).toBe(200);
    const validate = orukServiceValidator();
    const failures = (res.body.contents as unknown[]).flatMap((s) =>
      validate(s) ? [] : explain(validate.errors),
    );
    expect(failures).toEqual([]);
    const riverside = (res.body.contents as Service[]).find((s) => s.id === charityActivity.id)!;
    expect(riverside.organization.name).toBe('Riverside Youth Trust');
    expect(riverside.organization.organization_identifiers).toEqual([
      expect.objectContaining({ identifier_scheme: 'GB-CHC', identifier: '1098765' }),
    ]);
    expect(riverside.attributes.length).toBeGreaterThan(0);
    const elm = (res.body.contents as Service[]).find((s) => s.id === groupActivity.id)!;
    expect(elm.organization.organization_identifiers).toEqual([]);
  });

  it('pages in the Open Referral list shape', async () => {
    const total = Number(
      (
        await t.database.db
          .selectFrom('activities')
          .where('status', '<>', 'closed')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const first = await get('/openreferral/services?page=1&per_page=1');
    expect(first.body).toMatchObject({
      total_items: total,
      total_pages: total,
      page_number: 1,
      size: 1,
      first_page: true,
      last_page: total === 1,
      empty: false,
    });
    expect(first.body.contents).toHaveLength(1);
    const last = await get(`/openreferral/services?page=${total}&per_page=1`);
    expect(last.body).toMatchObject({ first_page: total === 1, last_page: true, empty: false });
    expect(last.body.contents[0].id).not.toBe(first.body.contents[0].id);
    const beyond = await get(`/openreferral/services?page=${total + 1}&per_page=1`);
    expect(beyond.body).toMatchObject({ empty: true, contents: [] });
    expect((await get('/openreferral/services?per_page=101')).status).toBe(400);
  });

  it('answers one service by id, and 404 for an unknown or malformed id', async () => {
    const one = await get(`/openreferral/services/${groupActivity.id}`);
    expect(one.status).toBe(200);
    const validate = orukServiceValidator();
    expect(explain(validate(one.body) ? [] : validate.errors)).toEqual([]);
    expect(one.body.name).toBe('Elm Street food share');
    expect((await get('/openreferral/services/00000000-0000-4000-8000-000000000000')).status).toBe(
      404,
    );
    expect((await get('/openreferral/services/not-a-uuid')).status).toBe(404);
  });

  it('leaves out a closed (withdrawn) activity, and shows a paused one as temporarily closed', async () => {
    const closed = await activityOf(group, { title: 'Elm Street closed lunch club' });
    const paused = await activityOf(group, { title: 'Elm Street paused walking group' });
    await t.database.db
      .updateTable('activities')
      .set({ status: 'closed' })
      .where('id', '=', closed.id)
      .execute();
    await t.database.db
      .updateTable('activities')
      .set({ status: 'paused' })
      .where('id', '=', paused.id)
      .execute();
    const list = await get('/openreferral/services?per_page=100');
    const ids = (list.body.contents as Service[]).map((s) => s.id);
    expect(ids).toContain(paused.id);
    expect(ids).not.toContain(closed.id);
    expect(list.text).not.toContain('Elm Street closed lunch club');
    expect((await get(`/openreferral/services/${closed.id}`)).status).toBe(404);
    expect((await get(`/openreferral/services/${paused.id}`)).body.status).toBe(
      'temporarily closed',
    );
  });

  it('is open to every origin for GET, answers preflights, and refuses writes', async () => {
    const res = await get('/openreferral/services').set('Origin', 'https://directory.example');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const preflight = await request(t.app)
      .options('/openreferral/services')
      .set('Origin', 'https://directory.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, OPTIONS');
    const post = await request(t.app).post('/openreferral/services').send({});
    expect(post.status).toBe(405);
    const info = await get('/openreferral/');
    expect(info.status).toBe(200);
    expect(info.body.version).toBe('3.0');
  });
});

describe('coverage per territory', () => {
  it('is GeoJSON with each territory, its committed and confirmed-delivered figures and the ONS attribution', async () => {
    const res = await get('/api/open-data/coverage.geojson');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/geo\+json/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const body = JSON.parse(res.text);
    expect(body.attribution).toContain('Office for National Statistics');
    const territories = await t.database.db.selectFrom('territories').select('code').execute();
    expect(body.features).toHaveLength(territories.length);
    const here = body.features.find((f: { id: string }) => f.id === charityActivity.territory.code);
    expect(['Polygon', 'MultiPolygon']).toContain(here.geometry.type);
    // Confirmed cash (5000 + 1111.11) and in-kind (2525.25) in the activities' territories.
    const byTerritory = new Map<string, number>();
    byTerritory.set(charityActivity.territory.code, 6111.11);
    byTerritory.set(
      groupActivity.territory.code,
      Math.round(((byTerritory.get(groupActivity.territory.code) ?? 0) + 2525.25) * 100) / 100,
    );
    for (const [code, delivered] of byTerritory) {
      const feature = body.features.find((f: { id: string }) => f.id === code);
      expect(feature.properties.deliveredGbpConfirmed).toBe(delivered);
      expect(feature.properties.committedGbpPerYear).toBeGreaterThanOrEqual(
        code === charityActivity.territory.code ? 12345 : 4567,
      );
    }
    expect(res.text).not.toContain('9876.54');
  });

  it('is CSV with one row per territory and the same figures', async () => {
    const csv = await get('/api/open-data/coverage.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'code,name,nation,activities_listed,activities_supported,committed_gbp_per_year,delivered_gbp_confirmed',
    );
    const geo = JSON.parse((await get('/api/open-data/coverage.geojson')).text);
    expect(lines).toHaveLength(geo.features.length + 1);
    const row = lines.find((l) => l.startsWith(`${charityActivity.territory.code},`))!;
    const feature = geo.features.find(
      (f: { id: string }) => f.id === charityActivity.territory.code,
    );
    expect(row.split(',').at(-1)).toBe(feature.properties.deliveredGbpConfirmed.toFixed(2));
  });
});

describe('the open-data index', () => {
  it('lists every dataset with its licence, and each URL answers', async () => {
    const res = await get('/api/open-data');
    expect(res.status).toBe(200);
    expect(res.body.licence.name).toBe('Open Government Licence v3.0');
    const ids = (res.body.datasets as { id: string }[]).map((d) => d.id);
    expect(ids).toEqual(['ocds', '360giving', 'openreferral', 'coverage-geojson', 'coverage-csv']);
    for (const d of res.body.datasets as { url: string; licence: { url: string } }[]) {
      expect(d.licence.url).toContain('open-government-licence/version/3');
      const answer = await get(new URL(d.url).pathname);
      expect(answer.status).toBe(200);
    }
    const geo = (res.body.datasets as { id: string; attribution: string[] }[]).find(
      (d) => d.id === 'coverage-geojson',
    )!;
    expect(geo.attribution.join(' ')).toContain('Contains OS data');
  });

  it('is the same for anyone signed in or not', async () => {
    const anonymous = await get('/api/open-data');
    const signedIn = await loser.agent.get('/api/open-data');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual(anonymous.body);
  });
});
