import fs from 'node:fs/promises';
import { describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { SpoView } from '@shared/schemas/tenders';
import { chromiumAvailable } from '../support/browser';
import { apiSession, expectJson, useE2eSession } from '../support/e2e-session';
import { axeViolations } from './axe';

const run = chromiumAvailable();

// A first start seeds the whole demo into a database of its own; on a busy two-core machine
// that alone can pass the default two minutes.
jest.setTimeout(240_000);

/** Pence from "£7,500" as the page shows it. */
function pence(text: string | null): number {
  return Number((text ?? '').replace(/[£,\s]/g, '')) * 100;
}

async function signIn(page: Page, url: string, email: string): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('nav-user').waitFor({ timeout: 15_000 });
}

/** Waits until nothing on the page is still loading (every list has its answer). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.loading-message').length === 0, {
    timeout: 15_000,
  });
}

(run ? describe : describe.skip)('matchmaking in the browser', () => {
  // The demo as a first start leaves it: the demo supplier has no SPO for the open tender yet.
  const e2e = useE2eSession({ ownDatabase: true });

  it('walks a supplier from a tender to its matches, fills the baseline, adjusts a line and sends the link-up requests into a new SPO', async () => {
    const { page, url } = e2e;
    await signIn(page, url, 'supplier@demo.test');
    await page.goto(`${url}/tenders`);
    await page.getByRole('link', { name: 'Custody healthcare services (demo)' }).click();
    await page.getByTestId('tender-page').waitFor({ timeout: 15_000 });
    const tenderId = new URL(page.url()).pathname.split('/').pop()!;

    // From the tender to its matches: ranked, each with its score and why.
    await page.getByTestId('tender-matches-link').click();
    await page.waitForURL(`**/tenders/${tenderId}/matches`);
    const matches = page.getByTestId('match');
    await matches.first().waitFor({ timeout: 15_000 });
    expect(await matches.count()).toBeGreaterThan(1);
    expect(await matches.first().locator('.match-card__rank').textContent()).toContain('1');
    expect(await page.getByTestId('match-score').first().textContent()).toMatch(
      /Score \d+ out of 100/,
    );
    await matches.first().getByText('Why this score').click();
    const factors = matches.first().locator('.score-factors__table tbody tr');
    expect(await factors.count()).toBeGreaterThan(3);
    await page.getByText('How the score is worked out').click();
    expect(await page.getByTestId('match-formula').textContent()).toContain('score = 100');
    expect(await page.getByTestId('matches-total').textContent()).toMatch(/matching activit/);
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);

    // A filter narrows the list and starts again at page 1.
    await page.getByLabel('Only in the buyer’s focus areas').check();
    await page
      .locator('[data-testid="matches-total"], [data-testid="matches-empty"]')
      .first()
      .waitFor({ timeout: 15_000 });
    await page.getByLabel('Only in the buyer’s focus areas').uncheck();

    // "Fill my baseline": £7,500 a year on this £1.5m contract.
    await page.getByLabel(/^The baseline/).check();
    await page.getByTestId('ask-suggestion').click();
    const table = page.getByTestId('suggestion-table');
    await table.waitFor({ timeout: 15_000 });
    const total = page.getByTestId('suggestion-total');
    expect(await total.textContent()).toContain('of the £7,500 target: reaches it');
    const totalPence = pence(/Total (£[\d,]+)/.exec((await total.textContent()) ?? '')?.[1] ?? '');
    const rows = table.locator('tbody tr');
    const lineCount = await rows.count();
    expect(lineCount).toBeGreaterThan(1);
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);
    await fs.mkdir('test-results', { recursive: true });
    await page
      .getByTestId('suggestion')
      .screenshot({ path: 'test-results/matching-suggestion.png' });
    await matches.first().screenshot({ path: 'test-results/matching-match.png' });

    // Asking more than an activity has room for is refused, with a message naming the line.
    const first = rows.first();
    const title = (await first.locator('th a').textContent())!.trim();
    const mostPence = pence(await first.locator('td').nth(1).textContent());
    const amount = first.getByLabel(`Amount a year for ${title}, in pounds`);
    const suggestedPence = pence(await amount.inputValue());
    await amount.fill(String(mostPence / 100 + 1));
    await page.getByTestId('send-link-ups').click();
    const problems = page.getByTestId('suggestion-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain(
      `The amount a year for ${title} must be £${(mostPence / 100).toLocaleString('en-GB')} or less`,
    );
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    // The summary's link takes the focus to the field.
    await problems.getByRole('link').first().click();
    expect(await amount.evaluate((input) => input === document.activeElement)).toBe(true);

    // A pound less than suggested is fine, and the running total follows.
    const adjustedPence = suggestedPence - 100;
    await amount.fill(String(adjustedPence / 100));
    expect(await problems.count()).toBe(0);
    const shortPence = 750_000 - (totalPence - 100);
    expect(await total.textContent()).toContain(
      shortPence > 0 ? `£${(shortPence / 100).toLocaleString('en-GB')} short` : 'reaches it',
    );
    await page.getByTestId('send-link-ups').click();

    const sent = page.getByTestId('suggestion-sent');
    await sent.waitFor({ timeout: 30_000 });
    expect(await sent.textContent()).toContain(`${lineCount} lines added`);
    expect(await axeViolations(page)).toEqual([]);

    // The lines are in the supplier's new SPO, each a request to its provider.
    await sent.getByRole('link', { name: 'Open your Social Purchase Order' }).click();
    await page.getByTestId('spo-builder').waitFor({ timeout: 15_000 });
    await page.getByTestId('spo-line').first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('spo-line').count()).toBe(lineCount);
    const supplier = await apiSession(url, 'supplier@demo.test');
    const spos = await expectJson<SpoView[]>(supplier(`/api/tenders/${tenderId}/spos`));
    expect(spos).toHaveLength(1);
    const lines = spos[0]!.lines;
    expect(lines).toHaveLength(lineCount);
    expect(lines.every((line) => line.kind === 'cash' && line.status === 'pending')).toBe(true);
    const adjusted = lines.find((line) => line.activity.title === title);
    expect(adjusted?.annualPence).toBe(adjustedPence);
  });

  it('opens the SPO builder’s line form with a match chosen from “Add to my SPO”', async () => {
    const { page, url } = e2e;
    await signIn(page, url, 'supplier@demo.test');
    const tenderId = await demoTenderId(url);
    await page.goto(`${url}/tenders/${tenderId}/matches`);
    const match = page.getByTestId('match').first();
    await match.waitFor({ timeout: 15_000 });
    const title = (await match.locator('.match-card__title a').textContent())!.trim();
    await match.getByRole('button', { name: /^Add to my SPO/ }).click();
    await page.waitForURL(/\/spos\//);
    const form = page.getByTestId('spo-line-form');
    await form.waitFor({ timeout: 15_000 });
    expect(await form.locator('h3').textContent()).toContain(title);
    // The form's heading has the focus, as when an activity is chosen in the builder.
    expect(await form.locator('h3').evaluate((h) => h === document.activeElement)).toBe(true);
  });

  it('says which link-up requests failed when only some are sent, and keeps those to try again', async () => {
    const { page, url } = e2e;
    await signIn(page, url, 'supplier@demo.test');
    const tenderId = await demoTenderId(url);
    await page.goto(`${url}/tenders/${tenderId}/matches`);
    await page.getByLabel(/^Higher ambition/).check();
    await page.getByTestId('ask-suggestion').click();
    const rows = page.getByTestId('suggestion-table').locator('tbody tr');
    await rows.first().waitFor({ timeout: 15_000 });
    const count = await rows.count();
    expect(count).toBeGreaterThan(1);
    const refusedId = (await rows.first().getAttribute('data-activity-id'))!;
    const refusedTitle = (await rows.first().locator('th a').textContent())!.trim();

    // The server refuses the first line (as it would one the provider can no longer take).
    await page.route('**/api/spos/*/lines', async (route) => {
      const body = route.request().postDataJSON() as { activityId?: string } | null;
      if (route.request().method() !== 'POST' || body?.activityId !== refusedId) {
        await route.continue();
        return;
      }
      await route.fulfill({
        status: 409,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: 'conflict', message: 'The activity has no room left for this line.' },
        }),
      });
    });
    await page.getByTestId('send-link-ups').click();
    const failures = page.getByTestId('send-failures');
    await failures.waitFor({ timeout: 30_000 });
    const text = (await failures.textContent()) ?? '';
    expect(text).toContain(`${count - 1} line${count - 1 === 1 ? '' : 's'} sent; 1 line not sent`);
    expect(text).toContain(`${refusedTitle}`);
    expect(text).toContain('The activity has no room left for this line.');
    // Only the refused line is left in the table, to change or send again (the table is
    // trimmed in the render after the one that shows the summary: wait for it).
    for (let waited = 0; (await rows.count()) !== 1 && waited < 15_000; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-activity-id')).toBe(refusedId);
  });

  it('shows a provider the open tenders its activity could support, with why', async () => {
    const { page, url } = e2e;
    const provider = await apiSession(url, 'provider@demo.test');
    const me = await expectJson<{ organisations: { id: string; kind: string }[] }>(
      provider('/api/me'),
    );
    const providerId = me.organisations.find((o) => o.kind === 'provider')!.id;
    const ours = await expectJson<{ items: { id: string }[] }>(
      provider(`/api/activities?provider=${providerId}&territory=E23000029&pageSize=1`),
    );
    await signIn(page, url, 'provider@demo.test');
    await page.goto(`${url}/activities/${ours.items[0]!.id}`);
    const list = page.getByTestId('opportunities');
    await list.waitFor({ timeout: 15_000 });
    const first = list.getByTestId('opportunity').first();
    await first.waitFor({ timeout: 15_000 });
    expect(await first.getByRole('link').first().getAttribute('href')).toMatch(/^\/tenders\//);
    expect(await first.textContent()).toMatch(/Score \d+ out of 100/);
    await first.getByText('Why this score').click();
    expect(await first.locator('.score-factors__table tbody tr').count()).toBeGreaterThan(3);
    await settled(page);
    expect(await axeViolations(page, { include: '[data-testid="opportunities"]' })).toEqual([]);

    // Nobody else is shown the list: it is the provider's lookout.
    const other = await e2e.page.context().browser()!.newPage();
    try {
      await other.goto(`${url}/activities/${ours.items[0]!.id}`);
      await other.getByTestId('activity-page').locator('h1, h2').first().waitFor();
      await settled(other);
      expect(await other.getByTestId('opportunities').count()).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('shows the buyer, on its open tender, what its priorities can reach', async () => {
    const { page, url } = e2e;
    const id = await demoTenderId(url);
    const reach = await expectJson<{ activities: number; activitiesWithRoom: number }>(
      fetch(`${url}/api/tenders/${id}/reach`),
    );
    await signIn(page, url, 'buyer@demo.test');
    await page.goto(`${url}/tenders/${id}`);
    const panel = page.getByTestId('reach-panel');
    await panel.getByRole('heading', { name: 'What your priorities can reach' }).waitFor({
      timeout: 15_000,
    });
    await settled(page);
    expect(reach.activities).toBeGreaterThan(0);
    expect(await panel.textContent()).toContain(reach.activities.toLocaleString('en-GB'));
    expect(await axeViolations(page, { include: '[data-testid="reach-panel"]' })).toEqual([]);

    // A supplier looking at the same tender is not shown the buyer's panel.
    const other = await page.context().browser()!.newPage();
    try {
      await signIn(other, url, 'supplier@demo.test');
      await other.goto(`${url}/tenders/${id}`);
      await other.getByTestId('tender-page').waitFor({ timeout: 15_000 });
      await settled(other);
      expect(await other.getByTestId('reach-panel').count()).toBe(0);
    } finally {
      await other.close();
    }
  });
});

/** The id of the demo buyer's open tender. */
async function demoTenderId(url: string): Promise<string> {
  const list = await expectJson<{ items: { id: string; reference: string }[] }>(
    fetch(`${url}/api/tenders?q=TVP-DEMO-001`),
  );
  return list.items.find((t) => t.reference === 'TVP-DEMO-001')!.id;
}
