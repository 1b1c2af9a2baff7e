import fs from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { axeViolations } from './axe';
import { chromiumAvailable } from '../support/browser';
import { useE2eSession } from '../support/e2e-session';

const run = chromiumAvailable();
const TV = 'E23000029';

/** What has the focus: its tag, classes, role, territory code and accessible name. */
function focused(page: Page) {
  return page.evaluate(() => {
    const active = document.activeElement;
    return {
      tag: active?.tagName.toLowerCase() ?? 'none',
      id: active?.id ?? '',
      className: active?.getAttribute('class') ?? '',
      role: active?.getAttribute('role') ?? '',
      code: active?.getAttribute('data-code') ?? undefined,
      name: (active?.getAttribute('aria-label') ?? active?.textContent ?? '').trim(),
    };
  });
}

/** Whether the focused element matches a CSS selector. */
function focusIs(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
}

/**
 * Presses Tab until the focus is on an element matching `selector`, never through <body>
 * (which is where a keyboard trap drops the focus); answers how many presses it took.
 */
async function tabTo(page: Page, selector: string, most = 60): Promise<number> {
  for (let presses = 1; presses <= most; presses += 1) {
    await page.keyboard.press('Tab');
    expect((await focused(page)).tag).not.toBe('body');
    if (await focusIs(page, selector)) return presses;
  }
  throw new Error(`Tab did not reach ${selector} in ${most} presses`);
}

async function shapesDrawn(page: Page, selector: string) {
  await page.waitForFunction((s) => document.querySelectorAll(s).length === 45, selector, {
    timeout: 30_000,
  });
}

/** The activities map once its markers are drawn and stand still. */
async function markersDrawn(page: Page) {
  await page.locator('.leaflet-marker-icon').first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(
    () => document.querySelector('.activity-map-status .spinner') === null,
  );
}

/** A shape's or marker's name: "Thames Valley: 48 activities, £9,000 committed a year". */
const TERRITORY_NAME = /^[^:]+: [\d,]+ activit(y|ies), £[\d,]+ committed a year$/;

