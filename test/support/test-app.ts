import { createApp, type App } from '../../server/src/app';
import type { RateLimitSettings } from '../../server/src/http/rate-limits';
import type { DatabaseHandle } from '../../server/src/db/client';
import type { Logger } from '../../server/src/lib/logger';
import { createTestDatabase } from './test-database';

export interface TestApp {
  app: App;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** Cheap password hashing: the cost is a parameter, and hashing is not what these tests test. */
export const TEST_CONFIG = {
  tileUrl: '',
  tileAttribution: '',
  session: { idleMinutes: 60, absoluteHours: 12, passwordHashCost: 1024 },
  trustProxy: 'loopback',
  allowedOrigins: [],
  ocidPrefix: 'ocds-test00',
};

/** The real app (`createApp()`) on a private copy of the seeded test database. */
export async function createTestApp(
  options: { clientDir?: string; rateLimits?: RateLimitSettings; logger?: Logger } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = createApp({
    database,
    config: TEST_CONFIG,
    // Many sign-ins from one address are the norm here; the rate-limit test sets its own.
    rateLimits: {
      signInPerIp: 10_000,
      signInPerAccount: 10_000,
      signUpPerIp: 10_000,
      windowMinutes: 15,
    },
    ...options,
  });
  return { app, database, close: () => database.close() };
}
