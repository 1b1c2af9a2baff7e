import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { ActivityView } from '@shared/schemas/activities';
import type { MeView } from '@shared/schemas/accounts';
import type { DeliveryReportView, SpoDelivery } from '@shared/schemas/delivery';
import type { SpoView, TenderView } from '@shared/schemas/tenders';
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

// The scene waits for its tender to close before awarding it; the machine is slow.
jest.setTimeout(240_000);

async function signIn(page: Page, url: string, email: string, password: string) {
  // One page plays each party in turn: the last one's session goes first.
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
  provider: { api: ApiCall; email: string; password: string };
  supplier: { api: ApiCall; email: string; password: string };
  spoId: string;
  cash: { lineId: string; title: string };
  hours: { lineId: string; title: string };
}

/**
 * An awarded SPO of a new supplier with a cash line (£5,000 a year) and a volunteering line
 * (120 hours a year) to two activities of a new provider, on a tender of the demo buyer; the
 * contract started 100 days ago, so year 1 has started and year 2 has not.
 */
async function awardedScene(url: string): Promise<Scene> {
  const stamp = Date.now();
  const provider = await signUpThroughApi(url, {
    organisation: buildOrganisation('provider', { name: `Delivering Provider ${stamp}` }),
  });
  const providerId = await organisationOf(provider.api, 'provider');
  const activity = async (title: string) =>
    expectJson<ActivityView>(
      post(provider.api, '/api/activities', { providerId, ...buildActivity({ title }) }),
      201,
    );
  const cashActivity = await activity(`Community pantry ${stamp}`);
  const hoursActivity = await activity(`Reading buddies ${stamp}`);

  const buyer = await apiSession(url, 'buyer@demo.test');
  const buyerId = await organisationOf(buyer, 'buyer');
  const closesAt = Date.now() + 20_000;
  const draft = await expectJson<TenderView>(
    post(buyer, '/api/tenders', {
      buyerId,
      ...buildTender({
        title: `Delivery journey ${stamp}`,
        closesAt: new Date(closesAt).toISOString(),
      }),
    }),
    201,
  );
  await expectJson(post(buyer, `/api/tenders/${draft.id}/transition`, { status: 'open' }));

  const supplier = await signUpThroughApi(url, {
    organisation: buildOrganisation('supplier', { name: `Delivering Supplies ${stamp}` }),
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
      annualPence: 500_000,
    }),
    201,
  );
  const lined = await expectJson<SpoView>(
    post(supplier.api, `/api/spos/${spo.id}/lines`, {
      activityId: hoursActivity.id,
      kind: 'volunteering',
      annualHours: 120,
    }),
    201,
  );
  for (const line of lined.lines) {
    await expectJson(
      post(provider.api, `/api/spos/${spo.id}/lines/${line.id}/response`, {
        decision: 'accepted',
        note: 'Welcome',
      }),
    );
  }
  await expectJson(post(supplier.api, `/api/spos/${spo.id}/submit`, {}));
  expect(Date.now()).toBeLessThan(closesAt);
  await new Promise((resolve) => setTimeout(resolve, closesAt - Date.now() + 1_000));
  await expectJson(
    post(buyer, `/api/tenders/${draft.id}/award`, { spoId: spo.id, contractStart: daysAgo(100) }),
  );

  const delivery = await expectJson<SpoDelivery>(supplier.api(`/api/spos/${spo.id}/delivery`));
  const lineOf = (kind: string) => {
    const line = delivery.lines.find((l) => l.kind === kind)!;
    return { lineId: line.lineId, title: line.activity.title };
  };
  return {
    provider,
    supplier,
    spoId: spo.id,
    cash: lineOf('cash'),
    hours: lineOf('volunteering'),
  };
}

/** The card of one report, wherever it is listed. */
const reportCard = (page: Page, reportId: string) =>
  page.locator(`[data-testid="delivery-report"][data-report-id="${reportId}"]`);

