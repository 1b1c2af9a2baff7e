import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { startServer, type ServerProcess } from '../support/server-process';

const run = chromiumAvailable();

/** The text of the first element matching `selector` once it contains `want` (or after a timeout). */
async function textOnceItHas(page: Page, selector: string, want: string): Promise<string> {
  await page
    .locator(selector, { hasText: want })
    .first()
    .waitFor({ timeout: 15_000 })
    .catch(() => undefined);
  return (await page.locator(selector).first().textContent()) ?? '';
}

(run ? describe : describe.skip)('accounts in the browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const databaseUrl = process.env.E2E_DATABASE_URL;
    server = await startServer(databaseUrl ? { DATABASE_URL: databaseUrl } : {});
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterEach(() => page.close());

  it('signs a demo provider in, shows their organisation and members, and signs out', async () => {
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Email').fill('provider@demo.test');
    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await textOnceItHas(page, '[data-testid="nav-user"]', 'Priya')).toBe(
      'Priya Provider (demo)',
    );

    await page.getByRole('link', { name: 'Organisation profile' }).click();
    expect(await textOnceItHas(page, 'h2', 'Riverside')).toBe('Riverside Youth Trust (demo)');
    expect(
      await textOnceItHas(page, '[data-testid="members-table"]', 'provider@demo.test'),
    ).toContain('provider@demo.test');

    await page.getByTestId('sign-out').click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('nav-user').count()).toBe(0);
  });

  it('shows the same message for a wrong password as for an unknown email', async () => {
    const messageFor = async (email: string) => {
      await page.goto(`${server.url}/sign-in`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      return textOnceItHas(page, '[role="alert"]', 'not right');
    };
    const wrong = await messageFor('buyer@demo.test');
    expect(wrong).toContain('The email or password is not right');
    expect(await messageFor('nobody@demo.test')).toBe(wrong);
  });

  it('creates an account with a new supplier organisation, with the keyboard', async () => {
    await page.goto(`${server.url}/sign-up`);
    await page.getByLabel('Name', { exact: true }).fill('Erin E2E');
    await page.getByLabel('Email').fill(`erin-${Date.now()}@example.test`);
    await page.getByLabel('Password').fill('a long enough passphrase');
    await page.getByRole('radio', { name: /Supplier/ }).check();
    await page.getByLabel('Organisation name').fill('E2E Supplies Ltd');
    await page.getByLabel('Organisation name').press('Enter');
    expect(await textOnceItHas(page, '[data-testid="nav-user"]', 'Erin')).toBe('Erin E2E');
    const acting = page.getByTestId('acting-for');
    expect(await acting.locator('option:checked').textContent()).toContain('E2E Supplies Ltd');
  });
});
