import { describe, expect, it } from '@jest/globals';
import { chromiumAvailable } from '../support/browser';
import { textOnceItHas, useE2eSession } from '../support/e2e-session';

const run = chromiumAvailable();

(run ? describe : describe.skip)('accounts in the browser', () => {
  const e2e = useE2eSession();

  it('signs a demo provider in, shows their organisation and members, and signs out', async () => {
    await e2e.page.goto(`${e2e.url}/sign-in`);
    await e2e.page.getByLabel('Email').fill('provider@demo.test');
    await e2e.page.getByLabel('Password').fill('demo-password');
    await e2e.page.getByRole('button', { name: 'Sign in' }).click();
    expect(await textOnceItHas(e2e.page, '[data-testid="nav-user"]', 'Priya')).toBe(
      'Priya Provider (demo)',
    );

    await e2e.page.getByRole('link', { name: 'Organisation profile' }).click();
    expect(await textOnceItHas(e2e.page, 'h2', 'Riverside')).toBe('Riverside Youth Trust (demo)');
    expect(
      await textOnceItHas(e2e.page, '[data-testid="members-table"]', 'provider@demo.test'),
    ).toContain('provider@demo.test');

    await e2e.page.getByTestId('sign-out').click();
    await e2e.page.getByRole('link', { name: 'Sign in' }).waitFor({ timeout: 15_000 });
    expect(await e2e.page.getByTestId('nav-user').count()).toBe(0);
  });

  it('shows the same message for a wrong password as for an unknown email', async () => {
    const messageFor = async (email: string) => {
      await e2e.page.goto(`${e2e.url}/sign-in`);
      await e2e.page.getByLabel('Email').fill(email);
      await e2e.page.getByLabel('Password').fill('not the password');
      await e2e.page.getByRole('button', { name: 'Sign in' }).click();
      return textOnceItHas(e2e.page, '[role="alert"]', 'not right');
    };
    const wrong = await messageFor('buyer@demo.test');
    expect(wrong).toContain('The email or password is not right');
    expect(await messageFor('nobody@demo.test')).toBe(wrong);
  });

  it('creates an account with a new supplier organisation, with the keyboard', async () => {
    await e2e.page.goto(`${e2e.url}/sign-up`);
    await e2e.page.getByLabel('Name', { exact: true }).fill('Erin E2E');
    await e2e.page.getByLabel('Email').fill(`erin-${Date.now()}@example.test`);
    await e2e.page.getByLabel('Password').fill('a long enough passphrase');
    await e2e.page.getByRole('radio', { name: /Supplier/ }).check();
    await e2e.page.getByLabel('Organisation name').fill('E2E Supplies Ltd');
    await e2e.page.getByLabel('Organisation name').press('Enter');
    expect(await textOnceItHas(e2e.page, '[data-testid="nav-user"]', 'Erin')).toBe('Erin E2E');
    const acting = e2e.page.getByTestId('acting-for');
    expect(await acting.locator('option:checked').textContent()).toContain('E2E Supplies Ltd');
  });
});
