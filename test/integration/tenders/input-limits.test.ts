import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { sql } from 'kysely';
import request from 'supertest';
import type { ActivityView } from '@shared/schemas/activities';
import { buildOrganisation, buildTender } from '../../../seed/factories';
import { errorHandler } from '../../../server/src/http/errors';
import type { Logger } from '../../../server/src/lib/logger';
import { orgOf, signUp, type SignedIn } from '../../support/accounts';
import { createTestApp, type TestApp } from '../../support/test-app';
import { activityOf, draftSpo, publishedTender } from './spo-fixtures';

/** Input a schema used to let through, which the database then refused with a 500. */

let t: TestApp;
let buyer: SignedIn;
let supplier: SignedIn;
let activity: ActivityView;

const errorOf = (res: { status: number; body: { error?: { code: string; details: unknown } } }) => [
  res.status,
  res.body.error?.code,
];

beforeAll(async () => {
  t = await createTestApp();
  buyer = await signUp(t.app, { organisation: buildOrganisation('buyer') });
  supplier = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  const provider = await signUp(t.app, { organisation: buildOrganisation('provider') });
  activity = await activityOf(provider);
});
afterAll(() => t.close());

describe('what the schemas refuse before the database does', () => {
  it.each(['0', '0.0000', '000'])(
    'refuses a measure quantity of %s with a 400 naming the field',
    async (annualQuantity) => {
      const spo = await draftSpo(supplier, await publishedTender(buyer));
      const res = await supplier.agent.post(`/api/spos/${spo.id}/lines`).send({
        activityId: activity.id,
        kind: 'measure',
        measure: { code: 'NT29' },
        annualQuantity,
      });
      expect(errorOf(res)).toEqual([400, 'validation_failed']);
      expect(res.body.error.details).toEqual([
        { path: 'annualQuantity', message: 'must be more than 0' },
      ]);
    },
  );

  it.each([0.001, 0.005, 12.345])(
    'refuses a weighting of %s, finer than the 2 decimals it is stored with',
    async (weightingPct) => {
      const res = await buyer.agent
        .post('/api/tenders')
        .send({ buyerId: orgOf(buyer), ...buildTender(), weightingPct });
      expect(errorOf(res)).toEqual([400, 'validation_failed']);
      expect(res.body.error.details[0].path).toBe('weightingPct');
    },
  );

  it('keeps a weighting with 2 decimals exactly', async () => {
    const res = await buyer.agent
      .post('/api/tenders')
      .send({ buyerId: orgOf(buyer), ...buildTender(), weightingPct: 12.35 });
    expect(res.status).toBe(201);
    expect(res.body.weightingPct).toBe(12.35);
  });

  it('counts a title’s characters as the database does, not in UTF-16 units', async () => {
    const create = (title: string) =>
      buyer.agent.post('/api/tenders').send({ buyerId: orgOf(buyer), ...buildTender(), title });
    // Two characters, four UTF-16 units: too short for the database's CHECK.
    const short = await create('🚓🚑');
    expect(errorOf(short)).toEqual([400, 'validation_failed']);
    expect(short.body.error.details[0].path).toBe('title');
    // 200 characters, 400 UTF-16 units: as long as a title may be.
    const long = await create('🚓'.repeat(200));
    expect(long.status).toBe(201);
    expect(errorOf(await create('🚓'.repeat(201)))).toEqual([400, 'validation_failed']);
  });
});

describe('a database constraint that refuses a write anyway', () => {
  it('answers 409 conflict for a unique key and 400 validation_failed for a CHECK, and logs both', async () => {
    const logged: { message: string; fields?: Record<string, unknown> }[] = [];
    const logger: Logger = {
      info: () => undefined,
      error: (message, fields) => logged.push({ message, fields }),
    };
    const { db } = t.database;
    await sql`CREATE TABLE limits_probe (n integer UNIQUE CHECK (n > 0))`.execute(db);
    await sql`INSERT INTO limits_probe VALUES (1)`.execute(db);
    const app = express();
    app.post('/unique', async () => {
      await sql`INSERT INTO limits_probe VALUES (1)`.execute(db);
    });
    app.post('/check', async () => {
      await sql`INSERT INTO limits_probe VALUES (0)`.execute(db);
    });
    app.use(errorHandler(logger));

    const unique = await request(app).post('/unique');
    expect(errorOf(unique)).toEqual([409, 'conflict']);
    expect(unique.body.error.details).toBeNull();
    const check = await request(app).post('/check');
    expect(errorOf(check)).toEqual([400, 'validation_failed']);
    expect(Array.isArray(check.body.error.details)).toBe(true);
    expect(logged.map((l) => [l.message, l.fields?.sqlState])).toEqual([
      ['database constraint refused a write', '23505'],
      ['database constraint refused a write', '23514'],
    ]);
  });
});
