import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from '../support/browser';
import { useE2eSession } from '../support/e2e-session';

const run = chromiumAvailable();

/** What has the focus: the tag, the shape's territory code if it is one, and its name. */
function focused(page: Page) {
  return page.evaluate(() => {
    const active = document.activeElement;
    return {
      tag: active?.tagName.toLowerCase() ?? 'none',
      code: active?.getAttribute('data-code') ?? undefined,
      name: active?.getAttribute('aria-label') ?? active?.textContent?.trim() ?? '',
    };
  });
}

/** Presses Tab until a shape matching `selector` has the focus; never through <body>. */
async function tabToShape(page: Page, selector: string): Promise<string> {
  for (let presses = 0; presses < 80; presses += 1) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    expect(now.tag).not.toBe('body');
    const isShape = await page.evaluate(
      (s) => document.activeElement?.matches(s) ?? false,
      selector,
    );
    if (isShape && now.code) return now.code;
  }
  throw new Error(`no ${selector} reached with Tab`);
}

/** Tabs onward a few times from the focus, asserting it leaves the shapes without reaching <body>. */
async function tabOnward(page: Page, selector: string): Promise<void> {
  let leftShapes = false;
  for (let presses = 0; presses < 5; presses += 1) {
    await page.keyboard.press('Tab');
    expect((await focused(page)).tag).not.toBe('body');
    const onShape = await page.evaluate(
      (s) => document.activeElement?.matches(s) ?? false,
      selector,
    );
    if (!onShape) leftShapes = true;
  }
  expect(leftShapes).toBe(true);
}

(run ? describe : describe.skip)('the maps, by keyboard', () => {
  const e2e = useE2eSession();

  it('opens a territory on the home map with Tab and Enter, and Tab goes on past the map', async () => {
    const { page } = e2e;
    await page.goto(e2e.url);
    await page.waitForFunction(
      () => document.querySelectorAll('path.territory-shape').length === 45,
      undefined,
      { timeout: 30_000 },
    );
    const code = await tabToShape(page, 'path.territory-shape');
    expect((await focused(page)).name).not.toBe('');

    await page.keyboard.press('Enter');
    await page.waitForURL(`**/territories/${code}`);
    await page.locator(`path.territory-shape[data-code="${code}"][data-selected="true"]`).waitFor();
    // Raising the chosen shape over its neighbours keeps the keyboard's place on it.
    expect((await focused(page)).code).toBe(code);

    // The arrow keys move between territories; Tab then leaves the map.
    await page.keyboard.press('ArrowDown');
    const next = await focused(page);
    expect(next.code).toBeDefined();
    expect(next.code).not.toBe(code);
    await tabOnward(page, 'path.territory-shape');
  });

  it('opens a territory on /coverage with Tab and Enter, named with its figure, and Tab goes on', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.url}/coverage`);
    await page.waitForFunction(
      () => document.querySelectorAll('path.coverage-shape').length === 45,
      undefined,
      { timeout: 30_000 },
    );
    const code = await tabToShape(page, 'path.coverage-shape');
    // The accessible name is the territory's name and its figures.
    expect((await focused(page)).name).toMatch(
      /^.+: [\d,]+ activit(y|ies), £[\d,]+ committed a year$/,
    );

    await page.keyboard.press('Enter');
    await page.waitForURL(`**/coverage/${code}`);
    await page.getByTestId('coverage-detail').waitFor({ timeout: 20_000 });
    expect((await focused(page)).code).toBe(code);
    await tabOnward(page, 'path.coverage-shape');
  });
});
