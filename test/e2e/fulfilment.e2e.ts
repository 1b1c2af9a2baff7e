import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { ActivityView } from '@shared/schemas/activities';
import type { MeView } from '@shared/schemas/accounts';
import type { TerritoryCoverage } from '@shared/schemas/coverage';
import type { DeliveryReportView, SpoDelivery } from '@shared/schemas/delivery';
import { FULFILMENT_CSV_COLUMNS } from '@shared/schemas/fulfilment';
import type { SpoView, TenderView } from '@shared/schemas/tenders';
import { formatGbp } from '@shared/money';
import { buildActivity, buildOrganisation, buildTender } from '../../seed/factories';
import { chromiumAvailable } from '../support/browser';
import {
  apiSession,
  expectJson,
  signUpThroughApi,
  useE2eSession,
  type ApiCall,
} from '../support/e2e-session';
import { axeViolations } from './axe';

const run = chromiumAvailable();
const TV = 'E23000029';

// The scene waits for its tender to close before awarding it; the machine is slow.
jest.setTimeout(240_000);

async function signIn(page: Page, url: string, email: string, password = 'demo-password') {
  await page.context().clearCookies();
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('nav-user').waitFor({ timeout: 15_000 });
}

/** Waits until nothing on the page is still loading. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.loading-message').length === 0, {
    timeout: 15_000,
  });
}

async function organisationOf(api: ApiCall, kind: string): Promise<string> {
  const me = await expectJson<MeView>(api('/api/me'));
  const organisation = me.organisations.find((o) => o.kind === kind);
  if (!organisation) throw new Error(`No ${kind} organisation`);
  return organisation.id;
}

const post = (api: ApiCall, path: string, body: unknown, headers: Record<string, string> = {}) =>
  api(path, { method: 'POST', body: JSON.stringify(body), headers });

/** Today less `days`, as an ISO date (the tests run in UTC). */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

interface Scene {
  tender: TenderView;
  supplier: { id: string; email: string; password: string };
  cashTitle: string;
}

/**
 * A tender of the demo buyer in Thames Valley awarded to a new supplier whose SPO commits
 * £10,000 a year in cash and 100 volunteer hours a year to a new provider's two activities.
 * The contract started 420 days ago, so year 1 fell due 55 days ago, past the 30 days' grace.
 * For year 1 the supplier reported £8,000 (confirmed by the provider) and 100 hours
 * (disputed): cash is 80% delivered, hours 0%, both overdue, one report disputed.
 */
async function deliveredScene(url: string): Promise<Scene> {
  const stamp = Date.now();
  const provider = await signUpThroughApi(url, {
    organisation: buildOrganisation('provider', { name: `Fulfilling Provider ${stamp}` }),
  });
  const providerId = await organisationOf(provider.api, 'provider');
  const activity = (title: string) =>
    expectJson<ActivityView>(
      post(provider.api, '/api/activities', { providerId, ...buildActivity({ title }) }),
      201,
    );
  const cashActivity = await activity(`Youth boxing club ${stamp}`);
  const hoursActivity = await activity(`Homework help ${stamp}`);

  const buyer = await apiSession(url, 'buyer@demo.test');
  const buyerId = await organisationOf(buyer, 'buyer');
  const closesAt = Date.now() + 15_000;
  const draft = await expectJson<TenderView>(
    post(buyer, '/api/tenders', {
      buyerId,
      ...buildTender({
        title: `Fulfilment report ${stamp}`,
        territories: [TV],
        closesAt: new Date(closesAt).toISOString(),
      }),
    }),
    201,
  );
  await expectJson(post(buyer, `/api/tenders/${draft.id}/transition`, { status: 'open' }));

  const supplier = await signUpThroughApi(url, {
    organisation: buildOrganisation('supplier', { name: `Fulfilling Supplies ${stamp}` }),
  });
  const supplierId = await organisationOf(supplier.api, 'supplier');
  const spo = await expectJson<SpoView>(
    post(supplier.api, `/api/tenders/${draft.id}/spos`, { supplierId }),
    201,
  );
  await expectJson(
    post(supplier.api, `/api/spos/${spo.id}/lines`, {
      activityId: cashActivity.id,
      kind: 'cash',
      annualPence: 1_000_000,
    }),
    201,
  );
  const lined = await expectJson<SpoView>(
    post(supplier.api, `/api/spos/${spo.id}/lines`, {
      activityId: hoursActivity.id,
      kind: 'volunteering',
      annualHours: 100,
    }),
    201,
  );
  for (const line of lined.lines) {
    await expectJson(
      post(provider.api, `/api/spos/${spo.id}/lines/${line.id}/response`, {
        decision: 'accepted',
      }),
    );
  }
  await expectJson(post(supplier.api, `/api/spos/${spo.id}/submit`, {}));
  expect(Date.now()).toBeLessThan(closesAt);
  await new Promise((resolve) => setTimeout(resolve, closesAt - Date.now() + 1_000));
  await expectJson(
    post(buyer, `/api/tenders/${draft.id}/award`, { spoId: spo.id, contractStart: daysAgo(420) }),
  );

  // Year 1, reported through the delivery API and answered by the provider.
  const delivery = await expectJson<SpoDelivery>(supplier.api(`/api/spos/${spo.id}/delivery`));
  const lineId = (kind: string) => delivery.lines.find((l) => l.kind === kind)!.lineId;
  const report = (line: string, amount: string) =>
    expectJson<DeliveryReportView>(
      post(
        supplier.api,
        `/api/spos/${spo.id}/reports`,
        { lineId: line, period: 1, amount, evidenceNote: 'Bank transfer and timesheets' },
        { 'Idempotency-Key': randomUUID() },
      ),
      201,
    );
  const cashReport = await report(lineId('cash'), '800000');
  const hoursReport = await report(lineId('volunteering'), '100');
  await expectJson(
    post(provider.api, `/api/delivery-reports/${cashReport.id}/response`, {
      decision: 'confirmed',
    }),
  );
  await expectJson(
    post(provider.api, `/api/delivery-reports/${hoursReport.id}/response`, {
      decision: 'disputed',
      comment: 'No volunteers came this year.',
    }),
  );

  const tender = await expectJson<TenderView>(buyer(`/api/tenders/${draft.id}`));
  return {
    tender,
    supplier: { id: supplierId, email: supplier.email, password: supplier.password },
    cashTitle: cashActivity.title,
  };
}

