import fs from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { ActivityView } from '@shared/schemas/activities';
import type { MeView } from '@shared/schemas/accounts';
import type { SpoView, TenderCreateInput, TenderView } from '@shared/schemas/tenders';
import { buildActivity, buildOrganisation, buildTender } from '../../seed/factories';
import { chromiumAvailable } from '../support/browser';
import {
  apiSession,
  expectJson,
  focused,
  signInByKeyboard,
  signUpThroughApi,
  tabTo,
  useE2eSession,
  waitForFocus,
  type ApiCall,
} from '../support/e2e-session';
import { axeViolations } from './axe';

const run = chromiumAvailable();

// Journeys through the consequential actions, by keyboard alone once a page is open (Tab,
// Shift+Tab, Enter, Space and typing), each page and state checked with axe-core: a check
// step before sealing an SPO, a receipt after submitting, publishing and awarding, a status
// message after answering a link-up request, the focus on the problem after a failed sign-in.

/** The id of the person's organisation of this kind. */
async function organisationOf(api: ApiCall, kind: string): Promise<string> {
  const me = await expectJson<MeView>(api('/api/me'));
  const organisation = me.organisations.find((o) => o.kind === kind);
  if (!organisation) throw new Error(`No ${kind} organisation`);
  return organisation.id;
}

/** A new activity of the demo provider, in Thames Valley, as the tenders below cover. */
async function providerActivity(provider: ApiCall): Promise<ActivityView> {
  const providerId = await organisationOf(provider, 'provider');
  return expectJson<ActivityView>(
    provider('/api/activities', {
      method: 'POST',
      body: JSON.stringify({ providerId, ...buildActivity() }),
    }),
    201,
  );
}

/** A tender of the demo buyer, published (open for bids). */
async function publishedTender(
  buyer: ApiCall,
  overrides: Partial<TenderCreateInput> = {},
): Promise<TenderView> {
  const draft = await draftTender(buyer, overrides);
  return expectJson<TenderView>(
    buyer(`/api/tenders/${draft.id}/transition`, {
      method: 'POST',
      body: JSON.stringify({ status: 'open' }),
    }),
  );
}

async function draftTender(
  buyer: ApiCall,
  overrides: Partial<TenderCreateInput> = {},
): Promise<TenderView> {
  const buyerId = await organisationOf(buyer, 'buyer');
  return expectJson<TenderView>(
    buyer('/api/tenders', {
      method: 'POST',
      body: JSON.stringify({ buyerId, ...buildTender(overrides) }),
    }),
    201,
  );
}

/** A supplier's draft SPO for the tender with one cash line to the activity (awaiting its provider). */
async function spoWithCashLine(
  supplier: ApiCall,
  tender: TenderView,
  activity: ActivityView,
  annualPence: number,
): Promise<SpoView> {
  const supplierId = await organisationOf(supplier, 'supplier');
  const spo = await expectJson<SpoView>(
    supplier(`/api/tenders/${tender.id}/spos`, {
      method: 'POST',
      body: JSON.stringify({ supplierId }),
    }),
    201,
  );
  return expectJson<SpoView>(
    supplier(`/api/spos/${spo.id}/lines`, {
      method: 'POST',
      body: JSON.stringify({ activityId: activity.id, kind: 'cash', annualPence }),
    }),
    201,
  );
}

async function accept(provider: ApiCall, spo: SpoView): Promise<void> {
  for (const line of spo.lines) {
    await expectJson(
      provider(`/api/spos/${spo.id}/lines/${line.id}/response`, {
        method: 'POST',
        body: JSON.stringify({ decision: 'accepted', note: 'Welcome' }),
      }),
    );
  }
}

