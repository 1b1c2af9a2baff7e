import fs from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { ActivityView } from '@shared/schemas/activities';
import { buildActivity, buildOrganisation } from '../../seed/factories';
import { chromiumAvailable } from '../support/browser';
import {
  expectJson,
  signInByKeyboard,
  signUpThroughApi,
  tabTo,
  textOnceItHas,
  useE2eSession,
  waitForFocus,
} from '../support/e2e-session';
import { axeViolations } from './axe';

const run = chromiumAvailable();

const HEADING = '.activity-form__heading';

/** The step heading once it reads `want` and has the focus, as after Continue. */
async function stepShown(page: Page, want: string): Promise<void> {
  expect(await textOnceItHas(page, HEADING, want)).toBe(want);
}

/** Tabs to the form's Continue (or final) button and presses Enter, as a keyboard user. */
async function pressContinue(page: Page): Promise<void> {
  await tabTo(page, '.activity-form__actions button[type="submit"]');
  await page.keyboard.press('Enter');
}

(run ? describe : describe.skip)('the activity form, in steps', () => {
  const e2e = useE2eSession();

  it('lists an activity by keyboard alone: steps, GOV.UK errors, place search, a draft that survives a reload, the check', async () => {
    const { page, url } = e2e;
    const provider = await signUpThroughApi(url, { organisation: buildOrganisation('provider') });
    await signInByKeyboard(page, url, provider.email, provider.password);
    await page.goto(`${url}/activities/new`);
    await page.getByTestId('activity-form').waitFor({ timeout: 15_000 });

    // Step 1, sent empty: the problems in GOV.UK's words, the focus on them.
    await stepShown(page, 'Step 1 of 5: About the activity');
    expect(await page.getByText('Title (optional)').count()).toBe(0);
    expect(await page.getByText('Description (optional)').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, 'input[name="title"]');
    await page.keyboard.press('Enter');
    await waitForFocus(page, '[data-testid="activity-form-problems"]');
    const problems = (await page.getByTestId('activity-form-problems').textContent()) ?? '';
    expect(problems).toContain('Enter a title');
    expect(problems).toContain('Enter a summary');
    expect(problems).not.toContain('must be at least');
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, 'input[name="title"]');
    await page.keyboard.type('Saturday football for teenagers');
    await tabTo(page, 'textarea[name="summary"]');
    await page.keyboard.type('Coached football and a hot meal for young people in east Oxford.');
    await pressContinue(page);

    // Step 2: a theme and a category.
    await stepShown(page, 'Step 2 of 5: What it does and for whom');
    await waitForFocus(page, HEADING);
    expect(await axeViolations(page)).toEqual([]);
    await pressContinue(page);
    await waitForFocus(page, '[data-testid="activity-form-problems"]');
    expect(await page.getByTestId('activity-form-problems').textContent()).toContain(
      'Select at least one theme',
    );
    await tabTo(page, 'input[name="themes"][value="safer"]');
    await page.keyboard.press('Space');
    await tabTo(page, 'select[name="category"]');
    await page.keyboard.type('Youth');
    expect(await page.locator('select[name="category"]').inputValue()).toBe('youth_diversion');
    await pressContinue(page);

    // Step 3: the place found by its postcode district moves the pin.
    await stepShown(page, 'Step 3 of 5: Where it happens');
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, 'input[role="combobox"]');
    await page.keyboard.type('OX4');
    await page.getByRole('option', { name: /^OX4 Postcode district near Oxford/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    expect(await textOnceItHas(page, '[data-testid="activity-location-where"]', 'OX4')).toContain(
      'OX4, postcode district near Oxford',
    );
    await fs.mkdir('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/activity-form-place.png', fullPage: true });
    await tabTo(page, '[data-testid="activity-form-save-draft"]');
    await page.keyboard.press('Enter');
    await textOnceItHas(page, '.activity-form__saved', 'Draft saved');

    // The draft survives a reload, where it was left.
    await page.reload();
    await stepShown(page, 'Step 3 of 5: Where it happens');
    expect(await textOnceItHas(page, '[data-testid="activity-location-where"]', 'OX4')).toContain(
      'OX4, postcode district near Oxford',
    );
    await pressContinue(page);

    // Step 4: people reached.
    await stepShown(page, 'Step 4 of 5: Its impact');
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, 'input[name="peopleReached"]');
    await page.keyboard.type('60');
    await pressContinue(page);

    // Step 5: a TOMs measure found by a plain word.
    await stepShown(page, 'Step 5 of 5: Needs, social value and status');
    await tabTo(page, 'input[type="search"]');
    await page.keyboard.type('youth');
    const apprenticeships = 'input[name="measures"][value="national-toms-starter NT10"]';
    await page.locator(apprenticeships).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, apprenticeships);
    await page.keyboard.press('Space');
    await pressContinue(page);

    // The check, then listing.
    await stepShown(page, 'Check your answers before listing the activity');
    const check = (await page.getByTestId('activity-check-answers').textContent()) ?? '';
    expect(check).toContain('Saturday football for teenagers');
    expect(check).toContain('OX4, postcode district near Oxford');
    expect(check).toContain('NT10');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/activity-form-check.png', fullPage: true });
    await pressContinue(page);
    await page.waitForURL(/\/activities\/[0-9a-f-]{36}$/, { timeout: 30_000 });

    const id = page.url().split('/').at(-1)!;
    const listed = await expectJson<ActivityView>(provider.api(`/api/activities/${id}`));
    expect(listed).toMatchObject({
      title: 'Saturday football for teenagers',
      themes: ['safer'],
      category: 'youth_diversion',
      territory: { code: 'E23000029' },
      measures: [expect.objectContaining({ code: 'NT10' })],
    });
    expect(listed.location.lat).toBeCloseTo(51.73, 1);
    // Listed: the draft is gone from the browser, and the form starts blank.
    await page.goto(`${url}/activities/new`);
    await stepShown(page, 'Step 1 of 5: About the activity');
    expect(await page.locator('input[name="title"]').inputValue()).toBe('');
  });

  it('edits from the check of every answer, and says to reload when someone saved in between', async () => {
    const { page, url } = e2e;
    const provider = await signUpThroughApi(url, { organisation: buildOrganisation('provider') });
    const activity = await expectJson<ActivityView>(
      provider.api('/api/activities', { method: 'POST', body: JSON.stringify(buildActivity()) }),
      201,
    );
    await signInByKeyboard(page, url, provider.email, provider.password);
    await page.goto(`${url}/activities/${activity.id}/edit`);

    // Editing opens on the check, with every part of the activity a step away.
    await stepShown(page, 'Check your changes');
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, '[data-testid="activity-check-change-about"]');
    await page.keyboard.press('Enter');
    await stepShown(page, 'Step 1 of 5: About the activity');
    await tabTo(page, 'input[name="title"]');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Youth club, renamed');

    // Meanwhile someone else saves a change.
    await expectJson(
      provider.api(`/api/activities/${activity.id}`, {
        method: 'PATCH',
        body: JSON.stringify({ summary: 'Changed by a colleague in the meantime, elsewhere.' }),
      }),
    );

    await pressContinue(page);
    await stepShown(page, 'Check your changes');
    await pressContinue(page);
    const conflict = page.getByTestId('activity-edit-conflict');
    await conflict.waitFor({ timeout: 15_000 });
    expect(await conflict.textContent()).toContain(
      'Someone changed this activity after you opened it',
    );
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, '[data-testid="activity-edit-conflict"] a');
    await page.keyboard.press('Enter');
    await stepShown(page, 'Check your changes');
    expect(await page.getByTestId('activity-check-answers').textContent()).toContain(
      'Changed by a colleague',
    );
  });
});