/** The text of one cell of the totals table: the row of a kind, the cell by its test id. */
async function totalCell(page: Page, kind: string, testId: string): Promise<string> {
  const row = page.locator(`[data-testid="fulfilment-total"][data-kind="${kind}"]`);
  return ((await row.getByTestId(testId).textContent()) ?? '').trim();
}

/** Fetches a path from inside the page, with its session: status, type and first line. */
async function fetchInPage(page: Page, path: string) {
  return page.evaluate(async (href) => {
    const res = await fetch(href, { credentials: 'same-origin' });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      header: text.split(/\r?\n/)[0] ?? '',
      text,
    };
  }, path);
}

(run ? describe : describe.skip)('fulfilment and buyers’ reports in the browser', () => {
  const e2e = useE2eSession();
  let scene: Scene;

  beforeAll(async () => {
    scene = await deliveredScene(e2e.url);
  });

  it('shows the buyer the contract’s delivery and a printable report with its CSV', async () => {
    const { page, url } = e2e;
    const { tender } = scene;
    await signIn(page, url, 'buyer@demo.test');

    // The contract page: delivered of due, by kind, and what needs attention.
    await page.goto(`${url}/tenders/${tender.id}`);
    const section = page.getByTestId('contract-fulfilment');
    await section.getByTestId('fulfilment-totals').waitFor({ timeout: 20_000 });
    expect(await totalCell(page, 'cash', 'fulfilment-ratio')).toBe('80%');
    expect(await totalCell(page, 'volunteering', 'fulfilment-ratio')).toBe('0%');
    expect(await section.getByTestId('fulfilment-count-overdue').textContent()).toBe('2');
    expect(await section.getByTestId('fulfilment-count-disputed').textContent()).toBe('1');
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);

    // The buyer's report, by its link.
    await section.getByTestId('contract-report-link').click();
    await page.waitForURL(`**/tenders/${tender.id}/report`);
    const report = page.getByTestId('contract-report');
    await report.getByTestId('fulfilment-totals').waitFor({ timeout: 20_000 });
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe(
      `Contract report: ${tender.title}`,
    );
    expect(await totalCell(page, 'cash', 'fulfilment-delivered')).toBe('£8,000');
    expect(await totalCell(page, 'cash', 'fulfilment-ratio')).toBe('80%');
    expect(await totalCell(page, 'volunteering', 'fulfilment-delivered')).toBe('0 hours');
    expect(await report.getByTestId('fulfilment-line').count()).toBe(2);
    expect(await report.getByTestId('fulfilment-overdue').getAttribute('data-count')).toBe('2');
    expect(await report.getByTestId('fulfilment-disputed').getAttribute('data-count')).toBe('1');
    expect(await report.getByTestId('fulfilment-disputed').textContent()).not.toContain(
      'No volunteers came',
    );
    // The map: the territory's outline and a dot for each supported activity.
    await page.locator('.report-map__territory').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.report-map__activity').count()).toBe(2);

    // The CSV: the same report, one row per line, under the documented header.
    const href = await page.getByTestId('report-csv').getAttribute('href');
    expect(href).toBe(`/api/tenders/${tender.id}/report.csv`);
    const csv = await fetchInPage(page, href!);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.header.replace(/^\uFEFF/, '')).toBe(FULFILMENT_CSV_COLUMNS.join(','));
    expect(csv.text).toContain(scene.cashTitle);

    await settled(page);
    expect(await axeViolations(page)).toEqual([]);
    await fs.mkdir('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/contract-report.png', fullPage: true });

    // On paper: the report alone, without the site's header or the buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByTestId('report-print').isVisible()).toBe(false);
    expect(await report.getByTestId('fulfilment-totals').isVisible()).toBe(true);
    await page.screenshot({ path: 'test-results/contract-report-print.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('refuses the report to the supplier and asks someone signed out to sign in', async () => {
    const { page, url } = e2e;
    const { tender, supplier } = scene;
    await page.goto(`${url}/tenders/${tender.id}/report`);
    await page.getByTestId('report-sign-in').waitFor({ timeout: 20_000 });

    await signIn(page, url, supplier.email, supplier.password);
    await page.goto(`${url}/tenders/${tender.id}/report`);
    const refused = page.getByTestId('report-refused');
    await refused.waitFor({ timeout: 20_000 });
    expect(await refused.textContent()).toContain('it is for the tender’s buyer');
    expect(await page.getByTestId('fulfilment-totals').count()).toBe(0);
    // Its contract page shows the public figures, without the report's link.
    await page.goto(`${url}/tenders/${tender.id}`);
    await page.getByTestId('fulfilment-totals').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('contract-report-link').count()).toBe(0);
  });

  it('gives a buyer the territory report, and shows suppliers’ track records', async () => {
    const { page, url } = e2e;
    const { tender, supplier } = scene;
    await signIn(page, url, 'buyer@demo.test');
    await page.goto(`${url}/coverage/${TV}/report`);
    const report = page.getByTestId('territory-report');
    const row = report.locator('[data-testid="contract-row"]', { hasText: tender.title });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain('80%');
    const csv = await fetchInPage(
      page,
      (await page.getByTestId('report-csv').getAttribute('href'))!,
    );
    expect(csv.status).toBe(200);
    expect(csv.header.replace(/^\uFEFF/, '')).toBe(FULFILMENT_CSV_COLUMNS.join(','));
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);

    // Coverage and the map's territory panel: confirmed delivered beside committed, as the
    // API has it (the scene's £8,000 among it), and the buyer's way to the report.
    const coverage = await expectJson<TerritoryCoverage>(fetch(`${url}/api/coverage/${TV}`));
    expect(coverage.deliveredPence).toBeGreaterThanOrEqual(800_000);
    await page.goto(`${url}/coverage/${TV}`);
    const delivered = page.getByTestId('coverage-detail-delivered');
    await delivered.waitFor({ timeout: 20_000 });
    expect(await delivered.textContent()).toBe(formatGbp(coverage.deliveredPence));
    expect(await page.getByTestId('coverage-territory-report').getAttribute('href')).toBe(
      `/coverage/${TV}/report`,
    );
    await page.goto(`${url}/territories/${TV}`);
    const panelDelivered = page.getByTestId('territory-delivered');
    await panelDelivered.waitFor({ timeout: 20_000 });
    expect(await panelDelivered.textContent()).toBe(formatGbp(coverage.deliveredPence));
    expect(await page.getByTestId('territory-committed').textContent()).toBe(
      formatGbp(coverage.committedPence),
    );

    // The supplier's public profile: the awarded contract and what it delivered.
    await page.context().clearCookies();
    await page.goto(`${url}/organisations/${supplier.id}`);
    const contract = page
      .getByTestId('track-record')
      .locator('[data-testid="contract-row"]', { hasText: tender.title });
    await contract.waitFor({ timeout: 20_000 });
    expect(await contract.textContent()).toContain('Cash: 80%');
    expect(await contract.textContent()).toContain(tender.buyer.name);
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);

    // A supplier with nothing awarded says so.
    const fresh = await signUpThroughApi(url, {
      organisation: buildOrganisation('supplier', { name: `New Supplies ${Date.now()}` }),
    });
    await page.goto(`${url}/organisations/${await organisationOf(fresh.api, 'supplier')}`);
    const empty = page.getByTestId('track-record-empty');
    await empty.waitFor({ timeout: 20_000 });
    expect(await empty.textContent()).toBe('No awarded contracts yet.');
  });
});
