import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { startServer, type ServerProcess } from './server-process';

export interface E2eSession {
  /** The server's base URL. */
  readonly url: string;
  /** A fresh 1280×800 page for the current test. */
  readonly page: Page;
}

/**
 * Registers the hooks a browser test file needs: one server process for the file (on the
 * real PostgreSQL when CI gives E2E_DATABASE_URL), one chromium, and a new page per test.
 */
export function useE2eSession(): E2eSession {
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    const databaseUrl = process.env.E2E_DATABASE_URL;
    server = await startServer(databaseUrl ? { DATABASE_URL: databaseUrl } : {});
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
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
