import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { ROOT_DIR } from '../../server/src/config';
import { chromiumAvailable } from '../support/browser';
import {
  focused,
  signInByKeyboard,
  tabTo,
  textOnceItHas,
  useE2eSession,
  waitForFocus,
} from '../support/e2e-session';
import { axeViolations } from './axe';

const run = chromiumAvailable();

/**
 * Where the pictures of each role's home page go: `test-results/screenshots` on every run
 * (ignored, so a test run leaves `git status` clean), or the README's committed
 * `docs/screenshots` under `npm run screenshots` (SCREENSHOTS_DIR=docs/screenshots).
 */
const SCREENSHOTS = path.resolve(
  ROOT_DIR,
  process.env.SCREENSHOTS_DIR ?? path.join('test-results', 'screenshots'),
);

const WIDE = { width: 1280, height: 800 };
const NARROW = { width: 375, height: 812 };

/** Signs in on the sign-in page with no page to return to, and waits for the home page. */
async function signIn(page: Page, url: string, email: string): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/home', { timeout: 15_000 });
}

/**
 * The home page as it is once `ready` shows, at both widths: no axe violation at either, and
 * a picture of each for the README.
 */
async function checkBothWidths(page: Page, name: string, ready: string): Promise<void> {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  for (const size of [WIDE, NARROW]) {
    await page.setViewportSize(size);
    await page.locator(ready).first().waitFor({ timeout: 15_000 });
    // Nothing still loading: every list has its answer (or its empty state) on screen.
    await page.waitForFunction(() => document.querySelectorAll('.loading-message').length === 0, {
      timeout: 15_000,
    });
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, `home-${name}-${size.width}.png`) });
  }
}

