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

  it('creates an account with a new supplier organisation and signs in to it, with the keyboard', async () => {
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

  it('points to sign-in, with the focus, when the email already has an account with another password', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.url}/sign-up`);
    await page.getByLabel('Name', { exact: true }).fill('Someone Else');
    await page.getByLabel('Email').fill('admin@demo.test');
    await page.getByLabel('Password').fill('a long enough passphrase');
    await page.getByRole('radio', { name: /I was invited/ }).check();
    await page.getByRole('button', { name: 'Create account' }).click();
    const notice = page.getByTestId('sign-up-not-signed-in');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.getAttribute('role')).toBe('alert');
    expect((await notice.textContent())?.replace(/\s+/g, ' ')).toContain(
      'If you already have an account with this email, sign in instead.',
    );
    expect(await notice.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await page.getByTestId('nav-user').count()).toBe(0);
    await notice.getByRole('link', { name: 'sign in' }).click();
    await page.waitForURL(/\/sign-in$/, { timeout: 15_000 });
  });

  it('invites a person by link, who accepts it signed in as the invited email', async () => {
    const { page } = e2e;
    const signInAs = async (email: string) => {
      await page.goto(`${e2e.url}/sign-in`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('demo-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('nav-user').waitFor({ timeout: 15_000 });
    };
    await signInAs('provider@demo.test');
    await page.getByRole('link', { name: 'Organisation profile' }).click();
    const form = page.locator('form', { has: page.getByLabel('Role') });
    await form.getByLabel('Email').fill('supplier@demo.test');
    await form.getByRole('button').click();
    const link = page.getByTestId('invite-link');
    await link.waitFor({ timeout: 15_000 });
    const url = await link.inputValue();
    expect(url).toMatch(/\/invitations\/[\w-]{20,}$/);

    await page.getByTestId('sign-out').click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor({ timeout: 15_000 });
    await signInAs('supplier@demo.test');
    await page.goto(url);
    await page.getByTestId('accept-invitation').click();
    expect(await textOnceItHas(page, 'h2', 'Riverside')).toBe('Riverside Youth Trust (demo)');
    const options = await page.getByTestId('acting-for').locator('option').allTextContents();
    expect(options.join(' | ')).toContain('Riverside Youth Trust (demo)');
  });
});