(run ? describe : describe.skip)('maps without a mouse and without colour', () => {
  const e2e = useE2eSession();

  it('has a skip link as the first Tab stop of a page, which moves the focus to the main content', async () => {
    const { page } = e2e;
    await page.goto(e2e.url);
    await shapesDrawn(page, 'path.territory-shape');
    await page.keyboard.press('Tab');
    const first = await focused(page);
    expect(first).toMatchObject({ tag: 'a', name: 'Skip to main content' });
    // Visible once focused (GOV.UK's pattern), not a one-pixel box.
    const box = await page.locator('.skip-link').boundingBox();
    expect(box!.width).toBeGreaterThan(100);
    expect(box!.height).toBeGreaterThan(20);

    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ tag: 'main', id: 'main-content' });
    // The next Tab is the page's own first stop, past the header's eight links.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ name: 'Skip the map' });
    expect(new URL(page.url()).hash).toBe('');
  });

  it('names the home map’s territories with their figures; Enter opens one, Escape returns to the map', async () => {
    const { page } = e2e;
    await page.goto(e2e.url);
    await shapesDrawn(page, 'path.territory-shape');
    // The figures come from the public coverage, a moment after the shapes.
    await page.waitForFunction(() =>
      /committed/.test(
        document.querySelector('path.territory-shape')?.getAttribute('aria-label') ?? '',
      ),
    );
    const names = await page
      .locator('path.territory-shape')
      .evaluateAll((paths) => paths.map((p) => p.getAttribute('aria-label') ?? ''));
    expect(names.filter((name) => !TERRITORY_NAME.test(name))).toEqual([]);
    // One Tab stop for the 45 shapes.
    expect(await page.locator('path.territory-shape[tabindex="0"]').count()).toBe(1);

    await tabTo(page, 'path.territory-shape');
    const first = await focused(page);
    await page.keyboard.press('End');
    const last = await focused(page);
    expect(last.code).not.toBe(first.code);
    expect(last.name).toMatch(TERRITORY_NAME);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/territories/${last.code}`);
    await page
      .getByTestId('territory-panel')
      .getByRole('heading', { level: 2, name: last.name.split(':')[0] })
      .waitFor();
    expect(await focused(page)).toMatchObject({ code: last.code });

    await page.keyboard.press('Escape');
    expect(await focusIs(page, '.leaflet-container')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('anyone explores coverage by keyboard alone: a territory’s figures, its cells, then the table and its CSV', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.url}/coverage`);
    await shapesDrawn(page, 'path.coverage-shape');
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, 'path.coverage-shape');
    // The arrow keys go through the territories by name, to Thames Valley.
    for (let presses = 0; presses < 45 && (await focused(page)).code !== TV; presses += 1) {
      await page.keyboard.press('ArrowDown');
    }
    const shape = await focused(page);
    expect(shape.code).toBe(TV);
    expect(shape.name).toMatch(TERRITORY_NAME);
    const committedInName = /£[\d,]+/.exec(shape.name)![0];

    await page.keyboard.press('Enter');
    await page.waitForURL(`**/coverage/${TV}`);
    const detail = page.getByTestId('coverage-detail');
    await detail.getByRole('heading', { name: 'Thames Valley' }).waitFor({ timeout: 20_000 });
    // The focus stays on the chosen shape (raised over its neighbours, not lost to <body>).
    expect((await focused(page)).code).toBe(TV);
    // Its figures, the same as the shape's name says.
    expect(await page.getByTestId('coverage-detail-committed').textContent()).toBe(committedInName);
    await page.waitForSelector('path.coverage-hex');

    // The territory's cells are the next Tab stop, one for all of them, each named.
    await page.keyboard.press('Tab');
    const cell = await focused(page);
    expect(cell.className).toContain('coverage-hex');
    expect(cell).toMatchObject({ role: 'link' });
    expect(cell.name).toMatch(/^Cell 1 of \d+: \d+ activit(y|ies), /);
    expect(await page.locator('path.coverage-hex[tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('ArrowRight');
    expect((await focused(page)).name).toMatch(/^Cell 2 of /);
    expect(await axeViolations(page)).toEqual([]);

    // Escape returns to the map; from there Tab goes on past the map to the table's CSV.
    await page.keyboard.press('Escape');
    expect(await focusIs(page, '.leaflet-container')).toBe(true);
    const presses = await tabTo(page, '[data-testid="coverage-download"]');
    expect(presses).toBeLessThan(45);
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    expect((await download).suggestedFilename()).toMatch(/^impact-atlas-coverage-.*\.csv$/);
  });

  it('names unsupported clusters by place on the coverage page', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.url}/coverage/${TV}`);
    const table = page.getByTestId('coverage-clusters');
    await table.waitFor({ timeout: 20_000 });
    const places = await table.locator('tbody tr td:first-child a').allTextContents();
    expect(places.length).toBeGreaterThan(0);
    // Town names, not "51.454° N, 0.978° W".
    expect(places.filter((place) => /°/.test(place))).toEqual([]);
  });

  it('skips the activities map’s markers with one link, and makes the markers one Tab stop', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.url}/activities`);
    await markersDrawn(page);
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, '.skip-map-link');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({
      id: 'activity-list-heading',
      name: 'Activities in the map view',
    });

    await page.goto(`${e2e.url}/activities`);
    await markersDrawn(page);
    await tabTo(page, '.skip-map-link');
    // The map itself, then its markers.
    await tabTo(page, '.leaflet-marker-icon', 2);
    const marker = await focused(page);
    expect(marker.role).toBe('button');
    expect(marker.name).toMatch(/^[\d,]+ activit(y|ies): zoom in to see them$|: (active|at risk)/);
    expect(await page.locator('.leaflet-marker-icon[tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).name).not.toBe(marker.name);
    // One more Tab leaves the markers for the zoom buttons.
    await page.keyboard.press('Tab');
    expect(await focusIs(page, '.leaflet-marker-icon')).toBe(false);
  });

  it('zooms into a group of activities with Enter, keeping the keyboard on the map', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.url}/activities`);
    await markersDrawn(page);
    await tabTo(page, '.leaflet-marker-icon');
    // The markers are one Tab stop; the arrow keys go through them to a group.
    for (let presses = 0; presses < 50 && !(await focusIs(page, '.activity-cluster'));) {
      await page.keyboard.press('ArrowDown');
      presses += 1;
    }
    expect(await focusIs(page, '.activity-cluster')).toBe(true);
    const zoomBefore = Number(new URL(page.url()).searchParams.get('z') ?? 0);
    const answered = page.waitForResponse((res) => res.url().includes('/api/activities/map'));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => Number(url.searchParams.get('z')) > zoomBefore);
    expect(await focusIs(page, '.leaflet-container')).toBe(true);
    await answered;
    await markersDrawn(page);
    await tabTo(page, '.leaflet-marker-icon', 3);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('opens an activity’s popup with Enter, its link focused; Escape closes it, back on the marker', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.url}/activities`);
    await markersDrawn(page);
    await tabTo(page, '.leaflet-marker-icon');
    for (let presses = 0; presses < 50 && !(await focusIs(page, '.activity-marker'));) {
      await page.keyboard.press('ArrowDown');
      presses += 1;
    }
    const marker = await focused(page);
    expect(marker.className).toContain('activity-marker');
    const title = marker.name.split(':')[0]!;
    await page.keyboard.press('Enter');
    expect(await focusIs(page, '.leaflet-popup a')).toBe(true);
    expect((await focused(page)).name).toBe(title);
    await page.keyboard.press('Escape');
    // Leaflet fades the popup out before removing it.
    await page.waitForFunction(() => document.querySelector('.leaflet-popup') === null);
    expect((await focused(page)).name).toBe(marker.name);
  });

  it('draws markers at least 24 px, never one over another, with status told by shape and a key', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.url}/activities`);
    await markersDrawn(page);
    const boxes = await page
      .locator('.leaflet-marker-icon')
      .evaluateAll((markers) => markers.map((m) => m.getBoundingClientRect().toJSON() as DOMRect));
    expect(boxes.filter((b) => b.width < 24 || b.height < 24)).toEqual([]);
    const overlapping = boxes.flatMap((a, i) =>
      boxes
        .slice(i + 1)
        .filter(
          (b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom,
        ),
    );
    expect(overlapping).toEqual([]);

    const key = page.getByTestId('activity-map-key');
    expect(await key.isVisible()).toBe(true);
    for (const status of ['Active', 'At risk', 'Paused', 'Closed']) {
      expect(await key.getByText(status, { exact: true }).isVisible()).toBe(true);
    }
    // Each status has its own symbol, not only its own colour.
    const shapes = await key.locator('.activity-marker__symbol').evaluateAll((symbols) =>
      symbols.map((s) => {
        const style = getComputedStyle(s);
        const after = getComputedStyle(s, '::after');
        return `${style.clipPath}|${style.borderRadius}|${after.content}`;
      }),
    );
    expect(new Set(shapes).size).toBe(4);
  });

  it('folds the header behind a Menu button at 375 px, and the map’s attribution behind an ⓘ', async () => {
    const page = await e2e.page
      .context()
      .browser()!
      .newPage({
        viewport: { width: 375, height: 812 },
      });
    try {
      await page.goto(e2e.url);
      await shapesDrawn(page, 'path.territory-shape');
      const header = await page.locator('header').boundingBox();
      expect(header!.height).toBeLessThanOrEqual(80);
      const menu = page.getByRole('button', { name: 'Menu' });
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);

      // Keyboard: skip link, the title, then the Menu button.
      await tabTo(page, '.app-header__menu-button', 3);
      await page.keyboard.press('Enter');
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await page.getByRole('link', { name: 'Coverage' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Escape');
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await focusIs(page, '.app-header__menu-button')).toBe(true);

      // The credits are folded, one press away.
      const attribution = page.locator('.leaflet-control-attribution');
      const info = page.getByRole('button', { name: 'Map data sources and licences' });
      expect(await attribution.isVisible()).toBe(false);
      const infoBox = await info.boundingBox();
      expect(infoBox!.width).toBeGreaterThanOrEqual(24);
      expect(infoBox!.height).toBeGreaterThanOrEqual(24);
      await info.focus();
      await page.keyboard.press('Enter');
      expect(await info.getAttribute('aria-expanded')).toBe('true');
      expect(await attribution.textContent()).toContain('Office for National Statistics');
      expect(await attribution.isVisible()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await fs.mkdir('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/map-375.png' });
    } finally {
      await page.close();
    }
  });
});