(run ? describe : describe.skip)('the home page of each role', () => {
  // The demo exactly as a first start leaves it: other files' tenders would change its counts.
  const e2e = useE2eSession({ ownDatabase: true });

  it('tells someone not signed in what Impact Atlas is, for whom, and the way in for each role', async () => {
    const { page, url } = e2e;
    await page.goto(`${url}/home`);
    await page.getByTestId('home-anonymous').waitFor({ timeout: 15_000 });
    for (const kind of ['provider', 'supplier', 'buyer']) {
      const role = page.getByTestId(`home-role-${kind}`);
      expect(await role.getByRole('link', { name: `Create a ${kind} account` }).count()).toBe(1);
    }
    // The demo's awarded contract: figures are not £0 on a first start.
    expect(await textOnceItHas(page, '[data-testid="home-uk-figures"]', '£9,000')).toContain(
      'which commit £9,000 a year',
    );
    await checkBothWidths(page, 'anonymous', '[data-testid="home-uk-figures"]');

    // A role's way in opens the sign-up form with that kind of organisation chosen.
    await page.setViewportSize(WIDE);
    await page.getByRole('link', { name: 'Create a buyer account' }).click();
    await page.waitForURL('**/sign-up?as=buyer');
    expect(await page.locator('input[type="radio"][value="buyer"]').isChecked()).toBe(true);
  });

  it('brings a provider signing in from the map to its home: requests waiting and its activities', async () => {
    const { page, url } = e2e;
    await page.goto(url);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Sign in' })
      .click();
    await page.getByLabel('Email').fill('provider@demo.test');
    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/home', { timeout: 15_000 });

    const section = page.getByTestId('home-provider');
    await section.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('home-supplier').count()).toBe(0);
    expect(await page.getByTestId('home-buyer').count()).toBe(0);
    const waiting = page.getByTestId('home-requests-waiting');
    await waiting.waitFor({ timeout: 15_000 });
    expect(await waiting.getAttribute('data-count')).toBe('2');
    expect(await waiting.textContent()).toContain('2 link-up requests are waiting for your answer');
    const next = page.getByTestId('home-provider-next');
    expect(await next.getByRole('link', { name: 'Answer link-up requests' }).count()).toBe(1);
    await page.getByTestId('home-provider-activities').locator('li').first().waitFor();
    await checkBothWidths(page, 'provider', '[data-testid="home-provider-activities"] li');

    // The header's Home link comes back here from anywhere.
    await page.setViewportSize(WIDE);
    await page.goto(`${url}/tenders`);
    await page.getByTestId('nav-home').click();
    await page.waitForURL('**/home');
    await section.waitFor();
  });

  it('shows a supplier its SPOs by status with their deadlines, and the tenders open in its territories', async () => {
    const { page, url } = e2e;
    await signIn(page, url, 'supplier@demo.test');
    const section = page.getByTestId('home-supplier');
    await section.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('home-provider').count()).toBe(0);
    const counts = page.getByTestId('home-spo-counts');
    await counts.waitFor({ timeout: 15_000 });
    expect(await counts.locator('li[data-status="submitted"]').textContent()).toBe('1 submitted');
    expect(await counts.locator('li[data-status="awarded"]').textContent()).toBe('1 awarded');
    const spos = page.getByTestId('home-spo');
    expect(await spos.count()).toBe(2);
    expect(await spos.first().textContent()).toContain('Fleet maintenance and vehicle recovery');
    expect(await spos.first().textContent()).toContain('Closed');
    const open = page.getByTestId('home-open-tender');
    await open.first().waitFor({ timeout: 15_000 });
    expect(await open.first().textContent()).toContain('Custody healthcare services (demo)');
    expect(await open.first().textContent()).toContain('Closes in');
    expect(
      await page
        .getByTestId('home-supplier-next')
        .getByRole('link', { name: 'Find an open tender' })
        .count(),
    ).toBe(1);
    await checkBothWidths(page, 'supplier', '[data-testid="home-open-tender"]');
  });

  it('shows a buyer its tenders by status, the closed one to evaluate, and its territories’ coverage', async () => {
    const { page, url } = e2e;
    await signIn(page, url, 'buyer@demo.test');
    const section = page.getByTestId('home-buyer');
    await section.waitFor({ timeout: 15_000 });
    const counts = page.getByTestId('home-tender-counts');
    await counts.waitFor({ timeout: 15_000 });
    expect(await counts.locator('li').allTextContents()).toEqual([
      '1 open',
      '1 closed: being evaluated',
      '1 awarded',
    ]);
    const toEvaluate = page.getByTestId('home-evaluation-item');
    await toEvaluate.first().waitFor({ timeout: 15_000 });
    expect(await toEvaluate.first().textContent()).toContain('3 sealed bids to evaluate');
    // The open tender says when its evaluation opens.
    const opens = page.getByTestId('home-tenders').getByTestId('evaluation-opens');
    expect(await opens.textContent()).toMatch(
      /^Evaluation opens when the tender closes on \d{1,2} \w+ \d{4} at \d\d:\d\d/,
    );
    const committed = page.locator(
      '[data-testid="home-coverage-row"][data-code="E23000029"] [data-testid="home-coverage-committed"]',
    );
    await committed.waitFor({ timeout: 15_000 });
    expect(await committed.textContent()).toBe('£9,000');
    await checkBothWidths(page, 'buyer', '[data-testid="home-coverage-row"]');

    // What to do next leads to the seeded closed tender, whose sealed bids are there to evaluate.
    await page.setViewportSize(WIDE);
    await page
      .getByTestId('home-buyer-next')
      .getByRole('link', { name: 'Evaluate the bids' })
      .click();
    await page.getByTestId('tender-page').waitFor({ timeout: 15_000 });
    await page
      .getByRole('heading', { level: 2, name: 'Fleet maintenance and vehicle recovery (demo)' })
      .waitFor({ timeout: 15_000 });
    for (const bidder of [
      'Northgate Facilities Ltd (demo)',
      'Kennet Fleet Services Ltd (demo)',
      'Chiltern Engineering Group (demo)',
    ]) {
      await page.getByText(bidder).first().waitFor({ timeout: 15_000 });
    }
    expect(await page.getByTestId('evaluation-opens').count()).toBe(0);
  });
  // Last in this file, on its own database: it awards the seeded tender, which the buyer's
  // home above shows still to evaluate.
  it('lets the demo buyer evaluate and award the seeded closed tender by keyboard alone', async () => {
    const { page, url } = e2e;
    await signInByKeyboard(page, url, 'buyer@demo.test');
    await page.waitForURL('**/home', { timeout: 15_000 });
    await tabTo(page, '[data-testid="home-buyer-next"] a');
    expect((await focused(page)).text).toBe('Evaluate the bids');
    await page.keyboard.press('Enter');
    await page
      .getByRole('heading', { level: 2, name: 'Fleet maintenance and vehicle recovery (demo)' })
      .waitFor({ timeout: 15_000 });
    await page.getByTestId('evaluation-row').nth(2).waitFor({ timeout: 15_000 });
    expect(await axeViolations(page)).toEqual([]);

    // The highest-scoring bid is first; choose it, keep the start date, check, award.
    const best = await page.getByTestId('evaluation-row').first().getAttribute('data-spo-id');
    expect(best).toBeTruthy();
    await tabTo(page, `input[type="radio"][value="${best}"]`);
    await page.keyboard.press('Space');
    await tabTo(page, '[data-testid="award-continue"]');
    await page.keyboard.press('Enter');
    await waitForFocus(page, '[data-testid="award"] h4');
    expect(await page.locator('.warning-text').textContent()).toContain(
      'The award is final and public.',
    );
    await tabTo(page, '[data-testid="award-confirm"]');
    await page.keyboard.press('Enter');
    await waitForFocus(page, '[data-testid="tender-awarded-panel"]');
    expect(await page.getByTestId('tender-awarded-panel').textContent()).toContain(
      'Contract awarded',
    );
    expect(await axeViolations(page)).toEqual([]);

    // Home now counts it awarded, with nothing left to evaluate.
    await page.goto(`${url}/home`);
    const counts = page.getByTestId('home-tender-counts');
    await counts.waitFor({ timeout: 15_000 });
    await textOnceItHas(page, '[data-testid="home-tender-counts"]', '2 awarded');
    expect(await counts.locator('li').allTextContents()).toEqual(['1 open', '2 awarded']);
  });
});
