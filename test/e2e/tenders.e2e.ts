import fs from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from '../support/browser';
import { useE2eSession } from '../support/e2e-session';

const run = chromiumAvailable();

async function signIn(page: Page, url: string, email: string): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('nav-user').waitFor({ timeout: 15_000 });
}

/** A signed-in API session outside the browser (the provider, answering in its inbox). */
async function apiSession(url: string, email: string) {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo-password' }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return (path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', cookie, ...(init.headers ?? {}) },
    });
}

(run ? describe : describe.skip)('tenders and Social Purchase Orders', () => {
  const e2e = useE2eSession();

  it('works out One in a Million without signing in', async () => {
    await e2e.page.goto(`${e2e.url}/calculators`);
    const form = e2e.page.getByTestId('calculator-oiam');
    await form.getByLabel('Contract value a year, £').fill('1500000');
    await form.getByLabel('Rate, £ a year per £1m').fill('5000');
    await form.getByLabel('Years', { exact: true }).fill('3');
    await form.getByRole('button', { name: 'Calculate' }).click();
    const annual = e2e.page.getByTestId('calculator-oiam-annual');
    await annual.waitFor({ timeout: 15_000 });
    expect(await annual.getAttribute('data-pence')).toBe('750000');
    expect(await annual.textContent()).toContain('£7,500');
  });

  it('credits the National TOMs and their licence where the calculator uses their proxy values', async () => {
    await e2e.page.goto(`${e2e.url}/calculators`);
    const credit = e2e.page.getByTestId('calculator-toms').getByTestId('framework-credit');
    await credit.waitFor({ timeout: 15_000 });
    expect(await credit.textContent()).toContain(
      'National TOMs (starter set) (National TOMs © Social Value Portal, CC BY-NC-ND 4.0)',
    );
  });

  it('builds an SPO from the activities, shows the rate against the baseline, and seals it once the provider accepts', async () => {
    // One of the demo provider account's own activities, so that its person can answer.
    const provider = await apiSession(e2e.url, 'provider@demo.test');
    const me = (await (await provider('/api/me')).json()) as {
      organisations: { id: string; kind: string }[];
    };
    const providerId = me.organisations.find((o) => o.kind === 'provider')!.id;
    const ours = (await (
      await fetch(`${e2e.url}/api/activities?provider=${providerId}&pageSize=1`)
    ).json()) as { items: { id: string; title: string }[] };
    const activity = ours.items[0]!;

    await signIn(e2e.page, e2e.url, 'supplier@demo.test');
    await e2e.page.goto(`${e2e.url}/tenders`);
    await e2e.page.getByRole('link', { name: 'Custody healthcare services (demo)' }).click();
    await e2e.page.getByTestId('tender-page').waitFor();
    await e2e.page.getByTestId('prepare-spo').click();
    await e2e.page.waitForURL(/\/spos\//);
    await e2e.page.getByTestId('spo-builder').waitFor();

    await e2e.page.getByLabel('Search activities').fill(`"${activity.title}"`);
    await e2e.page.getByRole('button', { name: 'Search', exact: true }).click();
    await e2e.page
      .getByRole('button', { name: `Choose ${activity.title}` })
      .first()
      .click();
    await e2e.page.getByLabel('Cash', { exact: true }).check();
    await e2e.page.getByLabel('Amount a year, £').fill('7500');
    await e2e.page.getByTestId('spo-add-line').click();
    await e2e.page.getByTestId('spo-line').first().waitFor({ timeout: 15_000 });

    // £7,500 a year on a £1.5m contract: £5,000 per £1m, exactly the baseline.
    const figures = e2e.page.getByTestId('spo-figures');
    await e2e.page.waitForFunction(
      () =>
        document.querySelector('[data-testid="spo-figures"]')?.getAttribute('data-rate-pence') ===
        '500000',
      undefined,
      { timeout: 15_000 },
    );
    expect(await figures.getAttribute('data-band')).toBe('baseline');
    expect(await e2e.page.getByTestId('spo-submit').isDisabled()).toBe(true);

    // The provider accepts in its inbox (here through the same API its page uses).
    const spoId = new URL(e2e.page.url()).pathname.split('/').pop()!;
    const inbox = (await (await provider('/api/link-requests?status=pending')).json()) as {
      items: { lineId: string; spoId: string }[];
    };
    const request = inbox.items.find((i) => i.spoId === spoId)!;
    const accepted = await provider(`/api/spos/${spoId}/lines/${request.lineId}/response`, {
      method: 'POST',
      body: JSON.stringify({ decision: 'accepted', note: 'Happy to' }),
    });
    expect(accepted.status).toBe(200);

    // Submit leads to a check of the lines and figures; sealing is one more, deliberate step.
    await e2e.page.reload();
    await e2e.page.getByTestId('spo-submit').click();
    await e2e.page.getByTestId('spo-seal').click();
    await e2e.page.getByTestId('spo-submitted-panel').waitFor({ timeout: 15_000 });
    await e2e.page.getByTestId('spo-submission').waitFor({ timeout: 15_000 });
    expect(await e2e.page.getByTestId('spo-submission').textContent()).toMatch(/[0-9a-f]{12}/);
    const sealed = (await (await provider(`/api/spos/${spoId}`)).json()) as { status: string };
    expect(sealed.status).toBe('submitted');
    await fs.mkdir('test-results', { recursive: true });
    await e2e.page.screenshot({ path: 'test-results/spo-builder.png', fullPage: true });

    // Before the closing time nobody else sees it: not the public, not the buyer.
    expect((await fetch(`${e2e.url}/api/spos/${spoId}`)).status).toBe(404);
    const buyer = await apiSession(e2e.url, 'buyer@demo.test');
    expect((await buyer(`/api/spos/${spoId}`)).status).toBe(404);
  });
});
