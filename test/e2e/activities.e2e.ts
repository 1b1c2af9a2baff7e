import fs from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { Page as ApiPage } from '@shared/schemas/accounts';
import type { ActivitySummary } from '@shared/schemas/activities';
import { chromiumAvailable } from '../support/browser';
import { textOnceItHas, useE2eSession } from '../support/e2e-session';

const run = chromiumAvailable();

/** What the map draws (cluster counts plus single markers) and the total it states. */
function readMap(): { drawn: number; total: number } {
  const clusters = [...document.querySelectorAll('.activity-cluster [data-count]')].reduce(
    (sum, el) => sum + Number(el.getAttribute('data-count')),
    0,
  );
  const text = document.querySelector('[data-testid="activities-map-total"]')?.textContent ?? '';
  return {
    drawn: clusters + document.querySelectorAll('.activity-marker').length,
    total: Number(text.replace(/[^\d]/g, '')),
  };
}

/**
 * The map's figures once it has settled: the markers and the stated total come from the
 * same answer but render a moment apart, so wait (up to 20 s) for them to agree, then read.
 * If they never agree, the test sees the disagreement.
 */
async function mapCount(page: Page): Promise<{ drawn: number; total: number }> {
  await page.getByTestId('activities-map-total').waitFor({ timeout: 30_000 });
  await page.locator('.activity-cluster [data-count], .activity-marker').first().waitFor();
  await page
    .waitForFunction(
      `(${readMap.toString()})().drawn === (${readMap.toString()})().total && (${readMap.toString()})().total > 0`,
      undefined,
      { timeout: 20_000, polling: 250 },
    )
    .catch(() => undefined);
  return page.evaluate(readMap);
}

(run ? describe : describe.skip)('the activities marketplace', () => {
  const e2e = useE2eSession();

  it('finds a seeded activity through the list and opens its page', async () => {
    // A demo activity in Wiltshire, picked through the API the page itself uses.
    const res = await fetch(`${e2e.url}/api/activities?territory=E23000038&pageSize=1`);
    const wanted = ((await res.json()) as ApiPage<ActivitySummary>).items[0]!;
    expect(wanted.demo).toBe(true);

    await e2e.page.goto(`${e2e.url}/activities`);
    // The URL holds the choice, and the router applies it in a transition: wait for the URL
    // rather than expecting the box to change within the click.
    await e2e.page.getByLabel('Only show activities in the map view').click();
    await e2e.page.waitForURL(/inView=false/);
    await e2e.page.getByLabel('Search activities').fill(`"${wanted.title}"`);
    await e2e.page.getByRole('button', { name: 'Search', exact: true }).click();
    await e2e.page.waitForURL(/q=/);
    const item = e2e.page
      .getByTestId('activity-list-item')
      .filter({ hasText: wanted.title })
      .first();
    await item.waitFor({ timeout: 30_000 });
    expect(await item.textContent()).toContain(wanted.provider.name);

    // Keyboard: the title is a link reached and followed without a mouse.
    await item.getByRole('link', { name: wanted.title }).focus();
    await e2e.page.keyboard.press('Enter');
    await e2e.page.waitForURL(`**/activities/${wanted.id}`);
    const heading = await textOnceItHas(e2e.page, '[data-testid="activity-page"] h1', wanted.title);
    expect(heading).toBe(wanted.title);
    const page = (await e2e.page.getByTestId('activity-page').textContent()) ?? '';
    expect(page).toContain(wanted.provider.name);
    expect(page).toContain(wanted.territory.name);
    expect(page).toContain('Demo data');
    for (const section of ['activity-impact', 'activity-needs', 'activity-supporters']) {
      expect([section, await e2e.page.getByTestId(section).isVisible()]).toEqual([section, true]);
    }
    await fs.mkdir('test-results', { recursive: true });
    await e2e.page.screenshot({ path: 'test-results/activity-page.png', fullPage: true });
  });

  it('shows clusters on the map whose counts add up to the activities in view', async () => {
    await e2e.page.goto(`${e2e.url}/activities`);
    const { drawn, total } = await mapCount(e2e.page);
    // The whole UK is in view: every open activity, as the API counts them.
    const all = (await (await fetch(`${e2e.url}/api/activities?pageSize=1`)).json()) as {
      total: number;
    };
    expect(total).toBe(all.total);
    expect(drawn).toBe(total);
    expect(await e2e.page.locator('.activity-cluster').count()).toBeGreaterThan(1);
    await e2e.page.screenshot({ path: 'test-results/activities-map.png' });
  });

  it('splits a cluster when it is clicked, keeping the count of what is in view', async () => {
    await e2e.page.goto(`${e2e.url}/activities`);
    await mapCount(e2e.page);
    const biggest = e2e.page.locator('.activity-cluster').first();
    const zoomBefore = new URL(e2e.page.url()).searchParams.get('z');
    await biggest.click();
    await e2e.page.waitForURL((url) => url.searchParams.get('z') !== zoomBefore);
    const after = await mapCount(e2e.page);
    expect(after.drawn).toBe(after.total);
    expect(Number(new URL(e2e.page.url()).searchParams.get('z'))).toBeGreaterThan(
      Number(zoomBefore ?? 6),
    );
  });

  it('keeps the filters in the URL: a theme filter narrows the list and the map alike', async () => {
    await e2e.page.goto(`${e2e.url}/activities?theme=safer&atRisk=true`);
    const { drawn, total } = await mapCount(e2e.page);
    const api = (await (
      await fetch(`${e2e.url}/api/activities?theme=safer&atRisk=true&pageSize=1`)
    ).json()) as { total: number };
    expect([drawn, total]).toEqual([api.total, api.total]);
    expect(await e2e.page.getByLabel('Only activities at risk').isChecked()).toBe(true);
  });
});
