import fs from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { buildTender } from '../../seed/factories';
import { chromiumAvailable } from '../support/browser';
import { useE2eSession } from '../support/e2e-session';

const run = chromiumAvailable();
const TV = 'E23000029';

/** A signed-in API session outside the browser, as one of the demo accounts. */
async function apiSession(url: string, email: string) {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo-password' }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const call = async <T>(path: string, body?: unknown): Promise<T> => {
    const answer = await fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', cookie },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!answer.ok) throw new Error(`${path}: ${answer.status} ${await answer.text()}`);
    return (await answer.json()) as T;
  };
  const me = await call<{ organisations: { id: string; kind: string }[] }>('/api/me');
  return { call, orgId: me.organisations[0]!.id };
}

(run ? describe : describe.skip)('the coverage view', () => {
  const e2e = useE2eSession();

  it('shows an award made through the API on the open page, without a reload', async () => {
    const provider = await apiSession(e2e.url, 'provider@demo.test');
    const supplier = await apiSession(e2e.url, 'supplier@demo.test');
    const buyer = await apiSession(e2e.url, 'buyer@demo.test');
    const ours = await provider.call<{ items: { id: string; territory: { code: string } }[] }>(
      `/api/activities?provider=${provider.orgId}&territory=${TV}&pageSize=1`,
    );
    const activity = ours.items[0]!;

    // A tender that closes in a few seconds, with one sealed SPO on the provider's activity.
    const closesAt = new Date(Date.now() + 6_000);
    const draft = await buyer.call<{ id: string }>('/api/tenders', {
      buyerId: buyer.orgId,
      ...buildTender({ closesAt: closesAt.toISOString() }),
    });
    await buyer.call(`/api/tenders/${draft.id}/transition`, { status: 'open' });
    const spo = await supplier.call<{ id: string }>(`/api/tenders/${draft.id}/spos`, {
      supplierId: supplier.orgId,
    });
    const lined = await supplier.call<{ lines: { id: string }[] }>(`/api/spos/${spo.id}/lines`, {
      activityId: activity.id,
      kind: 'cash',
      annualPence: 1_234_500,
    });
    await provider.call(`/api/spos/${spo.id}/lines/${lined.lines[0]!.id}/response`, {
      decision: 'accepted',
    });
    await supplier.call(`/api/spos/${spo.id}/submit`, {});

    const { page } = e2e;
    await page.goto(`${e2e.url}/coverage/${TV}`);
    const committed = page.getByTestId('coverage-detail-committed');
    await committed.waitFor({ timeout: 20_000 });
    await page.waitForSelector('[data-testid="coverage-live"][data-status="live"]', {
      timeout: 20_000,
    });
    await page.waitForSelector('.coverage-hex', { timeout: 20_000 });
    const before = await committed.textContent();
    // A reload would lose this.
    await page.evaluate(() => Object.assign(window, { __stillHere: true }));

    await new Promise((r) => setTimeout(r, Math.max(0, closesAt.getTime() - Date.now() + 200)));
    await buyer.call(`/api/tenders/${draft.id}/award`, { spoId: spo.id });

    await page.waitForFunction(
      (old) =>
        document.querySelector('[data-testid="coverage-detail-committed"]')?.textContent !== old,
      before,
      { timeout: 5_000 },
    );
    const after = await committed.textContent();
    const pounds = (text: string | null) => Number((text ?? '').replace(/[£,]/g, ''));
    expect(pounds(after) - pounds(before)).toBe(12_345);
    expect(await page.evaluate(() => (window as { __stillHere?: boolean }).__stillHere)).toBe(true);
    // The change is pointed out, and the map shows the new link from supplier to activity.
    await page.waitForSelector(`[data-testid="coverage-detail"][data-updated="true"]`, {
      timeout: 5_000,
    });
    await page.waitForSelector('.coverage-hex--supported', { timeout: 5_000 });
    // Drawn by the same refetch as the cell, but Leaflet may add it a frame later.
    await page.waitForSelector('.coverage-supported-activity', { timeout: 5_000 });
    expect(await page.locator('.coverage-supported-activity').count()).toBeGreaterThan(0);
    await fs.mkdir('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/coverage.png', fullPage: true });
  });

  it('lists every territory in a table whose figures match the API', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.url}/coverage?figure=spread`);
    await page
      .getByRole('table', { name: /territor/i })
      .first()
      .waitFor({ timeout: 20_000 });
    const api = (await (await fetch(`${e2e.url}/api/coverage`)).json()) as unknown[];
    expect(api).toHaveLength(45);
    const rows = page
      .getByRole('table', { name: /territor/i })
      .first()
      .locator('tbody tr');
    expect(await rows.count()).toBe(45);
    expect(await page.getByTestId('coverage-figure').inputValue()).toBe('spread');
  });
});
