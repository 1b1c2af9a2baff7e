import type { Express } from 'express';
import { createApp } from '../../server/src/app';
import type { DatabaseHandle } from '../../server/src/db/client';
import { createTestDatabase } from './test-database';

export interface TestApp {
  app: Express;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** The real app (`createApp()`) on a private copy of the seeded test database. */
export async function createTestApp(options: { clientDir?: string } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = createApp({
    database,
    config: { tileUrl: '', tileAttribution: '' },
    ...options,
  });
  return { app, database, close: () => database.close() };
}
