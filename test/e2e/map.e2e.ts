import fs from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { startServer, type ServerProcess } from '../support/server-process';

const run = chromiumAvailable();
const SHAPES = 'path.territory-shape';

/** Waits until the selector matches `n` elements, then answers how many it matches. */
async function countWhenSettled(page: Page, selector: string, n: number): Promise<number> {
  await page
    .waitForFunction(
      ([s, want]) => document.querySelectorAll(s as string).length === want,
      [selector, n],
      {
        timeout: 30_000,
      },
    )
    .catch(() => undefined);
  return page.locator(selector).count();
}

/** The side panel's text once its heading reads `heading` (or after a timeout, whatever it reads). */
async function panelText(
  page: Page,
  heading: string | RegExp,
): Promise<{ heading: string; text: string }> {
  const panel = page.getByTestId('territory-panel');
  await panel
    .locator('h2', { hasText: heading })
    .waitFor({ timeout: 15_000 })
    .catch(() => undefined);
  return {
    heading: ((await panel.locator('h2').first().textContent()) ?? '').trim(),
    text: (await panel.textContent()) ?? '',
  };
}

(run ? describe : describe.skip)('the territories map', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // Under CI the browser also runs against the real PostgreSQL, when it is given one.
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

  it('draws the 45 territories, and clicking one opens its panel and link', async () => {
    await page.goto(server.url);
    expect(await countWhenSettled(page, SHAPES, 45)).toBe(45);
    // Wiltshire is compact, so the centre of its box is inside it and nobody else's.
    await page.locator(`${SHAPES}[data-code="E23000038"]`).click({ force: true });
    await page.waitForURL('**/territories/E23000038');
    const panel = await panelText(page, 'Wiltshire');
    expect(panel.heading).toBe('Wiltshire');
    expect(panel.text).toContain('Wiltshire Police');
    expect(panel.text).toContain('England');
    expect(await page.locator('.leaflet-control-attribution').textContent()).toContain(
      'Office for National Statistics',
    );
    await fs.mkdir('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/territories-map.png' });
  });

  it('highlights a territory under the pointer', async () => {
    await page.goto(server.url);
    await countWhenSettled(page, SHAPES, 45);
    const shape = page.locator(`${SHAPES}[data-code="E23000021"]`);
    const before = await shape.getAttribute('stroke-width');
    await shape.hover({ force: true });
    expect(Number(await shape.getAttribute('stroke-width'))).toBeGreaterThan(Number(before));
  });

  it('opens the same view from a link', async () => {
    await page.goto(`${server.url}/territories/S23000009`);
    const panel = await panelText(page, 'Scotland');
    expect(panel.heading).toBe('Scotland');
    expect(panel.text).toContain('Police Scotland');
  });

  it('selects a territory from the list with the keyboard alone', async () => {
    await page.goto(server.url);
    await countWhenSettled(page, SHAPES, 45);
    await page.getByRole('link', { name: 'Dorset', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/territories/E23000039');
    expect((await panelText(page, 'Dorset')).heading).toBe('Dorset');
  });

  it('says so when a link names no territory', async () => {
    await page.goto(`${server.url}/territories/E23999999`);
    const panel = page.getByTestId('territory-panel');
    await panel
      .getByText('No territory has the code E23999999')
      .waitFor({ timeout: 15_000 })
      .catch(() => undefined);
    expect(await panel.textContent()).toContain('No territory has the code E23999999');
  });
});
