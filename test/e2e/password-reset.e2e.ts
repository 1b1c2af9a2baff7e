import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from '../support/browser';
import {
  apiSession,
  expectJson,
  signUpThroughApi,
  tabTo,
  textOnceItHas,
  useE2eSession,
} from '../support/e2e-session';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp';
import { axeViolations } from './axe';

const run = chromiumAvailable();

/** Waits (up to 15 s) for the `n`th email to `address` whose subject has `subject` in it. */
async function mailTo(
  smtp: TestSmtpServer,
  address: string,
  subject: string,
  n = 1,
): Promise<ReceivedMail> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = smtp.to(address).filter((mail) => mail.subject.includes(subject));
    if (found.length >= n) return found[n - 1]!;
    if (Date.now() > deadline)
      throw new Error(
        `No email ${n} "${subject}" to ${address}; got: ${JSON.stringify(smtp.received.map((m) => [m.to, m.subject]))}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Signs in on the sign-in page; answers the alert's text when it fails, or '' once signed in. */
async function signIn(page: Page, url: string, email: string, password: string): Promise<string> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const outcome = await Promise.race([
    page
      .getByTestId('nav-user')
      .waitFor({ timeout: 15_000 })
      .then(() => ''),
    page
      .getByTestId('sign-in-error')
      .waitFor({ timeout: 15_000 })
      .then(async () => (await page.getByTestId('sign-in-error').textContent()) ?? 'failed'),
  ]);
  return outcome;
}

/** Whether the page's browser context is signed in, as `/api/me` says. */
async function meOf(page: Page, url: string): Promise<{ status: number; emailVerified?: boolean }> {
  const res = await page.context().request.get(`${url}/api/me`);
  if (res.status() !== 200) return { status: res.status() };
  const body = (await res.json()) as { person: { emailVerified: boolean } };
  return { status: 200, emailVerified: body.person.emailVerified };
}

(run ? describe : describe.skip)('account emails in the browser', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp?.close());
  // The server sends its mail to the test's SMTP server, with links back to itself.
  const e2e = useE2eSession({ env: (url) => ({ SMTP_URL: smtp.url, PUBLIC_URL: url }) });

  it('password reset end to end in the browser', async () => {
    const { page, url } = e2e;
    // A person of this test's own: the demo accounts' passwords are shared with other files.
    const { email, password: oldPassword } = await signUpThroughApi(url);
    const newPassword = 'heron lantern quarry velvet';

    // Another browser, signed in before the reset, is signed out by it.
    const other = await page.context().browser()!.newPage();
    try {
      expect(await signIn(other, url, email, oldPassword)).toBe('');

      // With the keyboard alone, from the sign-in page.
      await page.goto(`${url}/sign-in`);
      await page.getByLabel('Email').waitFor();
      await tabTo(page, 'a[href="/forgot-password"]');
      await page.keyboard.press('Enter');
      // The address changes before the page's code has loaded: wait for the page itself.
      await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
      await tabTo(page, 'input[name="email"]');
      await page.keyboard.type(email);
      await page.keyboard.press('Enter');
      const requested = page.getByTestId('password-reset-requested');
      await requested.waitFor({ timeout: 15_000 });
      expect((await requested.textContent())?.replace(/\s+/g, ' ')).toContain(
        `If an account uses ${email}, we have emailed a link to it.`,
      );
      expect(await axeViolations(page)).toEqual([]);

      const mail = await mailTo(smtp, email, 'Reset your Impact Atlas password');
      expect(mail.to).toEqual([email.toLowerCase()]);
      const link = mail.links.find((l) => l.startsWith(`${url}/reset-password?token=`));
      expect(link).toBeDefined();

      await page.goto(link!);
      await page.getByLabel('New password', { exact: true }).waitFor();
      // The token leaves the address bar once read.
      await page.waitForURL(`${url}/reset-password`);
      expect(await axeViolations(page)).toEqual([]);

      // A guessable password is refused, with why, as at sign-up.
      await page.getByLabel('New password', { exact: true }).fill('password1234');
      await page.getByLabel('New password again').fill('password1234');
      await page.getByRole('button', { name: 'Change password' }).click();
      expect(
        await textOnceItHas(page, '[data-testid="reset-password-problems"]', 'too easy to guess'),
      ).toContain('New password is too easy to guess');
      expect(await axeViolations(page)).toEqual([]);

      await page.getByLabel('New password', { exact: true }).fill(newPassword);
      await page.getByLabel('New password again').fill(newPassword);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.waitForURL(`${url}/sign-in`, { timeout: 15_000 });
      expect(await page.getByTestId('password-reset-done').textContent()).toBe(
        'Your password has changed; sign in again. You have been signed out everywhere.',
      );
      expect(await axeViolations(page)).toEqual([]);

      expect(await meOf(other, url)).toEqual({ status: 401 });
      await other.reload();
      await other.getByRole('link', { name: 'Sign in' }).first().waitFor({ timeout: 15_000 });
      expect(await other.getByTestId('nav-user').count()).toBe(0);

      expect(await signIn(page, url, email, oldPassword)).toContain('not right');
      expect(await signIn(page, url, email, newPassword)).toBe('');

      // The link worked once.
      await page.goto(link!);
      await page.getByLabel('New password', { exact: true }).fill('another quite long passphrase');
      await page.getByLabel('New password again').fill('another quite long passphrase');
      await page.getByRole('button', { name: 'Change password' }).click();
      const expired = page.getByTestId('link-expired');
      await expired.waitFor({ timeout: 15_000 });
      expect(await expired.textContent()).toContain(
        'This link has expired or has already been used.',
      );
      expect(await expired.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await expired.getByRole('link', { name: 'Ask for a new link' }).click();
      await page.waitForURL(`${url}/forgot-password`);
      expect(await signIn(page, url, email, newPassword)).toBe('');
    } finally {
      await other.close();
    }
  });

  it('verifies an email address from the emailed link only when the button is pressed', async () => {
    const { page, url } = e2e;
    const email = `vera-${Date.now()}@example.test`;
    await page.goto(`${url}/sign-up`);
    await page.getByLabel('Name', { exact: true }).fill('Vera Verify');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('a long enough passphrase');
    await page.getByRole('radio', { name: /I was invited/ }).check();
    await page.getByRole('button', { name: 'Create account' }).click();
    const signedUp = page.getByTestId('signed-up');
    await signedUp.waitFor({ timeout: 15_000 });
    expect((await signedUp.textContent())?.replace(/\s+/g, ' ')).toContain(
      `We’ve sent a link to ${email} to verify your email address.`,
    );
    expect(await axeViolations(page)).toEqual([]);
    const first = await mailTo(smtp, email, 'Confirm your email address');

    await page.getByRole('link', { name: 'Continue' }).click();
    await page.goto(`${url}/account`);
    expect(await textOnceItHas(page, '[data-testid="email-verified-status"]', 'Not yet')).toBe(
      'Not yet',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send the link again' }).click();
    expect(
      await textOnceItHas(page, '[data-testid="resend-verification-status"]', 'new link'),
    ).toContain('We have sent a new link to your email address.');
    const second = await mailTo(smtp, email, 'Confirm your email address', 2);

    // The first link stopped working when the second was sent.
    const firstLink = first.links.find((l) => l.startsWith(`${url}/verify-email?token=`))!;
    await page.goto(firstLink);
    await page.getByRole('button', { name: 'Verify my email address' }).click();
    const expired = page.getByTestId('link-expired');
    await expired.waitFor({ timeout: 15_000 });
    expect(await expired.getByRole('button', { name: 'Send the link again' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // Opening the link verifies nothing (mail scanners open links): the button does.
    const secondLink = second.links.find((l) => l.startsWith(`${url}/verify-email?token=`))!;
    await page.goto(secondLink);
    const verify = page.getByRole('button', { name: 'Verify my email address' });
    await verify.waitFor();
    await page.waitForURL(`${url}/verify-email`);
    expect(await meOf(page, url)).toEqual({ status: 200, emailVerified: false });
    expect(await axeViolations(page)).toEqual([]);
    await verify.click();
    await page.getByTestId('email-verified').waitFor({ timeout: 15_000 });
    expect(await meOf(page, url)).toEqual({ status: 200, emailVerified: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${url}/account`);
    expect(await textOnceItHas(page, '[data-testid="email-verified-status"]', 'Yes')).toBe('Yes');
    expect(await page.getByRole('button', { name: 'Send the link again' }).count()).toBe(0);
  });

  it('asks an invited person to verify their email before accepting, and lets them once they have', async () => {
    const { page, url } = e2e;
    const { email, password } = await signUpThroughApi(url);
    const owner = await apiSession(url, 'provider@demo.test');
    const me = await expectJson<{ organisations: { id: string }[] }>(owner('/api/me'));
    const { acceptPath } = await expectJson<{ acceptPath: string }>(
      owner(`/api/organisations/${me.organisations[0]!.id}/members`, {
        method: 'POST',
        body: JSON.stringify({ email }),
      }),
      201,
    );

    expect(await signIn(page, url, email, password)).toBe('');
    await page.goto(`${url}${acceptPath}`);
    const notice = page.getByTestId('verify-email-first');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toContain('Verify your email address first.');
    expect(await axeViolations(page)).toEqual([]);
    // Accepting anyway: the server's refusal says the same, and takes the focus.
    await page.getByTestId('accept-invitation').click();
    await textOnceItHas(page, '[data-testid="verify-email-first"][role="alert"]', 'Verify');
    expect(await notice.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    const mail = await mailTo(smtp, email, 'Confirm your email address');
    await page.goto(mail.links.find((l) => l.startsWith(`${url}/verify-email?token=`))!);
    await page.getByRole('button', { name: 'Verify my email address' }).click();
    await page.getByTestId('email-verified').waitFor({ timeout: 15_000 });

    await page.goto(`${url}${acceptPath}`);
    await page.getByTestId('accept-invitation').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('verify-email-first').count()).toBe(0);
    await page.getByTestId('accept-invitation').click();
    expect(await textOnceItHas(page, 'h2', 'Riverside')).toBe('Riverside Youth Trust (demo)');
  });
});
