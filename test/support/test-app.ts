import { createApp, type App } from '../../server/src/app';
import type { RateLimitSettings } from '../../server/src/http/rate-limits';
import type { DatabaseHandle } from '../../server/src/db/client';
import type { Logger } from '../../server/src/lib/logger';
import type { DomainEvents } from '../../server/src/lib/domain-events';
import { rememberDatabase } from './accounts';
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
  options: {
    clientDir?: string;
    rateLimits?: RateLimitSettings;
    logger?: Logger;
    /** The app's event bus, for a test that also runs the relays or jobs on it. */
    events?: DomainEvents;
    /** Email links are built from this; default http://localhost:3000. */
    publicUrl?: string;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const { publicUrl, ...rest } = options;
  const app = createApp({
    database,
    config: {
      ...TEST_CONFIG,
      mail: {
        publicUrl: publicUrl ?? 'http://localhost:3000',
        smtpUrl: undefined,
        from: 'Impact Atlas <no-reply@impact-atlas.test>',
        digestHourUtc: 7,
      },
    },
    // Many sign-ins from one address are the norm here; the rate-limit test sets its own.
    rateLimits: {
      signInPerIp: 10_000,
      signInPerAccount: 10_000,
      signUpPerIp: 10_000,
      windowMinutes: 15,
    },
    ...rest,
  });
  rememberDatabase(app, database);
  return { app, database, close: () => database.close() };
}