/** Whether anything in the element matching `selector` is cut off or runs out of it. */
async function overflowing(page: Page, selector: string): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const root = document.querySelector(${JSON.stringify(selector)});
    if (!root) return ['missing: ' + ${JSON.stringify(selector)}];
    const out = [];
    if (root.scrollWidth > root.clientWidth + 1) out.push('the table scrolls sideways');
    for (const el of root.querySelectorAll('th, .button, .badge')) {
      if (el.scrollWidth > el.clientWidth + 1) out.push('cut off: ' + el.textContent.trim());
    }
    return out;
  })()`)) as string[];
}

/** Whether the element's box lies within the window. */
async function inView(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox();
  const size = page.viewportSize();
  return (
    box !== null &&
    size !== null &&
    box.y >= 0 &&
    box.y + box.height <= size.height &&
    box.x >= 0 &&
    box.x + box.width <= size.width
  );
}

(run ? describe : describe.skip)('journeys by keyboard, with checks and receipts', () => {
  const e2e = useE2eSession();

  it('lets a supplier build, check and submit an SPO by keyboard alone, with a receipt', async () => {
    const { page, url } = e2e;
    const provider = await apiSession(url, 'provider@demo.test');
    const buyer = await apiSession(url, 'buyer@demo.test');
    const activity = await providerActivity(provider);
    const tender = await publishedTender(buyer);
    const supplier = await signUpThroughApi(url, {
      organisation: buildOrganisation('supplier', { name: `Keyboard Supplies ${Date.now()}` }),
    });

    await signInByKeyboard(page, url, supplier.email, supplier.password);
    await page.goto(`${url}/tenders/${tender.id}`);
    await page.getByTestId('prepare-spo').waitFor();
    await tabTo(page, '[data-testid="prepare-spo"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/spos\/[^/]+$/, { timeout: 15_000 });
    const spoId = new URL(page.url()).pathname.split('/').pop()!;

    // Find the activity by its title, choose it, and commit £7,500 a year in cash.
    await page.getByTestId('spo-builder').waitFor();
    await tabTo(page, 'input[type="search"]');
    await page.keyboard.type(`"${activity.title}"`);
    await page.keyboard.press('Enter');
    const choose = `button[aria-label=${JSON.stringify(`Choose ${activity.title}`)}]`;
    await page.locator(choose).first().waitFor({ timeout: 15_000 });
    await tabTo(page, choose);
    await page.keyboard.press('Enter');
    await waitForFocus(page, '.spo-line-form__heading');
    await tabTo(page, 'input[name="amount"]');
    await page.keyboard.type('7500');
    await page.keyboard.press('Enter');
    await page.getByTestId('spo-line').first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('spo-submit').isDisabled()).toBe(true);

    // The provider accepts; the supplier comes back to a Submit that leads to the check.
    await accept(provider, await expectJson<SpoView>(supplier.api(`/api/spos/${spoId}`)));
    await page.reload();
    await page.locator('a[data-testid="spo-submit"]').waitFor({ timeout: 15_000 });
    await tabTo(page, '[data-testid="spo-submit"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/check$/, { timeout: 15_000 });

    const check = page.getByTestId('spo-check');
    await check.getByTestId('spo-seal').waitFor();
    expect(await check.locator('h2').textContent()).toBe(
      'Check your Social Purchase Order before you seal it',
    );
    const line = (await page.getByTestId('spo-check-line').textContent()) ?? '';
    expect(line).toContain(activity.title);
    expect(line).toContain('Cash');
    expect(line).toContain('£7,500 a year');
    // £7,500 a year on a £1.5m contract: £5,000 per £1m, the baseline exactly.
    const figures = check.getByTestId('spo-figures');
    expect(await figures.getAttribute('data-rate-pence')).toBe('500000');
    expect(await figures.getAttribute('data-band')).toBe('baseline');
    const sealing = (await check.textContent()) ?? '';
    expect(sealing).toContain('sees it only once bids close');
    expect(sealing).toContain('public only if the contract is awarded');
    expect(sealing).toContain('Until the award you can withdraw it');
    expect(await check.getByRole('link', { name: /^Change the line for/ }).count()).toBe(1);
    expect((await fetch(`${url}/api/spos/${spoId}`)).status).toBe(404);
    expect(await axeViolations(page)).toEqual([]);
    await fs.mkdir('test-results', { recursive: true });
    await check.screenshot({ path: 'test-results/spo-check.png' });

    await tabTo(page, '[data-testid="spo-seal"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/spos/${spoId}$`), { timeout: 15_000 });
    await waitForFocus(page, '[data-testid="spo-submitted-panel"]');
    const panel = (await page.getByTestId('spo-submitted-panel').textContent()) ?? '';
    expect(panel).toContain('Social Purchase Order submitted');
    expect(panel).toContain('Version 1');
    expect(panel).toContain('What happens next');
    expect(await page.getByTestId('spo-submission').textContent()).toMatch(/[0-9a-f]{12}/);
    const sealed = await expectJson<SpoView>(supplier.api(`/api/spos/${spoId}`));
    expect([sealed.status, sealed.version]).toEqual(['submitted', 1]);
    expect(await axeViolations(page)).toEqual([]);
    await page
      .getByTestId('spo-submitted-panel')
      .screenshot({ path: 'test-results/spo-submitted.png' });
  });

  it('lets a buyer evaluate and award a closed tender by keyboard alone, at 1280 and 375 px', async () => {
    const { page, url } = e2e;
    const provider = await apiSession(url, 'provider@demo.test');
    const buyer = await apiSession(url, 'buyer@demo.test');
    const activity = await providerActivity(provider);
    // Bids close a few seconds ahead: time enough to submit two SPOs through the API, then
    // the tender closes by itself (the e2e server's database is its own process's).
    const closesAt = Date.now() + 30_000;
    const tender = await publishedTender(buyer, {
      title: `Evaluation by keyboard ${Date.now()}`,
      closesAt: new Date(closesAt).toISOString(),
    });
    const bidders = [
      { api: await apiSession(url, 'supplier@demo.test'), annualPence: 900_000 },
      {
        api: (
          await signUpThroughApi(url, {
            organisation: buildOrganisation('supplier', { name: `Second Bidder ${Date.now()}` }),
          })
        ).api,
        annualPence: 1_200_000,
      },
    ];
    const spos: SpoView[] = [];
    for (const { api, annualPence } of bidders) {
      const spo = await spoWithCashLine(api, tender, activity, annualPence);
      await accept(provider, spo);
      spos.push(await expectJson<SpoView>(api(`/api/spos/${spo.id}/submit`, { method: 'POST' })));
    }
    const [lower, higher] = spos as [SpoView, SpoView];
    expect(Date.now()).toBeLessThan(closesAt);
    await new Promise((resolve) => setTimeout(resolve, closesAt - Date.now() + 1_000));

    await signInByKeyboard(page, url, 'buyer@demo.test');
    await page.goto(`${url}/tenders/${tender.id}`);
    const evaluation = page.getByTestId('tender-evaluation');
    await page.getByTestId('evaluation-row').nth(1).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('evaluation-row').first().getAttribute('data-spo-id')).toBe(
      higher.id,
    );

    // 1280 px: every heading and button whole, nothing scrolling sideways.
    expect(await overflowing(page, '.evaluation-table__frame')).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await fs.mkdir('test-results', { recursive: true });
    await evaluation.screenshot({ path: 'test-results/evaluation-1280.png' });
    // Award is the one primary action; cancelling and marking not credible are quieter.
    const classOf = (selector: string) => page.locator(selector).first().getAttribute('class');
    expect(await classOf('[data-testid="award-continue"]')).not.toMatch(/secondary|warning/);
    expect(await classOf('[data-testid="mark-not-credible"]')).toMatch(/button--warning/);
    expect(await classOf('[data-testid="tender-cancel"]')).toMatch(/button--warning/);
    const cancelBelowAward = await page.evaluate(`(() => {
      const award = document.querySelector('[data-testid="award"]');
      const cancel = document.querySelector('[data-testid="tender-cancel"]');
      return !!award && !!cancel &&
        !!(award.compareDocumentPosition(cancel) & Node.DOCUMENT_POSITION_FOLLOWING);
    })()`);
    expect(cancelBelowAward).toBe(true);

    // 375 px: each SPO a card, naming its figures; nothing wider than the screen.
    await page.setViewportSize({ width: 375, height: 812 });
    const display = await page.evaluate(
      `getComputedStyle(document.querySelector('[data-testid="evaluation-row"]')).display`,
    );
    expect(display).toBe('block');
    const pageOverflow = await page.evaluate(`(() => {
      const scroller = document.querySelector('.page');
      return scroller ? scroller.scrollWidth - scroller.clientWidth : -1;
    })()`);
    expect(pageOverflow).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await evaluation.screenshot({ path: 'test-results/evaluation-375.png' });
    await page.setViewportSize({ width: 1280, height: 800 });

    // Mark the lower bid not credible, with a reason, in the row under it; the focus comes
    // back to its button, which now offers to undo it.
    const lowerRow = `tr[data-spo-id="${lower.id}"]`;
    await tabTo(page, `${lowerRow} [data-testid="mark-not-credible"]`);
    await page.keyboard.press('Enter');
    await waitForFocus(page, '[data-testid="credibility-question"] textarea');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.type('The activity cannot take this much');
    await tabTo(page, '[data-testid="mark-not-credible-confirm"]');
    await page.keyboard.press('Enter');
    await waitForFocus(page, `${lowerRow} [data-testid="mark-credible"]`);
    expect(await page.locator(lowerRow).getAttribute('data-score')).toBe('0');

    // Award: choose the winner, keep the tender's start date, continue, check, award.
    await tabTo(page, `input[type="radio"][value="${higher.id}"]`);
    await page.keyboard.press('Space');
    await tabTo(page, '[data-testid="award-continue"]');
    await page.keyboard.press('Enter');
    await waitForFocus(page, '[data-testid="award"] h4');
    const summary = (await page.getByTestId('award-check').textContent()) ?? '';
    expect(summary).toContain(higher.supplier.name);
    expect(summary).toContain('1 April 2027, for 3 years');
    expect(await page.locator('.warning-text').textContent()).toContain(
      'The award is final and public.',
    );
    expect(await axeViolations(page)).toEqual([]);
    await evaluation.screenshot({ path: 'test-results/award-check.png' });
    await tabTo(page, '[data-testid="award-confirm"]');
    await page.keyboard.press('Enter');

    await waitForFocus(page, '[data-testid="tender-awarded-panel"]');
    const panel = page.getByTestId('tender-awarded-panel');
    await panel.getByText(higher.supplier.name, { exact: false }).waitFor({ timeout: 15_000 });
    expect(await panel.textContent()).toContain('Contract awarded');
    const awarded = await expectJson<TenderView>(buyer(`/api/tenders/${tender.id}`));
    expect([awarded.status, awarded.awardedSpoId]).toEqual(['awarded', higher.id]);
    expect(await axeViolations(page)).toEqual([]);
    await panel.screenshot({ path: 'test-results/tender-awarded.png' });
  });

  it('lets a buyer publish a draft tender by keyboard and receive a receipt', async () => {
    const { page, url } = e2e;
    const buyer = await apiSession(url, 'buyer@demo.test');
    const draft = await draftTender(buyer, { title: `Published by keyboard ${Date.now()}` });

    await signInByKeyboard(page, url, 'buyer@demo.test');
    await page.goto(`${url}/tenders/${draft.id}`);
    await page.getByTestId('tender-publish').waitFor();
    await tabTo(page, '[data-testid="tender-publish"]');
    await page.keyboard.press('Enter');
    await waitForFocus(page, '[data-testid="tender-publish-confirm"]');
    await page.keyboard.press('Enter');

    await waitForFocus(page, '[data-testid="tender-published-panel"]');
    const panel = (await page.getByTestId('tender-published-panel').textContent()) ?? '';
    expect(panel).toContain('Tender published');
    expect(panel).toContain(draft.ocid);
    expect(panel).toContain('Suppliers can see it now');
    expect((await expectJson<TenderView>(buyer(`/api/tenders/${draft.id}`))).status).toBe('open');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('tells a provider, out loud, what answering a link-up request did, and keeps the focus', async () => {
    const { page, url } = e2e;
    const provider = await apiSession(url, 'provider@demo.test');
    const buyer = await apiSession(url, 'buyer@demo.test');
    const activity = await providerActivity(provider);
    const tender = await publishedTender(buyer, { title: `Link-up by keyboard ${Date.now()}` });
    const supplierName = `Asking Supplier ${Date.now()}`;
    const supplier = await signUpThroughApi(url, {
      organisation: buildOrganisation('supplier', { name: supplierName }),
    });
    const spo = await spoWithCashLine(supplier.api, tender, activity, 500_000);

    await signInByKeyboard(page, url, 'provider@demo.test');
    await page.goto(`${url}/link-requests`);
    const card = `li[data-testid="link-request"]:has(a[href="/tenders/${tender.id}"])`;
    await page.locator(`${card} textarea`).waitFor({ timeout: 15_000 });
    await tabTo(page, `${card} textarea`);
    await page.keyboard.type('Thank you: this funds a term of sessions');
    await tabTo(page, `${card} [data-testid="link-request-accept"]`);
    await page.keyboard.press('Enter');

    const status = page.getByRole('status').filter({ hasText: 'You accepted' });
    await status.waitFor({ timeout: 15_000 });
    expect(await status.textContent()).toContain(
      `You accepted ${supplierName}’s offer to ${activity.title}.`,
    );
    // The focus is on the next request waiting, or on the message: never lost to the page.
    const now = await focused(page);
    expect(now.tag).not.toBe('body');
    expect(
      now.testId === 'link-request-status' ||
        (await page.locator('.link-request__title:focus').count()) === 1,
    ).toBe(true);
    const line = await expectJson<SpoView>(supplier.api(`/api/spos/${spo.id}`));
    expect(line.lines[0]!.status).toBe('accepted');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('puts the focus on the problem, in view, when signing in fails', async () => {
    const { page, url } = e2e;
    await page.goto(`${url}/sign-in`);
    await page.locator('input[name="email"]').waitFor();
    await tabTo(page, 'input[name="email"]');
    await page.keyboard.type('buyer@demo.test');
    await tabTo(page, 'input[name="password"]');
    await page.keyboard.type('not the password');
    await page.keyboard.press('Enter');

    await waitForFocus(page, '[data-testid="sign-in-error"]');
    expect(await page.getByTestId('sign-in-error').textContent()).toContain(
      'The email or password is not right',
    );
    expect(await inView(page, '[data-testid="sign-in-error"]')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });
});
