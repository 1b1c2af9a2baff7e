import fs from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from '../support/browser';
import { textOnceItHas, useE2eSession } from '../support/e2e-session';

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

/** The side panel's heading once it reads `heading`, and the panel's whole text. */
async function panelText(page: Page, heading: string): Promise<{ heading: string; text: string }> {
  const found = await textOnceItHas(page, '[data-testid="territory-panel"] h2', heading);
  return { heading: found, text: (await page.getByTestId('territory-panel').textContent()) ?? '' };
}

(run ? describe : describe.skip)('the territories map', () => {
  const e2e = useE2eSession();

  it('draws the 45 territories, and clicking one opens its panel and link', async () => {
    await e2e.page.goto(e2e.url);
    expect(await countWhenSettled(e2e.page, SHAPES, 45)).toBe(45);
    // Wiltshire is compact, so the centre of its box is inside it and nobody else's.
    await e2e.page.locator(`${SHAPES}[data-code="E23000038"]`).click({ force: true });
    await e2e.page.waitForURL('**/territories/E23000038');
    const panel = await panelText(e2e.page, 'Wiltshire');
    expect(panel.heading).toBe('Wiltshire');
    expect(panel.text).toContain('Wiltshire Police');
    expect(panel.text).toContain('England');
    expect(await e2e.page.locator('.leaflet-control-attribution').textContent()).toContain(
      'Office for National Statistics',
    );
    await fs.mkdir('test-results', { recursive: true });
    await e2e.page.screenshot({ path: 'test-results/territories-map.png' });
  });

  it('highlights a territory under the pointer', async () => {
    await e2e.page.goto(e2e.url);
    await countWhenSettled(e2e.page, SHAPES, 45);
    const shape = e2e.page.locator(`${SHAPES}[data-code="E23000021"]`);
    const before = await shape.getAttribute('stroke-width');
    await shape.hover({ force: true });
    expect(Number(await shape.getAttribute('stroke-width'))).toBeGreaterThan(Number(before));
  });

  it('opens the same view from a link', async () => {
    await e2e.page.goto(`${e2e.url}/territories/S23000009`);
    const panel = await panelText(e2e.page, 'Scotland');
    expect(panel.heading).toBe('Scotland');
    expect(panel.text).toContain('Police Scotland');
  });

  it('selects a territory from the list with the keyboard alone', async () => {
    await e2e.page.goto(e2e.url);
    await countWhenSettled(e2e.page, SHAPES, 45);
    await e2e.page.getByRole('link', { name: 'Dorset', exact: true }).focus();
    await e2e.page.keyboard.press('Enter');
    await e2e.page.waitForURL('**/territories/E23000039');
    expect((await panelText(e2e.page, 'Dorset')).heading).toBe('Dorset');
  });

  it('says so when a link names no territory', async () => {
    await e2e.page.goto(`${e2e.url}/territories/E23999999`);
    const panel = e2e.page.getByTestId('territory-panel');
    await panel
      .getByText('No territory has the code E23999999')
      .waitFor({ timeout: 15_000 })
      .catch(() => undefined);
    expect(await panel.textContent()).toContain('No territory has the code E23999999');
  });
});
