import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium; we never download a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether the browser tests can run here. Without chromium they are skipped with a message,
 * except under CI, where a missing browser must fail the run instead of hiding it.
 */
export function chromiumAvailable(): boolean {
  if (fs.existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI)
    throw new Error(`CI is set but ${CHROMIUM_PATH} is missing: install Debian's chromium`);
  console.warn(
    `Skipping browser tests: ${CHROMIUM_PATH} is not installed (apt-get install chromium).`,
  );
  return false;
}

/** Headless chromium with the flags this network-less machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
