import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from '../support/browser';
import { textOnceItHas, useE2eSession } from '../support/e2e-session';
import { axeViolations } from './axe';

const run = chromiumAvailable();
const SHAPES = 'path.territory-shape';
const SWITCH = 'Show local need: deprivation by district';

/** Waits until the selector matches exactly `n` elements. */
async function waitForCount(page: Page, selector: string, n: number): Promise<void> {
  await page.waitForFunction(
    ([s, want]) => document.querySelectorAll(s as string).length === want,
    [selector, n],
    { timeout: 30_000 },
  );
}

/** Switches the need layer on from the keyboard, and waits for its districts and table. */
async function switchNeedOn(page: Page, districts: number): Promise<void> {
  const toggle = page.getByLabel(SWITCH);
  await toggle.focus();
  await page.keyboard.press('Space');
  expect(await toggle.isChecked()).toBe(true);
  await page.getByTestId('need-legend').waitFor({ timeout: 30_000 });
  await waitForCount(page, '[data-testid="need-row"]', districts);
}

(run ? describe : describe.skip)('the need layer of the territories map', () => {
  const e2e = useE2eSession();

  it('colours the 361 districts by deprivation, with a key, a table and the credits', async () => {
    const { page } = e2e;
    await page.goto(e2e.url);
    await waitForCount(page, SHAPES, 45);
    await switchNeedOn(page, 361);
    await waitForCount(page, 'path.need-shape', 361);

    const legend = (await page.getByTestId('need-legend').textContent()) ?? '';
    expect(legend).toContain('1 – most deprived fifth');
    expect(legend).toContain('5 – least deprived fifth');
    expect(legend).toContain('No data');
    const panel = page.getByTestId('territory-panel');
    expect(await panel.textContent()).toContain('Open Government Licence v3.0');
    expect(await page.locator('.leaflet-control-attribution').textContent()).toContain(
      'mySociety, CC BY 4.0',
    );

    const hartlepool = page.locator('[data-testid="need-row"][data-code="E06000001"]');
    const cells = await hartlepool.locator('th, td').allTextContents();
    expect(cells.slice(0, 4)).toEqual(['Hartlepool', 'Cleveland', '93,836', '1']);

    // The shapes one chooses are still the territories, over the districts.
    expect(await page.locator('path.need-shape.leaflet-interactive').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('sorts the table by a column from the keyboard', async () => {
    const { page } = e2e;
    await page.goto(e2e.url);
    await switchNeedOn(page, 361);
    await page.locator('[data-testid="need-table"] button[data-sort-key="population"]').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const header = page.locator('[data-testid="need-table"] th[aria-sort="descending"]');
    expect(await header.textContent()).toContain('Population');
    // Birmingham is the most populous district of the UK.
    expect(await page.locator('[data-testid="need-row"]').first().locator('th').textContent()).toBe(
      'Birmingham',
    );
  });

  it('shows a territory’s need, its districts in the table, and "no data" where there is none', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.url}/territories/E23000013`);
    await textOnceItHas(page, '[data-testid="territory-panel"] h2', 'Cleveland');
    const figures = page.getByTestId('territory-need');
    await figures.waitFor({ timeout: 15_000 });
    expect(await figures.textContent()).toContain('Population (mid-2020)');
    await switchNeedOn(page, 4);
    expect(await page.getByTestId('need-table').textContent()).toContain('Hartlepool');
    expect(await axeViolations(page)).toEqual([]);

    // Choosing another territory keeps the layer on; Scotland has no homicide rate here.
    await page.getByRole('link', { name: 'Scotland', exact: true }).click();
    await textOnceItHas(page, '[data-testid="territory-panel"] h2', 'Scotland');
    await waitForCount(page, '[data-testid="need-row"]', 32);
    const scotland = (await page.getByTestId('territory-need').textContent()) ?? '';
    expect(scotland).toMatch(/Homicides per million people, over three years\s*no data/);
  });
});
