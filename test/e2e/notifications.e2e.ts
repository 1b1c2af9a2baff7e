import fs from 'node:fs/promises';
import { describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { ActivityView } from '@shared/schemas/activities';
import type { MeView } from '@shared/schemas/accounts';
import type { OutgoingMailPage } from '@shared/schemas/notifications';
import type { SpoView, TenderView } from '@shared/schemas/tenders';
import { buildActivity, buildOrganisation, buildTender } from '../../seed/factories';
import { chromiumAvailable } from '../support/browser';
import {
  apiSession,
  expectJson,
  signUpThroughApi,
  tabTo,
  useE2eSession,
  type ApiCall,
} from '../support/e2e-session';
import { axeViolations } from './axe';

const run = chromiumAvailable();

// A first start seeds the whole demo into a database of its own; on a busy machine that alone
// can pass the default two minutes.
jest.setTimeout(240_000);

async function signIn(page: Page, url: string, email: string, password = 'demo-password') {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('nav-user').waitFor({ timeout: 15_000 });
}

/** Waits until nothing on the page is still loading. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.loading-message').length === 0, {
    timeout: 15_000,
  });
}

/** The id of the person's organisation of this kind. */
async function organisationOf(api: ApiCall, kind: string): Promise<string> {
  const me = await expectJson<MeView>(api('/api/me'));
  const organisation = me.organisations.find((o) => o.kind === kind);
  if (!organisation) throw new Error(`No ${kind} organisation`);
  return organisation.id;
}

/**
 * Sets the scene for one link-up request to the demo provider: a new activity of its own, a
 * new tender of the demo buyer, open, and a new supplier's draft SPO for it. Answers a
 * function that adds a cash line to that activity, which notifies the provider's members.
 */
async function linkRequestScene(url: string) {
  const provider = await apiSession(url, 'provider@demo.test');
  const buyer = await apiSession(url, 'buyer@demo.test');
  const providerId = await organisationOf(provider, 'provider');
  const activity = await expectJson<ActivityView>(
    provider('/api/activities', {
      method: 'POST',
      body: JSON.stringify({ providerId, ...buildActivity() }),
    }),
    201,
  );
  const buyerId = await organisationOf(buyer, 'buyer');
  const draft = await expectJson<TenderView>(
    buyer('/api/tenders', {
      method: 'POST',
      // In Northern Ireland, where the provider has no activity: no new-tender match for it
      // arrives while the test counts (one could come at any time from the jobs' tick).
      body: JSON.stringify({ buyerId, ...buildTender({ territories: ['N23000001'] }) }),
    }),
    201,
  );
  const tender = await expectJson<TenderView>(
    buyer(`/api/tenders/${draft.id}/transition`, {
      method: 'POST',
      body: JSON.stringify({ status: 'open' }),
    }),
  );
  const supplierName = `Notifying Supplies ${Date.now()}`;
  const supplier = await signUpThroughApi(url, {
    organisation: buildOrganisation('supplier', { name: supplierName }),
  });
  const supplierId = await organisationOf(supplier.api, 'supplier');
  const spo = await expectJson<SpoView>(
    supplier.api(`/api/tenders/${tender.id}/spos`, {
      method: 'POST',
      body: JSON.stringify({ supplierId }),
    }),
    201,
  );
  // Publishing runs the matching job at once, which may tell the provider of the new tender:
  // the count must be still before the test starts watching it.
  await unreadSettles(provider);
  return {
    activity,
    supplierName,
    addLine: () =>
      expectJson<SpoView>(
        supplier.api(`/api/spos/${spo.id}/lines`, {
          method: 'POST',
          body: JSON.stringify({ activityId: activity.id, kind: 'cash', annualPence: 250_000 }),
        }),
        201,
      ),
  };
}

/** Waits (up to 15 s) until `check` answers true. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Waited in vain until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the person's unread count has not changed for a second and a half. */
async function unreadSettles(api: ApiCall): Promise<void> {
  const count = async () =>
    (await expectJson<{ unread: number }>(api('/api/notifications/unread'))).unread;
  let last = await count();
  for (let still = 0; still < 3;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await count();
    still = now === last ? still + 1 : 0;
    last = now;
  }
}

/** The unread count the header's Notifications link names ("Notifications, 3 unread"). */
async function headerUnread(page: Page): Promise<number> {
  const link = page.getByTestId('nav-notifications');
  const name = (await link.getByTestId('unread-in-words').textContent()) ?? '';
  const match = /^Notifications, (\d+|none) unread$/.exec(name);
  if (!match) throw new Error(`The Notifications link is named ${JSON.stringify(name)}`);
  return match[1] === 'none' ? 0 : Number(match[1]);
}

/** Waits (up to 15 s) for the header's count to be `want`, without reloading the page. */
async function headerUnreadBecomes(page: Page, want: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  let now = await headerUnread(page);
  while (now !== want) {
    if (Date.now() > deadline) throw new Error(`The header still says ${now} unread, not ${want}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    now = await headerUnread(page);
  }
}

(run ? describe : describe.skip)('notifications in the browser', () => {
  const e2e = useE2eSession({ ownDatabase: true });

  it('raises the header’s unread count live, lists the request, and marks it read once followed', async () => {
    const { page, url } = e2e;
    const scene = await linkRequestScene(url);
    await signIn(page, url, 'provider@demo.test');
    await page.goto(`${url}/notifications`);
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);
    const before = await headerUnread(page);

    // The supplier asks to link the provider's activity: the count rises with no reload.
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    await scene.addLine();
    await headerUnreadBecomes(page, before + 1);
    expect(await page.evaluate(() => 'notReloaded' in window)).toBe(true);
    expect(await page.getByTestId('unread-count').textContent()).toBe(String(before + 1));
    const named = page.getByRole('link', { name: `Notifications, ${before + 1} unread` });
    expect(await named.count()).toBe(1);

    // The list refetched too: the newest first, unread in words as well as in looks.
    const item = page.getByTestId('notification').first();
    await item
      .getByRole('link')
      .filter({ hasText: scene.activity.title })
      .waitFor({ timeout: 15_000 });
    expect(await item.getAttribute('data-read')).toBe('false');
    expect(await item.textContent()).toContain('Unread');
    expect(await item.textContent()).toContain(scene.supplierName);
    expect(await axeViolations(page)).toEqual([]);
    await fs.mkdir('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/notifications-list.png' });

    // Marked read and unread again by its button, the count following.
    await item.getByRole('button', { name: /^Mark as read/ }).click();
    await headerUnreadBecomes(page, before);
    expect(await page.getByTestId('notifications-status').textContent()).toContain(
      'marked as read',
    );
    await item.getByRole('button', { name: /^Mark as unread/ }).click();
    await headerUnreadBecomes(page, before + 1);

    // The unread filter shows it; following its link leads to the inbox and marks it read.
    await page.getByLabel('Show').selectOption('unread');
    await page.waitForURL(/show=unread/);
    const unread = page.getByTestId('notification').filter({ hasText: scene.activity.title });
    await unread.first().waitFor({ timeout: 15_000 });
    await unread.first().getByRole('link').click();
    await page.waitForURL(/\/link-requests$/);
    await headerUnreadBecomes(page, before);
    await page.getByTestId('nav-notifications').click();
    await page.waitForURL(/\/notifications$/);
    const followed = page.getByTestId('notification').filter({ hasText: scene.activity.title });
    await followed.first().waitFor({ timeout: 15_000 });
    await until(
      'the followed notification shows as read',
      async () => (await followed.first().getAttribute('data-read')) === 'true',
    );

    // Mark all as read leaves nothing unread, and the unread filter says so (with one unread
    // again first: the provider may have had nothing else unread).
    await followed
      .first()
      .getByRole('button', { name: /^Mark as unread/ })
      .click();
    await headerUnreadBecomes(page, before + 1);
    await page.getByTestId('mark-all-read').click();
    await headerUnreadBecomes(page, 0);
    await page.getByLabel('Show').selectOption('unread');
    await page.getByTestId('notifications-empty').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('notifications-empty').textContent()).toContain(
      'no unread notifications',
    );
    expect(await axeViolations(page)).toEqual([]);
  });

  it('brings the header’s count up to date when the connection comes back after a drop', async () => {
    const { page, url } = e2e;
    const scene = await linkRequestScene(url);
    await signIn(page, url, 'provider@demo.test');
    await page.goto(`${url}/notifications`);
    await settled(page);
    const before = await headerUnread(page);

    // Offline, the request is missed; once back, it is caught up without a reload.
    await page.context().setOffline(true);
    await scene.addLine();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await headerUnread(page)).toBe(before);
    await page.context().setOffline(false);
    await headerUnreadBecomes(page, before + 1);
    const item = page.getByTestId('notification').first();
    await item
      .getByRole('link')
      .filter({ hasText: scene.activity.title })
      .waitFor({ timeout: 15_000 });
  });

  it('takes a keyboard from the header to the list and marks a notification by its button', async () => {
    const { page, url } = e2e;
    const scene = await linkRequestScene(url);
    await scene.addLine();
    await signIn(page, url, 'provider@demo.test');
    await page.goto(`${url}/home`);
    await page.getByTestId('nav-notifications').waitFor({ timeout: 15_000 });
    await tabTo(page, '[data-testid="nav-notifications"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/notifications$/);
    await page.getByTestId('notification').first().waitFor({ timeout: 15_000 });
    const before = await headerUnread(page);
    const button = 'li[data-testid="notification"] button';
    await tabTo(page, button);
    const wasUnread = (await page.evaluate('document.activeElement.textContent')) as string;
    await page.keyboard.press('Enter');
    await headerUnreadBecomes(page, wasUnread.startsWith('Mark as read') ? before - 1 : before + 1);
    expect(await page.getByTestId('notifications-status').textContent()).toMatch(
      /marked as (read|unread)/,
    );
  });

  it('saves the email choices and the tenders to hear of, which a reload keeps', async () => {
    const { page, url } = e2e;
    await signIn(page, url, 'provider@demo.test');
    await page.goto(`${url}/notifications`);
    await page.getByTestId('preferences-link').click();
    await page.waitForURL(/\/notifications\/preferences$/);
    await page.getByTestId('preferences-form').waitFor({ timeout: 15_000 });
    await settled(page);
    // The demo's addresses are verified: no warning.
    expect(await page.getByTestId('email-unverified').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    const requests = page.getByRole('group', { name: 'Link-up requests on your activities' });
    await requests.getByLabel('Daily digest email').check();
    const verified = page.getByRole('group', { name: 'Your organisation verified' });
    await verified.getByLabel('In the app only').check();
    await page.getByRole('button', { name: 'Save email choices' }).click();
    await page
      .getByTestId('preferences-status')
      .getByText('Your email choices are saved.')
      .waitFor({ timeout: 15_000 });

    await page.getByLabel('Filter territories').fill('Thames');
    await page.getByLabel('Thames Valley').check();
    await page.getByLabel('Safer').check();
    await page.getByRole('button', { name: 'Save tenders to hear of' }).click();
    await page.getByTestId('interest-status').getByText('are saved').waitFor({ timeout: 15_000 });
    expect(await axeViolations(page)).toEqual([]);

    await page.reload();
    await page.getByTestId('preferences-form').waitFor({ timeout: 15_000 });
    await settled(page);
    expect(await requests.getByLabel('Daily digest email').isChecked()).toBe(true);
    expect(await verified.getByLabel('In the app only').isChecked()).toBe(true);
    expect(
      await page
        .getByRole('group', { name: 'Awards that name your SPO or activity' })
        .getByLabel('Email me straight away')
        .isChecked(),
    ).toBe(true);
    expect(await page.getByLabel('Thames Valley').isChecked()).toBe(true);
    await page.screenshot({ path: 'test-results/notification-preferences.png', fullPage: true });
    expect(await page.getByLabel('Safer').isChecked()).toBe(true);
    expect(await page.getByLabel('Healthier').isChecked()).toBe(false);
  });

  it('shows an administrator the outgoing mail, and stops one kind of email from its link only when asked', async () => {
    const { page, url } = e2e;
    // A request emailed straight away (the provider's default for link-up requests).
    const provider = await apiSession(url, 'provider@demo.test');
    await expectJson(
      provider('/api/notifications/preferences', {
        method: 'PUT',
        body: JSON.stringify({ preferences: [{ kind: 'link_request', channel: 'email' }] }),
      }),
    );
    const scene = await linkRequestScene(url);
    await scene.addLine();

    await signIn(page, url, 'admin@demo.test');
    await page.getByTestId('nav-outgoing-mail').click();
    await page.waitForURL(/\/admin\/outgoing-mail$/);
    const table = page.getByTestId('outgoing-mail-table');
    await table.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('no-transport').textContent()).toContain(
      'No mail server is set (SMTP_URL): messages stay here and are not sent',
    );
    const row = page
      .getByTestId('outgoing-mail-row')
      .filter({ hasText: scene.activity.title })
      .first();
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('provider@demo.test');
    expect(await axeViolations(page)).toEqual([]);

    // The subject opens the text part; the HTML part only in a sandboxed frame, on demand.
    const subject = row.getByRole('button');
    await subject.click();
    expect(await subject.getAttribute('aria-expanded')).toBe('true');
    const text = (await page.getByTestId('outgoing-mail-text').first().textContent()) ?? '';
    expect(text).toContain(scene.supplierName);
    await page.getByRole('button', { name: 'Show the HTML version' }).click();
    await page.screenshot({ path: 'test-results/outgoing-mail.png', fullPage: true });
    expect(await page.locator('iframe.outgoing-mail__html').getAttribute('sandbox')).toBe('');
    await page.getByRole('button', { name: 'Hide the HTML version' }).click();
    expect(await axeViolations(page)).toEqual([]);

    // Filtered by recipient and by status.
    const rowsTo = (address: string) =>
      page.getByTestId('outgoing-mail-row').filter({ hasText: address }).count();
    await page.getByLabel('Recipient').fill('buyer@demo.test');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/to=buyer/);
    await until('only the buyer’s mail is listed', async () => (await rowsTo('provider@')) === 0);
    await page.getByLabel('Recipient').fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    await until('everyone’s mail is listed', async () => (await rowsTo('provider@')) > 0);
    await page.getByLabel('Status').selectOption('failed');
    await page.waitForURL(/status=failed/);
    await until('only failed mail is listed', async () => (await rowsTo('provider@')) === 0);

    // The email's own unsubscribe link, opened with nobody signed in.
    const admin = await apiSession(url, 'admin@demo.test');
    const mail = await expectJson<OutgoingMailPage>(
      admin('/api/admin/outgoing-mail?to=provider@demo.test&pageSize=100'),
    );
    const message = mail.items.find((m) => m.text.includes(scene.activity.title));
    const link = /\/unsubscribe\?(\S+)/.exec(message?.text ?? '')?.[1];
    expect(link).toBeDefined();
    await page.context().clearCookies();
    await page.goto(`${url}/unsubscribe?${link}`);
    await page.getByTestId('unsubscribe-ask').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('unsubscribe-ask').textContent()).toContain(
      'link-up requests on your activities',
    );
    // Opening the page stopped nothing.
    const still = await expectJson<{ preferences: { kind: string; channel: string }[] }>(
      provider('/api/notifications/preferences'),
    );
    expect(still.preferences.find((p) => p.kind === 'link_request')?.channel).toBe('email');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('unsubscribe-button').click();
    await page.getByTestId('unsubscribe-done').waitFor({ timeout: 15_000 });
    const after = await expectJson<{ preferences: { kind: string; channel: string }[] }>(
      provider('/api/notifications/preferences'),
    );
    expect(after.preferences.find((p) => p.kind === 'link_request')?.channel).toBe('app');
    expect(await axeViolations(page)).toEqual([]);

    // A link altered on its way is refused, clearly.
    await page.goto(`${url}/unsubscribe?${link!.replace(/t=[^&]+/, `t=${'x'.repeat(43)}`)}`);
    await page.getByTestId('unsubscribe-button').click();
    await page.getByTestId('unsubscribe-invalid').waitFor({ timeout: 15_000 });
    await page.goto(`${url}/unsubscribe?p=nonsense`);
    await page.getByTestId('unsubscribe-invalid').waitFor({ timeout: 15_000 });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('refuses the outgoing mail to someone who is not an administrator, with no link to it', async () => {
    const { page, url } = e2e;
    await signIn(page, url, 'supplier@demo.test');
    expect(await page.getByTestId('nav-outgoing-mail').count()).toBe(0);
    await page.goto(`${url}/admin/outgoing-mail`);
    await page.getByTestId('outgoing-mail-refused').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('outgoing-mail-table').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});
