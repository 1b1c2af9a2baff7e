/**
 * The database away: every route answers 503 `database_unavailable` with Retry-After (never a
 * 500, never a hang), and on PostgreSQL a connection the server kills fails its query without
 * taking the process down, the next query working again.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../../../server/src/app';
import { openDatabase, type DatabaseHandle } from '../../../server/src/db/client';
import { isDatabaseUnavailable } from '../../../server/src/http/errors';
import { TEST_CONFIG } from '../../support/test-app';

describe('with the database unreachable', () => {
  let database: DatabaseHandle;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    // Nothing listens on port 1: every connection is refused at once.
    database = await openDatabase({
      databaseUrl: 'postgres://nobody@127.0.0.1:1/impact_atlas',
      poolSize: 2,
      timeouts: { connectMs: 1000, statementMs: 1000 },
    });
    app = createApp({ database, config: TEST_CONFIG });
  });
  afterAll(() => database.close());

  it.each([
    ['GET', '/api/health'],
    ['GET', '/api/territories'],
    ['GET', '/api/tenders'],
    ['GET', '/api/activities?pageSize=1'],
    ['GET', '/api/coverage'],
    ['POST', '/api/auth/sign-in'],
  ])('answers %s %s with 503 and Retry-After', async (method, path) => {
    const started = Date.now();
    const res =
      method === 'GET'
        ? await request(app).get(path)
        : await request(app)
            .post(path)
            .send({ email: 'someone@example.org', password: 'a long enough password' });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('database_unavailable');
    expect(res.headers['retry-after']).toBe('5');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('what counts as the database being unavailable', () => {
  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ],
    ['a reset connection', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    [
      'a terminated backend (57P01)',
      Object.assign(new Error('terminating connection'), { code: '57P01' }),
    ],
    [
      'a statement timeout (57014)',
      Object.assign(new Error('canceling statement'), { code: '57014' }),
    ],
    [
      'a connection exception (08006)',
      Object.assign(new Error('connection failure'), { code: '08006' }),
    ],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    [
      'a transaction whose connection broke (the rollback fails too)',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
  ])('%s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a syntax error', Object.assign(new Error('syntax error'), { code: '42601' })],
    ['a plain bug', new TypeError('x is undefined')],
  ])('not %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

// Killing backends needs a real PostgreSQL server; PGlite has none.
const pgUrl = process.env.TEST_DATABASE_URL;
(pgUrl ? describe : describe.skip)('a connection killed on PostgreSQL', () => {
  it('fails the query it was running, keeps the process up, and the next query works', async () => {
    const database = await openDatabase({
      databaseUrl: pgUrl!,
      poolSize: 2,
      timeouts: { connectMs: 3000, statementMs: 20_000 },
    });
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    try {
      const marker = `fault_${Date.now()}`;
      const running = database.withSession((run) => run(`SELECT pg_sleep(15) AS ${marker}`));
      const outcome = running.then(
        () => 'finished',
        (error: unknown) => (isDatabaseUnavailable(error) ? 'unavailable' : String(error)),
      );
      for (let i = 0; i < 50; i += 1) {
        const { rowCount } = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()`,
          [`%${marker}%`],
        );
        if (rowCount) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await outcome).toBe('unavailable');
      const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db);
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await admin.end();
      await database.close();
    }
  });

  it('ends a statement that runs past the statement timeout', async () => {
    const database = await openDatabase({
      databaseUrl: pgUrl!,
      poolSize: 1,
      timeouts: { connectMs: 3000, statementMs: 300 },
    });
    try {
      const error = await sql`SELECT pg_sleep(3)`.execute(database.db).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      await database.close();
    }
  });
});
