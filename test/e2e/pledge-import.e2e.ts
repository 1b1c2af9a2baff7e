import { describe, expect, it, jest } from '@jest/globals';
import type { ActivityView } from '@shared/schemas/activities';
import type { MeView } from '@shared/schemas/accounts';
import type { SpoView, TenderView } from '@shared/schemas/tenders';
import { buildActivity, buildOrganisation, buildTender } from '../../seed/factories';
import { chromiumAvailable } from '../support/browser';
import {
  apiSession,
  expectJson,
  signUpThroughApi,
  useE2eSession,
  type ApiCall,
} from '../support/e2e-session';
import { axeViolations } from './axe';

const run = chromiumAvailable();
jest.setTimeout(240_000);

async function organisationOf(api: ApiCall, kind: string): Promise<string> {
  const me = await expectJson<MeView>(api('/api/me'));
  const organisation = me.organisations.find((o) => o.kind === kind);
  if (!organisation) throw new Error(`No ${kind} organisation`);
  return organisation.id;
}

const post = (api: ApiCall, path: string, body: unknown) =>
  api(path, { method: 'POST', body: JSON.stringify(body) });

(run ? describe : describe.skip)('pledge import', () => {
  const e2e = useE2eSession();

  it('previews a pledge table with its mismatches and problems, then adds the chosen lines as link-up requests', async () => {
    const stamp = Date.now();
    const provider = await signUpThroughApi(e2e.url, {
      organisation: buildOrganisation('provider', { name: `Pledging Provider ${stamp}` }),
    });
    const providerId = await organisationOf(provider.api, 'provider');
    const title = `Homework club ${stamp}`;
    const activity = await expectJson<ActivityView>(
      post(provider.api, '/api/activities', { providerId, ...buildActivity({ title }) }),
      201,
    );

    const buyer = await apiSession(e2e.url, 'buyer@demo.test');
    const buyerId = await organisationOf(buyer, 'buyer');
    const tender = await expectJson<TenderView>(
      post(buyer, '/api/tenders', { buyerId, ...buildTender({ title: `Pledges ${stamp}` }) }),
      201,
    );
    await expectJson(post(buyer, `/api/tenders/${tender.id}/transition`, { status: 'open' }));

    const supplier = await signUpThroughApi(e2e.url, {
      organisation: buildOrganisation('supplier', { name: `Pledging Supplies ${stamp}` }),
    });
    const supplierId = await organisationOf(supplier.api, 'supplier');
    const spo = await expectJson<SpoView>(
      post(supplier.api, `/api/tenders/${tender.id}/spos`, { supplierId }),
      201,
    );

    const page = e2e.page;
    await page.goto(`${e2e.url}/sign-in`);
    // The first page of a fresh server can be slow on a busy machine.
    await page.getByLabel('Email').waitFor({ timeout: 60_000 });
    await page.getByLabel('Email').fill(supplier.email);
    await page.getByLabel('Password').fill(supplier.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('nav-user').waitFor({ timeout: 15_000 });
    await page.goto(`${e2e.url}/spos/${spo.id}`);

    const section = page.getByTestId('pledge-import');
    await section.waitFor({ timeout: 15_000 });
    await section
      .getByLabel('Paste a CSV pledge table')
      .fill(
        [
          'TOMs ref,Measure,Units,Stated value (£)',
          'NT29,Volunteering hours,400,"£6,436.00"',
          'nt08,School visits,100,"£2,000"',
          'NT999,Something else,5,100',
        ].join('\n'),
      );
    await section.getByRole('button', { name: 'Preview the table' }).click();
    await section.getByTestId('pledge-preview').waitFor({ timeout: 15_000 });

    const rows = section.getByTestId('pledge-row');
    expect(await rows.count()).toBe(3);
    // 100 × £16.09 is £1,609; the table states £2,000.
    const mismatch = section.locator('[data-testid="pledge-row"][data-mismatch="true"]');
    expect(await mismatch.count()).toBe(1);
    expect(await mismatch.getAttribute('data-row')).toBe('3');
    expect(await mismatch.textContent()).toContain(
      'Stated value differs from quantity × proxy by £391',
    );
    const problem = section.locator('[data-testid="pledge-row"][data-problem="true"]');
    expect(await problem.textContent()).toContain('No TOMs measure has the code NT999');
    expect(await rows.nth(0).textContent()).toContain('Matches');
    // Nothing is saved by the preview.
    expect((await expectJson<SpoView>(supplier.api(`/api/spos/${spo.id}`))).lines).toHaveLength(0);

    await section.getByLabel('Where to look').selectOption('');
    await section.getByLabel('Words to look for').fill(`"${title}"`);
    await section.getByRole('button', { name: 'Find activities' }).click();
    const every = section.getByLabel('Link every row to');
    await every.locator(`option[value="${activity.id}"]`).waitFor({
      state: 'attached',
      timeout: 15_000,
    });
    await every.selectOption(activity.id);
    await section.getByRole('button', { name: 'Use for every row' }).click();
    expect(await page.getByLabel('Activity for row 2 (NT29)').inputValue()).toBe(activity.id);

    expect(await axeViolations(page, { include: '[data-testid="pledge-import"]' })).toEqual([]);
    await section.getByRole('table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/pledge-import-preview.png' });

    await section.getByRole('button', { name: 'Add 2 lines' }).click();
    const summary = section.getByTestId('pledge-summary');
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.textContent()).toContain('Added 2 lines');
    expect(await section.getByTestId('pledge-added').count()).toBe(2);

    const saved = await expectJson<SpoView>(supplier.api(`/api/spos/${spo.id}`));
    expect(
      saved.lines.map((l) => [l.kind, l.measure?.code, Number(l.annualQuantity), l.status]).sort(),
    ).toEqual([
      ['measure', 'NT29', 400, 'pending'],
      ['measure', 'NT8', 100, 'pending'],
    ]);
    // Each line is a request in the provider's inbox.
    const inbox = await expectJson<{ items: { spoId: string }[] }>(
      provider.api('/api/link-requests'),
    );
    expect(inbox.items.filter((i) => i.spoId === spo.id)).toHaveLength(2);
  });
});
