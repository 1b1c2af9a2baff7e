/**
 * An Idempotency-Key is claimed in its write's own transaction: a write that failed leaves it
 * free even when the database is gone by then, and one that committed keeps it even when its
 * answer was lost, so a client retrying after a 503 neither meets a stuck key nor writes twice.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { createRepos, unitOfWork } from '../../../server/src/composition';
import type { DatabaseHandle } from '../../../server/src/db/client';
import type { IdempotencyRepo } from '../../../server/src/features/idempotency/idempotency.repo';
import { errorHandler } from '../../../server/src/http/errors';
import { idempotent } from '../../../server/src/http/idempotency';
import { createLogger } from '../../../server/src/lib/logger';
import { createTestDatabase } from '../../support/test-database';

const lostConnection = () => new Error('Connection terminated unexpectedly');

describe('an Idempotency-Key through a database fault', () => {
  let database: DatabaseHandle;
  let app: express.Express;
  /** How the next write goes wrong, if it does. */
  let fault: 'none' | 'write fails, database gone' | 'answer lost after commit' | 'slow write' =
    'none';
  /** A slow write says it is inside its transaction, then waits there until told to finish. */
  let writeStarted = () => undefined as void;
  let finishWrite = () => undefined as void;
  /** The database refuses everything outside the write's transaction meanwhile. */
  let away = false;
  let committed = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    const person = await database.db
      .insertInto('people')
      .values({ email: `${randomUUID()}@example.test`, name: 'Retrying', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const repos = createRepos(database.db);
    const uow = unitOfWork(database.db);
    // Every call of the middleware's own fails while the database is away.
    const keys = Object.fromEntries(
      Object.entries(repos.idempotency).map(([name, fn]) => [
        name,
        (...args: unknown[]) =>
          away
            ? Promise.reject(lostConnection())
            : (fn as (...a: unknown[]) => Promise<unknown>)(...args),
      ]),
    ) as IdempotencyRepo;
    app = express();
    app.use(express.json());
    app.use((_req, res, next) => {
      res.locals.actor = { kind: 'person', personId: person.id };
      next();
    });
    app.post('/things', idempotent(keys), async (_req, res) => {
      await uow(async (tx) => {
        await tx.idempotency.find(person.id, 'a read inside the write');
        if (fault === 'slow write') {
          writeStarted();
          await new Promise<void>((r) => (finishWrite = r));
        }
        if (fault === 'write fails, database gone') {
          away = true;
          throw lostConnection();
        }
      });
      committed += 1;
      if (fault === 'answer lost after commit') throw lostConnection();
      res.status(201).json({ committed });
    });
    app.use(errorHandler(createLogger('silent')));
  });
  afterAll(() => database.close());
  beforeEach(() => {
    fault = 'none';
    away = false;
    committed = 0;
  });

  const send = (key: string) =>
    request(app).post('/things').set('Idempotency-Key', key).send({ thing: 1 });

  it('is free again after a write that failed as the database went away', async () => {
    fault = 'write fails, database gone';
    expect((await send('k-fails')).status).toBe(503);
    fault = 'none';
    away = false;
    const retry = await send('k-fails');
    expect([retry.status, retry.body]).toEqual([201, { committed: 1 }]);
    const replay = await send('k-fails');
    expect([replay.status, replay.headers['idempotent-replayed']]).toEqual([201, 'true']);
    expect(committed).toBe(1);
  });

  it('stays taken after a write that committed and lost its answer, so a retry writes nothing', async () => {
    fault = 'answer lost after commit';
    expect((await send('k-lost')).status).toBe(503);
    fault = 'none';
    const retry = await send('k-lost');
    expect([retry.status, retry.body.error.code]).toEqual([409, 'idempotency_key_reused']);
    expect(committed).toBe(1);
  });

  it('refuses a second request with the key while the first is writing, and writes once', async () => {
    fault = 'slow write';
    const inside = new Promise<void>((r) => (writeStarted = r));
    const first = send('k-twice').then((r) => r);
    await inside;
    fault = 'none';
    const second = send('k-twice').then((r) => r);
    // Time for the second to reach the database, where it waits for the first's transaction.
    await new Promise((r) => setTimeout(r, 200));
    finishWrite();
    const [a, b] = await Promise.all([first, second]);
    expect(a.status).toBe(201);
    const outcome =
      b.status === 409
        ? `409 ${b.body.error.code}`
        : `${b.status} replayed ${b.headers['idempotent-replayed']}`;
    expect(['409 idempotency_key_reused', '201 replayed true']).toContain(outcome);
    expect(committed).toBe(1);
  });
});
