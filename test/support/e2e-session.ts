import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import type { SignUp } from '@shared/schemas/accounts';
import { buildSignUp } from '../../seed/factories';
import { launchChromium } from './browser';
import { startServer, type ServerProcess } from './server-process';

export interface E2eSession {
  /** The server's base URL. */
  readonly url: string;
  /** A fresh 1280×800 page for the current test. */
  readonly page: Page;
}

/** Runs one statement on the PostgreSQL server of `url`, connected to its database. */
async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Registers the hooks a browser test file needs: one server process for the file (on the
 * real PostgreSQL when CI gives E2E_DATABASE_URL), one chromium, and a new page per test.
 *
 * The files share that PostgreSQL database, so what one writes the next sees. A file that
 * needs the demo exactly as a first start leaves it (`ownDatabase`) gets a database of its
 * own on the same server, set up and seeded by its server's first start, dropped after. On
 * the embedded database every server has its own data anyway.
 *
 * `env` adds to the server's environment, given its base URL: `SMTP_URL` and `PUBLIC_URL`,
 * say, for a test that follows an emailed link. It is called when the server starts, after
 * the file's earlier `beforeAll` hooks (which may start what it points at).
 */
export function useE2eSession(
  options: { ownDatabase?: boolean; env?: (url: string) => Record<string, string> } = {},
): E2eSession {
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let ownDatabase: { shared: string; name: string } | undefined;
  beforeAll(async () => {
    let databaseUrl = process.env.E2E_DATABASE_URL;
    if (databaseUrl && options.ownDatabase) {
      const name = `ia_e2e_${randomBytes(6).toString('hex')}`;
      await onServer(databaseUrl, `CREATE DATABASE ${name}`);
      ownDatabase = { shared: databaseUrl, name };
      const own = new URL(databaseUrl);
      own.pathname = `/${name}`;
      databaseUrl = own.toString();
    }
    const database: Record<string, string> = databaseUrl ? { DATABASE_URL: databaseUrl } : {};
    server = await startServer((url) => ({ ...database, ...options.env?.(url) }));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (ownDatabase)
      await onServer(
        ownDatabase.shared,
        `DROP DATABASE IF EXISTS ${ownDatabase.name} WITH (FORCE)`,
      );
  });
  beforeEach(async () => {
    page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterEach(() => page?.close());
  return {
    get url() {
      return server!.url;
    },
    get page() {
      return page!;
    },
  };
}

/** The text of the first element matching `selector` once one contains `want` (or after 15 s). */
export async function textOnceItHas(
  page: Page,
  selector: string,
  want: string | RegExp,
): Promise<string> {
  await page
    .locator(selector, { hasText: want })
    .first()
    .waitFor({ timeout: 15_000 })
    .catch(() => undefined);
  return ((await page.locator(selector).first().textContent()) ?? '').trim();
}

/** A call to the API as one signed-in person, outside the browser (JSON in and out). */
export type ApiCall = (path: string, init?: RequestInit) => Promise<Response>;

/** A signed-in API session outside the browser, for setting the scene through the API. */
export async function apiSession(
  url: string,
  email: string,
  password = 'demo-password',
): Promise<ApiCall> {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`Signing in ${email} answered ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return (path, init = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', cookie, ...(init.headers ?? {}) },
    });
}

/** Answers the body of a call that must answer `status`, or throws with what it said. */
export async function expectJson<T>(answer: Promise<Response>, status = 200): Promise<T> {
  const res = await answer;
  const body = (await res.json().catch(() => null)) as unknown;
  if (res.status !== status)
    throw new Error(`Expected ${status}, got ${res.status}: ${JSON.stringify(body)}`);
  return body as T;
}

/**
 * Signs a new person up through the API (`buildSignUp`'s account, with the organisation
 * given, such as `buildOrganisation('supplier')`), then signs them in there: sign-up opens no
 * session. Answers the session and the credentials, to sign in in the browser as well.
 */
export async function signUpThroughApi(
  url: string,
  overrides: Partial<SignUp> = {},
): Promise<{ api: ApiCall; email: string; password: string; name: string }> {
  const signUp = buildSignUp(overrides);
  await expectJson(
    fetch(`${url}/api/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(signUp),
    }),
    202,
  );
  const api = await apiSession(url, signUp.email, signUp.password);
  return { api, email: signUp.email, password: signUp.password, name: signUp.name };
}

/** Whether the focused element matches `selector` (a JavaScript expression for `evaluate`). */
const focusMatches = (selector: string) =>
  `document.activeElement?.matches(${JSON.stringify(selector)}) === true`;

/**
 * Presses Tab (Shift+Tab with `back`) until the focused element matches `selector`, as
 * someone without a mouse moves through the page; fails after `max` presses.
 */
export async function tabTo(
  page: Page,
  selector: string,
  { back = false, max = 300 }: { back?: boolean; max?: number } = {},
): Promise<void> {
  for (let presses = 0; presses <= max; presses += 1) {
    if ((await page.evaluate(focusMatches(selector))) === true) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector} in ${max} presses`);
}

/** Waits (up to 15 s) for the element matching `selector` to have the focus. */
export async function waitForFocus(page: Page, selector: string): Promise<void> {
  // Polled from here: the app's Content-Security-Policy refuses waitForFunction's string.
  const deadline = Date.now() + 15_000;
  while ((await page.evaluate(focusMatches(selector))) !== true) {
    if (Date.now() > deadline) {
      const now = await focused(page);
      throw new Error(`${selector} never took the focus; it is on ${JSON.stringify(now)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What has the focus: its tag, test id, role and text, to compare in a test. */
export async function focused(
  page: Page,
): Promise<{ tag: string; testId: string | null; role: string | null; text: string }> {
  return (await page.evaluate(`(() => {
    const el = document.activeElement;
    return {
      tag: el ? el.tagName.toLowerCase() : '',
      testId: el ? el.getAttribute('data-testid') : null,
      role: el ? el.getAttribute('role') : null,
      text: el ? (el.textContent || '').trim() : '',
    };
  })()`)) as { tag: string; testId: string | null; role: string | null; text: string };
}

/**
 * Signs in on the sign-in page with the keyboard alone: Tab to the email, type it, Tab to the
 * password, type it, Enter. Waits for the signed-in header.
 */
export async function signInByKeyboard(
  page: Page,
  url: string,
  email: string,
  password = 'demo-password',
): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.locator('input[name="email"]').waitFor();
  await tabTo(page, 'input[name="email"]');
  await page.keyboard.type(email);
  await tabTo(page, 'input[name="password"]');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.getByTestId('nav-user').waitFor({ timeout: 15_000 });
}