/** Waits until a report's card says it stands as `status`. */
async function statusOf(page: Page, reportId: string, status: string | RegExp): Promise<void> {
  await reportCard(page, reportId)
    .getByTestId('delivery-report-status')
    .filter({ hasText: status })
    .waitFor({ timeout: 15_000 });
}

/** The milestone row of a line's contract year, in the Delivery section. */
function milestone(page: Page, title: string, period: number) {
  return page
    .getByTestId('delivery-line')
    .filter({ hasText: title })
    .locator(`[data-testid="milestone"][data-period="${period}"]`);
}

(run ? describe : describe.skip)('delivery of an awarded contract in the browser', () => {
  const e2e = useE2eSession();
  let scene: Scene;

  beforeAll(async () => {
    scene = await awardedScene(e2e.url);
  });

  it('lets the supplier report a cash contribution with an evidence file, and the provider confirm it from the reports page', async () => {
    const { page, url } = e2e;
    const { supplier, provider, spoId, cash } = scene;

    // The supplier opens its awarded SPO: the contract and each line's milestones.
    await signIn(page, url, supplier.email, supplier.password);
    await page.goto(`${url}/spos/${spoId}`);
    const section = page.getByTestId('delivery');
    await section.getByTestId('delivery-contract').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('delivery-line').count()).toBe(2);
    expect(await milestone(page, cash.title, 1).getAttribute('data-state')).toBe('in_progress');
    expect(await milestone(page, cash.title, 1).textContent()).toContain('In progress');
    expect(await milestone(page, cash.title, 2).textContent()).toContain('Not started');
    expect(await page.getByTestId('delivery-reports-empty').textContent()).toContain(
      'Nothing reported yet',
    );
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);

    // Sent empty, the form says what is missing, per field.
    const form = page.getByTestId('delivery-report-form');
    await form.getByTestId('report-send').click();
    const problems = form.locator('[data-form-problems]');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('Choose the line you are reporting on');

    // Year 1 is the only year offered: year 2 has not started.
    await form.getByLabel('Line', { exact: true }).selectOption({ label: `Cash to ${cash.title}` });
    const years = await form.getByLabel('Contract year').locator('option').allTextContents();
    expect(years).toEqual(['Choose a year', 'Year 1']);
    expect(await form.getByLabel('Contract year').inputValue()).toBe('1');
    await form.getByLabel('Amount paid, in pounds').fill('twelve');
    await form.getByTestId('report-send').click();
    await problems.waitFor();
    expect(await problems.textContent()).toContain('Enter an amount in pounds');
    expect(await form.getByLabel('Amount paid, in pounds').getAttribute('aria-invalid')).toBe(
      'true',
    );

    await form.getByLabel('Amount paid, in pounds').fill('1,250');
    await form.getByLabel('Evidence note').fill('Bank transfer ref. PANTRY-0425 on 3 March.');
    await form.getByLabel('Evidence files').setInputFiles({
      name: 'remittance.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Remittance advice: £1,250 to the community pantry.\n'),
    });
    await form.getByTestId('report-send').click();
    const status = page.getByTestId('delivery-status');
    await status.filter({ hasText: 'is sent with 1 evidence file' }).waitFor({ timeout: 30_000 });
    expect(await status.textContent()).toContain(`£1,250 for year 1 of ${cash.title}`);

    // The report stands awaiting the provider, with its file; the milestone counts it as
    // reported but not delivered.
    const card = page.getByTestId('delivery-report').first();
    const reportId = (await card.getAttribute('data-report-id'))!;
    await statusOf(page, reportId, 'Awaiting the provider');
    const file = card.getByTestId('evidence-file');
    await file.waitFor({ timeout: 15_000 });
    expect(await file.textContent()).toContain('remittance.txt');
    expect(await card.textContent()).toContain('Bank transfer ref. PANTRY-0425');
    await milestone(page, cash.title, 1)
      .getByTestId('milestone-unconfirmed')
      .filter({ hasText: '£1,250' })
      .waitFor({ timeout: 15_000 });
    expect(
      await milestone(page, cash.title, 1).getByTestId('milestone-delivered').textContent(),
    ).toBe('£0');
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);
    await fs.mkdir('test-results', { recursive: true });
    // The page scrolls inside its own frame: a tall window shows the whole section at once.
    await page.setViewportSize({ width: 1280, height: 3000 });
    await section.screenshot({ path: 'test-results/delivery-supplier.png' });
    await page.setViewportSize({ width: 1280, height: 800 });

    // The provider finds it from its home page, reads the evidence and confirms it.
    await signIn(page, url, provider.email, provider.password);
    await page.goto(`${url}/home`);
    await page.getByRole('link', { name: 'see your delivery reports' }).click();
    await page.waitForURL('**/delivery-reports');
    const answerCard = reportCard(page, reportId);
    await answerCard.waitFor({ timeout: 15_000 });
    expect(await answerCard.textContent()).toContain(`${cash.title}`);
    const href = (await answerCard
      .getByRole('link', { name: 'remittance.txt' })
      .getAttribute('href'))!;
    const download = await page.request.get(`${url}${href}`);
    expect(download.status()).toBe(200);
    expect(await download.text()).toBe('Remittance advice: £1,250 to the community pantry.\n');
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);

    await answerCard.getByTestId('report-confirm').click();
    expect(await answerCard.textContent()).toContain('Your answer is final.');
    await answerCard.getByTestId('report-confirm-yes').click();
    await page
      .getByTestId('delivery-status')
      .filter({ hasText: 'You confirmed' })
      .waitFor({ timeout: 15_000 });
    await statusOf(page, reportId, /^Confirmed$/);
    expect(await answerCard.getByTestId('report-answer').count()).toBe(0);
    await page.getByTestId('delivery-report').first().screenshot({
      path: 'test-results/delivery-reports.png',
    });

    // The supplier sees it confirmed, and the milestone's delivered figure.
    await signIn(page, url, supplier.email, supplier.password);
    await page.goto(`${url}/spos/${spoId}`);
    await statusOf(page, reportId, /^Confirmed$/);
    await milestone(page, cash.title, 1)
      .getByTestId('milestone-delivered')
      .filter({ hasText: '£1,250' })
      .waitFor({ timeout: 15_000 });
    expect(
      await milestone(page, cash.title, 1).getByTestId('milestone-unconfirmed').textContent(),
    ).toBe('£0');

    // A link to the report itself (as a notification may give) brings it into view once loaded.
    await page.goto(`${url}/spos/${spoId}#report-${reportId}`);
    await statusOf(page, reportId, /^Confirmed$/);
    const top = async () => (await reportCard(page, reportId).boundingBox())?.y ?? -1;
    for (let waited = 0; waited < 5_000; waited += 100) {
      const y = await top();
      if (y > -1 && y < 800) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // In view: its top within the window (to a fraction of a pixel).
    expect(await top()).toBeGreaterThan(-1);
    expect(await top()).toBeLessThan(800);
  });

  it('lets the provider part confirm and dispute reports, and the supplier correct a disputed one', async () => {
    const { page, url } = e2e;
    const { supplier, provider, spoId, cash, hours } = scene;
    const report = (lineId: string, amount: string) =>
      expectJson<DeliveryReportView>(
        post(
          supplier.api,
          `/api/spos/${spoId}/reports`,
          { lineId, period: 1, amount, evidenceNote: 'Timesheets attached' },
          { 'Idempotency-Key': randomUUID() },
        ),
        201,
      );
    const hoursReport = await report(hours.lineId, '40');
    const cashReport = await report(cash.lineId, '10000');

    await signIn(page, url, provider.email, provider.password);
    await page.goto(`${url}/delivery-reports`);
    const hoursCard = reportCard(page, hoursReport.id);
    await hoursCard.waitFor({ timeout: 15_000 });

    // Part confirm: 30 of the 40 hours arrived.
    await hoursCard.getByTestId('report-part-confirm').click();
    const received = hoursCard.getByLabel('Volunteer hours received');
    await received.fill('30');
    await hoursCard.getByTestId('report-part-confirm-yes').click();
    await statusOf(page, hoursReport.id, 'Part confirmed: 30 hours of 40 hours');

    // A dispute needs a comment.
    const cashCard = reportCard(page, cashReport.id);
    await cashCard.getByTestId('report-dispute').click();
    await cashCard.getByTestId('report-dispute-yes').click();
    const disputed = cashCard.getByLabel('What is disputed');
    await cashCard.locator('.field__error').waitFor();
    expect(await cashCard.locator('.field__error').textContent()).toBe('Say what is disputed');
    expect(await disputed.getAttribute('aria-invalid')).toBe('true');
    await disputed.fill('We received £80, not £100.');
    await cashCard.getByTestId('report-dispute-yes').click();
    await statusOf(page, cashReport.id, /^Disputed$/);
    expect(await cashCard.getByTestId('delivery-report-comment').textContent()).toContain(
      'We received £80, not £100.',
    );

    // The supplier sees both answers, and corrects the disputed report to £80.
    await signIn(page, url, supplier.email, supplier.password);
    await page.goto(`${url}/spos/${spoId}`);
    await statusOf(page, hoursReport.id, 'Part confirmed: 30 hours of 40 hours');
    await statusOf(page, cashReport.id, /^Disputed$/);
    await milestone(page, hours.title, 1)
      .getByTestId('milestone-delivered')
      .filter({ hasText: '30 hours' })
      .waitFor({ timeout: 15_000 });

    await reportCard(page, cashReport.id).getByTestId('report-correct').click();
    const form = page.getByTestId('delivery-report-form');
    await form.getByRole('heading', { name: 'Correct this report' }).waitFor();
    const amount = form.getByLabel('Amount paid, in pounds');
    expect(await amount.inputValue()).toBe('100');
    await amount.fill('80');
    await form.getByRole('button', { name: 'Send the correction' }).click();
    await page
      .getByTestId('delivery-status')
      .filter({ hasText: 'Your correction of £80' })
      .waitFor({ timeout: 15_000 });

    // The disputed report stays in the history, replaced; the correction awaits the provider.
    await statusOf(page, cashReport.id, 'Replaced by a correction');
    const newest = page.getByTestId('delivery-report').first();
    expect(await newest.getAttribute('data-report-id')).not.toBe(cashReport.id);
    expect(await newest.getByTestId('delivery-report-status').textContent()).toBe(
      'Awaiting the provider',
    );
    expect(await newest.textContent()).toContain('£80 for year 1');
    // The confirmed £1,250 still counts; nothing of the disputed £100 does.
    expect(
      await milestone(page, cash.title, 1).getByTestId('milestone-delivered').textContent(),
    ).toBe('£1,250');
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);

    // The buyer sets the contract's delivery rules from the same section.
    await signIn(page, url, 'buyer@demo.test', 'demo-password');
    await page.goto(`${url}/spos/${spoId}`);
    const rules = page.getByTestId('delivery-settings');
    await rules.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('delivery-report-form').count()).toBe(0);
    await rules.getByLabel('Grace period').fill('400');
    await rules.getByRole('button', { name: 'Save the rules' }).click();
    expect(await rules.locator('.field__error').textContent()).toContain('at most 365');
    await rules.getByLabel('Grace period').fill('45');
    await rules.getByRole('button', { name: 'Save the rules' }).click();
    await rules.getByText('Saved: 45 days of grace').waitFor({ timeout: 15_000 });
    await page
      .getByTestId('delivery-contract')
      .filter({ hasText: 'after 45 days of grace' })
      .waitFor({ timeout: 15_000 });

    // Someone not signed in sees the awarded SPO, but nothing of its delivery.
    await page.context().clearCookies();
    await page.goto(`${url}/spos/${spoId}`);
    await page.getByTestId('spo-view').waitFor({ timeout: 15_000 });
    await settled(page);
    expect(await page.getByTestId('delivery').count()).toBe(0);
  });
});
